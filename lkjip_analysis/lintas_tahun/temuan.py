"""Figures that two sources state for the same year, compared: an indicator's realisation as its
own year's report states it against later reports' history tables, a SAKIP score stated by two
reports, a year's budget totals in its report against `anggaran_historis.csv`.

Same columns as `temuan_audit.csv`, plus where the second figure comes from: `dilaporkan` is the
restatement (the later report, or the input file), `dihitung` the figure it should repeat.
"""

from __future__ import annotations

import pandas as pd

from ..audit import COCOK, COLUMNS, TIDAK_COCOK, agrees, decimals_of
from ..core.findings import indicator_key, tidy
from ..numbers import format_value
from .grafik import chart_budget
from .seri import report_budget, where

HISTORY_FILE = "anggaran_historis.csv"  # the budget history, as its findings name it
FINDING_COLUMNS = [*COLUMNS, "laporan", "sumber_pembanding", "baris_pembanding"]


class CrossYearFindings:
    """Collects comparisons; ids `L-01`, `L-02` …"""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def compare(self, tabel: str, uraian: str, stated, expected, line: int, report: int,
                other: str, other_line: int, text: bool = False) -> None:
        if text:
            ok = str(stated).strip().upper() == str(expected).strip().upper()
            difference = None
        else:
            ok = agrees(float(stated), float(expected), decimals_of(float(stated)))
            difference = tidy(float(expected) - float(stated))
        self.rows.append({
            "id": f"L-{len(self.rows) + 1:02d}", "tabel": tabel, "uraian": uraian,
            "dilaporkan": tidy(stated), "dihitung": tidy(expected), "selisih": difference,
            "status": COCOK if ok else TIDAK_COCOK, "baris_sumber": int(line),
            "catatan": "" if ok else f"{other} menyebut {format_value(tidy(expected))}.",
            "laporan": report, "sumber_pembanding": other, "baris_pembanding": int(other_line),
        })

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.rows, columns=FINDING_COLUMNS).astype(object)
        return df.astype({"baris_sumber": "int64", "laporan": "int64",
                          "baris_pembanding": "int64"})


def indicator_findings(f: CrossYearFindings, reports: dict) -> None:
    """Each restated realisation against the one its own year's report states; without such a
    report, against the earliest report that states that year."""
    stated = []
    for d in reports.values():
        own, past = d.table_label("capaian_kinerja"), d.table_label("kinerja_historis")
        stated += [(indicator_key(r.indikator_kinerja), d.year, d.year, r, own)
                   for r in d.capaian_kinerja.itertuples()]
        stated += [(indicator_key(r.indikator_kinerja), r.tahun, d.year, r, past)
                   for r in d.kinerja_historis.itertuples()]
    groups: dict[tuple, list] = {}
    for key, year, report, row, tabel in stated:
        groups.setdefault((key, year), []).append((report, row, tabel))
    for (_, year), found in sorted(groups.items(), key=lambda item: item[0][1]):
        found.sort(key=lambda item: (item[0] != year, item[0]))
        base_report, base, base_tabel = found[0]
        for report, row, tabel in found[1:]:
            if report == base_report:
                continue
            f.compare(tabel, f"Realisasi {year} '{row.indikator_kinerja}': LKjIP {report} sama "
                      f"dengan LKjIP {base_report}", row.realisasi, base.realisasi,
                      row.baris_sumber, report, where(base_report, base_tabel, base.baris_sumber),
                      base.baris_sumber)


