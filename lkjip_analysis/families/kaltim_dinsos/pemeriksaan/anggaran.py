"""Checks of the budget realisation tables (APBD and APBN) and their narrative."""

from __future__ import annotations

import pandas as pd

from .... import metrics
from ....core.findings import Facts, Findings, implied, implied_by_lines, single_row
from ....numbers import format_percent, format_rupiah


def check_apbd(d, f: Findings, facts: Facts) -> float:
    """Tabel 14 and its narrative; returns the recomputed serapan."""
    lines, totals = d.realisasi_apbd, d.realisasi_apbd_total
    indirect = single_row(totals, uraian="Belanja Tidak Langsung")
    direct = single_row(totals, uraian="Belanja Langsung")
    total = single_row(totals, uraian="Total")
    values = lines.dropna(subset=["realisasi"])
    f.compare(
        "<realisasi_apbd>",
        "Belanja Langsung = jumlah semua baris nilai program/kegiatan",
        float(direct.realisasi),
        float(values.realisasi.sum()),
        direct.baris_sumber,
        0,
    )
    f.compare(
        "<realisasi_apbd>",
        "Total = Belanja Tidak Langsung + Belanja Langsung",
        float(total.realisasi),
        float(indirect.realisasi + direct.realisasi),
        total.baris_sumber,
        0,
    )
    budget = facts.first("apbd_anggaran")  # the tables have no budget column
    absorbed = metrics.serapan(float(total.realisasi), facts.value("apbd_anggaran"))
    for statement in facts.all("apbd_realisasi").itertuples():
        f.compare(
            "Narasi",
            "Realisasi APBD di narasi sama dengan Total <realisasi_apbd>",
            statement.nilai,
            float(total.realisasi),
            statement.baris_sumber,
            0,
        )
    for statement in facts.all("apbd_serapan").itertuples():
        f.compare(
            "Narasi",
            "Serapan APBD keseluruhan = realisasi / total anggaran × 100",
            statement.nilai,
            absorbed,
            statement.baris_sumber,
            note=f"Serapan keseluruhan adalah {format_percent(absorbed)}; "
            f"{format_percent(statement.nilai)} adalah serapan Belanja Langsung "
            f"(<realisasi_apbd> baris {direct.baris_sumber}).",
        )
    for key, row in (("apbd_serapan_btl", indirect), ("apbd_serapan_bl", direct)):
        for statement in facts.all(key).itertuples():
            f.compare(
                "Narasi",
                f"Serapan {row.uraian} di narasi sama dengan <realisasi_apbd>",
                statement.nilai,
                row.persen,
                statement.baris_sumber,
            )
    if budget is not None:
        _check_apbd_allocations(f, values, indirect, direct, budget)
    return absorbed


def _check_apbd_allocations(f: Findings, values: pd.DataFrame, indirect, direct, budget) -> None:
    """Do the allocations the percentages imply add up to the stated budget?"""
    by_indirect = implied(float(indirect.realisasi), indirect.persen)
    by_direct = implied(float(direct.realisasi), direct.persen)
    by_lines = implied_by_lines(values)
    f.within(
        "<realisasi_apbd>",
        "Alokasi tersirat Belanja Langsung (realisasi / %) = jumlah "
        "alokasi tersirat baris-baris nilai",
        by_direct.value,
        by_lines,
        direct.baris_sumber,
        note=_single_correction(direct, by_lines.value, "baris-baris nilai"),
    )
    stated = budget.nilai
    fit_direct = float(direct.realisasi) * 100 / (stated - by_indirect.value)
    fit_indirect = float(indirect.realisasi) * 100 / (stated - by_direct.value)
    lines_confirm = by_lines.low <= stated - by_indirect.value <= by_lines.high
    note = (
        f"Koreksi tunggal yang mendamaikan: total anggaran "
        f"{format_rupiah(by_indirect.value + by_direct.value)}; atau serapan Belanja Tidak "
        f"Langsung {format_percent(fit_indirect)}; atau serapan Belanja Langsung "
        f"{format_percent(fit_direct)}."
    )
    if lines_confirm:
        note += (
            f" Alokasi tersirat baris-baris <realisasi_apbd> mendukung yang terakhir: serapan "
            f"Belanja Langsung {format_percent(fit_direct)}, bukan "
            f"{format_percent(direct.persen)}."
        )
    f.within(
        "Narasi",
        "Total anggaran APBD = alokasi tersirat Belanja Tidak Langsung + "
        "Belanja Langsung (realisasi / % <realisasi_apbd>)",
        stated,
        by_indirect + by_direct,
        budget.baris_sumber,
        note=note,
    )


