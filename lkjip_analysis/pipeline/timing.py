"""Where a build's time goes: the wall time of each phase (extraction and audit, each
notebook's kernel start, imports and execution, the export, the PDF). Written as JSON to the
file `$LKJIP_TIMINGS` names, when it names one: `benchmarks/bench_build.py` reads it."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "LKJIP_TIMINGS"
_phases: dict[str, float] = {}
_lock = threading.Lock()


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time the block as `name` (added to what `name` already took)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        record(name, time.perf_counter() - start)


def record(name: str, seconds: float) -> None:
    """Add `seconds` to the phase `name`."""
    with _lock:
        _phases[name] = _phases.get(name, 0.0) + seconds


def record_notebook(name: str, wall: float, cells: list[float]) -> None:
    """A notebook's time: kernel start and papermill's own work (wall less its cells), its
    first cell (the imports) and the rest of its cells."""
    record(f"notebook {name}: kernel", max(wall - sum(cells), 0.0))
    record(f"notebook {name}: impor", cells[0] if cells else 0.0)
    record(f"notebook {name}: eksekusi", sum(cells[1:]))


def write() -> None:
    """Write the phases to `$LKJIP_TIMINGS` (when set) and start afresh."""
    target = os.environ.get(ENV)
    with _lock:
        phases = dict(_phases)
        _phases.clear()
    if target:
        Path(target).write_text(json.dumps(phases, indent=1, sort_keys=True), encoding="utf-8")
