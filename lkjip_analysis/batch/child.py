"""A report of a batch run in a child process of its worker, bounded in memory.

A Dask worker runs report after report; one hostile document (a small `.docx` of a million
paragraphs) must not take the worker, and the reports after it, with it. So the worker starts
one child per report, in a session of its own, and watches the resident memory of the child and
everything it started (the import's own child, notebook kernels, the browser that prints): past
`REPORT_MEMORY` the whole session is killed and the report is refused, saying why. The child
ends with its worker: a worker killed outright leaves no import running and, through its scratch
folder's name, no copy of the document behind (`safety.processes`).

The child reads the job as JSON on its standard input and prints the report's row as JSON.
Nothing it prints is executed or unpickled.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ..i18n import _
from ..impor.bounded import child_env
from ..safety.processes import die_with_parent
from .sources import Report

REPORT_MEMORY = 3 << 30  # a report's processes together, resident: 3 GiB
POLL_SECONDS = 0.25
OUTPUT_BYTES = 1 << 20


class OutOfBounds(Exception):
    """The report's processes used more memory than a report may."""


def run_in_child(job, document: Path) -> dict:
    """The row of `job` (a `task.Job`) as its child process gives it; `OutOfBounds` when it
    was killed for its memory, `ChildProcessError` when it died otherwise."""
    import psutil

    payload = json.dumps(_job_fields(job, document)).encode("utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", __name__, str(os.getpid())], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
        env=child_env())
    watched = psutil.Process(child.pid)
    try:
        out = _communicate(child, watched, payload)
    except BaseException:
        _kill_session(child)
        raise
    if child.returncode != 0 or len(out) > OUTPUT_BYTES:
        raise ChildProcessError(_("the report's process ended with status {code}").format(
            code=child.returncode))
    return json.loads(out)


def _communicate(child: subprocess.Popen, watched, payload: bytes) -> bytes:
    pending: bytes | None = payload
    while True:
        try:
            out, _err = child.communicate(pending, timeout=POLL_SECONDS)
            return out or b""
        except subprocess.TimeoutExpired:
            pending = None  # given once; communicate keeps what it has read
        if _resident(watched) > REPORT_MEMORY:
            _kill_session(child)
            raise OutOfBounds(_("reading it needed more than {limit} MiB of memory: a "
                                "report never does; the file is damaged or built to exhaust "
                                "the reader. Save it again from the original").format(
                                    limit=REPORT_MEMORY >> 20))


def _resident(process) -> int:
    import psutil

    total = 0
    try:
        for each in (process, *process.children(recursive=True)):
            try:
                total += each.memory_info().rss
            except psutil.Error:
                continue
    except psutil.Error:
        return 0
    return total


def _kill_session(child: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def _job_fields(job, document: Path) -> dict:
    report = job.report
    return {"instansi": report.instansi, "tahun": report.tahun,
            "document": str(report.document), "read_from": str(document),
            "side_files": {name: str(path) for name, path in report.side_files.items()},
            "out": str(job.out), "key": job.key, "sha256": job.sha256,
            "with_report": job.with_report}


def _child(parent: int) -> int:
    """In the child: end with the worker (and end the session's other processes with it),
    run the report, print its row."""
    die_with_parent(parent, signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))
    from .task import Job, report_row

    fields = json.loads(sys.stdin.buffer.read(OUTPUT_BYTES))
    report = Report(fields["instansi"], fields["tahun"], Path(fields["document"]),
                    {name: Path(p) for name, p in fields["side_files"].items()})
    job = Job(report, Path(fields["out"]), fields["key"], fields["sha256"],
              fields["with_report"])
    row = report_row(job, Path(fields["read_from"]))
    sys.stdout.write(json.dumps(row, ensure_ascii=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1])))
