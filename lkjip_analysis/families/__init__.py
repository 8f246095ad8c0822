"""Families of reports: the tables one agency's reports share year after year, each family a
folder of data (`definition`) on top of the SAKIP core that any agency's report has (`core`).
A report is read as the first family whose tables it shows (`recognition.locate`), else by its
core alone."""

from pathlib import Path

from .definition import Family, load_family
from .fakta import load_figures, read_facts
from .spec import Mistyped, TableSpec

FAMILIES: tuple[Family, ...] = tuple(
    load_family(folder) for folder in sorted(Path(__file__).parent.iterdir())
    if (folder / "keluarga.yaml").is_file())
KALTIM = next(family for family in FAMILIES if family.key == "kaltim_dinsos")
# what tabel.yaml may name: every family's tables
TABLE_NAMES = tuple(dict.fromkeys(spec.name for family in FAMILIES for spec in family.specs))

__all__ = ["FAMILIES", "KALTIM", "TABLE_NAMES", "Family", "Mistyped", "TableSpec",
           "load_family", "load_figures", "read_facts"]
