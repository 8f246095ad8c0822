"""lkjip-analysis: the tables of an LKjIP report as tidy, traceable pandas datasets.

    >>> from lkjip_analysis import load
    >>> d = load(2020)
    >>> d.realisasi_apbd.head()

`load` and `Datasets` are imported on first use, so that `lkjip --help` starts fast.
"""

from .errors import LkjipError

__all__ = ["Datasets", "LkjipError", "load"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("Datasets", "load"):
        from . import datasets

        return getattr(datasets, name)
    raise AttributeError(f"module 'lkjip_analysis' has no attribute {name!r}")
