"""Many reports at once (`lkjip batch`): each report imported, extracted and audited on Dask
distributed, into one collection across agencies and years.

- `sources`: which reports a source folder holds, with their agency and year;
- `task`: one report, start to end (no Dask);
- `collection`: the collection's files, `load_collection()` (no Dask);
- `page`: the cross-agency page;
- `run`: the driver, the only module that imports Dask.
"""
