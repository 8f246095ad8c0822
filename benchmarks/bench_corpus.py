"""Corpus benchmark: every real report of `../shared/realdocs/` imported and its core read.

Run with the project's own Python, from anywhere:

    .venv/bin/python benchmarks/bench_corpus.py [--realdocs DIR] [--only NAME ...]

Per report it prints: imported or why not, pages, tables, the core rows read (PK, capaian,
anggaran), the values equal to the hand transcription where one exists (`sama/ditranskripsi`),
the rows of the rest of Bab III (other years, the Renstra, efficiency) and their values equal to
the transcription's comparison tables (`bab3 sama/ditranskripsi`),
the numbers in the datasets that no printed token of their page means (`tak_tercetak`: each one
is a defect of the import or the reader), the numbers the reader left empty with a note
(`dikosongkan`), seconds per page, and the ratio to pdfplumber's own `extract_words` +
`find_tables` on the same pages. The printed tokens are read by pdfplumber directly from the
PDF, a route independent of the import, and a transcribed number is read by the report's own
convention (`printed` below), not by the code under test.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
KINDS = {"pk": ("perjanjian_kinerja", "indikator", "indikator_kinerja",
                (("target", "target"),)),
         "capaian": ("capaian_kinerja", "indikator", "indikator_kinerja",
                     (("target", "target"), ("realisasi", "realisasi"), ("capaian", "persen"))),
         "anggaran": ("realisasi_anggaran", "uraian", "uraian",
                      (("anggaran", "anggaran"), ("realisasi", "realisasi"),
                       ("persen", "persen")))}
# the rest of Bab III in the capaian transcription: (its `jenis`, or a column of the year's
# rows) -> (dataset, the transcription's column -> ours, the year, "" for the report's last)
BAB3 = {
    "target_realisasi_2015_2016": ("kinerja_historis",
                                   (("target_2015", "target"), ("realisasi_2015", "realisasi")),
                                   "2015"),
    "pembanding_tahun_lalu": ("kinerja_historis", (("realisasi_2015", "realisasi"),), "2015"),
    "pengukuran": ("kinerja_historis", (("capaian_tahun_lalu", "persen"),), ""),
    "renstra": ("kemajuan_renstra", (("target", "target_akhir"), ("realisasi", "realisasi"),
                                     ("capaian", "tingkat_kemajuan")), None),
}
NUMBER_COLUMNS = ("target", "realisasi", "persen", "anggaran", "target_akhir",
                  "tingkat_kemajuan", "persen_capaian", "persen_serapan", "tingkat_efisiensi")
TOKEN = re.compile(r"-?\d[\d.,]*")


def interpretations(token: str) -> set[float]:
    """Every number a printed token can mean, in either grouping convention."""
    body = token.strip(".,")
    values = set()
    for group, decimal in ((".", ","), (",", ".")):
        text = body.replace(group, "")
        if text.count(decimal) <= 1:
            with contextlib.suppress(ValueError):
                values.add(float(text.replace(decimal, ".")))
    return values


def printed(text: str) -> float | None:
    """A transcribed cell as the report means it: a number only where the cell is plainly one
    (`94,3`, `202.955`, `4,775,000,000.00`, `(101%)`); None for text (`Level 3`)."""
    body = text.strip().strip("()*").removesuffix("%").replace("Rp.", "").strip()
    body = body.removesuffix(",-").strip()
    if not re.fullmatch(r"-?\d[\d.,]*", body):
        return None
    if re.fullmatch(r"-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?", body):  # `0,315` is a decimal
        return float(body.replace(",", ""))
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", body):
        return float(body.replace(".", "").replace(",", "."))
    if body.count(",") == 1 and "." not in body:
        return float(body.replace(",", "."))
    if body.count(".") <= 1 and "," not in body:
        return float(body)
    return None


def key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(text).lower()).split())


def page_tokens(pdf_path: Path) -> tuple[dict[int, set[float]], float]:
    """Each page's printed numbers (pdfplumber's words), and pdfplumber's own time for its
    words and tables."""
    import pdfplumber

    tokens: dict[int, set[float]] = {}
    start = time.perf_counter()
    with pdfplumber.open(str(pdf_path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            page.find_tables()
            tokens[number] = {v for w in words for t in TOKEN.findall(w["text"])
                              for v in interpretations(t)}
            page.close()
    return tokens, time.perf_counter() - start


def pages_of(origin: str) -> list[int]:
    found = [int(n) for n in re.findall(r"\d+", origin)]
    return list(range(found[0], found[-1] + 1)) if found else []


def untraceable(frames: dict, origins: tuple[str, ...], tokens: dict[int, set[float]]) -> int:
    """Numbers of the datasets that no printed token of their row's page(s) means."""
    count = 0
    for frame in frames.values():
        for row in frame.to_dict("records"):
            line = int(row["baris_sumber"])
            pages = pages_of(origins[line - 1]) if line - 1 < len(origins) else []
            printed_here = set().union(*(tokens.get(p, set()) for p in pages))
            for column in NUMBER_COLUMNS:
                value = row.get(column)
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                if not any(math.isclose(value, p, rel_tol=1e-9, abs_tol=1e-9)
                           for p in printed_here):
                    count += 1
    return count


