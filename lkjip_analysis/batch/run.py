"""`lkjip batch`: many reports at once on Dask distributed, one task per report.

The driver (this module) finds the reports, hashes each document, skips those whose last
outcome came from the same inputs and code, and submits the rest: to a `LocalCluster` on this
machine's cores by default, or to an existing scheduler (`--scheduler`, or
`DASK_SCHEDULER_ADDRESS`). A task a lost worker was running is run again on another worker
(Dask's own rescheduling, up to `distributed.scheduler.allowed-failures`); a report whose
workers kept dying ends `terhenti` and is tried again by the next run. When the collection
is in, it writes `ringkasan.csv`, drops the parts of reports no longer read, and writes the
cross-agency page.

Where the documents are: a local cluster reads them from the source folder; an existing
cluster gets each document's bytes sent to the worker that runs it (its workers need not see
the source). `--out` must be a folder every worker writes to at the same path: this machine's
disk for a local cluster, a shared filesystem (NFS, CephFS, a mounted bucket) for a cluster.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..config import agency_slug, refuse_outside_links, resolved
from ..errors import LkjipError
from ..i18n import _
from ..limits import IMPORT_BYTES
from ..markup import printable
from ..safety.hashing import sha256
from ..safety.lock import year_lock
from . import collection
from .collection import DONE, GAGAL, SELESAI, TERHENTI
from .sources import Report, SourceListError, discover
from .task import Job, cut_short, failed, process

log = logging.getLogger("lkjip")
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
IN_FLIGHT_PER_THREAD = 2
CONNECT_SECONDS = 30  # an existing scheduler that does not answer in this time is unreachable
LOCAL_HOST = "127.0.0.1"
WORKER_SECONDS = 120  # an existing scheduler with no worker for this long cannot run the batch
# a scheduler's address: `tcp://HOST:PORT` (or tls, ws, wss, ucx, inproc), or `HOST:PORT`
_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://\S+|[\w.\-]+:\d{1,5})$")


class BatchError(LkjipError):
    """A batch that could not run (exit 1)."""


@dataclass
class Outcome:
    """What a batch did: the rows of `ringkasan.csv` and where it wrote them."""

    out: Path
    rows: list[dict] = field(default_factory=list)
    dashboard: str = ""
    unchanged: int = 0  # reports whose last outcome came from the same inputs: not run

    def count(self, status: str) -> int:
        return sum(row["status"] == status for row in self.rows)

    def summary(self) -> str:
        return _("{total} reports: {done} read, {failed} failed, {cut} cut short; {skipped} "
                 "unchanged since the last run (not run again). Collection: {out}").format(
                     total=len(self.rows), done=self.count(SELESAI), failed=self.count(GAGAL),
                     cut=self.count(TERHENTI), skipped=self.unchanged, out=self.out)


def run_batch(source: str | Path, out: str | Path = "koleksi", scheduler: str | None = None,
              workers: int | None = None, with_report: bool = False, force: bool = False,
              progress: bool | None = None, wait: float = 0) -> Outcome:
    """Run every report of `source` into the collection `out`; returns what happened. Only
    a batch that cannot run at all raises (`SourceListError`, `BusyError`: another batch
    writes `out`, and did not finish within `wait` seconds)."""
    source_path = Path(source).expanduser().resolve()
    out_path = resolved(out)
    _check_folders(source_path, out_path)
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if scheduler is not None and not _ADDRESS.match(scheduler.strip()):
        raise SourceListError(_("{address} is no Dask scheduler address: give it as "
                                "tcp://HOST:8786").format(address=printable(scheduler)))
    reports = discover(source_path)
    if not reports:
        raise BatchError(_("{source} holds no report (an empty or unmounted folder?): "
                                "the collection {out} is left as it was").format(
                                    source=source_path, out=out_path))
    with year_lock(out_path / ".batch.lock", wait):
        refuse_outside_links(out_path, out_path)  # nothing written through a planted link
        outcome = Outcome(out_path)
        jobs = _jobs(reports, out_path, with_report, force, outcome)
        if jobs:
            _run_on_dask(jobs, outcome, scheduler, workers, progress)
        _finish(outcome, {report.name for report in reports})
    return outcome


def _check_folders(source: Path, out: Path) -> None:
    """The collection is written outside the source (its files would be read as reports)."""
    if out == source or out.is_relative_to(source) or source.is_relative_to(out):
        raise SourceListError(_("--out {out} and the source {source} overlap: give a "
                                "collection folder outside the source").format(
                                    out=out, source=source))
    if out.exists() and not out.is_dir():
        raise SourceListError(_("{out} is not a folder").format(out=out))


def code_key(with_report: bool) -> str:
    """The hash of the code a report's outcome depends on (the notebooks too, with reports)."""
    from ..config import NOTEBOOKS_DIR
    from ..pipeline.manifest import code_files, hashes

    files = code_files()
    if with_report:
        files |= {f"notebooks/{p.name}": p for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))}
    digest = hashlib.sha256()
    for name, value in sorted(hashes(files).items()):
        digest.update(f"{name}\0{value}\n".encode())
    return digest.hexdigest()


