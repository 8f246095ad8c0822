"""Batch benchmark: `lkjip batch` throughput with 1 and 2 local workers over the same folder.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_batch.py [--copies 3] [--source FOLDER]

Without `--source`, the folder holds the two real reports of `../shared/realdocs/` (48 and 84
pages), each `--copies` times under another agency's name (a report is its document and its
agency: each copy is its own task). Each run writes a fresh collection (nothing skipped).
Prints reports per minute and pages per second for each worker count, the peak resident memory
of a worker (with the report processes it started), the parallel efficiency (goal: at least 0,8
on 2 cores), and the arithmetic for a province (50 reports) and a national year (15 000
reports). Then the collection's read-back: `--readback 1000 15000` collections of that many
reports, their parts written with the collection's own writer (copies of one real report's
datasets under other agencies' names) and published as a batch publishes them, each read back
with pandas (`load_collection`) and DuckDB (goal: at most 5 s at 15 000 reports).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import re
import shutil
import sys
import tempfile
import threading
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


class PeakMemory:
    """The highest resident memory of one worker process together with its children (the
    report's processes), sampled while the batch runs."""

    def __init__(self) -> None:
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stop.wait(0.2):
            for worker in me.children():  # a local cluster's workers are this one's children
                try:
                    family = [worker, *worker.children(recursive=True)]
                    self.peak = max(self.peak, sum(p.memory_info().rss for p in family))
                except psutil.Error:
                    continue


def timed_batch(source: Path, workers: int) -> tuple[float, int, int, int]:
    """Seconds, reports read, pages read of one batch into a fresh collection, and the peak
    resident bytes of a worker with its report processes."""
    from lkjip_analysis.batch.run import run_batch

    with tempfile.TemporaryDirectory() as out, PeakMemory() as memory:
        started = time.perf_counter()
        outcome = run_batch(source, Path(out) / "koleksi", workers=workers, progress=False)
        seconds = time.perf_counter() - started
    read = [row for row in outcome.rows if row["status"] == "selesai"]
    if len(read) != len(outcome.rows):
        print(f"  {len(outcome.rows) - len(read)} reports not read: {outcome.summary()}")
    return seconds, len(read), sum(int(row["halaman"] or 0) for row in read), memory.peak


def readback(reports: int, frames: dict, scratch: Path) -> None:
    """A collection of `reports` copies of one report's datasets, written and published as a
    batch does, then read back: seconds for pandas and DuckDB."""
    import pandas as pd

    from lkjip_analysis import load_collection
    from lkjip_analysis.batch import collection, publish

    out = scratch / f"koleksi_{reports}"
    started = time.perf_counter()
    kept = {}
    empty = pd.DataFrame({"catatan": pd.Series(dtype="str")})
    held = {name: frames.get(name, empty) for name in collection.COLLECTED}
    for number in range(reports):
        slug = f"instansi_{number:05d}"
        collection.write_parts(out, slug, 2022, slug, held)
        kept[(2022, slug)] = "kunci"
    written = time.perf_counter() - started
    started = time.perf_counter()
    publish.publish(out, kept)
    published = time.perf_counter() - started
    collection.write_parts(out, "instansi_00000", 2022, "instansi_00000", held)
    started = time.perf_counter()
    publish.publish(out, kept | {(2022, "instansi_00000"): "kunci baru"})
    again = time.perf_counter() - started
    started = time.perf_counter()
    rows = 0
    for name in collection.COLLECTED:
        with contextlib.suppress(collection.CollectionError):  # a dataset no copy holds
            rows += len(load_collection(out, name))
    pandas_seconds = time.perf_counter() - started
    line = (f"{reports:6d} reports ({rows} rows in {len(collection.COLLECTED)} datasets): "
            f"parts written {written:6.1f} s, published {published:5.1f} s (again after one "
            f"report changed: {again:5.1f} s); read back with pandas {pandas_seconds:5.2f} s")
    try:
        import duckdb
    except ImportError:
        print(line + "; DuckDB not installed")
        return
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1).replace(
        "koleksi/", f"{out}/")
    started = time.perf_counter()
    duckdb.sql(query).fetchall()
    for name in collection.COLLECTED:
        duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/inti/{name}.parquet')").fetchall()
    queried = time.perf_counter() - started
    started = time.perf_counter()
    for name in collection.COLLECTED:
        duckdb.sql(f"SELECT * FROM read_parquet('{out}/inti/{name}.parquet')").arrow()
    print(line + f"; DuckDB: the README's query and a count of every dataset {queried:5.2f} s, "
          f"every row into Arrow {time.perf_counter() - started:5.2f} s (goal <= 5 s)")


def one_report(source: Path, scratch: Path) -> dict:
    """The collected datasets of one report of `source` (Sumut's, where the folder has it:
    it holds every core dataset), read by a batch."""
    from lkjip_analysis.batch import collection
    from lkjip_analysis.batch.run import run_batch

    out = scratch / "satu"
    folders = sorted(source.iterdir())
    chosen = next((f for f in folders if "sumut" in f.name), folders[0])
    single = scratch / "satu_sumber"
    shutil.copytree(chosen, single / chosen.name)
    run_batch(single, out, workers=1, progress=False)
    frames = {}
    for name in collection.COLLECTED:
        try:
            frame = collection.load_collection(out, name)
        except collection.CollectionError:  # a dataset the report does not hold
            continue
        frames[name] = frame.drop(columns=["instansi", "tahun", "nama_instansi"])
    return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--readback", type=int, nargs="*", default=[1000, 15000])
    parser.add_argument("--readback-only", action="store_true",
                        help="skip the batch runs: the collection's read-back alone")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        source = args.source or source_folder(Path(scratch) / "sumber", args.copies)
        results = {}
        for workers in () if args.readback_only else (1, 2):
            seconds, reports, pages, peak = timed_batch(source, workers)
            results[workers] = seconds
            print(f"{workers} worker(s): {reports} reports, {pages} pages in {seconds:6.1f} s"
                  f"  = {reports / seconds * 60:5.1f} reports/min, {pages / seconds:5.2f} "
                  f"pages/s; peak memory of a worker with its report processes "
                  f"{peak / (1 << 20):5.0f} MiB")
        if args.readback:
            frames = one_report(source, Path(scratch))
            for count in args.readback:
                readback(count, frames, Path(scratch))
    if args.readback_only:
        return
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
