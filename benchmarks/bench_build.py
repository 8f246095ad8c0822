"""Build benchmark: the work itself (floor) against a cold and a cached `lkjip build`.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_build.py [--reps 5]

Each repetition runs floor, cold build and cached build one after the other (interleaved, so
that machine noise hits all alike), each on a fresh copy of data/raw in a temporary folder.
Prints the median of each, the peak RSS of a cold build's largest process, `lkjip --help` wall
time, `load(2020)` time after import, and last `build/floor: <ratio>  cached/cold: <ratio>`.

The cold builds write where their time goes (`LKJIP_TIMINGS`, see `lkjip_analysis/timing.py`):
extraction and audit, each notebook's kernel (start, or waiting for a warm one), imports and
execution, the export; printed as medians.

Across years: after the cold and cached builds of 2020, the synthetic next-year report of the
tests (`tests/nextyear.py`, test data) is added and `lkjip build --all` timed (2020 reused, 2021
built cold, then the cross-year layer): `new_year/cold_year` compares it with 2020's cold build
(goal: at most 1,3). A second `build --all` with nothing changed is timed as `cached --all`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
LKJIP = [sys.executable, "-m", "lkjip_analysis.cli", "-q"]

# The whole work of a build in one plain process: extract, every metric and summary, the
# audit, every figure saved. No kernel, no export.
FLOOR = """
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

from lkjip_analysis import analysis, metrics, plots
from lkjip_analysis.audit import audit
from lkjip_analysis.config import Paths
from lkjip_analysis.data.datasets import load
from lkjip_analysis.pipeline.steps import write_with_findings

data, reports = Path(sys.argv[1]), Path(sys.argv[2])
paths = Paths.for_year(2020, data, reports)
d = load(2020, data, source="document")
findings = audit(d)
write_with_findings(d, paths, findings)
for summary in (analysis.sdm_by_position, analysis.sdm_by_status, analysis.indicator_summary,
                analysis.program_outputs, analysis.apbd_by_program, analysis.apbd_by_unit,
                analysis.apbd_totals, analysis.apbn_by_fund, analysis.budget_trend):
    summary(d)
metrics.predikat_sakip(d.evaluasi_akip_total.nilai.iloc[-1])
figures = {
    "sdm_jenis_kelamin": plots.sdm_breakdown(d, "jenis_kelamin"),
    "sdm_golongan": plots.sdm_breakdown(d, "golongan"),
    "sdm_pendidikan": plots.sdm_breakdown(d, "pendidikan"),
    "iku_target_realisasi": plots.target_realisasi(d),
    "kinerja_triwulan": plots.kinerja_triwulan(d),
    "kinerja_historis": plots.kinerja_historis(d),
    "evaluasi_akip": plots.evaluasi_akip(d),
    "keluaran_program": plots.output_program(analysis.program_outputs(d)),
    "realisasi_apbd_per_unit": plots.realisasi_per_unit(d),
    "realisasi_apbd_per_program": plots.realisasi_per_program(d),
    "serapan_apbd_per_baris": plots.serapan_baris(d),
    "realisasi_apbn": plots.realisasi_apbn(d),
    "tren_anggaran_apbd": plots.tren_anggaran(d.anggaran_historis, "APBD"),
    "tren_anggaran_apbn": plots.tren_anggaran(d.anggaran_historis, "APBN"),
    "audit_selisih_terbesar": plots.selisih_terbesar(findings),
}
for name, fig in figures.items():
    plots.save(fig, name, paths.figures)
    plt.close(fig)
"""


def fresh_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    return root


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the largest process of the command's tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def one_round() -> dict[str, tuple[float, int]]:
    results = {}
    floor = fresh_root()
    results["floor"] = timed([sys.executable, "-c", FLOOR, str(floor / "data"),
                              str(floor / "reports")])
    build = fresh_root()
    args = ["build", "--year", "2020", "--data-dir", str(build / "data"), "--reports-dir",
            str(build / "reports")]
    phases = build / "waktu.json"  # where the cold build's time goes (pipeline/timing.py)
    results["cold"] = timed([*LKJIP, *args, "--force"], {"LKJIP_TIMINGS": str(phases)})
    PHASES.append(json.loads(phases.read_text(encoding="utf-8")))
    results["cached"] = timed([*LKJIP, *args])
    from nextyear import make_next_year

    make_next_year(build / "data")
    every = ["build", "--all", "--data-dir", str(build / "data"), "--reports-dir",
             str(build / "reports")]
    results["new_year"] = timed([*LKJIP, *every])
    results["cached_all"] = timed([*LKJIP, *every])
    for root in (floor, build):
        shutil.rmtree(root, ignore_errors=True)
    return results


PHASES: list[dict[str, float]] = []


def print_phases() -> None:
    """The median of each phase of the cold builds, and the notebooks' parts summed (they
    run `--jobs` at once, so their sum exceeds their wall time)."""
    names = sorted({name for phases in PHASES for name in phases})
    median = {n: statistics.median(p.get(n, 0.0) for p in PHASES) for n in names}
    print("where a cold build's time goes (median seconds; notebooks run at once):")
    for name in names:
        print(f"  {name:<36} {median[name]:6.2f}")
    for part in ("kernel", "impor", "eksekusi"):
        total = sum(v for n, v in median.items() if n.endswith(f": {part}"))
        print(f"  {'all notebooks: ' + part:<36} {total:6.2f}")


def help_time() -> float:
    return timed([*LKJIP, "--help"])[0]


def load_time() -> str:
    code = ("import time, lkjip_analysis.data.datasets as ds\n"
            "t = time.perf_counter(); ds.load(2020)\n"
            "print(round((time.perf_counter() - t) * 1000, 1))")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                 text=True, check=True).stdout) for _ in range(5)]
    return f"{statistics.median(runs):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    reps = parser.parse_args().reps
    runs: dict[str, list[tuple[float, int]]] = {
        "floor": [], "cold": [], "cached": [], "new_year": [], "cached_all": []}
    for i in range(reps):
        for name, value in one_round().items():
            runs[name].append(value)
        print(f"round {i + 1}/{reps}: " + "  ".join(
            f"{k} {v[-1][0]:.2f} s" for k, v in runs.items()), flush=True)
    median = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
    for name, label in (("floor", "floor (library, one process)"), ("cold", "cold build"),
                        ("cached", "cached build"),
                        ("new_year", "build --all, 2021 added"),
                        ("cached_all", "cached build --all")):
        print(f"{label:<30} median {median[name]:7.2f} s")
    print_phases()
    peak = max(rss for _, rss in runs["cold"]) / 1024
    print(f"{'peak RSS, cold build':<30} {peak:7.0f} MiB (largest process)")
    print(f"{'lkjip --help':<30} median {statistics.median(help_time() for _ in range(5)):7.3f} s")
    print(f"{'load(2020) after import':<30} median {load_time()} (cache warm)")
    print(f"build/floor: {median['cold'] / median['floor']:.2f}  "
          f"cached/cold: {median['cached'] / median['cold']:.3f}  "
          f"new_year/cold_year: {median['new_year'] / median['cold']:.2f}")


if __name__ == "__main__":
    main()