def sakip_findings(f: CrossYearFindings, reports: dict) -> None:
    """A SAKIP evaluation year stated by two reports: the score and the category."""
    stated: dict[int, list] = {}
    for d in reports.values():
        for row in d.evaluasi_akip_total.itertuples():
            stated.setdefault(row.tahun, []).append((d.year, row, d.table_label("evaluasi_akip")))
    for year, found in sorted(stated.items()):
        base_report, base, base_tabel = found[0]
        for report, row, tabel in found[1:]:
            f.compare(tabel, f"Nilai evaluasi SAKIP {year}: LKjIP {report} sama dengan LKjIP "
                      f"{base_report}", row.nilai, base.nilai, row.baris_sumber, report,
                      where(base_report, base_tabel, base.baris_sumber), base.baris_sumber)
            f.compare(tabel, f"Kategori SAKIP {year}: LKjIP {report} sama dengan LKjIP "
                      f"{base_report}", row.kategori, base.kategori, row.baris_sumber_kategori,
                      report, where(base_report, base_tabel, base.baris_sumber_kategori),
                      base.baris_sumber_kategori, text=True)


def budget_findings(f: CrossYearFindings, reports: dict, history: pd.DataFrame,
                    history_name: str) -> None:
    """A report year that the history file also fills: its numbers against the report's."""
    for d in reports.values():
        for row in report_budget(d):
            filled = history[(history.tahun == row["tahun"])
                             & (history.sumber_dana == row["sumber_dana"])]
            for index, entry in filled.iterrows():
                for column in ("anggaran", "realisasi"):
                    if pd.isna(entry[column]) or column not in row["asal"]:
                        continue
                    other, other_line = row["asal"][column]
                    f.compare(history_name, f"{column.capitalize()} {row['sumber_dana']} "
                              f"{row['tahun']}: {history_name} sama dengan LKjIP {d.year}",
                              entry[column], row[column], int(index) + 2, d.year, other,
                              other_line)


def chart_findings(f: CrossYearFindings, reports: dict) -> None:
    """A year a report's chart restates that has a report of its own: the chart's figures
    against that report's."""
    for d in reports.values():
        for row in chart_budget(d):
            own = reports.get(row["tahun"])
            if own is None or own.year == d.year:
                continue
            stated = {r["sumber_dana"]: r for r in report_budget(own)}.get(row["sumber_dana"])
            for column, (_, line) in row["asal"].items():
                if stated is None or column not in stated["asal"]:
                    continue
                other, other_line = stated["asal"][column]
                f.compare(row["grafik"],
                          f"{column.capitalize()} {row['sumber_dana']} {row['tahun']}: grafik "
                          f"LKjIP {d.year} sama dengan LKjIP {own.year}",
                          row[column], stated[column], line, d.year, other, other_line)


def cross_year_findings(reports: dict, history: pd.DataFrame,
                        history_name: str = HISTORY_FILE) -> pd.DataFrame:
    """Every figure two sources state for the same year, compared."""
    f = CrossYearFindings()
    indicator_findings(f, reports)
    sakip_findings(f, reports)
    budget_findings(f, reports, history, history_name)
    chart_findings(f, reports)
    return f.frame()


def summary(findings: pd.DataFrame) -> str:
    """One line: how many comparisons, how many agree."""
    agree = int((findings.status == COCOK).sum())
    return (f"{len(findings)} perbandingan lintas tahun: {agree} cocok, "
            f"{int((findings.status == TIDAK_COCOK).sum())} tidak cocok")


def findings_csv_bytes(findings: pd.DataFrame) -> bytes:
    """`temuan_lintas_tahun.csv` (UTF-8, plain numbers, text safe to open in a spreadsheet)."""
    from ..data.spreadsheet import people_csv_bytes

    return people_csv_bytes(findings)


HISTORY_WORDS = "data anggaran historis"  # the budget history file, as a reader calls it
STATUS_WORDS = {"cocok": "cocok", "tidak_cocok": "tidak cocok", "tidak_disebut": "tidak disebut"}


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A cross-year table for the index page: the budget history named in words, statuses in
    words (the CSVs keep the file's name and the machine statuses)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: v.replace(HISTORY_FILE, HISTORY_WORDS)
                if isinstance(v, str) else v)
    if "status" in out:
        out["status"] = out.status.map(STATUS_WORDS).fillna(out.status)
    return out
