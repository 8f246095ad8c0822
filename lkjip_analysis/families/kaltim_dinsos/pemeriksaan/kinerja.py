"""Checks of the performance indicator tables: targets, quarters, achievement, history,
progress, efficiency, the agreement budget and the SAKIP evaluation."""

from __future__ import annotations

from .... import metrics
from ....core.findings import Facts, Findings, polarity_of, single_row
from ....numbers import format_percent, format_value


def check_targets(d, f: Findings) -> None:
    """The year's target as Tabel 3, 6, 8, 9 and 13 state it."""
    agreed = d.perjanjian_kinerja.iloc[0]
    plan = d.target_tahunan
    this_year = plan[(plan.jenis == "target") & (plan.tahun == d.year)]
    for row in this_year.itertuples():
        f.compare(
            "<target_tahunan>",
            f"Target {d.year} di Target Tahunan sama dengan target "
            "Perjanjian Kinerja (<perjanjian_kinerja>)",
            row.nilai,
            agreed.target,
            row.baris_sumber,
            note="Target tahun yang sama berbeda antara Renstra (<target_tahunan>) dan "
            "Perjanjian Kinerja (<perjanjian_kinerja>).",
        )
    for tabel, df, column in (
        ("<kinerja_triwulan>", d.kinerja_triwulan, "target_tahunan"),
        ("<capaian_kinerja>", d.capaian_kinerja, "target"),
        ("<anggaran_kinerja>", d.anggaran_kinerja, "target"),
    ):
        row = df.iloc[0]
        f.compare(
            tabel,
            "Target tahunan sama dengan target Perjanjian Kinerja (<perjanjian_kinerja>)",
            row[column],
            agreed.target,
            row.baris_sumber,
        )


def check_quarters(d, f: Findings) -> None:
    """Tabel 8: quarterly percentages; quarter IV against the year."""
    quarters = d.kinerja_triwulan
    annual = d.capaian_kinerja.iloc[0]
    polarity = polarity_of(d, annual.indikator_kinerja)
    for row in quarters[quarters.target > 0].itertuples():
        f.compare(
            "<kinerja_triwulan>",
            f"Persentase capaian triwulan {row.triwulan} = realisasi / target × 100",
            row.persen,
            metrics.capaian(row.realisasi, row.target, polarity),
            row.baris_sumber,
        )
    last = quarters.sort_values("triwulan").iloc[-1]
    f.compare(
        "<kinerja_triwulan>",
        "Target kumulatif triwulan IV sama dengan target tahunan",
        last.target,
        last.target_tahunan,
        last.baris_sumber,
        note="Target triwulan tidak mencapai target tahunan pada triwulan IV.",
    )
    f.compare(
        "<kinerja_triwulan>",
        "Realisasi kumulatif triwulan IV sama dengan realisasi tahunan (<capaian_kinerja>)",
        last.realisasi,
        annual.realisasi,
        last.baris_sumber,
        note="Realisasi akhir tahun berbeda antara <kinerja_triwulan> dan <capaian_kinerja>.",
    )


def check_achievement(d, f: Findings, facts: Facts) -> float:
    """Tabel 9's capaian and each restatement; returns the capaian."""
    row = d.capaian_kinerja.iloc[0]
    achieved = metrics.capaian(row.realisasi, row.target, polarity_of(d, row.indikator_kinerja))
    f.compare(
        "<capaian_kinerja>",
        "Capaian = realisasi / target × 100",
        row.persen,
        achieved,
        row.baris_sumber,
    )
    for tabel, df, column in (
        ("<kemajuan_renstra>", d.kemajuan_renstra, "realisasi"),
        ("<anggaran_kinerja>", d.anggaran_kinerja, "realisasi"),
    ):
        other = df.iloc[0]
        f.compare(
            tabel,
            "Realisasi kinerja sama dengan <capaian_kinerja>",
            other[column],
            row.realisasi,
            other.baris_sumber,
        )
    for statement in facts.all("realisasi_kinerja").itertuples():
        f.compare(
            "Narasi",
            "Realisasi kinerja di narasi sama dengan <capaian_kinerja>",
            statement.nilai,
            row.realisasi,
            statement.baris_sumber,
        )
        f.claim(
            "Narasi",
            "Klaim 'capaian kinerja yang melampaui target': realisasi "
            "(dilaporkan) dibanding target (dihitung)",
            statement.nilai,
            row.target,
            statement.nilai > row.target,
            statement.baris_sumber,
            note="Realisasi di bawah target; klaim 'melampaui target' tidak didukung.",
        )
    for statement in facts.all("penurunan_pmks").itertuples():
        f.compare(
            "Narasi",
            "Penurunan PMKS di Ringkasan Eksekutif sama dengan realisasi <capaian_kinerja>",
            statement.nilai,
            row.realisasi,
            statement.baris_sumber,
            note="Ringkasan Eksekutif dan <capaian_kinerja> menyebut angka berbeda.",
        )
    return achieved


