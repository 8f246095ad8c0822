"""`lkjip inti`: a year's report read for the SAKIP core alone, for any agency, written to
`data/processed/inti/<year>/` (one CSV per core dataset, and the core's audit), with a summary
of what the report holds and lacks. The folder is written aside and swapped in whole, so a
failed run leaves the previous one as it was."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Paths, validate_year
from ..core.audit import audit_core
from ..core.read import CORE_DATASETS, read_core
from ..data.spreadsheet import people_csv_bytes
from ..i18n import _
from ..markup import printable
from ..reading.source import read_document
from ..safety.atomic import replace_directory
from .recovery import year_run

DATASETS = (*CORE_DATASETS, "realisasi_anggaran_total")
FINDINGS = "temuan_inti.csv"


@dataclass(frozen=True)
class Summary:
    """What `write_core` wrote, and what the report holds and lacks."""

    folder: Path
    rows: dict[str, int]
    tables: dict[str, list[str]]
    absent: list[str]
    notes: list[str]
    checks: dict[str, int]

    def lines(self) -> list[str]:
        """The summary for the terminal, in the user's language, safe to print."""
        held = [_("  {name}: {rows} rows ({tables})").format(
                    name=name, rows=self.rows[name], tables=", ".join(self.tables[name]))
                for name in CORE_DATASETS if self.rows[name]]
        lines = [_("The SAKIP core of this report:"), *held]
        if self.absent:
            lines.append(_("  not in this report: {names}").format(names=", ".join(self.absent)))
        lines.append(_("audit: {total} checks, {agree} agree, {disagree} disagree").format(
            total=sum(self.checks.values()), agree=self.checks.get("cocok", 0),
            disagree=self.checks.get("tidak_cocok", 0)))
        lines += [_("  note: {note}").format(note=note) for note in self.notes]
        lines.append(_("Written: {folder}").format(folder=self.folder))
        return [printable(line) for line in lines]


def write_core(year: int, data_dir: str | Path | None = None) -> Summary:
    """Read the core of `year`'s document, audit it, write it; the summary."""
    paths = Paths.for_year(validate_year(year, data_dir), data_dir)
    core = read_core(read_document(paths.document), year=paths.year)
    findings = audit_core(core)
    folder = paths.data_dir / "processed" / "inti" / str(paths.year)
    files = {f"{name}.csv": people_csv_bytes(getattr(core, name)) for name in DATASETS}
    files[FINDINGS] = people_csv_bytes(findings)
    with year_run(paths, reports=False):
        replace_directory(folder, files)
    frames = {name: getattr(core, name) for name in DATASETS}
    return Summary(folder, {n: len(f) for n, f in frames.items()},
                   {n: sorted({t or _("untitled") for t in f.tabel}) for n, f in frames.items()},
                   core.absent, core.notes, findings.status.value_counts().to_dict())
