"""Batch benchmark: `lkjip batch` throughput with 1 and 2 local workers over the same folder.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_batch.py [--copies 3] [--source FOLDER]

Without `--source`, the folder holds the two real reports of `../shared/realdocs/` (48 and 84
pages), each `--copies` times under another agency's name (a report is its document and its
agency: each copy is its own task). Each run writes a fresh collection (nothing skipped).
Prints reports per minute and pages per second for each worker count, the parallel efficiency
(goal: at least 0,8 on 2 cores), and the arithmetic for a province (50 reports) and a national
year (15 000 reports).
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
NIGHT_HOURS = 8


def source_folder(folder: Path, copies: int) -> Path:
    documents = sorted(REALDOCS.glob("*.pdf"))
    if not documents:
        sys.exit(f"no PDF in {REALDOCS}: give --source FOLDER")
    for copy in range(1, copies + 1):
        for document in documents:
            year = document.stem.rsplit("_", 1)[-1]
            target = folder / f"{document.stem} salinan {copy}" / year
            target.mkdir(parents=True)
            shutil.copy(document, target)
    return folder


def timed_batch(source: Path, workers: int) -> tuple[float, int, int]:
    """Seconds, reports read, pages read of one batch into a fresh collection."""
    from lkjip_analysis.batch.run import run_batch

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        outcome = run_batch(source, Path(out) / "koleksi", workers=workers, progress=False)
        seconds = time.perf_counter() - started
    read = [row for row in outcome.rows if row["status"] == "selesai"]
    if len(read) != len(outcome.rows):
        print(f"  {len(outcome.rows) - len(read)} reports not read: {outcome.summary()}")
    return seconds, len(read), sum(int(row["halaman"] or 0) for row in read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--source", type=Path, default=None)
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        source = args.source or source_folder(Path(scratch) / "sumber", args.copies)
        results = {}
        for workers in (1, 2):
            seconds, reports, pages = timed_batch(source, workers)
            results[workers] = seconds
            print(f"{workers} worker(s): {reports} reports, {pages} pages in {seconds:6.1f} s"
                  f"  = {reports / seconds * 60:5.1f} reports/min, {pages / seconds:5.2f} pages/s")
    efficiency = results[1] / results[2] / 2
    per_report = results[1] / reports  # one worker's seconds per report, cluster start included
    print(f"parallel efficiency on 2 workers: {efficiency:.2f} (goal >= 0.8)")
    print(f"one worker: {per_report:.1f} s per report ({per_report / (pages / reports):.2f} s "
          "per page)")
    province = 50 * per_report / 2 / efficiency / 60
    print(f"a province (50 reports) on this 2-core machine: {province:.0f} min")
    hours = 15_000 * per_report / 3600
    night = math.ceil(hours / NIGHT_HOURS / efficiency)
    print(f"a national year (15 000 reports): {hours:.0f} worker-hours; "
          f"{night:.0f} workers for one {NIGHT_HOURS}-hour night")


if __name__ == "__main__":
    main()