def check_history(d, f: Findings) -> None:
    """Tabel 10: the stated change against its own column formula."""
    change = d.kinerja_perubahan.iloc[0]
    history = d.kinerja_historis.sort_values("tahun")
    first_year_column = 4  # <kinerja_historis>: No, Indikator, Satuan, then the years (columns 4 …)
    columns = {first_year_column + i: v for i, v in enumerate(history.realisasi)}
    computed = metrics.rumus_kolom(change.rumus, columns)
    f.compare(
        "<kinerja_historis>",
        f"% peningkatan/penurunan menurut rumus kolom '{change.rumus}'",
        change.persen_perubahan,
        computed,
        change.baris_sumber,
        note="Rumus yang tertulis di tabel tidak menghasilkan angka yang dilaporkan.",
    )


def check_progress(d, f: Findings) -> None:
    """Tabel 11: tingkat kemajuan against realisasi / target akhir."""
    row = d.kemajuan_renstra.iloc[0]
    f.compare(
        "<kemajuan_renstra>",
        "Tingkat kemajuan = realisasi / target akhir Renstra × 100",
        row.tingkat_kemajuan,
        metrics.tingkat_kemajuan(row.realisasi, row.target_akhir),
        row.baris_sumber,
    )


def check_efficiency(d, f: Findings, facts: Facts, achieved: float, absorbed: float) -> None:
    """Tabel 12: efisiensi by its formula and recomputed; its claims."""
    row = d.efisiensi.iloc[0]
    stated_capaian = d.capaian_kinerja.iloc[0].persen
    f.compare(
        "<efisiensi>",
        f"Tingkat efisiensi menurut rumus kolom '{row.rumus}'",
        row.tingkat_efisiensi,
        metrics.rumus_kolom(row.rumus, {4: row.persen_capaian, 5: row.persen_serapan}),
        row.baris_sumber,
    )
    f.compare(
        "<efisiensi>",
        "% capaian kinerja sama dengan <capaian_kinerja>",
        row.persen_capaian,
        stated_capaian,
        row.baris_sumber,
    )
    f.compare(
        "<efisiensi>",
        "% capaian kinerja = realisasi / target × 100 (<capaian_kinerja>)",
        row.persen_capaian,
        achieved,
        row.baris_sumber,
    )
    f.compare(
        "<efisiensi>",
        "% penyerapan anggaran = realisasi APBD / anggaran APBD × 100",
        row.persen_serapan,
        absorbed,
        row.baris_sumber,
        note=f"Serapan APBD keseluruhan adalah {format_percent(absorbed)} (<anggaran_kinerja>, "
        "narasi); angka di <efisiensi> tidak berasal dari anggaran yang dilaporkan.",
    )
    f.compare(
        "<efisiensi>",
        "Efisiensi dihitung ulang dari capaian dan serapan yang dihitung ulang",
        row.tingkat_efisiensi,
        metrics.efisiensi(achieved, absorbed),
        row.baris_sumber,
    )
    f.claim(
        "<efisiensi>",
        "Efisiensi dianalisis untuk kinerja dengan capaian ≥ 100% (judul "
        "kolom): capaian (dilaporkan) dibanding 100 (dihitung)",
        row.persen_capaian,
        100.0,
        row.persen_capaian >= 100,
        row.baris_sumber,
        note="Capaian di bawah 100%, padahal analisis efisiensi disebut hanya untuk "
        "kinerja yang tercapai 100%.",
    )
    for statement in facts.all("tingkat_efisiensi").itertuples():
        f.compare(
            "Narasi",
            "Tingkat efisiensi di narasi sama dengan <efisiensi>",
            statement.nilai,
            row.tingkat_efisiensi,
            statement.baris_sumber,
        )