def transcribed(report: str, realdocs: Path) -> dict[str, list[dict]]:
    found = {}
    for kind in KINDS:
        path = realdocs / f"{report}__{kind}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                found[kind] = list(csv.DictReader(handle))
    return found


def compared(core, rows_by_kind: dict[str, list[dict]]) -> tuple[int, int]:
    """(values equal to the transcription, transcribed values): a number where the cell is
    plainly one, else the text as written; rows matched by their name, in order."""
    same = total = 0
    for kind, rows in rows_by_kind.items():
        dataset, name, our_name, fields = KINDS[kind]
        used: set[int] = set()  # ids of this kind's rows, alive while `ours` is
        ours = defaultdict(list)
        for row in getattr(core, dataset).to_dict("records"):
            ours[key(row[our_name])].append(row)
            ours[(key(row["tabel"]), key(row[our_name]))].append(row)
        for row in rows:
            if kind == "anggaran" and row.get("tingkat") in ("total", "subtotal", "unit"):
                continue
            if kind == "capaian" and row.get("jenis", "pengukuran") not in (
                    "pengukuran", "capaian_iku", "indikator", ""):
                continue
            candidates = [*ours.get((key(row["tabel"]), key(row[name])), ()),
                          *ours.get(key(row[name]), ())]  # its own table's row first
            mine = next((r for r in candidates if id(r) not in used), None)
            used.add(id(mine))
            for theirs, our_column in fields:
                cell = row.get(theirs, "").strip()
                if not cell:
                    continue
                total += 1
                if mine is not None:
                    same += _equal(cell, mine, our_column)
    return same, total


def compared_bab3(core, rows: list[dict], year: int) -> tuple[int, int]:
    """(values equal, transcribed values) of the rest of Bab III: other years' columns against
    `kinerja_historis`, the Renstra's against `kemajuan_renstra`; rows matched by table,
    indicator and year."""
    same = total = 0
    for jenis, (dataset, fields, when) in BAB3.items():
        frame = getattr(core, dataset, None)
        ours = defaultdict(list)
        for row in (frame.to_dict("records") if frame is not None else []):
            tahun = str(row.get("tahun", ""))
            ours[(key(row["tabel"]), key(row["indikator_kinerja"]), tahun)].append(row)
        for row in rows:
            if row.get("jenis", "") != jenis:
                continue
            tahun = str(year - 1) if when == "" else (when or "")
            candidates = ours.get((key(row["tabel"]), key(row["indikator"]),
                                   tahun if when is not None else ""), [])
            mine = candidates.pop(0) if candidates else None
            for theirs, our_column in fields:
                cell = (row.get(theirs) or "").strip()
                if not cell:
                    continue
                total += 1
                same += mine is not None and _equal(cell, mine, our_column)
    return same, total


