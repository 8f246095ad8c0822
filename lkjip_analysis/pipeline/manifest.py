"""The manifest: hashes of every input and output of a build, with its parameters and the
versions that made it, so that a rerun can prove it reproduces the outputs (`lkjip verify`)
and an unchanged build can be skipped.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from ..config import NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT, Paths, available_years
from ..errors import LkjipError, ParameterError
from ..i18n import _
from ..safety.hashing import sha256

KEY_PACKAGES = ("pandas", "numpy", "pandera", "openpyxl", "babel", "matplotlib", "seaborn",
                "papermill", "nbconvert", "nbformat", "ipykernel", "pyyaml")
# Executed notebooks record the folders they ran in (papermill's injected parameters), so a
# rerun elsewhere differs there; everything else must be byte-identical.
VOLATILE = {"reports/notebooks/": "executed notebooks hold the run's own folder paths in "
                                  "their injected-parameters cell"}
# A PDF printed by Chromium is not byte-reproducible (it stamps its own dates and ids): it is
# recorded as derived from the HTML it was printed from, and verified through that link.
DERIVED = {".pdf": ".html"}


_HEX = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(LkjipError):
    """A manifest that cannot be read, or whose content is not what a build writes: truncated,
    hand-edited or tampered with."""


def input_files(paths: Paths) -> dict[str, Path]:
    """Every input of a year's build, keyed by a path relative to its root. Only the files a
    load reads count: a stray file in a year's folder is neither hashed nor trusted."""
    files = {}
    for year in [y for y in available_years(paths.data_dir) if y <= paths.year]:
        # earlier years too: the year's trend figures show the series up to it
        files |= {f"data/raw/{p.relative_to(paths.raw_root).as_posix()}": p
                  for p in Paths.for_year(year, paths.data_dir).input_files}
    if paths.budget_history.exists():
        files["data/raw/" + paths.budget_history.name] = paths.budget_history
    polarity = paths.indicator_polarity
    if polarity.exists():
        files["data/" + polarity.relative_to(paths.data_dir).as_posix()] = polarity
    files |= {f"notebooks/{p.name}": p for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))}
    return files | code_files()


def code_files() -> dict[str, Path]:
    """The package's code and templates, keyed `lkjip_analysis/…`."""
    return {f"lkjip_analysis/{p.relative_to(PACKAGE_DIR)}": p
            for p in sorted(PACKAGE_DIR.rglob("*"))
            if p.is_file() and p.suffix in (".py", ".j2", ".json", ".yaml")
            and "__pycache__" not in p.parts}


def processed_files(processed: Path) -> dict[str, Path]:
    """The processed datasets of a year, keyed `processed/…`."""
    return {f"processed/{p.name}": p for p in sorted(processed.iterdir()) if p.is_file()}


def output_files(processed: Path, reports: Path) -> dict[str, Path]:
    """Every output of a build, keyed by `processed/…` or `reports/…`."""
    files = processed_files(processed)
    files |= {f"reports/{p.relative_to(reports).as_posix()}": p
              for p in sorted(reports.rglob("*"))
              if p.is_file() and p.name != "manifest.json" and "failed" not in p.parts
              and p.suffix not in DERIVED}
    return files


def derived_on_disk(reports: Path) -> dict[str, Path]:
    """The derived outputs (PDFs) in a reports folder, keyed `reports/…`."""
    return {f"reports/{p.name}": p
            for suffix in DERIVED for p in sorted(reports.glob(f"*{suffix}"))}


def derived_files(reports: Path) -> dict[str, dict[str, str]]:
    """Each derived output (a PDF) with its own hash, the output it was made from and that
    one's hash."""
    found = {}
    for key, path in derived_on_disk(reports).items():
        source = path.with_suffix(DERIVED[path.suffix])
        if source.exists():
            found[key] = {"sha256": sha256(path), "dari": f"reports/{source.name}",
                          "sha256_dari": sha256(source)}
    return found


def derived_status(reports: Path, key: str, entry: dict) -> str:
    """`derived` when the derived file on disk is the one recorded and the output it was made
    from is still the one it was made from, else `missing` or `differs`."""
    made = reports / key.removeprefix("reports/")
    source = reports / entry["dari"].removeprefix("reports/")
    if not made.exists() or not source.exists():
        return "missing"
    same = sha256(made) == entry["sha256"] and sha256(source) == entry["sha256_dari"]
    return "derived" if same else "differs"


