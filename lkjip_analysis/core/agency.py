"""The agency and the report year, as the document names them: on its cover, title, foreword or
running header, in any of their usual wordings ("Laporan Kinerja Instansi Pemerintah (LKjIP)
<agency> Tahun <year>", "LKjIP Tahun <year> <agency>", "Laporan Kinerja <agency> Tahun
Anggaran <year>"). A document that names neither gives None: the caller falls back on its
folder's year and the agency of an earlier year, and says so."""

from __future__ import annotations

import re

import pandas as pd

from ..reading.source import Document

_UNIT_WORDS = (r"Dinas|Badan|Biro|Sekretariat|Inspektorat|Kantor|Satuan|Rumah Sakit|Bagian|"
               r"Balai|Kecamatan|Kelurahan|Unit|Lembaga|Komisi|Direktorat|Kementerian|Pemerintah")
_REPORT = (r"(?:Laporan\s+Kinerja(?:\s+Instansi\s+Pemerintah)?|Laporan\s+Akuntabilitas\s+Kinerja"
           r"(?:\s+Instansi\s+Pemerintah)?|LKjIP|LKIP|LAKIP|LKj)")
_ACRONYM = r"(?:\s*\(\s*L\w+\s*\))?"
# at most 150 characters: a name, and a bound that keeps a hostile long line linear
_AGENCY = (rf"(?P<nama>(?:{_UNIT_WORDS})\b(?:(?!\bTahun\b|\bini\b|\byang\b|\bdalam\b|\buntuk\b)"
           r"[^.,;:()\n]){0,150}?)")
# a year, not the first of a plan period (`Tahun 2019-2023`)
_YEAR = r"Tahun(?:\s+Anggaran)?\s+(?P<tahun>(?:19|20)\d{2})\b(?!\s*[-–—]\s*\d)"
_LINK = r"(?:\s+(?:untuk|pada|periode))?\s+"
STATEMENTS = (
    re.compile(rf"{_REPORT}{_ACRONYM}\s+{_AGENCY}{_LINK}{_YEAR}", re.I),
    re.compile(rf"{_REPORT}{_ACRONYM}\s+{_YEAR}{_ACRONYM}\s+{_AGENCY}(?=\s|[.,;]|$)", re.I),
)
COLUMNS = ["nama", "tahun", "baris_sumber", "kutipan"]


def agency_frame(document: Document) -> pd.DataFrame | None:
    """One row: the agency's name and the report year, from the first line stating both; None
    when no line does."""
    for number, line in enumerate(document.lines, start=1):
        text = line.replace("*", " ").replace("#", " ")
        for statement in STATEMENTS:
            match = statement.search(text)
            if match and _is_name(match.group("nama")):
                name = " ".join(match.group("nama").split())
                return frame(name, int(match.group("tahun")), number, match.group(0))
    return None


def _is_name(text: str) -> bool:
    """An agency name: the unit word and at least one capitalised word after it."""
    words = text.split()
    return len(words) >= 2 and any(w[:1].isupper() for w in words[1:])


def frame(name: str, year: int, line: int, quote: str) -> pd.DataFrame:
    """The `instansi` dataset's one row."""
    return pd.DataFrame([{"nama": name, "tahun": year, "baris_sumber": line,
                          "kutipan": quote}], columns=COLUMNS)