def _equal(cell: str, row: dict, column: str) -> bool:
    number = printed(cell)
    if number is not None:
        value = row.get(column)
        return value is not None and not (isinstance(value, float) and math.isnan(value)) \
            and math.isclose(value, number, rel_tol=1e-9)
    return key(row.get(f"{column}_tertulis", "")) == key(cell)


def bench(pdf_path: Path, realdocs: Path) -> dict:
    from lkjip_analysis.core import read_core
    from lkjip_analysis.impor.model import Table
    from lkjip_analysis.impor.pdf import read_pdf
    from lkjip_analysis.impor.text import to_text
    from lkjip_analysis.reading.source import Document

    report = pdf_path.stem
    result = {"laporan": report}
    start = time.perf_counter()
    try:
        imported = read_pdf(pdf_path)
        written = to_text(imported)
    except Exception as exc:  # the benchmark says why, and goes on
        result["impor"] = f"gagal: {type(exc).__name__}: {str(exc)[:80]}"
        return result
    seconds = time.perf_counter() - start
    core = read_core(Document(Path(f"{report}.md"), tuple(written.text.splitlines())))
    tokens, library = page_tokens(pdf_path)
    frames = {n: getattr(core, n) for n in (
        "perjanjian_kinerja", "capaian_kinerja", "realisasi_anggaran", "realisasi_anggaran_total",
        "kinerja_historis", "kemajuan_renstra", "efisiensi") if hasattr(core, n)}
    found = transcribed(report, realdocs)
    same, total = compared(core, found)
    year = int(report.rsplit("_", 1)[-1])
    bab3_same, bab3_total = compared_bab3(core, found.get("capaian", []), year)
    result |= {
        "impor": "ya", "halaman": imported.pages,
        "tabel": sum(isinstance(b, Table) for b in imported.blocks),
        "pk": len(core.perjanjian_kinerja), "capaian": len(core.capaian_kinerja),
        "anggaran": len(core.realisasi_anggaran),
        "sama/ditranskripsi": f"{same}/{total}" if total else "-",
        "historis / kemajuan / efisiensi": " / ".join(
            str(len(getattr(core, n, ()))) for n in ("kinerja_historis", "kemajuan_renstra",
                                                     "efisiensi")),
        "bab3 sama/ditranskripsi": f"{bab3_same}/{bab3_total}" if bab3_total else "-",
        "tak_tercetak": untraceable(frames, written.origins, tokens),
        "catatan": len(core.notes),
        "s/halaman": round(seconds / max(imported.pages, 1), 3),
        "x_pdfplumber": round(seconds / library, 2) if library else None,
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--realdocs", type=Path, default=REALDOCS)
    parser.add_argument("--only", nargs="*", default=())
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    pdfs = sorted(p for p in args.realdocs.glob("*.pdf")
                  if not args.only or p.stem in args.only)
    if not pdfs:
        sys.exit(f"no PDF in {args.realdocs}")
    results = [bench(p, args.realdocs) for p in pdfs]
    columns = ["laporan", "impor", "halaman", "tabel", "pk", "capaian", "anggaran",
               "sama/ditranskripsi", "historis / kemajuan / efisiensi",
               "bab3 sama/ditranskripsi", "tak_tercetak", "catatan", "s/halaman",
               "x_pdfplumber"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in results:
        print("| " + " | ".join(str(r.get(c, "")) for c in columns) + " |")
    same, total = _summed(results, "sama/ditranskripsi")
    bab3_same, bab3_total = _summed(results, "bab3 sama/ditranskripsi")
    imported = sum(r["impor"] == "ya" for r in results)
    print(f"diimpor: {imported}/{len(results)}; nilai inti sama dengan transkripsi: "
          f"{same}/{total}; Bab III lainnya: {bab3_same}/{bab3_total}; angka tak tercetak: "
          f"{sum(r.get('tak_tercetak', 0) for r in results)}")


def _summed(results: list[dict], column: str) -> tuple[int, int]:
    same = total = 0
    for r in results:
        if "/" in str(r.get(column, "")):
            a, b = r[column].split("/")
            same, total = same + int(a), total + int(b)
    return same, total


if __name__ == "__main__":
    main()