def check_agreement_budget(d, f: Findings, facts: Facts, achieved: float, absorbed: float) -> None:
    """Tabel 13, and the narrative claim that the target was met."""
    row = d.anggaran_kinerja.iloc[0]
    total = single_row(d.realisasi_apbd_total, uraian="Total")
    f.compare(
        "<anggaran_kinerja>",
        "% capaian kinerja = realisasi / target × 100",
        row.persen_capaian_kinerja,
        achieved,
        row.baris_sumber,
    )
    f.compare(
        "<anggaran_kinerja>",
        "Realisasi anggaran sama dengan Total <realisasi_apbd>",
        float(row.realisasi_anggaran),
        float(total.realisasi),
        row.baris_sumber,
        0,
    )
    f.compare(
        "<anggaran_kinerja>",
        "% capaian anggaran = realisasi APBD / anggaran APBD (narasi) × 100",
        row.persen_capaian_anggaran,
        absorbed,
        row.baris_sumber,
    )
    for statement in facts.all("capaian_kinerja").itertuples():
        f.compare(
            "Narasi",
            "Capaian kinerja di narasi sama dengan <anggaran_kinerja>",
            statement.nilai,
            row.persen_capaian_kinerja,
            statement.baris_sumber,
        )
        f.claim(
            "Narasi",
            "Klaim 'sudah memenuhi target': capaian (dilaporkan) dibanding 100 (dihitung)",
            statement.nilai,
            100.0,
            statement.nilai >= 100,
            statement.baris_sumber,
            note="Capaian di bawah 100%: target belum terpenuhi.",
        )


# --- Tabel 7: SAKIP ----------------------------------------------------------------------


def check_sakip(d, f: Findings, facts: Facts) -> None:
    """Tabel 7: weights, component sums, predicates, narrative categories."""
    parts, totals = d.evaluasi_akip, d.evaluasi_akip_total
    weights = parts.drop_duplicates("komponen")
    f.compare(
        "<evaluasi_akip>",
        "Jumlah bobot komponen = 100%",
        100.0,
        float(weights.bobot.sum()),
        weights.baris_sumber.iloc[0],
        2,
    )
    for row in parts.itertuples():
        f.claim(
            "<evaluasi_akip>",
            f"Nilai {row.komponen} {row.tahun} tidak melebihi bobotnya "
            "(dilaporkan: nilai, dihitung: bobot)",
            row.nilai,
            row.bobot,
            row.nilai <= row.bobot,
            row.baris_sumber,
        )
    for total in totals.itertuples():
        year_parts = parts[parts.tahun == total.tahun]
        f.compare(
            "<evaluasi_akip>",
            f"Nilai hasil evaluasi {total.tahun} = jumlah nilai komponen",
            total.nilai,
            float(year_parts.nilai.sum()),
            total.baris_sumber,
        )
        f.same_text(
            "<evaluasi_akip>",
            f"Kategori {total.tahun} sesuai predikat nilai {format_value(total.nilai)} "
            "(Permen PANRB 12/2015)",
            total.kategori,
            metrics.predikat_sakip(total.nilai),
            total.baris_sumber_kategori,
        )
    ordered = totals.sort_values("tahun")
    for key, row in (
        ("kategori_sakip_sebelumnya", ordered.iloc[0]),
        ("kategori_sakip", ordered.iloc[-1]),
    ):
        for statement in facts.all(key).itertuples():
            f.same_text(
                "Narasi",
                f"Kategori SAKIP di narasi sama dengan <evaluasi_akip> tahun {row.tahun}",
                statement.teks,
                row.kategori,
                statement.baris_sumber,
            )
