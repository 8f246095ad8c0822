"""The audit: recompute every figure the report derives and compare it with what is stated.

`audit(datasets)` returns one row per check (DESIGN.md's `temuan_audit.csv` contract): the
figure as stated (`dilaporkan`), our recomputation or the same figure stated elsewhere
(`dihitung`), their difference, and `cocok` when they agree within the report's rounding (a
figure printed with two decimals agrees when the recomputation rounds to the same two
decimals). Checks that agree are listed too. `catatan` explains a disagreement and, where one
exists, the single correction that would reconcile it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from . import metrics
from .errors import SourceError
from .numbers import format_percent, format_rupiah

COLUMNS = ["id", "tabel", "uraian", "dilaporkan", "dihitung", "selisih", "status",
           "baris_sumber", "catatan"]
SHEET = "temuan_audit"
# Workbook kinds: the figures are numbers or categories, so they are written as they are.
SHEET_KINDS = {c: "int" if c == "baris_sumber" else "text" for c in COLUMNS}
COCOK, TIDAK_COCOK = "cocok", "tidak_cocok"
DIMENSION_LABELS = {"jenis_kelamin": "jenis kelamin", "golongan": "golongan",
                    "pendidikan": "pendidikan"}


def decimals_of(value: float, most: int = 4) -> int:
    """How many decimals a stated figure shows (the fewest that reproduce it)."""
    for k in range(most + 1):
        if abs(round(value, k) - value) < 1e-9:
            return k
    return most


def agrees(stated: float, computed: float, decimals: int) -> bool:
    """True when `computed` rounded half-up to `decimals` equals `stated`."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(computed))).quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(float(rounded) - stated) < 10 ** -(decimals + 3)


@dataclass
class Findings:
    """Collects checks; ids run per table (`T14-03`, `N-07`)."""

    rows: list[dict] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)

    def _add(self, tabel: str, uraian: str, stated, computed, ok: bool, line: int,
             note: str) -> None:
        prefix = "N" if tabel == "Narasi" else "T" + tabel.split()[-1].zfill(2)
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        numeric = all(isinstance(v, int | float) for v in (stated, computed))
        self.rows.append({
            "id": f"{prefix}-{self.counters[prefix]:02d}", "tabel": tabel, "uraian": uraian,
            "dilaporkan": _tidy(stated), "dihitung": _tidy(computed),
            "selisih": _tidy(computed - stated) if numeric else None,
            "status": COCOK if ok else TIDAK_COCOK, "baris_sumber": int(line),
            "catatan": note,
        })

    def compare(self, tabel: str, uraian: str, stated: float, computed: float, line: int,
                decimals: int | None = None, note: str = "", note_if_ok: str = "") -> bool:
        """A stated number against its recomputation, at the stated figure's precision."""
        ok = agrees(stated, computed, decimals_of(stated) if decimals is None else decimals)
        self._add(tabel, uraian, stated, computed, ok, line, note_if_ok if ok else note)
        return ok

    def same_text(self, tabel: str, uraian: str, stated: str, expected: str, line: int,
                  note: str = "") -> None:
        ok = stated.strip().upper() == expected.strip().upper()
        self._add(tabel, uraian, stated, expected, ok, line, "" if ok else note)

    def claim(self, tabel: str, uraian: str, figure: float, threshold: float, holds: bool,
              line: int, note: str = "") -> None:
        """A claim of the narrative about a figure (e.g. 'melampaui target')."""
        self._add(tabel, uraian, figure, threshold, holds, line, "" if holds else note)

    def within(self, tabel: str, uraian: str, stated: float, low: float, high: float,
               line: int, note: str = "") -> bool:
        """A stated amount against the interval its rounded percentages allow."""
        ok = low <= stated <= high
        self._add(tabel, uraian, round(stated), round((low + high) / 2), ok, line,
                  "" if ok else note)
        return ok

    def frame(self) -> pd.DataFrame:
        """The checks; number columns keep ints as ints (`dtype=object`) for plain CSV."""
        df = pd.DataFrame.from_records(self.rows, columns=COLUMNS).astype(object)
        for column in ("dilaporkan", "dihitung", "selisih"):
            df[column] = pd.Series([row[column] for row in self.rows], dtype=object)
        return df.astype({"baris_sumber": "int64"})