def _single_correction(total_row, implied_by_parts: float, parts: str) -> str:
    fit = float(total_row.realisasi) * 100 / implied_by_parts
    return (
        f"Alokasi tersirat {parts} {format_rupiah(implied_by_parts)} memberi serapan "
        f"{total_row.uraian} {format_percent(fit)}, bukan {format_percent(total_row.persen)}."
    )


def check_apbn(d, f: Findings, facts: Facts) -> None:
    """Tabel 15 and its narrative: sums, serapan, implied allocations."""
    lines, totals = d.realisasi_apbn, d.realisasi_apbn_total
    grand = single_row(totals, sumber_dana="Semua")
    for fund, fund_lines in lines.groupby("sumber_dana", sort=False):
        subtotal = single_row(totals, sumber_dana=fund)
        gap = float(subtotal.realisasi) - float(fund_lines.realisasi.sum())
        f.compare(
            "<realisasi_apbn>",
            f"Jumlah {fund} = jumlah baris programnya",
            float(subtotal.realisasi),
            float(fund_lines.realisasi.sum()),
            subtotal.baris_sumber,
            0,
            note=f"Selisih {format_rupiah(abs(gap))}: satu angka yang salah sebesar itu "
            "akan mendamaikan; laporan tidak memberi cara menentukan barisnya.",
        )
        if not pd.isna(subtotal.persen):
            by_lines = implied_by_lines(fund_lines)
            f.within(
                "<realisasi_apbn>",
                f"Alokasi tersirat Jumlah {fund} = jumlah alokasi tersirat baris programnya",
                implied(float(subtotal.realisasi), subtotal.persen).value,
                by_lines,
                subtotal.baris_sumber,
                note=_single_correction(subtotal, by_lines.value, "baris program"),
            )
    subtotals = totals[totals.sumber_dana != "Semua"]
    f.compare(
        "<realisasi_apbn>",
        "Jumlah Keseluruhan = jumlah A + B",
        float(grand.realisasi),
        float(subtotals.realisasi.sum()),
        grand.baris_sumber,
        0,
    )
    f.compare(
        "<realisasi_apbn>",
        "Jumlah Keseluruhan = jumlah semua baris program",
        float(grand.realisasi),
        float(lines.realisasi.sum()),
        grand.baris_sumber,
        0,
    )
    budget = facts.first("apbn_anggaran")
    absorbed = metrics.serapan(float(grand.realisasi), facts.value("apbn_anggaran"))
    f.compare(
        "<realisasi_apbn>",
        "% Jumlah Keseluruhan = realisasi / total anggaran APBN × 100",
        grand.persen,
        absorbed,
        grand.baris_sumber,
    )
    for statement in facts.all("apbn_realisasi").itertuples():
        f.compare(
            "Narasi",
            "Realisasi APBN di narasi sama dengan Jumlah Keseluruhan <realisasi_apbn>",
            statement.nilai,
            float(grand.realisasi),
            statement.baris_sumber,
            0,
        )
    for statement in facts.all("apbn_serapan").itertuples():
        f.compare(
            "Narasi",
            "Serapan APBN = realisasi / total anggaran × 100",
            statement.nilai,
            absorbed,
            statement.baris_sumber,
            note=f"Serapan APBN adalah {format_percent(absorbed)} (juga <realisasi_apbn> baris "
            f"{grand.baris_sumber}).",
        )
    if budget is None:
        return
    by_fund = [
        implied(float(subtotal.realisasi), subtotal.persen)
        if not pd.isna(subtotal.persen)
        else implied_by_lines(fund_lines)
        for subtotal, fund_lines in (
            (single_row(totals, sumber_dana=fund), fund_lines)
            for fund, fund_lines in lines.groupby("sumber_dana", sort=False)
        )
    ]
    f.within(
        "Narasi",
        "Total anggaran APBN = jumlah alokasi tersirat per sumber dana",
        budget.nilai,
        sum(by_fund[1:], by_fund[0]),
        budget.baris_sumber,
    )
