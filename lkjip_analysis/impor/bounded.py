"""An agency's file is untrusted: it is read in a child process whose memory, processor time
and output are bounded, so that a small hostile file (a decompression bomb, forms that draw
each other a billion times, a declared count of two billion) ends in one clear refusal instead
of filling the machine. The limits the readers check themselves (sizes, counts, pages) give the
precise message; these bounds catch whatever slips past them.

The child prints the document model as JSON; a refusal as JSON too. Nothing it prints is
executed or unpickled.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from ..i18n import _
from ..safety.processes import die_with_parent
from .model import Imported, ImportRefused, from_json, to_json

MEMORY_BYTES = 1 << 30  # the child's address space: the import stays under 1 GiB
OUTPUT_BYTES = 256 << 20  # the model it hands back
SECONDS_BASE = 60  # processor time: a minute, and ten seconds per MiB of file more
SECONDS_PER_MIB = 10
SECONDS_MAX = 1800


def read_bounded(path: Path) -> Imported:
    """The document model of `path` (PDF or Word), read in a bounded child process."""
    seconds = min(SECONDS_MAX, int(SECONDS_BASE + SECONDS_PER_MIB * path.stat().st_size
                                   / (1 << 20)))
    command = [sys.executable, "-m", __name__, str(path), str(seconds), str(MEMORY_BYTES),
               str(os.getpid())]
    try:
        child = subprocess.run(command, capture_output=True, timeout=seconds * 2,
                               env=child_env(), stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        raise _too_slow(path, seconds) from None
    if child.returncode < 0 or child.returncode == _OUT_OF_MEMORY:
        if -child.returncode in (signal.SIGXCPU, signal.SIGKILL):
            raise _too_slow(path, seconds)
        raise _too_large(path)
    if len(child.stdout) > OUTPUT_BYTES:
        raise _too_large(path)
    try:
        answer = json.loads(child.stdout)
    except ValueError:
        raise ImportRefused(_("{name} cannot be read: the reader stopped ({detail})").format(
            name=path.name, detail=_last_line(child.stderr))) from None
    if "refused" in answer:
        raise ImportRefused(answer["refused"])
    return from_json(answer)


_OUT_OF_MEMORY = 3  # the child's exit status after a MemoryError


def _limit(seconds: int, memory: int, parent: int) -> None:
    """The child's bounds, set first thing in the child (a `preexec_fn` is unsafe in a parent
    with threads, such as a notebook's kernel); no file of any size written; and no import
    left running when its parent is killed."""
    die_with_parent(parent)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def child_env() -> dict[str, str]:
    """The parent's environment, with one thread per numeric library: threads reserve address
    space the bound would count."""
    env = dict(os.environ)
    env.update({name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                       "MKL_NUM_THREADS")})
    return env


def _too_slow(path: Path, seconds: int) -> ImportRefused:
    return ImportRefused(_("{name} could not be read within {seconds} s of processor time: a "
                           "report of its size reads in seconds; the file is damaged or built "
                           "to exhaust the reader. Print it again to PDF from the original "
                           "and import that").format(name=path.name, seconds=seconds))


def _too_large(path: Path) -> ImportRefused:
    return ImportRefused(_("{name} needs more than {limit} of memory to read: a report never "
                           "does; the file is damaged or built to exhaust the reader. Save it "
                           "again from the original and import that").format(
                               name=path.name, limit=f"{MEMORY_BYTES >> 20} MiB"))


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:200] if lines else "?"


def _child(path: Path, seconds: int, memory: int, parent: int) -> int:
    _limit(seconds, memory, parent)
    if path.suffix.lower() == ".pdf":
        from .pdf import read_pdf as reader
    else:
        from .word import read_docx as reader
    try:
        answer = to_json(reader(path))
    except ImportRefused as exc:
        answer = {"refused": str(exc)}
    except MemoryError:
        return _OUT_OF_MEMORY
    except Exception as exc:  # a parser's own failure on a damaged file: one line, not a trace
        answer = {"refused": _("{name} cannot be read ({kind}: {cause})").format(
            name=path.name, kind=type(exc).__name__, cause=str(exc)[:160])}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    return 0


if __name__ == "__main__":
    sys.exit(_child(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