def _tidy(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def implied_range(realisasi: float, persen: float) -> tuple[float, float]:
    """The budgets an amount and its percentage (as rounded in print) allow."""
    half = 0.5 * 10 ** -decimals_of(persen)
    return realisasi * 100 / (persen + half), realisasi * 100 / (persen - half)


class Facts:
    """The narrative facts by key."""

    def __init__(self, fakta: pd.DataFrame) -> None:
        self.df = fakta

    def all(self, key: str) -> pd.DataFrame:
        found = self.df[self.df.kunci == key]
        if found.empty:
            raise SourceError(f"narrative fact {key!r} missing", table="fakta")
        return found

    def first(self, key: str) -> pd.Series:
        return self.all(key).iloc[0]


def _single(df: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column] == value
    return df[mask].iloc[0]


def _polarity(d, indicator: str) -> str:
    table = d.polaritas_indikator
    key = "".join(indicator.split()).lower()
    match = table[table.indikator_kinerja.map(lambda s: "".join(s.split()).lower()) == key]
    if match.empty:
        raise SourceError(f"no polarity for indicator {indicator!r}",
                          table="polaritas_indikator",
                          hint="Add the indicator to data/raw/<year>/polaritas_indikator.csv")
    return match.polaritas.iloc[0]


# --- Tabel 1 ---------------------------------------------------------------------------

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
        f.compare("Tabel 1", f"{label}: jumlah menurut {DIMENSION_LABELS.get(dim, dim)} sama "
                  f"dengan jumlah menurut {DIMENSION_LABELS.get(reference, reference)}",
                  float(sums[dim]), float(sums[reference]), rows.baris_sumber.iloc[0], 0)


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
            f.compare("Tabel 1", f"{label}, {DIMENSION_LABELS.get(row.dimensi)} {what}: "
                      "jumlah baris rinci", float(row.jumlah), float(scope.jumlah.sum()),
                      row.baris_sumber, 0)
        if (rows.kategori != "semua").all():
            _breakdowns_agree(f, label, rows, status)
    pns_total = totals[(totals.uraian.map(_covers) == "PNS")
                       & (totals.dimensi == "jenis_kelamin")]
    for statement in facts.all("jumlah_pns").itertuples():
        f.compare("Narasi", "Jumlah PNS di narasi sama dengan baris Jumlah PNS Tabel 1",
                  statement.nilai, float(pns_total.jumlah.sum()), statement.baris_sumber, 0)
        pns_detail = detail[(detail.status_pegawai == "PNS")
                            & (detail.dimensi == "jenis_kelamin")]
        f.compare("Narasi", "Jumlah PNS di narasi sama dengan jumlah baris rinci PNS Tabel 1",
                  statement.nilai, float(pns_detail.jumlah.sum()), statement.baris_sumber, 0)


# --- Tabel 3, 6 to 13: the performance indicator -----------------------------------------

def check_targets(d, f: Findings) -> None:
    """The year's target as Tabel 3, 6, 8, 9 and 13 state it."""
    agreed = d.perjanjian_kinerja.iloc[0]
    plan = d.target_tahunan
    this_year = plan[(plan.jenis == "target") & (plan.tahun == d.year)]
    for row in this_year.itertuples():
        f.compare("Tabel 3", f"Target {d.year} di Target Tahunan sama dengan target "
                  "Perjanjian Kinerja (Tabel 6)", row.nilai, agreed.target, row.baris_sumber,
                  note="Target tahun yang sama berbeda antara Renstra (Tabel 3) dan "
                       "Perjanjian Kinerja (Tabel 6).")
    for tabel, df, column in (("Tabel 8", d.kinerja_triwulan, "target_tahunan"),
                              ("Tabel 9", d.capaian_kinerja, "target"),
                              ("Tabel 13", d.anggaran_kinerja, "target")):
        row = df.iloc[0]
        f.compare(tabel, "Target tahunan sama dengan target Perjanjian Kinerja (Tabel 6)",
                  row[column], agreed.target, row.baris_sumber)


def check_quarters(d, f: Findings) -> None:
    """Tabel 8: quarterly percentages; quarter IV against the year."""
    quarters = d.kinerja_triwulan
    annual = d.capaian_kinerja.iloc[0]
    polarity = _polarity(d, annual.indikator_kinerja)
    for row in quarters[quarters.target > 0].itertuples():
        f.compare("Tabel 8", f"Persentase capaian triwulan {row.triwulan} = realisasi / "
                  "target × 100", row.persen, metrics.capaian(row.realisasi, row.target,
                                                               polarity), row.baris_sumber)
    last = quarters.sort_values("triwulan").iloc[-1]
    f.compare("Tabel 8", "Target kumulatif triwulan IV sama dengan target tahunan",
              last.target, last.target_tahunan, last.baris_sumber,
              note="Target triwulan tidak mencapai target tahunan pada triwulan IV.")
    f.compare("Tabel 8", "Realisasi kumulatif triwulan IV sama dengan realisasi tahunan "
              "(Tabel 9)", last.realisasi, annual.realisasi, last.baris_sumber,
              note="Realisasi akhir tahun berbeda antara Tabel 8 dan Tabel 9.")


def check_achievement(d, f: Findings, facts: Facts) -> float:
    """Tabel 9's capaian and each restatement; returns the capaian."""
    row = d.capaian_kinerja.iloc[0]
    achieved = metrics.capaian(row.realisasi, row.target, _polarity(d, row.indikator_kinerja))
    f.compare("Tabel 9", "Capaian = realisasi / target × 100", row.persen, achieved,
              row.baris_sumber)
    for tabel, df, column in (("Tabel 11", d.kemajuan_renstra, "realisasi"),
                              ("Tabel 13", d.anggaran_kinerja, "realisasi")):
        other = df.iloc[0]
        f.compare(tabel, "Realisasi kinerja sama dengan Tabel 9", other[column], row.realisasi,
                  other.baris_sumber)
    for statement in facts.all("realisasi_kinerja").itertuples():
        f.compare("Narasi", "Realisasi kinerja di narasi sama dengan Tabel 9", statement.nilai,
                  row.realisasi, statement.baris_sumber)
        f.claim("Narasi", "Klaim 'capaian kinerja yang melampaui target': realisasi "
                "(dilaporkan) dibanding target (dihitung)", statement.nilai, row.target,
                statement.nilai > row.target, statement.baris_sumber,
                note="Realisasi di bawah target; klaim 'melampaui target' tidak didukung.")
    for statement in facts.all("penurunan_pmks").itertuples():
        f.compare("Narasi", "Penurunan PMKS di Ringkasan Eksekutif sama dengan realisasi "
                  "Tabel 9", statement.nilai, row.realisasi, statement.baris_sumber,
                  note="Ringkasan Eksekutif dan Tabel 9 menyebut angka berbeda.")
    return achieved


def check_history(d, f: Findings) -> None:
    """Tabel 10: the stated change against its own column formula."""
    change = d.kinerja_perubahan.iloc[0]
    history = d.kinerja_historis.sort_values("tahun")
    first_year_column = 4  # Tabel 10: No, Indikator, Satuan, then the years (columns 4 …)
    columns = {first_year_column + i: v for i, v in enumerate(history.realisasi)}
    computed = metrics.rumus_kolom(change.rumus, columns)
    f.compare("Tabel 10", f"% peningkatan/penurunan menurut rumus kolom '{change.rumus}'",
              change.persen_perubahan, computed, change.baris_sumber,
              note="Rumus yang tertulis di tabel tidak menghasilkan angka yang dilaporkan.")


def check_progress(d, f: Findings) -> None:
    """Tabel 11: tingkat kemajuan against realisasi / target akhir."""
    row = d.kemajuan_renstra.iloc[0]
    f.compare("Tabel 11", "Tingkat kemajuan = realisasi / target akhir Renstra × 100",
              row.tingkat_kemajuan, metrics.tingkat_kemajuan(row.realisasi, row.target_akhir),
              row.baris_sumber)


def check_efficiency(d, f: Findings, facts: Facts, achieved: float, absorbed: float) -> None:
    """Tabel 12: efisiensi by its formula and recomputed; its claims."""
    row = d.efisiensi.iloc[0]
    stated_capaian = d.capaian_kinerja.iloc[0].persen
    f.compare("Tabel 12", f"Tingkat efisiensi menurut rumus kolom '{row.rumus}'",
              row.tingkat_efisiensi,
              metrics.rumus_kolom(row.rumus, {4: row.persen_capaian, 5: row.persen_serapan}),
              row.baris_sumber)
    f.compare("Tabel 12", "% capaian kinerja sama dengan Tabel 9", row.persen_capaian,
              stated_capaian, row.baris_sumber)
    f.compare("Tabel 12", "% capaian kinerja = realisasi / target × 100 (Tabel 9)",
              row.persen_capaian, achieved, row.baris_sumber)
    f.compare("Tabel 12", "% penyerapan anggaran = realisasi APBD / anggaran APBD × 100",
              row.persen_serapan, absorbed, row.baris_sumber,
              note=f"Serapan APBD keseluruhan adalah {format_percent(absorbed)} (Tabel 13, "
                   "narasi); angka di Tabel 12 tidak berasal dari anggaran yang dilaporkan.")
    f.compare("Tabel 12", "Efisiensi dihitung ulang dari capaian dan serapan yang dihitung "
              "ulang", row.tingkat_efisiensi, metrics.efisiensi(achieved, absorbed),
              row.baris_sumber)
    f.claim("Tabel 12", "Efisiensi dianalisis untuk kinerja dengan capaian ≥ 100% (judul "
            "kolom): capaian (dilaporkan) dibanding 100 (dihitung)", row.persen_capaian, 100.0,
            row.persen_capaian >= 100, row.baris_sumber,
            note="Capaian di bawah 100%, padahal analisis efisiensi disebut hanya untuk "
                 "kinerja yang tercapai 100%.")
    for statement in facts.all("tingkat_efisiensi").itertuples():
        f.compare("Narasi", "Tingkat efisiensi di narasi sama dengan Tabel 12",
                  statement.nilai, row.tingkat_efisiensi, statement.baris_sumber)


def check_agreement_budget(d, f: Findings, facts: Facts, achieved: float,
                           absorbed: float) -> None:
    """Tabel 13, and the narrative claim that the target was met."""
    row = d.anggaran_kinerja.iloc[0]
    total = _single(d.realisasi_apbd_total, uraian="Total")
    f.compare("Tabel 13", "% capaian kinerja = realisasi / target × 100",
              row.persen_capaian_kinerja, achieved, row.baris_sumber)
    f.compare("Tabel 13", "Realisasi anggaran sama dengan Total Tabel 14",
              float(row.realisasi_anggaran), float(total.realisasi), row.baris_sumber, 0)
    f.compare("Tabel 13", "% capaian anggaran = realisasi APBD / anggaran APBD (narasi) × 100",
              row.persen_capaian_anggaran, absorbed, row.baris_sumber)
    for statement in facts.all("capaian_kinerja").itertuples():
        f.compare("Narasi", "Capaian kinerja di narasi sama dengan Tabel 13", statement.nilai,
                  row.persen_capaian_kinerja, statement.baris_sumber)
        f.claim("Narasi", "Klaim 'sudah memenuhi target': capaian (dilaporkan) dibanding 100 "
                "(dihitung)", statement.nilai, 100.0, statement.nilai >= 100,
                statement.baris_sumber,
                note="Capaian di bawah 100%: target belum terpenuhi.")


# --- Tabel 7: SAKIP ----------------------------------------------------------------------

def check_sakip(d, f: Findings, facts: Facts) -> None:
    """Tabel 7: weights, component sums, predicates, narrative categories."""
    parts, totals = d.evaluasi_akip, d.evaluasi_akip_total
    weights = parts.drop_duplicates("komponen")
    f.compare("Tabel 7", "Jumlah bobot komponen = 100%", 100.0, float(weights.bobot.sum()),
              weights.baris_sumber.iloc[0], 2)
    for row in parts.itertuples():
        f.claim("Tabel 7", f"Nilai {row.komponen} {row.tahun} tidak melebihi bobotnya "
                "(dilaporkan: nilai, dihitung: bobot)", row.nilai, row.bobot,
                row.nilai <= row.bobot, row.baris_sumber)
    for total in totals.itertuples():
        year_parts = parts[parts.tahun == total.tahun]
        f.compare("Tabel 7", f"Nilai hasil evaluasi {total.tahun} = jumlah nilai komponen",
                  total.nilai, float(year_parts.nilai.sum()), total.baris_sumber)
        f.same_text("Tabel 7", f"Kategori {total.tahun} sesuai predikat nilai "
                    f"{total.nilai:g} (Permen PANRB 12/2015)", total.kategori,
                    metrics.predikat_sakip(total.nilai), total.baris_sumber_kategori)
    ordered = totals.sort_values("tahun")
    for key, row in (("kategori_sakip_sebelumnya", ordered.iloc[0]),
                     ("kategori_sakip", ordered.iloc[-1])):
        for statement in facts.all(key).itertuples():
            f.same_text("Narasi", f"Kategori SAKIP di narasi sama dengan Tabel 7 tahun "
                        f"{row.tahun}", statement.teks, row.kategori, statement.baris_sumber)


# --- Tabel 14 and 15: budget ---------------------------------------------------------------

def check_apbd(d, f: Findings, facts: Facts) -> float:
    """Tabel 14 and its narrative; returns the recomputed serapan."""
    lines, totals = d.realisasi_apbd, d.realisasi_apbd_total
    indirect = _single(totals, uraian="Belanja Tidak Langsung")
    direct = _single(totals, uraian="Belanja Langsung")
    total = _single(totals, uraian="Total")
    values = lines.dropna(subset=["realisasi"])
    f.compare("Tabel 14", "Belanja Langsung = jumlah semua baris nilai program/kegiatan",
              float(direct.realisasi), float(values.realisasi.sum()), direct.baris_sumber, 0)
    f.compare("Tabel 14", "Total = Belanja Tidak Langsung + Belanja Langsung",
              float(total.realisasi), float(indirect.realisasi + direct.realisasi),
              total.baris_sumber, 0)
    budget = facts.first("apbd_anggaran")
    absorbed = metrics.serapan(float(total.realisasi), budget.nilai)
    for statement in facts.all("apbd_realisasi").itertuples():
        f.compare("Narasi", "Realisasi APBD di narasi sama dengan Total Tabel 14",
                  statement.nilai, float(total.realisasi), statement.baris_sumber, 0)
    for statement in facts.all("apbd_serapan").itertuples():
        f.compare("Narasi", "Serapan APBD keseluruhan = realisasi / total anggaran × 100",
                  statement.nilai, absorbed, statement.baris_sumber,
                  note=f"Serapan keseluruhan adalah {format_percent(absorbed)}; "
                       f"{format_percent(statement.nilai)} adalah serapan Belanja Langsung "
                       f"(Tabel 14 baris {direct.baris_sumber}).")
    for key, row in (("apbd_serapan_btl", indirect), ("apbd_serapan_bl", direct)):
        for statement in facts.all(key).itertuples():
            f.compare("Narasi", f"Serapan {row.uraian} di narasi sama dengan Tabel 14",
                      statement.nilai, row.persen, statement.baris_sumber)
    _check_apbd_allocations(f, values, indirect, direct, budget)
    return absorbed


def _check_apbd_allocations(f: Findings, values: pd.DataFrame, indirect, direct,
                            budget) -> None:
    """Do the allocations the percentages imply add up to the stated budget?"""
    low_i, high_i = implied_range(float(indirect.realisasi), indirect.persen)
    low_d, high_d = implied_range(float(direct.realisasi), direct.persen)
    low_l, high_l = _lines_implied(values)
    f.within("Tabel 14", "Alokasi tersirat Belanja Langsung (realisasi / %) = jumlah "
             "alokasi tersirat baris-baris nilai", (low_d + high_d) / 2, low_l, high_l,
             direct.baris_sumber,
             note=_single_correction(direct, (low_l + high_l) / 2, "baris-baris nilai"))
    stated = budget.nilai
    mid_i, mid_d = (low_i + high_i) / 2, (low_d + high_d) / 2
    fit_direct = float(direct.realisasi) * 100 / (stated - mid_i)
    fit_indirect = float(indirect.realisasi) * 100 / (stated - mid_d)
    lines_confirm = low_l <= stated - mid_i <= high_l
    note = (f"Koreksi tunggal yang mendamaikan: total anggaran {format_rupiah(mid_i + mid_d)}; "
            f"atau serapan Belanja Tidak Langsung {format_percent(fit_indirect)}; atau serapan "
            f"Belanja Langsung {format_percent(fit_direct)}.")
    if lines_confirm:
        note += (f" Alokasi tersirat baris-baris Tabel 14 mendukung yang terakhir: serapan "
                 f"Belanja Langsung {format_percent(fit_direct)}, bukan "
                 f"{format_percent(direct.persen)}.")
    f.within("Narasi", "Total anggaran APBD = alokasi tersirat Belanja Tidak Langsung + "
             "Belanja Langsung (realisasi / % Tabel 14)", stated, low_i + low_d, high_i + high_d,
             budget.baris_sumber, note=note)


def _lines_implied(values: pd.DataFrame) -> tuple[float, float]:
    ranges = [implied_range(float(r.realisasi), r.persen) for r in values.itertuples()]
    return sum(r[0] for r in ranges), sum(r[1] for r in ranges)


def _single_correction(total_row, implied_by_parts: float, parts: str) -> str:
    fit = float(total_row.realisasi) * 100 / implied_by_parts
    return (f"Alokasi tersirat {parts} {format_rupiah(implied_by_parts)} memberi serapan "
            f"{total_row.uraian} {format_percent(fit)}, bukan {format_percent(total_row.persen)}.")


def check_apbn(d, f: Findings, facts: Facts) -> None:
    """Tabel 15 and its narrative: sums, serapan, implied allocations."""
    lines, totals = d.realisasi_apbn, d.realisasi_apbn_total
    grand = _single(totals, sumber_dana="Semua")
    for fund, fund_lines in lines.groupby("sumber_dana", sort=False):
        subtotal = _single(totals, sumber_dana=fund)
        gap = float(subtotal.realisasi) - float(fund_lines.realisasi.sum())
        f.compare("Tabel 15", f"Jumlah {fund} = jumlah baris programnya",
                  float(subtotal.realisasi), float(fund_lines.realisasi.sum()),
                  subtotal.baris_sumber, 0,
                  note=f"Selisih {format_rupiah(abs(gap))}: satu angka yang salah sebesar itu "
                       "akan mendamaikan; laporan tidak memberi cara menentukan barisnya.")
        if not pd.isna(subtotal.persen):
            low, high = _lines_implied(fund_lines)
            stated_low, stated_high = implied_range(float(subtotal.realisasi), subtotal.persen)
            f.within("Tabel 15", f"Alokasi tersirat Jumlah {fund} = jumlah alokasi tersirat "
                     "baris programnya", (stated_low + stated_high) / 2, low, high,
                     subtotal.baris_sumber,
                     note=_single_correction(subtotal, (low + high) / 2, "baris program"))
    subtotals = totals[totals.sumber_dana != "Semua"]
    f.compare("Tabel 15", "Jumlah Keseluruhan = jumlah A + B", float(grand.realisasi),
              float(subtotals.realisasi.sum()), grand.baris_sumber, 0)
    f.compare("Tabel 15", "Jumlah Keseluruhan = jumlah semua baris program",
              float(grand.realisasi), float(lines.realisasi.sum()), grand.baris_sumber, 0)
    budget = facts.first("apbn_anggaran")
    absorbed = metrics.serapan(float(grand.realisasi), budget.nilai)
    f.compare("Tabel 15", "% Jumlah Keseluruhan = realisasi / total anggaran APBN × 100",
              grand.persen, absorbed, grand.baris_sumber)
    for statement in facts.all("apbn_realisasi").itertuples():
        f.compare("Narasi", "Realisasi APBN di narasi sama dengan Jumlah Keseluruhan Tabel 15",
                  statement.nilai, float(grand.realisasi), statement.baris_sumber, 0)
    for statement in facts.all("apbn_serapan").itertuples():
        f.compare("Narasi", "Serapan APBN = realisasi / total anggaran × 100", statement.nilai,
                  absorbed, statement.baris_sumber,
                  note=f"Serapan APBN adalah {format_percent(absorbed)} (juga Tabel 15 baris "
                       f"{grand.baris_sumber}).")
    ranges = []
    for fund, fund_lines in lines.groupby("sumber_dana", sort=False):
        subtotal = _single(totals, sumber_dana=fund)
        ranges.append(implied_range(float(subtotal.realisasi), subtotal.persen)
                      if not pd.isna(subtotal.persen) else _lines_implied(fund_lines))
    f.within("Narasi", "Total anggaran APBN = jumlah alokasi tersirat per sumber dana",
             budget.nilai, sum(r[0] for r in ranges), sum(r[1] for r in ranges),
             budget.baris_sumber)


# --- Narrative: program outputs, UPTD, PMKS ------------------------------------------------

OUTPUTS = (("kube", "KUBE"), ("uep", "UEP"), ("kat", "KAT"), ("pkh", "PKH"))


def check_outputs(d, f: Findings, facts: Facts) -> None:
    """The narrative's KUBE, UEP, KAT and PKH figures."""
    for prefix, name in OUTPUTS:
        stated = facts.first(f"{prefix}_capaian")
        target_key = f"{prefix}_target" if prefix in ("kube", "uep", "pkh") else "kat_target_kk"
        target, done = facts.first(target_key), facts.first(target_key.replace("target",
                                                                                "realisasi"))
        f.compare("Narasi", f"Tingkat capaian {name} = terealisasi / direncanakan × 100",
                  stated.nilai, metrics.capaian(done.nilai, target.nilai), stated.baris_sumber)
    per_group = facts.first("kk_per_kube").nilai
    for key in ("kube_target", "kube_realisasi"):
        groups, families = facts.first(key), facts.first(f"{key}_kk")
        f.compare("Narasi", f"KK dalam KUBE ({key.split('_')[1]}) = jumlah KUBE × KK per KUBE",
                  families.nilai, groups.nilai * per_group, families.baris_sumber, 0)
    f.compare("Narasi", "MCK KAT terealisasi = direncanakan",
              facts.first("kat_realisasi_mck").nilai, facts.first("kat_target_mck").nilai,
              facts.first("kat_realisasi_mck").baris_sumber, 0)
    for key, other in (("uep_sasaran", "uep_target"), ("pkh_sasaran", "pkh_target"),
                       ("kat_sasaran_kk", "kat_target_kk"), ("kube_mandiri", "kube_target")):
        f.compare("Narasi", f"Sasaran yang disebut ({key}) sama dengan yang direncanakan",
                  facts.first(key).nilai, facts.first(other).nilai,
                  facts.first(key).baris_sumber, 0)


def _restated(f: Findings, facts: Facts, key: str, uraian: str) -> None:
    """Every later statement of a figure against its first statement."""
    statements = facts.all(key)
    first = statements.iloc[0]
    for later in statements.iloc[1:].itertuples():
        f.compare("Narasi", f"{uraian}: pernyataan baris {later.baris_sumber} sama dengan "
                  f"baris {first.baris_sumber}", later.nilai, first.nilai, later.baris_sumber)


def check_units(d, f: Findings, facts: Facts) -> None:
    """Figures the narrative states twice: PMKS, UPTD count, capacities."""
    _restated(f, facts, "populasi_pmks", "Populasi PMKS")
    _restated(f, facts, "jumlah_uptd", "Jumlah UPTD")
    capacity = facts.all("daya_tampung")
    sections = capacity[capacity.subjek.str.contains(r"\(", regex=True)]
    for statement in facts.all("jumlah_uptd").itertuples():
        f.compare("Narasi", "Jumlah UPTD sama dengan jumlah bagian UPTD di Bab I",
                  statement.nilai, float(len(sections)), statement.baris_sumber, 0)
    for other in capacity.drop(sections.index).itertuples():
        home = _closest(other.subjek, sections)
        f.compare("Narasi", f"Daya tampung {other.subjek} sama dengan bagian UPTD-nya "
                  f"(baris {home.baris_sumber})", other.nilai, home.nilai, other.baris_sumber, 0,
                  note=f"Bab I (baris {home.baris_sumber}) menyebut {home.nilai:g}.")


def _closest(name: str, sections: pd.DataFrame) -> pd.Series:
    scores = sections.subjek.map(
        lambda s: difflib.SequenceMatcher(None, name.lower(), s.lower()).ratio())
    return sections.loc[scores.idxmax()]


def audit(d) -> pd.DataFrame:
    """Run every check on the datasets `d` of one year; one row per check."""
    f, facts = Findings(), Facts(d.fakta)
    check_sdm(d, f, facts)
    check_targets(d, f)
    check_sakip(d, f, facts)
    check_quarters(d, f)
    achieved = check_achievement(d, f, facts)
    check_history(d, f)
    check_progress(d, f)
    absorbed = check_apbd(d, f, facts)
    check_efficiency(d, f, facts, achieved, absorbed)
    check_agreement_budget(d, f, facts, achieved, absorbed)
    check_apbn(d, f, facts)
    check_outputs(d, f, facts)
    check_units(d, f, facts)
    return _ordered(f.frame())


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Tables in report order, the narrative last; checks in the order they were made."""
    key = df.tabel.map(lambda t: 99 if t == "Narasi" else int(t.split()[-1]))
    return df.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(
        drop=True)


def summary(findings: pd.DataFrame) -> str:
    """One line: how many checks, how many agree."""
    agree = int((findings.status == COCOK).sum())
    return (f"{len(findings)} pemeriksaan: {agree} cocok, {len(findings) - agree} tidak cocok")


def findings_csv_bytes(findings: pd.DataFrame) -> bytes:
    """The findings as `temuan_audit.csv` (UTF-8, plain numbers)."""
    return findings.to_csv(index=False, lineterminator="\n").encode("utf-8")
