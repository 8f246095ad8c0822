"""The SAKIP core of any agency's LKjIP (PermenPAN-RB 53/2014): the performance agreement, the
measurement of performance and the budget realisation, read by meaning from whatever tables
the report holds (`read`), each value kept as written and as a number only where its form is
certain (`values`). The families of reports (`families`: the Kaltim Dinas Sosial one, …) sit
on top of it.

`read_core` and `Core` are imported on first use: `values` alone serves the importer, which
must not load pandas."""

__all__ = ["Core", "read_core"]


def __getattr__(name: str):
    if name in __all__:
        from . import read

        return getattr(read, name)
    raise AttributeError(f"module 'lkjip_analysis.core' has no attribute {name!r}")
