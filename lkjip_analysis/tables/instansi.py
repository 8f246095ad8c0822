"""The agency and the report year, as the document names them (its foreword: "Laporan Kinerja
Instansi Pemerintah (LKjIP) <agency> Tahun <year>")."""

from __future__ import annotations

import re

import pandas as pd

from ..errors import DocumentError
from ..source import Document

_UNIT_WORDS = r"Dinas|Badan|Biro|Sekretariat|Inspektorat|Kantor|Satuan|Rumah Sakit|Bagian"
STATEMENT = re.compile(
    r"Laporan Kinerja Instansi Pemerintah\s*(?:\(\s*L\w+\s*\))?\s+"
    rf"(?P<nama>(?:{_UNIT_WORDS})\b[^.\n]*?)\s+Tahun\s+(?P<tahun>\d{{4}})", re.I)
COLUMNS = ["nama", "tahun", "baris_sumber", "kutipan"]


def agency_frame(document: Document) -> pd.DataFrame:
    """One row: the agency's name and the report year, from the first line stating both."""
    for number, line in enumerate(document.lines, start=1):
        match = STATEMENT.search(line)
        if match:
            name = " ".join(match.group("nama").split())
            return pd.DataFrame([{"nama": name, "tahun": int(match.group("tahun")),
                                  "baris_sumber": number, "kutipan": match.group(0)}],
                                columns=COLUMNS)
    raise DocumentError(
        "the document never names its agency and year", file=document.path, table="Narasi",
        hint="The foreword should say 'Laporan Kinerja Instansi Pemerintah (LKjIP) <Dinas …> "
             "Tahun <year>'; is the document truncated?")