def derived_ok(record: dict, reports: Path, wanted: str) -> bool:
    """True when the manifest `record` holds the derived output `wanted` (`reports/…pdf`),
    and every derived output it records is on disk as recorded, made from the output it
    records."""
    derived = record.get("derived", {})
    return wanted in derived and all(
        entry["sha256_dari"] == record.get("outputs", {}).get(entry["dari"])
        and derived_status(reports, key, entry) == "derived"
        for key, entry in derived.items())


def hashes(files: dict[str, Path]) -> dict[str, str]:
    """SHA-256 of each file, by key."""
    return {key: sha256(path) for key, path in files.items()}


def notebook_key(input_hashes: dict[str, str], notebook: str, parameters: dict) -> str:
    """What a notebook's outputs depend on: itself, the data, the code and the parameters."""
    shared = {k: v for k, v in input_hashes.items() if not k.startswith("notebooks/")}
    payload = json.dumps([shared, input_hashes.get(f"notebooks/{notebook}.ipynb"),
                          parameters], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def versions() -> dict[str, str]:
    """Python's and the key packages' versions."""
    found = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def git_commit() -> str | None:
    """The project's git commit, or None outside a checkout."""
    try:
        done = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def make(paths: Paths, parameters: dict, inputs: dict[str, str], notebooks: dict[str, str],
         processed: Path, reports: Path) -> dict:
    """The manifest of a build."""
    return {
        "year": paths.year,
        "parameters": parameters,
        "inputs": inputs,
        "notebooks": notebooks,
        "outputs": hashes(output_files(processed, reports)),
        "derived": derived_files(reports),
        "volatile": VOLATILE,
        "versions": versions(),
        "git_commit": git_commit(),
    }


def to_bytes(manifest: dict) -> bytes:
    """The manifest as stable JSON (sorted keys, no timestamps)."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def read(path: Path) -> dict | None:
    """A manifest file as JSON, or None when absent, unreadable or not a JSON object."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def load(path: Path) -> dict | None:
    """A year's manifest, checked to be what a build writes; None when there is none.
    Its parameters are checked like `-p` ones, since a rebuild passes them to the notebooks.
    Raises `ManifestError` for a manifest that is unreadable, truncated or altered."""
    if not path.exists():
        return None
    record = read(path)
    if record is None:
        raise ManifestError(_("manifest {path} is unreadable (truncated or not JSON)").format(
            path=path))
    problem = _shape_problem(record)
    if problem is None:
        from .parameters import check_parameters

        try:
            check_parameters(record["parameters"])
        except ParameterError as exc:
            problem = _("its parameters are not the notebooks' ({error})").format(error=exc)
    if problem:
        raise ManifestError(_("manifest {path} has been altered: {problem}").format(
            path=path, problem=problem))
    return record


def _shape_problem(record: dict) -> str | None:
    """What in `record` a build would not have written, or None."""
    if isinstance(record.get("year"), bool) or not isinstance(record.get("year"), int):
        return _("'year' is not a year")
    if not isinstance(record.get("parameters"), dict):
        return _("'parameters' is not a mapping")
    for part in ("inputs", "outputs", "notebooks"):
        table = record.get(part)
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and _HEX.match(v)
                for k, v in table.items()):
            return _("'{part}' is not a mapping of files to SHA-256 hashes").format(part=part)
    derived = record.get("derived", {})
    if not isinstance(derived, dict) or not all(
            isinstance(e, dict) and isinstance(e.get("dari"), str)
            and all(isinstance(e.get(h), str) and _HEX.match(e[h]) for h in
                    ("sha256", "sha256_dari")) for e in derived.values()):
        return _("'derived' does not hold a hash and a source for each file")
    return None


def is_volatile(key: str) -> bool:
    """True for outputs that may differ between runs in other folders."""
    return any(key.startswith(prefix) for prefix in VOLATILE)


def compare(expected: dict, actual: dict,
            excuse_volatile: bool = True) -> list[tuple[str, str]]:
    """(status, key) for every output: `same`, `differs`, `missing`, `new` or (unless not
    `excuse_volatile`) `volatile`."""
    rows = []
    for key in sorted(set(expected) | set(actual)):
        if excuse_volatile and is_volatile(key):
            rows.append(("volatile", key))
        elif key not in actual:
            rows.append(("missing", key))
        elif key not in expected:
            rows.append(("new", key))
        else:
            rows.append(("same" if expected[key] == actual[key] else "differs", key))
    return rows
