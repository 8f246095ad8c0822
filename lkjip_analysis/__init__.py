"""lkjip-analysis: the tables of an LKjIP report as tidy, traceable pandas datasets.

    >>> from lkjip_analysis import load
    >>> d = load(2020)
    >>> d.realisasi_apbd.head()
    >>> from lkjip_analysis import load_series
    >>> load_series().anggaran_tahunan     # every year, from every report
    >>> from lkjip_analysis import load_collection
    >>> load_collection("koleksi", "capaian_kinerja")   # every agency of a `lkjip batch`

`load`, `Datasets` and the modules `analysis`, `audit`, `metrics`, `numbers` and `plots` are
imported on first use, so that `lkjip --help` starts fast.
"""

from .errors import LkjipError

__all__ = ["Datasets", "LkjipError", "load", "load_collection", "load_series"]
__version__ = "0.1.0"


MODULES = ("analysis", "audit", "metrics", "numbers", "plots")


def __getattr__(name: str):
    import importlib

    if name == "Datasets":
        return importlib.import_module(".data.datasets", __name__).Datasets
    if name == "load":  # the datasets with the audit's findings
        return importlib.import_module(".pipeline.steps", __name__).load
    if name == "load_series":
        return importlib.import_module(".lintas_tahun", __name__).load_series
    if name == "load_collection":  # pandas only: reading a collection needs no Dask
        return importlib.import_module(".batch.collection", __name__).load_collection
    if name in MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'lkjip_analysis' has no attribute {name!r}")
