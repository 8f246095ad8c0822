"""Small helpers shared by the tests."""

from __future__ import annotations

import csv
from pathlib import Path

from lkjip_analysis.config import PROJECT_ROOT

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"


def edit_line(document: Path, number: int, old: str, new: str) -> None:
    """Replace `old` by `new` on line `number` of `document` (must be there)."""
    lines = document.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], (number, old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    document.write_text("\n".join(lines), encoding="utf-8")


def transcription(report: str, kind: str) -> list[dict]:
    """The hand transcription `kind` (pk, capaian, anggaran, captions) of a real report."""
    with (REALDOCS / f"{report}__{kind}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def imported_reports(reports: tuple[str, ...]) -> dict:
    """Each real report read as `lkjip import` reads it; the test skips where one is absent."""
    import pytest

    from lkjip_analysis.impor.pdf import read_pdf

    for report in reports:
        if not (REALDOCS / f"{report}.pdf").exists():
            pytest.skip(f"{REALDOCS / report}.pdf is not here")
    return {report: read_pdf(REALDOCS / f"{report}.pdf") for report in reports}
