"""Figures stated only in the narrative: each pattern's named groups become facts, each with
the line it was read from. A figure stated twice gives two rows with the same key."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import DocumentError, NumberFormatError
from ..numbers import parse_amount, parse_decimal
from ..source import Document

AMOUNT, DECIMAL, CATEGORY = "amount", "decimal", "category"
_AMT = r"\d{1,3}(?:\.\d{3})+|\d+"
_DEC = r"\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class Fact:
    uraian: str
    satuan: str
    kind: str = AMOUNT


FACTS: dict[str, Fact] = {
    "populasi_pmks": Fact("Populasi PMKS Provinsi Kalimantan Timur", "jiwa"),
    "penurunan_pmks": Fact("PMKS yang diturunkan melalui program dan kegiatan", "persen", DECIMAL),
    "kategori_sakip_sebelumnya": Fact("Kategori evaluasi SAKIP tahun sebelumnya", "kategori",
                                      CATEGORY),
    "kategori_sakip": Fact("Kategori evaluasi SAKIP terakhir", "kategori", CATEGORY),
    "jumlah_uptd": Fact("Jumlah UPTD", "unit"),
    "jumlah_pns": Fact("Jumlah PNS pada akhir tahun laporan", "orang"),
    "daya_tampung": Fact("Daya tampung UPTD", "orang"),
    "kube_mandiri": Fact("KUBE yang dapat mandiri", "KUBE"),
    "kk_per_kube": Fact("Kepala keluarga per KUBE", "KK"),
    "kube_target": Fact("KUBE direncanakan", "KUBE"),
    "kube_target_kk": Fact("KK dalam KUBE direncanakan", "KK"),
    "kube_realisasi": Fact("KUBE terealisasi", "KUBE"),
    "kube_realisasi_kk": Fact("KK dalam KUBE terealisasi", "KK"),
    "kube_capaian": Fact("Tingkat capaian KUBE", "persen", DECIMAL),
    "uep_sasaran": Fact("Lanjut usia penerima UEP", "orang"),
    "uep_target": Fact("UEP direncanakan", "orang"),
    "uep_realisasi": Fact("UEP terealisasi", "orang"),
    "uep_capaian": Fact("Tingkat capaian UEP", "persen", DECIMAL),
    "kat_sasaran_kk": Fact("Sasaran KAT", "KK"),
    "kat_sasaran_jiwa": Fact("Sasaran KAT", "jiwa"),
    "kat_target_kk": Fact("Rumah KAT direncanakan", "KK"),
    "kat_target_mck": Fact("MCK KAT direncanakan", "MCK"),
    "kat_realisasi_kk": Fact("Rumah KAT terealisasi", "KK"),
    "kat_realisasi_mck": Fact("MCK KAT terealisasi", "MCK"),
    "kat_capaian": Fact("Tingkat capaian KAT", "persen", DECIMAL),
    "pkh_sasaran": Fact("Penerima PKH", "KPM"),
    "pkh_target": Fact("PKH direncanakan", "KPM"),
    "pkh_realisasi": Fact("PKH terealisasi", "KPM"),
    "pkh_capaian": Fact("Tingkat capaian PKH", "persen", DECIMAL),
    "realisasi_kinerja": Fact("Capaian kinerja yang disebut melampaui target", "persen",
                              DECIMAL),
    "tingkat_efisiensi": Fact("Tingkat efisiensi", "persen", DECIMAL),
    "capaian_kinerja": Fact("Tingkat capaian kinerja yang disebut sudah memenuhi target",
                            "persen", DECIMAL),
    "apbd_realisasi": Fact("Realisasi anggaran APBD", "rupiah"),
    "apbd_anggaran": Fact("Total anggaran APBD", "rupiah"),
    "apbd_serapan": Fact("Serapan anggaran APBD keseluruhan", "persen", DECIMAL),
    "apbd_serapan_btl": Fact("Serapan belanja tidak langsung APBD", "persen", DECIMAL),
    "apbd_serapan_bl": Fact("Serapan belanja langsung APBD", "persen", DECIMAL),
    "apbn_realisasi": Fact("Realisasi anggaran APBN", "rupiah"),
    "apbn_anggaran": Fact("Total anggaran APBN", "rupiah"),
    "apbn_serapan": Fact("Serapan anggaran APBN keseluruhan", "persen", DECIMAL),
}

# Each pattern must match at least once; `subjek` names what the figure is about.
PATTERNS: tuple[str, ...] = (
    rf"populasi (?:Penyandang Masalah Kesejahteraan Sosial \(PMKS\)|PMKS)\D*?"
    rf"(?P<populasi_pmks>{_AMT}) (?i:jiwa)",
    rf"menurunkan (?P<penurunan_pmks>{_DEC})% PMKS",
    r"posisi (?P<kategori_sakip_sebelumnya>[A-D]{1,2}) meningkat menjadi "
    r"(?P<kategori_sakip>[A-D]{1,2})\b",
    r"\(UPTD\) sebanyak (?P<jumlah_uptd>\d+) unit",
    r"didukung oleh (?P<jumlah_uptd>\d+) UPTD",
    r"\(PNS\) adalah sebanyak (?P<jumlah_pns>\d+) orang",
    r"^Daya tampung (?:sebanyak )?(?P<daya_tampung>\d+)",
    r"UPTD (?P<subjek>[A-Z][^()]*?) \(daya tampung (?P<daya_tampung>\d+) \w+\)",
    r"sejumlah (?P<kube_mandiri>\d+) Kelompok .*? terdiri dari (?P<kk_per_kube>\d+) Kepala "
    r"Keluarga per 1 KUBE",
    r"direncanakan sebanyak (?P<kube_target>\d+) KUBE \((?P<kube_target_kk>\d+) KK\) dan "
    r"terealisasi sebanyak (?P<kube_realisasi>\d+) KUBE \((?P<kube_realisasi_kk>\d+) KK\) "
    rf"atau dengan tingkat capaian (?P<kube_capaian>{_DEC})%",
    r"\(UEP\) sebesar (?P<uep_sasaran>\d+) Orang\. .*?direncanakan sebanyak "
    r"(?P<uep_target>\d+) Orang dan terealisasi sebanyak (?P<uep_realisasi>\d+) orang .*?"
    rf"(?P<uep_capaian>{_DEC})%",
    r"\(KAT\) sebesar (?P<kat_sasaran_kk>\d+) KK atau (?P<kat_sasaran_jiwa>\d+) Jiwa.*?"
    r"direncanakan sebanyak (?P<kat_target_kk>\d+) KK dan (?P<kat_target_mck>\d+) MCK "
    r"teralisasi sebanyak (?P<kat_realisasi_kk>\d+) KK dan (?P<kat_realisasi_mck>\d+) MCK "
    rf"dengan tingkat capaian (?P<kat_capaian>{_DEC})%",
    r"\(PKH\) sebesar (?P<pkh_sasaran>\d+) KPM\. .*?direncanakan sebanyak "
    r"(?P<pkh_target>\d+) KPM dan teralisasi sebanyak (?P<pkh_realisasi>\d+) KPM .*?"
    rf"(?P<pkh_capaian>{_DEC})%",
    rf"melampaui target yaitu (?P<realisasi_kinerja>{_DEC})%",
    rf"tingkat efisiensi .*? adalah (?P<tingkat_efisiensi>{_DEC})%",
    rf"(?i:sudah memenuhi target) yaitu (?P<capaian_kinerja>{_DEC})%",
    rf"realisasi anggaran APBD .*? sebesar (?P<apbd_realisasi>{_AMT}) dari total anggaran "
    rf"sebesar (?P<apbd_anggaran>{_AMT}) atau sebesar (?P<apbd_serapan>{_DEC})%",
    rf"belanja tidak langsung sebesar (?P<apbd_serapan_btl>{_DEC})% dan belanja langsung "
    rf"sebesar (?P<apbd_serapan_bl>{_DEC})% .*? APBD tahun \d{{4}} adalah sebesar "
    rf"(?P<apbd_serapan>{_DEC})%",
    rf"realisasi APBN .*? sebesar (?P<apbn_realisasi>{_AMT}) dari total anggaran sebesar "
    rf"(?P<apbn_anggaran>{_AMT}) atau sebesar (?P<apbn_serapan>{_DEC})%",
    rf"serapan anggaran APBN .*? sebesar (?P<apbn_serapan>{_DEC})%",
)
_HEADING_UPTD = re.compile(r"^(?:[a-z]\.\s*)?UPTD (?P<subjek>.+?)[.*\s]*$")
COLUMNS = ["kunci", "uraian", "subjek", "nilai", "teks", "satuan", "baris_sumber", "kutipan"]


def read_facts(document: Document) -> pd.DataFrame:
    """Every narrative fact of `PATTERNS`, in document order."""
    records = []
    for pattern in PATTERNS:
        compiled = re.compile(pattern)
        matches = [(n, m) for n, line in enumerate(document.lines, 1)
                   for m in compiled.finditer(line)]
        if not matches:
            raise DocumentError(
                "a figure the narrative must state was not found", file=document.path,
                table="Narasi", raw=pattern,
                hint="Is the document truncated? Otherwise adapt the pattern in tables/fakta.py",
            )
        for line, match in matches:
            records.extend(_records(document, line, match))
    records.sort(key=lambda r: (r["baris_sumber"], r["_pos"]))
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _records(document: Document, line: int, match: re.Match) -> list[dict]:
    subject = match.groupdict().get("subjek") or _heading_subject(document, line)
    found = []
    for key, raw in match.groupdict().items():
        if key == "subjek" or raw is None:
            continue
        fact = FACTS[key]
        value, text = _value(fact, raw, document, line, key)
        found.append({"kunci": key, "uraian": fact.uraian,
                      "subjek": subject if key == "daya_tampung" else "",
                      "nilai": value, "teks": text, "satuan": fact.satuan,
                      "baris_sumber": line, "kutipan": match.group(0)[:300],
                      "_pos": match.start(key)})
    return found


def _value(fact: Fact, raw: str, document: Document, line: int, key: str):
    if fact.kind == CATEGORY:
        return float("nan"), raw
    try:
        value = parse_amount(raw) if fact.kind == AMOUNT else parse_decimal(raw, ",.")
    except NumberFormatError as exc:
        raise DocumentError(f"malformed number in the narrative: expected {exc.expected}",
                            file=document.path, line=line, table="Narasi", column=key,
                            raw=raw) from None
    return value, ""


def _heading_subject(document: Document, line: int) -> str:
    """The UPTD whose section holds `line`: the nearest heading above naming one."""
    for number in range(line - 1, 0, -1):
        match = _HEADING_UPTD.match(document.line(number).strip("#* "))
        if match:
            return match.group("subjek")
    return ""