def _jobs(reports: list[Report], out: Path, with_report: bool, force: bool,
          outcome: Outcome) -> list[Job]:
    """The reports to run, year by year; the others' rows (a problem, or unchanged) go into
    `outcome`. A report's key covers its agency's earlier years too: they are inputs of its
    build (the polarity carried over, the trends), so a changed earlier year runs it again."""
    code = code_key(with_report)
    jobs = []
    earlier: dict[str, str] = {}  # agency -> the key of its latest year so far
    for report in sorted(reports, key=lambda r: (r.tahun or 0, r.slug)):
        if report.problem:
            outcome.rows.append(failed(report, "", GAGAL, report.problem) | {"diproses": False})
            continue
        size = report.document.stat().st_size  # the size a file declares, before reading it
        if size > IMPORT_BYTES:
            outcome.rows.append(failed(report, "", GAGAL, _(
                "{name} is larger than {limit} MiB: not read").format(
                    name=report.document.name, limit=IMPORT_BYTES >> 20)) | {"diproses": False})
            continue
        digest = sha256(report.document)
        key = _report_key(code, digest, report, with_report, earlier.get(report.slug, ""))
        earlier[report.slug] = key
        last = collection.read_status(out, report.name)
        if not force and last and last["kunci"] == key and _still_true(last, out, report):
            # the row as last written, under the name the file has now
            outcome.rows.append({**last, "berkas": report.document.name, "diproses": False})
            outcome.unchanged += 1
            continue
        jobs.append(Job(report, out, key, digest, with_report))
    return jobs


def _still_true(last: dict, out: Path, report: Report) -> bool:
    """Whether a report's last outcome still stands: refused, or read with every part of it
    still in the collection (a part removed meanwhile is read again)."""
    if last["status"] == SELESAI:
        return collection.has_parts(out, report.slug, report.tahun)
    return last["status"] in DONE


