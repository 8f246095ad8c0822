"""Summaries the notebooks show: each a small function of the datasets, tested like the rest."""

from __future__ import annotations

import pandas as pd

from . import metrics


def sdm_by_position(d, dimension: str = "jenis_kelamin") -> pd.DataFrame:
    """Staff per position (rows) and category of one breakdown (columns), with a total."""
    data = d.sdm[d.sdm.dimensi == dimension]
    table = data.pivot_table(index=["status_pegawai", "jabatan"], columns="kategori",
                             values="jumlah", aggfunc="sum", sort=False)
    table = table[list(dict.fromkeys(data.kategori))]
    table["Jumlah"] = table.sum(axis=1)
    return table.reset_index()


def sdm_by_status(d) -> pd.DataFrame:
    """PNS and honorer head counts by gender, from the detail rows."""
    data = d.sdm[d.sdm.dimensi == "jenis_kelamin"]
    table = data.pivot_table(index="status_pegawai", columns="kategori", values="jumlah",
                             aggfunc="sum", sort=False)
    table["Jumlah"] = table.sum(axis=1)
    return table.reset_index()


def indicator_summary(d) -> pd.DataFrame:
    """The key indicator: stated and recomputed achievement and progress."""
    row = d.capaian_kinerja.iloc[0]
    progress = d.kemajuan_renstra.iloc[0]
    polarity = d.polaritas_indikator.polaritas.iloc[0]
    return pd.DataFrame([{
        "indikator": row.indikator_kinerja, "target": row.target, "realisasi": row.realisasi,
        "capaian_dilaporkan": row.persen,
        "capaian_dihitung": metrics.capaian(row.realisasi, row.target, polarity),
        "target_akhir_renstra": progress.target_akhir,
        "kemajuan_dihitung": metrics.tingkat_kemajuan(row.realisasi, progress.target_akhir),
    }])


OUTPUTS = (("KUBE", "kube_target_kk", "kube_realisasi_kk", "KK"),
           ("UEP", "uep_target", "uep_realisasi", "orang"),
           ("KAT", "kat_target_kk", "kat_realisasi_kk", "KK"),
           ("PKH", "pkh_target", "pkh_realisasi", "KPM"))


def stated(d, key: str) -> pd.Series | None:
    """The first statement of the narrative figure `key`, or None when the narrative does not
    state it."""
    found = d.fakta[(d.fakta.kunci == key) & d.fakta.ditemukan]
    return found.iloc[0] if not found.empty else None


def stated_values(d) -> pd.Series:
    """Each narrative figure's first stated value, by key (NaN where it is not stated)."""
    return d.fakta.sort_values("ditemukan", ascending=False, kind="stable") \
        .drop_duplicates("kunci").set_index("kunci").nilai


def program_outputs(d) -> pd.DataFrame:
    """KUBE, UEP, KAT and PKH: planned, realised, achievement, and share of the PMKS
    population (units differ: households or persons, as the report states them)."""
    facts = stated_values(d)
    population = facts["populasi_pmks"]
    rows = [{"keluaran": name, "satuan": unit, "direncanakan": facts[plan],
             "terealisasi": facts[done], "capaian": metrics.capaian(facts[done], facts[plan]),
             "persen_populasi_pmks": facts[done] / population * 100}
            for name, plan, done, unit in OUTPUTS]
    return pd.DataFrame(rows)


def value_line_names(lines: pd.DataFrame, line_number: bool = False) -> list[str]:
    """Tabel 14 value lines as they are: the programme's own line (`17. Program …`), or an
    activity of programme N (`Kegiatan program 17: …`); a line with an amount only is told
    apart by its place among the programme's value lines (`Kegiatan program 17, nilai ke-2`).
    `line_number` adds the source line to every name (the analyst's explorer)."""
    place = lines.groupby("no_program", sort=False).cumcount() + 1
    names = []
    for line, nth in zip(lines.itertuples(), place, strict=True):
        activity = line.uraian.strip().lstrip("- ").strip()
        if line.jenis_baris == "program":
            name = f"{line.no_program}. {line.program}"
        elif activity:
            name = f"Kegiatan program {line.no_program}: {activity}"
        else:
            name = f"Kegiatan program {line.no_program}, nilai ke-{nth}"
        names.append(f"{name} (baris {line.baris_sumber})" if line_number else name)
    return names


def apbd_by_program(d) -> pd.DataFrame:
    """APBD realisation per programme, with the allocation its percentages imply."""
    lines = d.realisasi_apbd.dropna(subset=["realisasi"]).copy()
    lines["alokasi_tersirat"] = metrics.alokasi_tersirat(lines.realisasi.astype(float),
                                                         lines.persen)
    table = (lines.groupby(["no_program", "program", "unit_kerja"], sort=False)
             [["realisasi", "alokasi_tersirat"]].sum().reset_index())
    table["serapan"] = metrics.serapan(table.realisasi.astype(float), table.alokasi_tersirat)
    return table


def apbd_by_unit(d) -> pd.DataFrame:
    """APBD realisation per unit (Dinas and each UPTD), with implied allocation and serapan."""
    table = apbd_by_program(d).groupby("unit_kerja", sort=False)[
        ["realisasi", "alokasi_tersirat"]].sum()
    table["serapan"] = metrics.serapan(table.realisasi.astype(float), table.alokasi_tersirat)
    return table.sort_values("realisasi", ascending=False).reset_index()


def apbd_totals(d) -> pd.DataFrame:
    """Belanja Tidak Langsung, Langsung and Total with the allocation each implies."""
    table = d.realisasi_apbd_total[["uraian", "realisasi", "persen"]].copy()
    table["alokasi_tersirat"] = metrics.alokasi_tersirat(table.realisasi.astype(float),
                                                         table.persen)
    return table


def apbn_by_fund(d) -> pd.DataFrame:
    """APBN realisation per source of funds, with each fund's share in percent."""
    table = d.realisasi_apbn.groupby("sumber_dana", sort=False).realisasi.sum().reset_index()
    table["bagian"] = table.realisasi / table.realisasi.sum() * 100
    return table


def budget_trend(d) -> pd.DataFrame:
    """Grafik 1–2 data: per year and fund, with serapan where both numbers exist."""
    table = d.anggaran_historis.copy()
    table["serapan"] = metrics.serapan(table.realisasi.astype(float),
                                       table.anggaran.astype(float))
    table["tersedia"] = table.anggaran.notna() & table.realisasi.notna()
    return table
