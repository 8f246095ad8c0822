"""The agency and the report year, as the document names them: on its cover, title, foreword or
running header, in any of their usual wordings ("Laporan Kinerja Instansi Pemerintah (LKjIP)
<agency> Tahun <year>", "LKjIP Tahun <year> <agency>", "Laporan Kinerja <agency> Tahun
Anggaran <year>"). A document that names neither gives None: the caller falls back on its
folder's year and the agency of an earlier year, and says so.

Where it is said matters. The cover (the lines before the first chapter, foreword or table of
contents, read as one text) names the report; a sentence of prose may cite a regulation's
year (`Inpres No 7 tahun 1999`) or keep last year's wording. So the cover wins; without one,
the first sentence that names both, its year checked against the latest year the tables
measure (their `Realisasi 2016`, `Capaian Tahun 2016` columns), which wins where it is later
(a report measures no year after its own; a sentence kept from last year's report does). The
agency's name stops at the words that end it (`sebagaimana`, `berpedoman`, …) and after its
region (`… Provinsi Jawa Barat`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from ..reading.source import Document

_UNIT_WORDS = (r"Dinas|Badan|Biro|Sekretariat|Inspektorat|Kantor|Satuan|Rumah Sakit|Bagian|"
               r"Balai|Kecamatan|Kelurahan|Unit|Lembaga|Komisi|Direktorat|Kementerian|Pemerintah")
_REGION = r"(?:Provinsi|Kabupaten|Kab\.|Kota)"
_REPORT = (r"(?:Laporan\s+Kinerja(?:\s+Instansi\s+Pemerintah)?|Laporan\s+Akuntabilitas\s+Kinerja"
           r"(?:\s+Instansi\s+Pemerintah)?|LKjIP|LKIP|LAKIP|LKj)")
_ACRONYM = r"(?:\s*\(\s*L\w+\s*\))?"
# words that end a name: what follows is the sentence, not the agency
_ENDS = (r"Tahun|ini|yang|dalam|untuk|sebagaimana|sebagai|berpedoman|berdasarkan|merupakan|"
         r"adalah|disusun|telah|dengan|tentang|Nomor|No|Inpres|Peraturan|berikut|periode")
# at most 150 characters: a name, and a bound that keeps a hostile long line linear; an agency
# known by its acronym names its region (`BP IPTEK Provinsi Jawa Barat`)
_AGENCY = (rf"(?P<nama>(?:(?:{_UNIT_WORDS})\b|(?-i:[A-Z][A-Z0-9]+(?:\s+[A-Z][A-Z0-9]+){{0,2}})"
           rf"(?=\s+{_REGION}))(?:(?!\b(?:{_ENDS})\b)[^.,;:()\n]){{0,150}}QUANTIFIER)")
# a year, not the first of a plan period (`Tahun 2019-2023`)
_YEAR = r"Tahun(?:\s+Anggaran)?\s+(?P<tahun>(?:19|20)\d{2})\b(?!\s*[-–—]\s*\d)"
_LINK = r"(?:\s+(?:untuk|pada|periode))?\s+"
STATEMENTS = (  # the name before the year as short as it can be, after it as long
    re.compile(rf"{_REPORT}{_ACRONYM}\s+{_AGENCY.replace('QUANTIFIER', '?')}{_LINK}{_YEAR}",
               re.I),
    re.compile(rf"{_REPORT}{_ACRONYM}\s+{_YEAR}{_ACRONYM}\s+{_AGENCY.replace('QUANTIFIER', '')}",
               re.I),
)
# the region's own name: up to three capitalised words after Provinsi / Kabupaten / Kota
_REGION_WORDS = rf"{_REGION}\s+(?:[A-Z][\w'-]*\s*){{1,3}}"
_REGION_NAME = re.compile(rf"\b{_REGION_WORDS}")
# where the cover ends: the first chapter, foreword, summary or table of contents
_COVER_END = re.compile(r"^\s*(?:BAB\b|KATA\s+PENGANTAR|DAFTAR\s+ISI|IKHTISAR|"
                        r"RINGKASAN|PENDAHULUAN|\d+(?:\.\d+)*\.?\s+Latar)", re.I)
COVER_LINES = 60
# a measurement column of a table row and the year it names (`Realisasi 2016`, `Capaian Tahun
# 2016 (%)`): the year the report measures
_MEASURED = re.compile(r"\b(?:Realisasi|Capaian)\b[^\t]{0,30}?(?<!\d)((?:19|20)\d{2})(?!\d)"
                       r"(?!\s*[-–—]\s*\d)", re.I)
COVER, SENTENCE, TABLES = "sampul", "kalimat", "tabel"
COLUMNS = ["nama", "tahun", "baris_sumber", "kutipan"]


@dataclass(frozen=True)
class Statement:
    """Where the document names its agency and year: `where` is the cover (`sampul`), a
    sentence (`kalimat`), or a sentence whose year the tables correct (`tabel`)."""

    name: str
    year: int
    line: int
    quote: str
    where: str
    stated_year: int | None = None  # the sentence's own year, where the tables' differs


def agency_frame(document: Document) -> pd.DataFrame | None:
    """One row: the agency's name and the report year (see the module); None when no line
    names both."""
    found = agency_statement(document)
    return None if found is None else frame(found.name, found.year, found.line, found.quote)


def agency_statement(document: Document) -> Statement | None:
    """The statement the agency and the year are taken from (see the module), the name with
    its region where the statement leaves it out but the document prints it after the name."""
    found = _statement(document)
    if found is None or _REGION_NAME.search(found.name):
        return found
    after = re.compile(rf"{re.escape(found.name)}\s+({_REGION_WORDS})")
    region = next((m.group(1) for line in document.lines if (m := after.search(line))), None)
    return replace(found, name=_cut(f"{found.name} {region}")) if region else found


def _statement(document: Document) -> Statement | None:
    cover = _cover(document)
    if cover is not None:  # the same statement in a sentence gives the name's own spelling
        same = (s for s in _sentences(document)
                if (s.name.lower(), s.year) == (cover.name.lower(), cover.year))
        return replace(next(same, cover), where=COVER)
    sentence = next(_sentences(document), None)
    if sentence is None:
        return None
    measured = measured_year(document)
    if measured is not None and measured > sentence.year:  # a report measures no later year
        return Statement(sentence.name, measured, sentence.line, sentence.quote, TABLES,
                         sentence.year)
    return sentence


def measured_year(document: Document) -> int | None:
    """The latest year a table's realisation or capaian column names, or None."""
    years = [int(year) for line in document.lines if "\t" in line
             for year in _MEASURED.findall(line)]
    return max(years, default=None)