def _report_key(code: str, digest: str, report: Report, with_report: bool,
                earlier: str) -> str:
    parts = [code, digest, report.instansi, str(report.tahun), str(with_report), earlier]
    parts += [f"{name}={sha256(path)}" for name, path in sorted(report.side_files.items())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _run_on_dask(jobs: list[Job], outcome: Outcome, scheduler: str | None,
                 workers: int | None, progress: bool | None) -> None:
    import dask
    from distributed import LocalCluster

    # Dask's own lines are in English and about its machinery; ours say what happened
    logging.getLogger("distributed").setLevel(logging.ERROR)
    # a document travels inside its task, as large as `lkjip import` accepts
    travelling = {"distributed.admin.large-graph-warning-threshold": IMPORT_BYTES + (1 << 20)}
    with dask.config.set(travelling):
        # the local cluster and its dashboard listen on this machine only, where it prints
        cluster = None if scheduler else LocalCluster(
            n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
            silence_logs=logging.ERROR, host=LOCAL_HOST, dashboard_address=f"{LOCAL_HOST}:0")
        try:
            with _client(scheduler, cluster) as client:
                if scheduler:
                    _wait_for_workers(client, scheduler)
                outcome.dashboard = client.dashboard_link
                log.info(_("Dask dashboard: %s"), outcome.dashboard)
                _run_jobs(client, jobs, outcome, progress, travel=scheduler is not None)
        finally:
            if cluster is not None:
                cluster.close()


def _client(scheduler: str | None, cluster):
    """A client of the local `cluster`, or of the existing `scheduler` (an error naming it
    when it cannot be reached: the batch could not run)."""
    from distributed import Client

    try:
        return Client(scheduler or cluster, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(_("cannot reach the Dask scheduler {address} ({error}): start it, "
                           "or leave --scheduler out to run on this machine").format(
                               address=printable(scheduler), error=printable(exc))) from None


def _wait_for_workers(client, scheduler: str) -> None:
    """An existing scheduler's first worker, waited for `WORKER_SECONDS` at most."""
    try:
        client.wait_for_workers(1, timeout=WORKER_SECONDS)
    except (TimeoutError, OSError):
        raise BatchError(_("the Dask scheduler {address} has had no worker for {seconds} s: "
                           "start one (dask worker {address}), then run the batch "
                           "again").format(address=printable(scheduler),
                                           seconds=WORKER_SECONDS)) from None


def _run_jobs(client, jobs: list[Job], outcome: Outcome, progress: bool | None,
              travel: bool) -> None:
    """One task per report, keyed by its inputs' hash (Dask never runs one key twice at once),
    at most `IN_FLIGHT_PER_THREAD` per worker thread submitted at a time: a cluster's
    scheduler holds the documents of those only. A document that travels is inside its task,
    so that a task run again after its worker was lost still has it. An agency's year waits
    for its earlier year still running (the same data folder, read as an earlier year)."""
    from distributed import as_completed

    waiting = list(reversed(jobs))
    window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    futures: dict = {}

    running: dict[str, object] = {}  # agency -> the future of its latest year submitted

    def submit_next() -> None:
        job = waiting.pop()
        document = job.report.document.read_bytes() if travel else None
        before = running.get(job.report.slug)
        future = client.submit(process, job, document, before if before in futures else None,
                               key=f"lkjip-{job.key[:24]}", pure=False)
        futures[future] = job
        running[job.report.slug] = future
        pending.add(future)

    pending = as_completed([], loop=client.loop)
    while waiting and len(futures) < window:
        submit_next()
    with _Progress(len(jobs), progress) as bar:
        for future in pending:
            job = futures.pop(future)
            try:
                row = future.result()
            except Exception as exc:  # the worker was lost too often, or the task cancelled
                row = cut_short(job, exc)
            outcome.rows.append(row)
            bar.advance(row)
            if waiting:
                submit_next()


class _Progress:
    """A progress bar on a terminal (rich), a log line per report elsewhere (cron's mail)."""

    def __init__(self, total: int, shown: bool | None) -> None:
        self.total, self.done = total, 0
        self.bar = None
        if shown if shown is not None else sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), transient=True)
            self.task = self.bar.add_task(_("reports"), total=total)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, row: dict) -> None:
        self.done += 1
        line = _("[{done}/{total}] {instansi} {year}: {status}").format(
            done=self.done, total=self.total, instansi=printable(row["instansi"]),
            year=row["tahun"], status=row["status"])
        if row.get("pesan"):
            line += f" ({printable(row['pesan']).splitlines()[0][:160]})"
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False)
            self.bar.advance(self.task)
        else:
            log.info("%s", line)


def _finish(outcome: Outcome, listed: set[str]) -> None:
    """The working store pruned to the reports the collection holds (and the status records
    to the source's reports, `listed` by name), their readings published at once, then
    `ringkasan.csv` and the cross-agency pages."""
    from .page import write_pages
    from .publish import publish

    out = outcome.out
    kept = _readings(outcome)
    collection.prune(out, set(kept), listed)
    changed = publish(out, kept)
    collection.write_ringkasan(out, outcome.rows)
    write_pages(out, outcome.rows, changed or any(row["diproses"] for row in outcome.rows))


def _readings(outcome: Outcome) -> dict[tuple[int, str], str]:
    """The reports the collection holds, each with the key of the reading its parts hold:
    those read, and those cut short whose earlier reading is still there."""
    kept = {}
    for row in outcome.rows:
        slug = agency_slug(row["instansi"])
        if row["status"] == SELESAI:
            kept[(row["tahun"], slug)] = row["kunci"]
        elif row["status"] == TERHENTI and collection.has_parts(outcome.out, slug, row["tahun"]):
            last = collection.read_status(outcome.out, f"{slug}_{row['tahun']}")
            kept[(row["tahun"], slug)] = last["kunci"] if last else ""
    return kept
