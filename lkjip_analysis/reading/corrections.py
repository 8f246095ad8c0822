"""`koreksi.yaml`: documented corrections of typos in the source, applied with an audit trail.

Each entry fixes exactly one cell: the table, the line, the dataset column, the text as written
(`tertulis`), the value used (`dipakai`) and the reason (`alasan`). An entry whose line does not
hold that text, or that no table asks for, stops the extraction: a correction never applies to
anything but the typo it documents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..errors import CorrectionError, SourceError
from ..i18n import _
from . import yamlfile
from .source import Document

FIELDS = ("tabel", "baris", "kolom", "tertulis", "dipakai", "alasan")


@dataclass(frozen=True)
class Correction:
    table: str
    line: int
    column: str
    raw: str
    value: float
    reason: str
    entry_line: int | None = None  # where the entry starts in koreksi.yaml


@dataclass
class Corrections:
    path: Path
    entries: tuple[Correction, ...] = ()
    used: set[Correction] = field(default_factory=set)

    def lookup(self, table: str, line: int, column: str, raw: str) -> Correction | None:
        """The correction for exactly this cell, marked as used, or None."""
        for entry in self.entries:
            if (entry.table, entry.line, entry.column, entry.raw) == (table, line, column, raw):
                self.used.add(entry)
                return entry
        return None

    def check_against(self, document: Document) -> None:
        """Every entry must name a line that holds its raw text."""
        for entry in self.entries:
            held = (
                document.line(entry.line).split("\t")
                if 0 < entry.line <= len(document.lines)
                else []
            )
            if entry.raw not in (cell.strip() for cell in held):
                problem = (_("which does not hold it") if held else
                           _("while the document has only {count} lines").format(
                               count=len(document.lines)))
                raise CorrectionError(
                    _("the entry names document line {line} ({document}) for {raw!r}, "
                      "{problem}").format(line=entry.line, document=document.path.name,
                                          raw=entry.raw, problem=problem),
                    file=self.path, line=entry.entry_line, table=entry.table,
                    column=entry.column, raw=entry.raw,
                    hint=_("Fix 'baris' or 'tertulis' of the entry on line {line} of "
                           "koreksi.yaml").format(line=entry.entry_line),
                )

    def check_all_used(self) -> None:
        unused = [e for e in self.entries if e not in self.used]
        if unused:
            e = unused[0]
            raise CorrectionError(
                _("correction not applied: no table reads that cell as that column"),
                file=self.path, line=e.line, table=e.table, column=e.column, raw=e.raw,
                hint=_("Check 'tabel' and 'kolom' in koreksi.yaml"),
            )

    def as_frame(self) -> pd.DataFrame:
        """The corrections as a dataset, for auditors."""
        rows = [
            {"tabel": e.table, "baris_sumber": e.line, "kolom": e.column, "tertulis": e.raw,
             "dipakai": e.value, "alasan": e.reason}
            for e in sorted(self.entries, key=lambda e: e.line)
        ]
        return pd.DataFrame(rows, columns=["tabel", "baris_sumber", "kolom", "tertulis",
                                           "dipakai", "alasan"])


def load_corrections(path: str | Path) -> Corrections:
    """Load `koreksi.yaml` (safe YAML, with limits); a missing file means no corrections."""
    path = Path(path)
    if not path.exists():
        return Corrections(path)
    try:
        data, node = yamlfile.read(path, _("Fix the YAML: plain values only, no tags or "
                                           "aliases"))
    except SourceError as exc:
        raise CorrectionError(exc.message, file=path, line=exc.line, hint=exc.hint) from None
    entries = (data or {}).get("koreksi") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorrectionError(_("koreksi.yaml must hold a list under 'koreksi:'"), file=path)
    starts = _entry_lines(node)
    return Corrections(path, tuple(
        _entry(item, i, path, starts[i - 1] if i <= len(starts) else None)
        for i, item in enumerate(entries, 1)))


def _entry_lines(node) -> list[int]:
    """The line of koreksi.yaml where each entry of the list starts."""
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "koreksi" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _entry(item: object, index: int, path: Path, line: int | None) -> Correction:
    missing = [f for f in FIELDS if not isinstance(item, dict) or item.get(f) in (None, "")]
    if missing:
        raise CorrectionError(_("correction #{index} lacks {fields}").format(
            index=index, fields=", ".join(missing)), file=path, line=line,
            hint=_("Every entry needs: {fields}").format(fields=", ".join(FIELDS)))
    value = item["dipakai"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CorrectionError(_("correction #{index}: 'dipakai' must be a plain number").format(
            index=index), file=path, line=line, raw=str(value))
    if isinstance(item["baris"], bool) or not isinstance(item["baris"], int):
        raise CorrectionError(_("correction #{index}: 'baris' must be a line number").format(
            index=index), file=path, line=line, raw=str(item["baris"]))
    return Correction(str(item["tabel"]), item["baris"], str(item["kolom"]),
                      str(item["tertulis"]), value, str(item["alasan"]), line)
