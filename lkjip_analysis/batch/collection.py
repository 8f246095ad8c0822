"""The collection a batch writes under its `--out` folder, and its reading back.

```
koleksi/
  ringkasan.csv                       one row per report (RINGKASAN_COLUMNS)
  index.html, halaman/                the cross-agency pages (page.py)
  inti -> terbitan/<n>                what readers read: the last publication (publish.py)
  terbitan/<n>/<dataset>.parquet      a publication: each core dataset of every report read,
                                      one file, with `instansi` and `tahun` columns
  bagian/<dataset>/<instansi>_<tahun>.parquet
                                      each report's parts, as its worker wrote them: the
                                      batch's working store, published at its end
  laporan/<instansi>/data/…           each report's data and reports folders, as the
  laporan/<instansi>/reports/…        single-report commands write them
  status/<instansi>_<tahun>.json      each report's last outcome: what a rerun skips
```

The collection holds the reports whose last run ended `selesai`: a report the batch refused
(`gagal`), or no longer in the source, leaves it; one cut short by a passing error
(`terhenti`: a disk full, a worker lost) keeps its earlier parts until its new ones are
written. A rerun trusts a status record only with its parts present. Readers never see the
working store: they read a publication, swapped in whole once the batch is done. Nothing here
imports Dask.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ..errors import LkjipError
from ..i18n import _
from ..safety.atomic import write_bytes

SELESAI, GAGAL, TERHENTI = "selesai", "gagal", "terhenti"  # read; refused by it; cut short
DONE = (SELESAI, GAGAL)  # outcomes a rerun of the same input would only repeat
COLLECTED = ("perjanjian_kinerja", "capaian_kinerja", "realisasi_anggaran",
             "realisasi_anggaran_total", "temuan_audit", "catatan_baca")
RINGKASAN_COLUMNS = (
    "instansi", "nama_instansi", "tahun", "berkas", "sha256", "status", "halaman", "dataset_ada",
    "dataset_tidak_ada", "temuan_cocok", "temuan_tidak_cocok", "temuan_tidak_disebut",
    "indikator_diukur", "indikator_tercapai", "tabel_anggaran", "anggaran", "realisasi",
    "serapan", "tidak_terbaca", "detik", "diproses", "pesan")
COUNT_COLUMNS = ("tahun", "halaman", "temuan_cocok", "temuan_tidak_cocok",
                 "temuan_tidak_disebut", "indikator_diukur", "indikator_tercapai",
                 "tidak_terbaca")
STATUS_BYTES = 1 << 20


class CollectionError(LkjipError):
    """A collection folder that cannot be read back."""


def report_folder(out: Path, slug: str) -> Path:
    """The report's own data and reports folders' parent."""
    return out / "laporan" / slug


def status_file(out: Path, name: str) -> Path:
    """The report's last outcome, with the key of the inputs it came from."""
    return out / "status" / f"{name}.json"


def part_file(out: Path, dataset: str, year: int, slug: str) -> Path:
    """The report's part of a collected dataset, in the batch's working store."""
    return out / "bagian" / dataset / f"{slug}_{year}.parquet"


def read_status(out: Path, name: str) -> dict | None:
    """The report's last recorded outcome, or None (none, or not one this code wrote)."""
    path = status_file(out, name)
    if not path.is_file() or path.is_symlink() or path.stat().st_size > STATUS_BYTES:
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) and set(record) >= {"kunci", "status"} else None


def write_status(out: Path, name: str, record: dict) -> None:
    """Keep the report's outcome (its row and the key of its inputs), written whole."""
    data = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    write_bytes(status_file(out, name), (data + "\n").encode("utf-8"))


def write_parts(out: Path, slug: str, year: int, instansi: str,
                frames: dict[str, pd.DataFrame], name: str = "") -> None:
    """The report's core datasets, each as its part of the collection (written whole), with
    its key (`instansi`) and the agency as the document names it (`nama_instansi`)."""
    for dataset in COLLECTED:
        frame = frames[dataset].copy()
        frame.insert(0, "instansi", pd.Series(instansi, index=frame.index, dtype="str"))
        frame.insert(1, "tahun", pd.Series(year, index=frame.index, dtype="int64"))
        frame.insert(2, "nama_instansi", pd.Series(name or instansi, index=frame.index,
                                                   dtype="str"))
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        write_bytes(part_file(out, dataset, year, slug), buffer.getvalue())


def has_parts(out: Path, slug: str, year: int) -> bool:
    """Whether every part of the report is in the collection."""
    return all(part_file(out, dataset, year, slug).is_file() for dataset in COLLECTED)


def remove_parts(out: Path, slug: str, year: int) -> None:
    """The report leaves the collection (it was not read this time)."""
    for dataset in COLLECTED:
        part_file(out, dataset, year, slug).unlink(missing_ok=True)


def prune(out: Path, kept: set[tuple[int, str]], listed: set[str]) -> None:
    """Parts of reports not in `kept` ((year, slug) of each report the collection holds) and
    status records of reports not in `listed` (the names of the source's reports) leave the
    working store; nothing else under `out` is touched, no link followed."""
    status = out / "status"
    if status.is_dir() and not status.is_symlink():
        for record in status.glob("*.json"):
            if record.stem not in listed and not record.is_symlink():
                record.unlink()
    names = {f"{slug}_{year}" for year, slug in kept}
    for dataset in COLLECTED:
        folder = out / "bagian" / dataset
        if not folder.is_dir() or folder.is_symlink():
            continue
        for part in folder.glob("*.parquet"):
            if part.stem not in names:
                part.unlink()


def write_ringkasan(out: Path, rows: list[dict]) -> Path:
    """`ringkasan.csv`: one row per report, by agency and year."""
    frame = pd.DataFrame(rows, columns=list(RINGKASAN_COLUMNS))
    frame = frame.astype({column: "Int64" for column in COUNT_COLUMNS})
    frame = frame.sort_values(["instansi", "tahun"], kind="stable", na_position="last")
    path = out / "ringkasan.csv"
    write_bytes(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return path


def load_collection(out: str | Path = "koleksi", dataset: str | None = None) -> pd.DataFrame:
    """A batch's collection read back: `ringkasan` (one row per report) when `dataset` is None,
    else the core dataset of every report read (`capaian_kinerja`, `perjanjian_kinerja`,
    `realisasi_anggaran`, `realisasi_anggaran_total`, `temuan_audit`, `catatan_baca`) with
    its `instansi` and `tahun` columns, as the last batch published it (whole, even while
    another batch runs)."""
    from .publish import published_file

    root = Path(out).expanduser().resolve()
    if dataset is None:
        path = root / "ringkasan.csv"
        if not path.is_file():
            raise CollectionError(_("{path} not found: run `lkjip batch SOURCE --out {out}` "
                                    "first").format(path=path, out=out))
        return pd.read_csv(path, dtype={"sha256": "str", "berkas": "str", "pesan": "str",
                                        "nama_instansi": "str"}
                           | {column: "Int64" for column in COUNT_COLUMNS})
    if dataset not in COLLECTED:
        raise CollectionError(_("{dataset} is not in the collection; it holds {names}").format(
            dataset=dataset, names=", ".join(COLLECTED)))
    path = published_file(root, dataset)
    frame = pd.read_parquet(path) if path is not None else None
    if frame is None or frame.empty:
        raise CollectionError(_("{folder} holds no report's {dataset}").format(
            folder=root / "inti", dataset=dataset))
    return frame