def _cover(document: Document) -> Statement | None:
    """The cover's statement: its lines (up to the first chapter, foreword or contents) read
    as one text."""
    lines = []
    for number, line in enumerate(document.lines[:COVER_LINES], start=1):
        if _COVER_END.match(_plain(line)):
            break
        if line.strip():
            lines.append((number, _plain(line)))
    if not lines:
        return None
    found = _match(" ".join(line for _, line in lines))
    return None if found is None else Statement(*found[:2], lines[0][0], found[2], COVER)


def _sentences(document: Document):
    for number, line in enumerate(document.lines, start=1):
        found = _match(_plain(line))
        if found is not None:
            yield Statement(*found[:2], number, found[2], SENTENCE)


def _match(text: str) -> tuple[str, int, str] | None:
    """The agency, the year and the statement's words (spaced once) of the first statement
    in `text` that names an agency."""
    for statement in STATEMENTS:
        for match in statement.finditer(text):
            name = _cut(match.group("nama"))
            if _is_name(name):
                return name, int(match.group("tahun")), " ".join(match.group(0).split())
    return None


def _plain(line: str) -> str:
    return re.sub(r"</?b>", " ", line).replace("*", " ").replace("#", " ")


def _cut(name: str) -> str:
    """The name, ended after its region's own name where it names one."""
    name = " ".join(name.split())
    region = _REGION_NAME.search(name)
    return name[:region.end()].strip() if region else name


def _is_name(text: str) -> bool:
    """An agency name: the unit word and at least one capitalised word after it."""
    words = text.split()
    return len(words) >= 2 and any(w[:1].isupper() for w in words[1:])


def frame(name: str, year: int, line: int, quote: str) -> pd.DataFrame:
    """The `instansi` dataset's one row."""
    return pd.DataFrame([{"nama": name, "tahun": year, "baris_sumber": line,
                          "kutipan": quote}], columns=COLUMNS)
