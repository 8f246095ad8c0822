"""Families of reports: the tables one agency's reports share year after year, each family a
folder of data (`definition`) on top of the SAKIP core that any agency's report has (`core`).
A report is read as the first family whose tables it shows (`recognition.locate`), else by its
core alone.

`FAMILIES`, `KALTIM` and `TABLE_NAMES` are read from the family folders on first use, not when
the package is imported."""

from functools import cache
from pathlib import Path

from .definition import Family, load_family
from .fakta import load_figures, read_facts
from .spec import Mistyped, TableSpec

__all__ = ["FAMILIES", "KALTIM", "TABLE_NAMES", "Family", "Mistyped", "TableSpec",
           "load_family", "load_figures", "read_facts"]


@cache
def _families() -> tuple[Family, ...]:
    return tuple(load_family(folder) for folder in sorted(Path(__file__).parent.iterdir())
                 if (folder / "keluarga.yaml").is_file())


def __getattr__(name: str):
    if name == "FAMILIES":
        return _families()
    if name == "KALTIM":
        return next(family for family in _families() if family.key == "kaltim_dinsos")
    if name == "TABLE_NAMES":  # what tabel.yaml may name: every family's tables
        return tuple(dict.fromkeys(spec.name for family in _families() for spec in family.specs))
    raise AttributeError(f"module 'lkjip_analysis.families' has no attribute {name!r}")
