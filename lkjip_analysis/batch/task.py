"""One report of a batch, start to end, as the single-report commands do it: `lkjip import`,
then `lkjip audit` (extract and audit) or, with `--report`, `lkjip build`; then its part of
the collection and its outcome. It runs on a Dask worker but imports nothing of Dask: a plain
function of plain data, whatever the report does it returns its row of `ringkasan.csv`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import LkjipError
from ..i18n import _
from ..markup import printable
from ..safety.hashing import sha256
from ..safety.processes import remove_orphans, scratch
from . import collection
from .collection import GAGAL, SELESAI, TERHENTI
from .sources import Report

log = logging.getLogger("lkjip")
MESSAGE_CHARACTERS = 500
PASSING_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.ENOMEM, errno.EAGAIN,
                  errno.EBUSY, errno.ETIMEDOUT, errno.ESTALE, errno.EROFS, errno.EMFILE,
                  errno.ENFILE}


@dataclass(frozen=True)
class Job:
    """What a worker needs for one report (its document's bytes travel beside it, to a
    cluster without the source folder)."""

    report: Report
    out: Path
    key: str  # the hash of everything the outcome depends on: a rerun with the same skips
    sha256: str
    with_report: bool


def process(job: Job, document: bytes | None = None, after: dict | None = None) -> dict:
    """Run the report on this worker, in a child process bounded in memory; its row of
    `ringkasan.csv`, also kept as its status record. `document` holds the file's bytes when
    they travelled to the worker, else the child reads the file. `after` is the row of the
    agency's earlier year, when the batch had it wait for that one."""
    from .child import OutOfBounds, run_in_child

    remove_orphans()  # the scratch folders of workers killed before
    try:
        with scratch("batch") as folder:
            return run_in_child(job, _placed(job, document, folder))
    except OutOfBounds as exc:
        row = failed(job.report, job.sha256, GAGAL, str(exc))
        collection.remove_parts(job.out, job.report.slug, job.report.tahun)
        collection.write_status(job.out, job.report.name, row | {"kunci": job.key})
        return row | {"kunci": job.key}
    except (ChildProcessError, OSError, ValueError) as exc:  # killed, or no row printed
        return cut_short(job, exc)


def report_row(job: Job, document: Path) -> dict:
    """Run the report (in its child process) from `document`, the file as received; its
    row, kept as its status record too."""
    started = time.monotonic()
    notes: list[str] = []
    try:
        with _kept_notes(notes):
            row = _run(job, document)
    except Exception as exc:  # a report's own problem never stops the batch
        if passing(exc):
            return cut_short(job, exc)
        if not isinstance(exc, LkjipError):
            log.exception("%s", job.report.name)
        row = failed(job.report, job.sha256, GAGAL, printable(exc) if isinstance(
            exc, LkjipError) else _("unexpected error {kind}: {message}").format(
                kind=type(exc).__name__, message=printable(exc)))
    row["detik"] = round(time.monotonic() - started, 1)
    if row["status"] != SELESAI:
        collection.remove_parts(job.out, job.report.slug, job.report.tahun)
    row["kunci"] = job.key
    collection.write_status(job.out, job.report.name, row | {"catatan_proses": notes})
    return row


def passing(exc: BaseException) -> bool:
    """Whether `exc`, or what caused it, is an error of the moment (a disk full, memory short,
    a storage or network failure) that a later run would not meet: the report is cut short and
    tried again, never counted as refused."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MemoryError | TimeoutError | ConnectionError):
            return True
        if isinstance(exc, OSError) and exc.errno in PASSING_ERRNOS:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def cut_short(job: Job, exc: BaseException) -> dict:
    """The row of a report cut short by a passing error: `terhenti`, tried again by the next
    run. Its earlier status record and parts stay as they were (its new ones were not all
    written), so the collection holds its last good reading until a run replaces it."""
    kept = collection.has_parts(job.out, job.report.slug, job.report.tahun)
    message = _("cut short by a passing error ({kind}: {message}); the next run tries again")
    if kept:
        message += _("; its earlier reading stays in the collection")
    row = failed(job.report, job.sha256, TERHENTI, message.format(
        kind=type(exc).__name__, message=printable(exc)))
    row["detik"] = None
    last = collection.read_status(job.out, job.report.name)
    if last is None or last["status"] != SELESAI:
        with contextlib.suppress(OSError):  # the disk may still be full
            collection.write_status(job.out, job.report.name, row | {"kunci": job.key})
    return row


@contextmanager
def _kept_notes(notes: list[str]) -> Iterator[None]:
    """The warnings the single-report commands would log, kept in the report's status record
    instead of the worker's terminal (where no one reads them)."""

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(printable(record.getMessage())[:MESSAGE_CHARACTERS])

    handler = Keep(logging.WARNING)
    propagate = log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


