"""lkjip-analysis: the tables of an LKjIP report as tidy, traceable pandas datasets.

    >>> from lkjip_analysis import load
    >>> d = load(2020)
    >>> d.realisasi_apbd.head()
"""

from .datasets import Datasets, load
from .errors import LkjipError

__all__ = ["Datasets", "LkjipError", "load"]
__version__ = "0.1.0"
