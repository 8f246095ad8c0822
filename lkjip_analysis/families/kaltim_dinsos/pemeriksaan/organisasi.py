"""Checks of the staff table (Tabel 1 in 2020) and the narrative count of civil servants."""

from __future__ import annotations

import pandas as pd

from ....core.findings import Facts, Findings

DIMENSION_LABELS = {
    "jenis_kelamin": "jenis kelamin",
    "golongan": "golongan",
    "pendidikan": "pendidikan",
}


def _covers(label: str) -> str | None:
    """Which staff a total row counts: PNS, Honorer/PTT, or all (None)."""
    text = label.lower()
    if "pns" in text and "honorer" not in text:
        return "PNS"
    if "honorer" in text and "pns" not in text:
        return "Honorer/PTT"
    return None


def _breakdowns_agree(f: Findings, label: str, rows: pd.DataFrame, status: str | None) -> None:
    """Non-PNS staff hold no civil-service rank: the golongan breakdown is compared only for
    rows that count PNS alone."""
    sums = rows.groupby("dimensi", sort=False).jumlah.sum()
    reference = sums.index[0]
    for dim in sums.index[1:]:
        if dim == "golongan" and status != "PNS":
            continue
        f.compare(
            "<sdm>",
            f"{label}: jumlah menurut {DIMENSION_LABELS.get(dim, dim)} sama "
            f"dengan jumlah menurut {DIMENSION_LABELS.get(reference, reference)}",
            float(sums[dim]),
            float(sums[reference]),
            rows.baris_sumber.iloc[0],
            0,
        )


def check_sdm(d, f: Findings, facts: Facts) -> None:
    """Tabel 1: every total against its detail rows, in every breakdown; the PNS count."""
    detail, totals = d.sdm, d.sdm_total
    for jabatan, rows in detail.groupby("jabatan", sort=False):
        _breakdowns_agree(f, jabatan, rows, rows.status_pegawai.iloc[0])
    for label, rows in totals.groupby("uraian", sort=False):
        status = _covers(label)
        parts = detail if status is None else detail[detail.status_pegawai == status]
        for row in rows.itertuples():
            scope = parts[parts.dimensi == row.dimensi]
            if row.kategori != "semua":
                scope = scope[scope.kategori == row.kategori]
            what = "semua" if row.kategori == "semua" else row.kategori
            f.compare(
                "<sdm>",
                f"{label}, {DIMENSION_LABELS.get(row.dimensi)} {what}: jumlah baris rinci",
                float(row.jumlah),
                float(scope.jumlah.sum()),
                row.baris_sumber,
                0,
            )
        if (rows.kategori != "semua").all():
            _breakdowns_agree(f, label, rows, status)
    pns_total = totals[(totals.uraian.map(_covers) == "PNS") & (totals.dimensi == "jenis_kelamin")]
    for statement in facts.all("jumlah_pns").itertuples():
        f.compare(
            "Narasi",
            "Jumlah PNS di narasi sama dengan baris Jumlah PNS <sdm>",
            statement.nilai,
            float(pns_total.jumlah.sum()),
            statement.baris_sumber,
            0,
        )
        pns_detail = detail[(detail.status_pegawai == "PNS") & (detail.dimensi == "jenis_kelamin")]
        f.compare(
            "Narasi",
            "Jumlah PNS di narasi sama dengan jumlah baris rinci PNS <sdm>",
            statement.nilai,
            float(pns_detail.jumlah.sum()),
            statement.baris_sumber,
            0,
        )