def failed(report: Report, digest: str, status: str, message: str) -> dict:
    """The row of a report that was not read, its reason in `pesan`."""
    return {"instansi": report.instansi, "tahun": report.tahun, "berkas": report.document.name,
            "sha256": digest, "status": status, "diproses": True,
            "pesan": message.strip()[:MESSAGE_CHARACTERS]}


def _run(job: Job, document: Path) -> dict:
    from ..importing import import_document

    report = job.report
    folder = collection.report_folder(job.out, report.slug)
    data, reports = folder / "data", folder / "reports"
    if sha256(document) != job.sha256:
        raise LkjipError(_("{name} changed while the batch ran: run the batch again").format(
            name=report.document.name))
    (data / "raw" / str(report.tahun) / "instansi.txt").unlink(missing_ok=True)
    review = import_document(document, report.tahun, data, force=True,
                             agency=report.instansi, agency_if_unnamed=True)
    _copy_side_files(report, data)
    if job.with_report:
        from ..pipeline.pipeline import build

        build(report.tahun, data, reports, jobs=1)
    else:
        from ..pipeline.steps import run_audit

        run_audit(report.tahun, data, reports)
    return _outcome(job, data, reports, review.pages)


def _placed(job: Job, document: bytes | None, scratch: Path) -> Path:
    """The document as received: the bytes that travelled, written to the worker's scratch
    folder under the file's name, or the file itself."""
    if document is None:
        return job.report.document
    path = scratch / job.report.document.name
    path.write_bytes(document)
    return path


def _copy_side_files(report: Report, data: Path) -> None:
    """The year folder's own inputs beside the document (`koreksi.yaml` …), as given: one the
    source no longer holds leaves the report's raw folder too."""
    from ..limits import YAML_BYTES
    from ..safety.atomic import write_bytes
    from .sources import SIDE_FILES

    raw = data / "raw" / str(report.tahun)
    for name in SIDE_FILES:
        given = report.side_files.get(name)
        if given is None:
            (raw / name).unlink(missing_ok=True)
            continue
        if given.stat().st_size > YAML_BYTES:
            raise LkjipError(_("{name} is larger than {limit} MiB: not read").format(
                name=given.name, limit=YAML_BYTES >> 20))
        write_bytes(raw / name, given.read_bytes())


def _outcome(job: Job, data: Path, reports: Path, pages: int) -> dict:
    """The row of a report that was read, and its part of the collection."""
    import pandas as pd

    from ..core.summary import headline
    from ..data.datasets import load

    report = job.report
    d = load(report.tahun, data, source="processed")
    findings = pd.read_csv(reports / str(report.tahun) / "temuan_audit.csv",
                           dtype={"id": "str", "halaman": "Int64"}, keep_default_na=False,
                           na_values=[""])
    frames = {name: d[name] for name in collection.COLLECTED if name != "temuan_audit"}
    named = str(d.instansi.nama.iloc[0]) if not d.instansi.empty else ""
    collection.write_parts(job.out, report.slug, report.tahun, report.instansi,
                           frames | {"temuan_audit": findings}, named)
    held = d.kelengkapan[d.kelengkapan.ada.astype(bool)]
    lacking = d.kelengkapan[~d.kelengkapan.ada.astype(bool)]
    top = headline(d, findings)
    budget = top.budgets[0] if top.budgets else None
    counts = findings.status.value_counts()
    return {
        "instansi": report.instansi, "nama_instansi": named or report.instansi,
        "tahun": report.tahun, "berkas": report.document.name,
        "sha256": job.sha256, "status": SELESAI, "halaman": pages or None,
        "dataset_ada": " ".join(held.dataset), "dataset_tidak_ada": " ".join(lacking.dataset),
        "temuan_cocok": int(counts.get("cocok", 0)),
        "temuan_tidak_cocok": int(counts.get("tidak_cocok", 0)),
        "temuan_tidak_disebut": int(counts.get("tidak_disebut", 0)),
        "indikator_diukur": top.measured, "indikator_tercapai": top.reached,
        "tabel_anggaran": budget.tabel if budget else "",
        "anggaran": _number(budget.anggaran) if budget else None,
        "realisasi": _number(budget.realisasi) if budget else None,
        "serapan": _number(budget.serapan) if budget else None,
        "tidak_terbaca": len(d.catatan_baca), "diproses": True, "pesan": "",
    }


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) \
        else float(value)
