"""Hostile import benchmark: time and peak memory of `lkjip import` on files built to exhaust
it (issue 25). Each file is built in a temporary folder (test data) and imported through the
command line into a fresh data folder; the reader's child process is the one that parses.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_hostile_import.py

Prints, per case, the exit status, the seconds, the peak resident memory of the import's
processes (the command and its reader, from `getrusage`) and the first words of what it said;
last `puncak MiB: <figure>` (goal: under 1 024 for every case).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def cases(folder: Path) -> dict[str, Path]:
    from hostile_docs import (
        Deflated,
        chart_docx,
        chart_xml,
        para,
        points,
        text_at,
        write_docx,
        write_pdf,
    )

    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(1024)) + packer.flush()
    forms = {"X0": b"0 0 1 1 re f"} | {f"X{i}": f"/X{i - 1} Do /X{i - 1} Do".encode()
                                       for i in range(1, 31)}
    page = text_at(72, 760, "Jumlah pegawai sebanyak 74 orang.")
    return {
        "12 juta paragraf kosong": write_docx(folder / "kosong.docx", "<w:p/>" * 12_000_000),
        "300 ribu paragraf": write_docx(folder / "banyak.docx",
                                        "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 300_000),
        "ptCount 2 miliar": chart_docx(folder / "grafik.docx", chart_xml(
            points("2019", "2020"), points("1", "2", count=2_000_000_000))),
        "gridSpan 2 miliar": write_docx(folder / "lebar.docx", (
            '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>'
            f"{para('a')}</w:tc></w:tr></w:tbl>")),
        "aliran 1 GiB": write_pdf(folder / "bom.pdf", [Deflated(bomb)]),
        "form 2^30 kali": write_pdf(folder / "form.pdf", [page, b"/X30 Do"], forms=forms),
        "500 ribu objek teks": write_pdf(folder / "teks.pdf",
                                        [b"BT /F1 1 Tf 10 10 Td (x) Tj ET\n" * 500_000]),
        "1.999 halaman": write_pdf(folder / "halaman.pdf", [page] * 1999),
    }


def main() -> int:
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as temp:
        folder = Path(temp)
        for name, path in cases(folder).items():
            data = folder / f"data-{path.stem}"
            started = time.monotonic()
            done = subprocess.run([str(ROOT / ".venv" / "bin" / "lkjip"), "-q", "import",
                                   str(path), "--year", "2021", "--data-dir", str(data)],
                                  capture_output=True, text=True, check=False)
            seconds = time.monotonic() - started
            memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            peak = max(peak, memory)
            said = (done.stderr or done.stdout).strip().splitlines()
            print(f"{name:<24} keluar {done.returncode}  {seconds:6.1f} s  "
                  f"puncak sejauh ini {memory:6.0f} MiB  {said[-1][:70] if said else ''}")
    print(f"puncak MiB: {peak:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
