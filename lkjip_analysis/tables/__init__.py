"""One spec per report table; `SPECS` lists them in table order."""

from . import anggaran, kinerja, organisasi, perencanaan
from .base import TableSpec
from .fakta import load_figures, read_facts
from .grafik import read_charts
from .instansi import agency_frame

SPECS: tuple[TableSpec, ...] = (
    *organisasi.SPECS, *perencanaan.SPECS, *kinerja.SPECS, *anggaran.SPECS
)

__all__ = ["SPECS", "TableSpec", "agency_frame", "load_figures", "read_charts", "read_facts"]
