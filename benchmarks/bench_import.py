"""Import benchmark: `lkjip import` time per page, for the Word file and for its PDF.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_import.py [--reps 3] [--pdf FILE] [--docx FILE]

Without files, the Word file of the tests (the 2020 text as ruled Word tables; test data) is
built and printed to PDF by LibreOffice (`soffice`, skipped with a note when absent). Each
repetition imports into a fresh temporary data folder. Prints the median seconds per import,
the page count, and last `pdf s/halaman: <figure>` (goal: at most 0,3 on a 2-core machine),
with the time pdfplumber alone takes to extract the words and find the tables of the same
pages, and the import's overhead over it (goal: at most 2x).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def fixtures(folder: Path) -> tuple[Path, Path | None]:
    from test_import_word import word_from_text

    word = folder / "lkjip_2020.docx"
    word_from_text(word)
    office = shutil.which("soffice")
    if office is None:
        print("soffice not found: the PDF is not timed (apt-get install libreoffice-writer-nogui)")
        return word, None
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder}/profil",
                    "--convert-to", "pdf", "--outdir", str(folder), str(word)],
                   check=True, capture_output=True, timeout=300)
    return word, folder / "lkjip_2020.pdf"


def timed(path: Path, reps: int) -> tuple[float, int]:
    from lkjip_analysis.importing import import_document

    times, pages = [], 0
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as data:
            start = time.perf_counter()
            review = import_document(path, 2020, data)
            times.append(time.perf_counter() - start)
            pages = int(review.lines[1].split()[0]) if "halaman" in review.lines[1] else 0
    return statistics.median(times), pages


def library_seconds(path: Path, reps: int) -> float:
    """pdfplumber alone on the same pages: its words and its tables, page by page."""
    import pdfplumber

    times = []
    for _ in range(reps):
        start = time.perf_counter()
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.find_tables()
                page.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--docx", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        word, pdf = (args.docx, args.pdf) if args.docx or args.pdf else fixtures(Path(folder))
        if word:
            seconds, _ = timed(word, args.reps)
            print(f"docx: {seconds:.2f} s per import ({word.name})")
        if pdf:
            seconds, pages = timed(pdf, args.reps)
            print(f"pdf: {seconds:.2f} s per import, {pages} halaman ({pdf.name})")
            print(f"pdf s/halaman: {seconds / max(pages, 1):.3f}  (goal <= 0.3)")
            alone = library_seconds(pdf, args.reps)
            print(f"pdfplumber alone (words + tables): {alone:.2f} s; import overhead "
                  f"{seconds / alone:.1f}x  (goal <= 2x)")


if __name__ == "__main__":
    main()
