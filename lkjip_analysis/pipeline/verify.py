"""`lkjip verify`: rebuild a year in a temporary folder and compare it with the manifest."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from ..config import Paths, validate_year
from ..errors import LkjipError
from ..i18n import N_, _
from . import manifest

AGREE = {"same", "volatile", "derived"}


def verify(year: int, data_dir=None, reports_dir=None,
           details: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(status, key) for every input and output of the year's manifest: the files on disk
    and a rebuild from the same raw data in a temporary folder must both match it. A PDF is
    checked through the HTML it was printed from (`derived`). Status `same`, `volatile` or
    `derived` means reproduced; `differs`, `missing` or `new` does not. `details`, when
    given, receives for a CSV that differs its first differing row and value."""
    from .pipeline import build

    paths = Paths.for_year(validate_year(year, data_dir), data_dir, reports_dir)
    expected = manifest.load(paths.manifest)  # ManifestError when altered: its parameters
    if expected is None:                      # must never reach a notebook unchecked
        raise LkjipError(_("no manifest at {path}: run `lkjip build --year {year}` first").format(
            path=paths.manifest, year=year))
    with tempfile.TemporaryDirectory(prefix="lkjip-verify-") as tmp:
        data = Path(tmp) / "data"
        _copy_inputs(paths, data)
        folder = build(year, data, Path(tmp) / "reports", parameters=expected["parameters"],
                       force=True)
        actual = manifest.read(folder / "manifest.json") or {}
        on_disk = {"inputs": manifest.hashes(manifest.input_files(paths)),
                   "outputs": manifest.hashes(manifest.output_files(paths.processed,
                                                                    paths.reports))}
        rows = []
        for part in ("inputs", "outputs"):
            rebuilt = manifest.compare(expected[part], actual.get(part, {}))
            # on disk, in the folder it was built in, even an executed notebook is as recorded
            present = dict((k, s) for s, k in manifest.compare(expected[part], on_disk[part],
                                                                excuse_volatile=False))
            rows += [(_worse(status, present.get(key, "new")), key) for status, key in rebuilt]
        if details is not None:
            rebuilt_paths = Paths.for_year(year, data, Path(tmp) / "reports")
            details |= {key: _first_difference(_output(paths, key), _output(rebuilt_paths, key))
                        for status, key in rows
                        if status == "differs" and key.endswith(".csv")
                        and not key.startswith("data/")}
    derived = expected["derived"]
    rows += [(manifest.derived_status(paths.reports, key, entry), key)
             for key, entry in derived.items()]
    return rows + [("new", key) for key in manifest.derived_on_disk(paths.reports)
                   if key not in derived]


def _output(paths: Paths, key: str) -> Path:
    """The file an output key names: `processed/x.csv`, `reports/x.csv`."""
    folder, _slash, name = key.partition("/")
    return (paths.processed if folder == "processed" else paths.reports) / name


def _first_difference(present: Path, rebuilt: Path) -> str:
    """Where two versions of a CSV first differ: the row (its first cell, as an id) and the
    column, with both values."""
    import csv

    if not present.is_file() or not rebuilt.is_file():
        return ""
    with present.open(encoding="utf-8", newline="") as mine, \
            rebuilt.open(encoding="utf-8", newline="") as theirs:
        ours, redone = list(csv.reader(mine)), list(csv.reader(theirs))
    header = redone[0] if redone else []
    for number, (row, other) in enumerate(zip(ours, redone, strict=False), start=1):
        for column, (value, again) in enumerate(zip(row, other, strict=False)):
            if value != again:
                name = header[column] if column < len(header) else str(column + 1)
                return _("line {line} ({first}), column {column}: {present!r} in the folder, "
                         "{rebuilt!r} rebuilt").format(
                             line=number, first=row[0], column=name, present=value,
                             rebuilt=again)
    return _("{present} lines in the folder, {rebuilt} rebuilt").format(
        present=len(ours), rebuilt=len(redone))


def _copy_inputs(paths: Paths, data: Path) -> None:
    """The year's raw inputs (and nothing else a data folder may hold) copied under `data`."""
    for key, source in manifest.input_files(paths).items():
        if key.startswith("data/"):
            target = data / key.removeprefix("data/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def _worse(rebuilt: str, present: str) -> str:
    """The rebuild's status, unless the file on disk disagrees with the manifest."""
    return rebuilt if rebuilt not in AGREE or present in AGREE else present


def reproduced(rows: list[tuple[str, str]]) -> bool:
    """True when every row is `same` or `volatile`."""
    return all(status in AGREE for status, _key in rows)


def shown_key(key: str, year: int) -> str:
    """A manifest key as a path from the project: `reports/x` is `reports/<year>/x`."""
    for folder, shown in (("processed/", f"data/processed/{year}/"),
                          ("reports/", f"reports/{year}/")):
        if key.startswith(folder):
            return shown + key.removeprefix(folder)
    return key


# each outcome as a file's line shows it, and as the summary counts it
STATUS_WORDS = {"same": N_("same"), "differs": N_("differs"), "missing": N_("missing"),
                "new": N_("new"), "volatile": N_("not compared"), "derived": N_("derived")}
SUMMARY_WORDS = {"same": N_("same"), "differs": N_("differ"), "missing": N_("missing"),
                 "new": N_("new (not recorded in the manifest)"),
                 "volatile": N_("not compared (they change every run)"),
                 "derived": N_("checked through their source (the PDF from its HTML)")}


def status_line(status: str, key: str, year: int) -> str:
    """One file's outcome: `berbeda  reports/2020/notebooks/01_sdm.ipynb`."""
    return f"{_(STATUS_WORDS[status]):<9} {shown_key(key, year)}"


def verify_summary(rows: list[tuple[str, str]]) -> str:
    """The count of each outcome: `116 sama, 1 berbeda, 5 tidak dibandingkan (berubah setiap
    run)`."""
    counts = Counter(status for status, _key in rows)
    parts = [f"{counts[status]} {_(word)}" for status, word in SUMMARY_WORDS.items()
             if counts[status]]
    return _("{count} files: {parts}").format(count=len(rows), parts=", ".join(parts))
