"""The SAKIP core of any agency's report, read by meaning from whatever tables it holds.

Each table's columns are named by their headers' words (`meaning`); a table with an indicator,
a target and a realisation is a measurement of performance (`capaian_kinerja`), one with an
indicator and a target only is a performance agreement (`perjanjian_kinerja`), one with items
(programme, activity, unit), a budget and a realisation is a budget realisation
(`realisasi_anggaran`). A table where two columns claim one meaning is not read, and said so.
Every row keeps its table's label and its line; a value is kept as written (`*_tertulis`) and
as a number only where its form is certain (`values`). Group rows (`Misi 1 : …`, `Sasaran
Strategis 2 : …`) are carried down to the indicators under them, and so is a sasaran written
once for several indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from ..i18n import _
from ..number_forms import convention, conventions, read_number
from ..reading import columns
from ..reading.source import Caption, Document, Row, Table, normalise
from .agency import agency_statement, measured_year
from .blocks import Block, blocks
from .meaning import (
    ANGGARAN,
    CAPAIAN,
    CUMULATIVE,
    EFISIENSI,
    FINANCIAL,
    INDIKATOR,
    KODE,
    LAST_YEAR,
    NO,
    PERFORMANCE,
    PLAN,
    REALISASI,
    SASARAN,
    SATUAN,
    TARGET,
    URAIAN,
    Column,
    column_of,
    meaning_of,
)

CORE_DATASETS = ("perjanjian_kinerja", "capaian_kinerja", "realisasi_anggaran")
PK_COLUMNS = ["tabel", "no", "sasaran_strategis", "indikator_kinerja", "satuan", "target",
              "target_tertulis", "baris_sumber"]
CAPAIAN_COLUMNS = ["tabel", "no", "misi", "sasaran_strategis", "indikator_kinerja", "satuan",
                   "target", "realisasi", "persen", "target_tertulis", "realisasi_tertulis",
                   "persen_tertulis", "baris_sumber"]
ANGGARAN_COLUMNS = ["tabel", "tingkat", "kode", "uraian", "anggaran", "realisasi", "persen",
                    "anggaran_tertulis", "realisasi_tertulis", "persen_tertulis", "baris_sumber"]
HISTORIS_COLUMNS = ["tabel", "no", "indikator_kinerja", "satuan", "tahun", "target",
                    "realisasi", "persen", "target_tertulis", "realisasi_tertulis",
                    "persen_tertulis", "baris_sumber"]
KEMAJUAN_COLUMNS = ["tabel", "no", "indikator_kinerja", "satuan", "target_akhir", "realisasi",
                    "realisasi_sampai", "tingkat_kemajuan", "target_akhir_tertulis",
                    "realisasi_tertulis", "tingkat_kemajuan_tertulis", "baris_sumber"]
EFISIENSI_COLUMNS = ["tabel", "no", "sasaran_strategis", "indikator_kinerja", "persen_capaian",
                     "persen_serapan", "tingkat_efisiensi", "persen_capaian_tertulis",
                     "persen_serapan_tertulis", "tingkat_efisiensi_tertulis", "baris_sumber"]
BAB3_DATASETS = ("kinerja_historis", "kemajuan_renstra", "efisiensi")
# a table's own sum or average row (`JUMLAH TOTAL`, `Rata-rata capaian …`), not an indicator
# such as `Jumlah lokasi Program Kampung Iklim`
_AGGREGATE_ROW = re.compile(
    r"^\s*(?:(?:sub\s*)?total|jumlah(?:\s+total)?)\s*:?\s*$|^\s*rata[\s-]*rata\s+capaian\b",
    re.I)
_MAX_HEADER_ROWS = 5
_GROUP = re.compile(r"^\s*(misi|sasaran(?:\s+strategis)?|tujuan)\b", re.I)
# a group heading row (`Sasaran Strategis 1 : …`), never a header row however it is worded
_GROUP_HEADING = re.compile(r"^\s*(?:misi|sasaran(?:\s+strategis)?|tujuan)\s*\d+\s*[:.]",
                            re.I)
_TOTAL = re.compile(r"^\s*(?:jumlah|total|sub\s*total)\b", re.I)
_LEVELS = (("sub_kegiatan", re.compile(r"^\s*sub\s*kegiatan\b", re.I)),
           ("program", re.compile(r"^\s*program\b", re.I)),
           ("kegiatan", re.compile(r"^\s*kegiatan\b", re.I)))
_NUMERIC = re.compile(r"^(?=.*\d)[\d.,%\s()+-]+$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_ROW_NUMBER = re.compile(r"^(\d{1,4})\.?$")
_ITEM_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(?=\D)")
_BULLET = re.compile(r"^[-–•·]\s+")  # `- Skor Pola Pangan Harapan`: a list's mark, no name
_SUB_ITEM = re.compile(r"^[a-z][.)]\s")  # `a. Konsumsi Energi`: an item under the one above
# a value printed with its capaian in brackets under it (`86 (101%)`, `2.165 (105,60)`)
_BRACKETED = re.compile(r"^([^\s()]+)\s*(\(([^\s()]+?)\s*%?\))$")
PERCENT_LIMIT = 1000.0  # a percentage beyond ±1000 is no capaian or serapan: left empty
_FINANCING = re.compile(r"\bpembiayaan\b", re.I)
_MEASURES = (TARGET, REALISASI, CAPAIAN)  # the columns whose qualifiers choose the core one
# a measurement beside other years, the plan's end, the nation or the budget (Bab III)
COMPARISON = "perbandingan"
_UNITS = re.compile(r"\b(?:opd|skpd|perangkat daerah|satuan kerja|unit kerja)\b", re.I)


class Note(NamedTuple):
    """What the reader could not read, and why: the table's label, its line, the sentence,
    and the part of an LKjIP the table holds, where the note is of a whole table not read."""

    tabel: str
    line: int
    text: str
    part: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class Core:
    """The core datasets of one report, and what the reader could not read, with why."""

    perjanjian_kinerja: pd.DataFrame
    capaian_kinerja: pd.DataFrame
    realisasi_anggaran: pd.DataFrame
    realisasi_anggaran_total: pd.DataFrame
    # the rest of Bab III: other years, the plan's end, efficiency
    kinerja_historis: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=HISTORIS_COLUMNS))
    kemajuan_renstra: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=KEMAJUAN_COLUMNS))
    efisiensi: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=EFISIENSI_COLUMNS))
    notes: list[Note] = field(default_factory=list)

    @property
    def absent(self) -> list[Note]:
        """The core datasets this report does not hold."""
        return [name for name in CORE_DATASETS if getattr(self, name).empty]


@dataclass
class _Read:
    """One table read: its columns by meaning and its data rows."""

    block: Block
    single: dict[str, int]
    data: list[Row]
    paths: list[tuple[str, ...]] = field(default_factory=list)  # each column's header names
    named: set[int] = field(default_factory=set)  # the columns whose header has a name
    meant: list[Column] = field(default_factory=list)  # each column's meaning and qualifiers
    # every meaning a column has, whatever its qualifiers: meaning -> its columns
    meanings: dict[str, list[int]] = field(default_factory=dict)
    # the measures beside the core ones: another year's, the plan's, the nation's, the budget's
    compared: list[int] = field(default_factory=list)
    # the number convention that settles a form its column leaves open (`113.889`): the one
    # the table shows, else, where the table shows none, the document's; None where mixed
    convention: str | None = None
    # a text column's merged header spans the unnamed columns to its right: meaning -> those
    spanned: dict[str, list[int]] = field(default_factory=dict)

    @property
    def tabel(self) -> str:
        return self.block.label or _("table at line {line}").format(line=self.block.line)

    def text(self, row: Row, meaning: str) -> str:
        """The row's cell of `meaning`; empty from the first cell that stands outside the
        named columns on (the row is shifted against its header there: what stands under a
        header from that cell on may belong to another)."""
        index = self.single.get(meaning)
        if index is None:
            return ""
        edge = self.aligned(row)
        texts = [row.text(i) for i in (index, *self.spanned.get(meaning, ())) if i < edge]
        return " ".join(t for t in texts if t)

    def header(self, meaning: str) -> str:
        """The header of the column of `meaning`, its names top to bottom ("" without one)."""
        index = self.single.get(meaning)
        return " > ".join(self.paths[index]) if index is not None else ""

    def aligned(self, row: Row) -> int:
        """The column from which the row no longer lines up with its header."""
        return next((cell.column for cell in row.cells
                     if cell.text and cell.column not in self.named), len(row.cells))

    def stray_text(self, row: Row) -> str:
        """The row's words standing outside the named columns."""
        return " ".join(cell.text for cell in row.cells
                        if cell.text and cell.column not in self.named)


@dataclass(frozen=True)
class Choice:
    """What tabel.yaml says of a core dataset: the tables it is read from (by label, or by page
    for one printed without a caption) and the header of a column where the words do not
    tell (`realisasi: Realisasi > 2022`)."""

    label: str | None = None
    page: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # dataset column -> header
    source: str = "tabel.yaml"

    def names(self, block: Block, page: int | None) -> bool:
        """True when the choice names `block` (on `page`)."""
        return (self.label is not None and block.label == self.label) or (
            self.page is not None and not block.label and page == self.page)


# a dataset column tabel.yaml may name -> its meaning
COLUMN_MEANINGS = {"no": NO, "sasaran_strategis": SASARAN, "indikator_kinerja": INDIKATOR,
                   "satuan": SATUAN, "target": TARGET, "realisasi": REALISASI,
                   "persen": CAPAIAN, "uraian": URAIAN, "anggaran": ANGGARAN, "kode": KODE}


def read_core(document: Document, choices: dict[str, Choice] | None = None,
              pages: dict[int, int] | None = None, year: int | None = None) -> Core:
    """The SAKIP core of `document` for the report `year` (by default the year the document
    states); a dataset tabel.yaml chooses tables for (`choices`) is read from those alone, its
    columns as named there (`pages`: a line's page)."""
    choices, pages = choices or {}, pages or {}
    _check_choices(choices)
    year = year or report_year(document)
    settled = _document_conventions(document)
    pk, capaian, anggaran, totals, notes = [], [], [], [], []
    bab3: dict[str, list[dict]] = {name: [] for name in BAB3_DATASETS}
    for block in blocks(document):
        page = pages.get(block.rows[0].line) if block.rows else None
        chosen = next((name for name, c in choices.items() if c.names(block, page)), None)
        table = _columns(document, block, notes, choices[chosen] if chosen else None, year,
                         settled)
        kind = chosen or (_kind(table) if table is not None else None)
        read_bab3 = False
        if table is not None and not chosen and INDIKATOR in table.meanings:
            for name, rows in _bab3_rows(table, year, notes).items():
                bab3[name] += rows
                read_bab3 = read_bab3 or bool(rows)
        if kind == COMPARISON:
            notes.append(Note(block.label, block.line, _(
                "{table}: a comparison of Bab III (the year beside {others}): not read into "
                "the core").format(table=_where(block), others=", ".join(
                    " > ".join(table.paths[i]) for i in table.compared)),
                "" if read_bab3 else _bab3_part([table.meant[i] for i in table.compared])))
            continue
        if table is not None and kind is None and INDIKATOR in table.meanings \
                and not read_bab3:
            _note_bab3(block, table.paths, table.meant, table.meanings, notes)
        if table is None or kind is None:
            continue
        if kind in choices and chosen != kind:
            notes.append(Note(block.label, block.line, _(
                "{table}: not read: tabel.yaml names the table {dataset} is read from").format(
                    table=table.tabel, dataset=kind)))
            continue
        if kind == "capaian_kinerja":
            capaian += _capaian_rows(table, notes)
        elif kind == "perjanjian_kinerja":
            pk += _pk_rows(table, notes)
        else:
            rows, total = _anggaran_rows(table, notes)
            anggaran += rows
            totals += total
        _note_shifted(table, notes)
    return Core(pd.DataFrame(pk, columns=PK_COLUMNS),
                pd.DataFrame(capaian, columns=CAPAIAN_COLUMNS),
                pd.DataFrame(anggaran, columns=ANGGARAN_COLUMNS),
                pd.DataFrame(totals, columns=ANGGARAN_COLUMNS),
                pd.DataFrame(bab3["kinerja_historis"], columns=HISTORIS_COLUMNS),
                pd.DataFrame(bab3["kemajuan_renstra"], columns=KEMAJUAN_COLUMNS),
                pd.DataFrame(bab3["efisiensi"], columns=EFISIENSI_COLUMNS), notes)


def report_year(document: Document) -> int | None:
    """The year the document reports on (its cover, sentence or tables), or None."""
    stated = agency_statement(document)
    return stated.year if stated is not None else measured_year(document)


def _check_choices(choices: dict[str, Choice]) -> None:
    """Each choice names its table: columns alone say nothing of which table they are in."""
    from ..errors import SourceError

    for name, choice in choices.items():
        if choice.label is None and choice.page is None:
            raise SourceError(
                _("tabel.yaml: {name} names columns but not their table").format(name=name),
                file=choice.source, table=name,
                hint=_("Add `tabel: Tabel N` (or `halaman: N` for a table printed without a "
                       "caption) to the entry of {name}").format(name=name))


def _kind(table: _Read) -> str | None:
    """The core dataset a table's columns make it: a measurement, an agreement, a budget."""
    has = set(table.single)
    if {INDIKATOR, TARGET} <= has and has & {REALISASI, CAPAIAN}:
        return COMPARISON if table.compared else "capaian_kinerja"
    if {INDIKATOR, TARGET} <= has and not set(table.meanings) & {REALISASI, CAPAIAN} \
            and len(table.meanings[TARGET]) == 1:  # a plan's targets year by year: no PK
        return "perjanjian_kinerja"
    if {URAIAN, ANGGARAN, REALISASI} <= has:
        return "realisasi_anggaran"
    if {URAIAN, TARGET, REALISASI} <= has and _FINANCING.search(table.header(URAIAN)):
        return "realisasi_anggaran"
    return None


# --- columns ----------------------------------------------------------------------------------

def _columns(document: Document, block: Block, notes: list[Note],
             choice: Choice | None = None, year: int | None = None,
             settled: set[str] | frozenset[str] = frozenset()) -> _Read | None:
    """The block's header rows and the column of each meaning (those `choice` names taken as
    named): of the measures, the plain annual column of the report `year` (another year's,
    the plan's, an aggregate, a national figure or another kind are not the core); None when
    it holds no core meaning or two columns mean the same with the same qualifiers (said in
    `notes`). `settled`: the number conventions the document's tables show."""
    header = _header_rows(block.rows)
    if not header:
        return None
    table = Table(Caption(block.label or "", block.title, block.line), tuple(header), (),
                  document.path)
    paths = columns.header_paths(table)
    meant = [column_of(" > ".join(path)) if path else Column(None) for path in paths]
    found: dict[str, list[int]] = {}
    for index, column in enumerate(meant):
        if column.meaning is not None:
            found.setdefault(column.meaning, []).append(index)
    chosen = _chosen_columns(choice, block, paths) if choice is not None else {}
    named = set(found) | set(chosen)
    measured = INDIKATOR in named and bool(named & {TARGET, REALISASI, CAPAIAN, EFISIENSI})
    if not ({INDIKATOR, TARGET} <= named or {URAIAN, TARGET} <= named or ANGGARAN in named
            or measured):
        if INDIKATOR in named:
            _note_bab3(block, paths, meant, found, notes)
        return None  # no measurement, agreement, budget or other part of Bab III
    kinds = ("", PERFORMANCE) if INDIKATOR in found else ("", FINANCIAL)
    single, doubled = {}, []
    for meaning, where in found.items():
        if meaning in chosen:
            single[meaning] = chosen[meaning][0]
            continue
        plain = where[:1] if meaning == NO else [
            i for i in where if meaning not in _MEASURES or meant[i].of_year(year, kinds)]
        if len(plain) > 1 and meaning in _MEASURES:  # `Realisasi` beside `Realisasi 2016`
            plain = [i for i in plain if meant[i].year == year] or plain
        if len(plain) > 1:
            doubled.append((meaning, plain[:2]))
        elif plain:
            single[meaning] = plain[0]
    read = _Read(block, single, [], paths,
                 {index for index, path in enumerate(paths) if path}, meant, found,
                 [i for m in _MEASURES for i in found.get(m, ())
                  if i not in single.values() and not meant[i].statistic])
    if doubled:
        where = _where(block)
        said = "; ".join(_("{first!r} and {second!r} both mean {meaning}").format(
            first=" > ".join(paths[a]), second=" > ".join(paths[b]), meaning=meaning)
            for meaning, (a, b) in doubled)
        notes.append(Note(block.label, block.line, _(
            "{where}: not read: {said}, with the same qualifiers; name the one to read in "
            "tabel.yaml").format(where=where, said=said),
            "capaian_kinerja" if INDIKATOR in found else "realisasi_anggaran"))
        return None
    keys = {_key(row) for row in header}
    read.data = [row for row in block.rows[len(header):]
                 if not row.is_empty() and _key(row) not in keys
                 and not columns.is_numbering(row)]
    _realign(read, notes)
    _span(read)
    read.convention = _settled([c.text for row in read.data for c in row.cells], settled)
    return read


def _note_bab3(block: Block, paths: list[tuple[str, ...]], meant: list[Column],
               found: dict[str, list[int]], notes: list[Note]) -> None:
    """A note for a table of indicators with measures that is no core table (a comparison
    with the plan, an efficiency table): not read, and which columns it has."""
    measures = [i for m in (TARGET, REALISASI, CAPAIAN, EFISIENSI) for i in found.get(m, ())]
    if any(m in found for m in (REALISASI, CAPAIAN, EFISIENSI)):
        notes.append(Note(block.label, block.line, _(
            "{where}: not read: a table of Bab III ({headers}) the reader does not read "
            "yet").format(where=_where(block), headers=", ".join(
                " > ".join(paths[i]) for i in sorted(measures))),
            _bab3_part([meant[i] for i in measures])))


def _bab3_part(shown: list[Column]) -> str:
    """The part of Bab III a table's measures beside the year's show: efficiency (a budget's
    realisation or an efficiency column), progress against the plan, earlier years; else the
    measurement itself."""
    if any(c.meaning == EFISIENSI or c.kind == FINANCIAL for c in shown):
        return "efisiensi"
    if any(c.horizon in (PLAN, CUMULATIVE) for c in shown):
        return "kemajuan_renstra"
    if any(c.year is not None or c.relative for c in shown):
        return "kinerja_historis"
    return "capaian_kinerja"


def _settled(texts: list[str], document_shows: set[str] | frozenset[str]) -> str | None:
    """The convention a table shows, else (it shows none) the one the document's tables show;
    None where either mixes both."""
    shown = conventions(texts) or document_shows
    return next(iter(shown)) if len(shown) == 1 else None


def _document_conventions(document: Document) -> set[str]:
    """The number conventions the document's tables show."""
    return conventions([cell for line in document.lines if "\t" in line
                        for cell in line.split("\t")])


def _where(block: Block) -> str:
    """A table as a note names it: its label and line, or its line (an unlabelled one)."""
    if block.label:
        return _("{table} (line {line})").format(table=block.label, line=block.line)
    return _("table at line {line}").format(line=block.line)


def _span(read: _Read) -> None:
    """The unnamed columns right of a text column (uraian, indikator) that only its rows
    fill are under its merged header: a sub-item indented one column (`\tSisa Lebih …`)."""
    for meaning in (URAIAN, INDIKATOR):
        index = read.single.get(meaning)
        if index is None:
            continue
        column = index + 1
        while column < len(read.paths) and not read.paths[column] and column not in read.named:
            read.spanned.setdefault(meaning, []).append(column)
            read.named.add(column)
            column += 1


def _chosen_columns(choice: Choice, block: Block, paths: list[tuple[str, ...]]
                    ) -> dict[str, list[int]]:
    """Meaning -> [the one column] for each column tabel.yaml names by its header (the whole
    path, `Realisasi > 2022`, or its last name where only one column has it)."""
    from ..errors import SourceError

    written = [" > ".join(path) for path in paths]
    chosen = {}
    for column, header in choice.columns.items():
        if column not in COLUMN_MEANINGS:
            raise SourceError(
                _("tabel.yaml: {column} is no column of the SAKIP core").format(column=column),
                file=choice.source, table=block.label, raw=column,
                hint=_("Columns: {names}").format(names=", ".join(COLUMN_MEANINGS)))
        hits = _named(header, written, paths, _plain)
        if not hits and len(loose := _named(header, written, paths, normalise)) == 1:
            hits = loose  # a small rewording (`Realisasi (%)` for `Realisasi %`)
        if len(hits) != 1:
            raise SourceError(
                _("tabel.yaml: {count} columns of {table} have the header {header!r}").format(
                    count=len(hits), table=block.label or _("the table at line {line}").format(
                        line=block.line), header=header),
                file=choice.source, table=block.label, column=column, raw=header,
                hint=_("Headers of that table: {headers}").format(
                    headers="; ".join(t for t in written if t)))
        chosen[COLUMN_MEANINGS[column]] = hits
    return chosen


def _named(header: str, written: list[str], paths: list[tuple[str, ...]], same) -> list[int]:
    """The columns whose whole header, else whose last name, is `header` (compared by
    `same`)."""
    return [i for i, text in enumerate(written) if same(text) == same(header)] or [
        i for i, path in enumerate(paths) if path and same(path[-1]) == same(header)]


def _plain(text: str) -> str:
    """A header as written, for comparison: case and spacing aside, years kept."""
    return " ".join(text.lower().split())


def _realign(read: _Read, notes: list[Note]) -> None:
    """A named column that no data row fills, beside an unnamed one that most rows fill: the
    header stands one column off its data (a header cell laid out wider than its column in
    the PDF); the meaning moves to where its data is, and a note says so. Only rows of
    values count (not a group heading alone on its row). Where the header stands off so,
    a column only some rows fill (the group's `No`, printed once for its rows) moves the
    same way."""
    rows = [row for row in read.data if sum(bool(cell.text) for cell in row.cells) > 1]

    def filled(index: int) -> int:
        return sum(bool(row.text(index)) for row in rows if index < len(row.cells))

    moved: set[int] = set()
    for most in (True, False):
        for meaning, index in list(read.single.items()):
            if not rows or filled(index) or not (most or moved):
                continue
            for step in ((-1, 1) if most else moved):
                neighbour = index + step
                if 0 <= neighbour < len(read.paths) and neighbour not in read.named \
                        and filled(neighbour) and (not most or filled(neighbour) * 2 >= len(rows)):
                    _move(read, meaning, index, neighbour, notes)
                    moved.add(step)
                    break


def _move(read: _Read, meaning: str, index: int, neighbour: int, notes: list[Note]) -> None:
    read.single[meaning] = neighbour
    read.named = (read.named - {index}) | {neighbour}
    read.paths[neighbour] = read.paths[index]
    notes.append(Note(read.block.label, read.block.line, _(
        "{table}: the column {header!r} is read from the column beside its "
        "header, where its data stands").format(table=read.tabel, header=read.header(meaning))))


def _note_shifted(table: _Read, notes: list[Note]) -> None:
    """One note for the rows of a table read that stand shifted against its header."""
    shifted = [row.line for row in table.data
               if table.aligned(row) < len(row.cells) and not _group_heading(table, row)]
    if shifted:
        notes.append(Note(table.block.label, shifted[0], _(
            "{table}: {count} rows (lines {first}–{last}) stand outside the named columns from "
            "some cell on: what stands there is not read").format(
                table=table.tabel, count=len(shifted), first=shifted[0], last=shifted[-1])))


def _header_rows(rows: tuple[Row, ...]) -> list[Row]:
    """The leading rows that name columns (the numbering row and blank rows among them): most
    of their cells name a meaning, or, printed in bold as a header is, at least two do."""
    header = []
    for row in rows[:_MAX_HEADER_ROWS]:
        texts = [cell.text for cell in row.cells if cell.text]
        numbered = columns.is_numbering(row) and header
        named = sum(meaning_of(t) is not None for t in texts)
        # a number among header words: data, unless it is the first cell of a row whose other
        # cells name three meanings or more (a `No` header printed as `1`)
        numeric = any(_NUMERIC.match(t) and not _YEAR.match(t)
                      for t in (texts[1:] if named >= 3 else texts))
        years = bool(texts) and all(_YEAR.match(t) for t in texts) and header
        if any(_GROUP_HEADING.match(t) or _ITEM_NUMBER.match(t) for t in texts):
            break  # a group heading or a numbered item (`1. Adanya …`): data
        bold = bool(texts) and all(c.bold for c in row.cells if c.text)
        if not (numbered or years or not texts or _continues(row, header) or (
                named and (named * 2 >= len(texts) or (bold and named >= 2))
                and not numeric)):
            break
        header.append(row)
    while header and not any(c.text for c in header[-1].cells):
        header.pop()
    return header if header and any(meaning_of(c.text) for c in header[0].cells) else []


def _continues(row: Row, header: list[Row]) -> bool:
    """A header's words carried onto the next line (`Capaian` / `Kinerja (%)`): no number but
    a year (`Tahun` / `2016`), no group heading, no numbered item (`1. Adanya …`), only under
    columns the header's last row names (any of its rows names, for a line of two names or
    more all in bold, as a header is printed; one bold name alone is a unit's row)."""
    if not header:
        return False
    filled = [cell for cell in row.cells if cell.text]
    rows = header if len(filled) > 1 and all(cell.bold for cell in filled) else header[-1:]
    above = {cell.column for line in rows for cell in line.cells if cell.text}
    return bool(filled) and all(
        cell.column in above and (not _NUMERIC.match(cell.text) or _YEAR.match(cell.text))
        and not _GROUP.match(cell.text) and not _ITEM_NUMBER.match(cell.text)
        for cell in filled)


def _key(row: Row) -> tuple[str, ...]:
    return tuple(cell.text for cell in row.cells)


def _numbers(table: _Read, meaning: str, *alike: str, texts: list[str] | None = None,
             only: set[int] | None = None) -> dict[int, tuple[float | None, str]]:
    """Each data row's number in the column of `meaning`, by the column's own convention, else
    by the one the columns `alike` show together (a budget's amounts are written alike), else
    the table's; `texts`: the cells to read instead of the column's (one per data row), `only`:
    the lines to give."""
    if meaning not in table.single and texts is None:
        return {}
    texts = texts if texts is not None else [table.text(row, meaning) for row in table.data]
    seen = convention(texts) or convention(
        [table.text(row, other) for other in alike for row in table.data]) or table.convention
    readings = [read_number(text, seen) for text in texts]
    return {row.line: (reading.value, reading.doubt)
            for row, reading in zip(table.data, readings, strict=True)
            if only is None or row.line in only}


def _value(numbers: dict, row: Row, notes: list[Note], table: _Read, meaning: str) -> float:
    value, doubt = numbers.get(row.line, (None, ""))
    if value is not None and meaning == CAPAIAN and abs(value) > PERCENT_LIMIT:
        value, doubt = None, _("{value:g} is no percentage").format(value=value)
    if doubt:
        notes.append(Note(table.block.label, row.line, _(
            "{table} line {line}, {column}: left empty: {doubt}").format(
                table=table.tabel, line=row.line, column=meaning, doubt=doubt)))
    return float("nan") if value is None else value


def _row_number(table: _Read, row: Row) -> int | None:
    """The row's printed number (`1`, `1.`), where its No cell holds one."""
    number = _ROW_NUMBER.match(table.text(row, NO))
    return int(number.group(1)) if number else None


# --- performance ------------------------------------------------------------------------------

def _capaian_rows(table: _Read, notes: list[Note]) -> list[dict]:
    numbers = {m: _numbers(table, m) for m in (TARGET, REALISASI, CAPAIAN)}
    bracketed = _bracketed_capaian(table)
    if bracketed:
        numbers[REALISASI] = _numbers(table, REALISASI, texts=[
            bracketed[row.line].realisasi if row.line in bracketed
            else table.text(row, REALISASI) for row in table.data])
        unstated = {row.line for row in table.data
                    if row.line in bracketed and not table.text(row, CAPAIAN)}
        numbers[CAPAIAN] |= _numbers(table, CAPAIAN, texts=[
            bracketed[row.line].capaian if row.line in bracketed else ""
            for row in table.data], only=unstated)
    records = []
    for row, misi, sasaran, indicator, number in _indicator_rows(table):
        records.append({
            "tabel": table.block.label, "no": number, "misi": misi,
            "sasaran_strategis": sasaran,
            "indikator_kinerja": indicator, "satuan": table.text(row, SATUAN),
            "target": _value(numbers[TARGET], row, notes, table, TARGET),
            "realisasi": _value(numbers[REALISASI], row, notes, table, REALISASI),
            "persen": _value(numbers[CAPAIAN], row, notes, table, CAPAIAN),
            "target_tertulis": table.text(row, TARGET),
            "realisasi_tertulis": table.text(row, REALISASI),
            "persen_tertulis": table.text(row, CAPAIAN) or (
                bracketed[row.line].printed if row.line in bracketed else ""),
            "baris_sumber": row.line})
    return records


class _Bracketed(NamedTuple):
    """A realisasi cell that prints the indicator's capaian in brackets under it."""

    realisasi: str  # `86`
    printed: str  # `(101%)`, as printed
    capaian: str  # `101`


def _bracketed_capaian(table: _Read) -> dict[int, _Bracketed]:
    """line -> the realisasi cell of each row that prints the indicator's capaian in brackets
    under it (`86` / `(101%)`); the capaian is the row's where its capaian cell is empty
    (bkpd's Tabel 2 prints a capaian per sasaran there)."""
    found = {}
    for row in table.data:
        match = _BRACKETED.match(table.text(row, REALISASI))
        if match:
            found[row.line] = _Bracketed(*match.groups())
    return found


def _pk_rows(table: _Read, notes: list[Note]) -> list[dict]:
    numbers = _numbers(table, TARGET)
    return [{"tabel": table.block.label, "no": number,
             "sasaran_strategis": sasaran,
             "indikator_kinerja": indicator, "satuan": table.text(row, SATUAN),
             "target": _value(numbers, row, notes, table, TARGET),
             "target_tertulis": table.text(row, TARGET), "baris_sumber": row.line}
            for row, _misi, sasaran, indicator, number in _indicator_rows(table)]


# --- the rest of Bab III ----------------------------------------------------------------------

def _bab3_rows(table: _Read, year: int | None, notes: list[Note]) -> dict[str, list[dict]]:
    """The rows of the rest of Bab III a table of indicators holds beside (or instead of) the
    year's measurement: other years' columns (`kinerja_historis`), the plan's (or a later
    year's) target and the capaian against it (`kemajuan_renstra`), a budget's absorption and
    an efficiency (`efisiensi`); each value from its own column, by its header's meaning."""
    years, plan = _other_columns(table, year)
    found: dict[str, list[dict]] = {name: [] for name in BAB3_DATASETS}
    if years:
        found["kinerja_historis"] = _historis_rows(table, years, notes)
    if plan:
        found["kemajuan_renstra"] = _kemajuan_rows(table, plan, notes)
    spent = next((i for i in table.meanings.get(CAPAIAN, ())
                  if table.meant[i].kind == FINANCIAL), None)
    if CAPAIAN in table.single and (EFISIENSI in table.single or spent is not None):
        found["efisiensi"] = _efisiensi_rows(table, spent, notes)
    return found


def _other_columns(table: _Read, year: int | None) -> tuple[dict[int, dict[str, int]],
                                                             dict[str, int]]:
    """The measures of other years (year -> meaning -> column) and of the plan (`target`,
    `capaian`, `realisasi`: the plan's end target, the capaian against it, a cumulative
    realisation), of indicators' performance, neither national nor an aggregate. A target of a
    year after the report's, in a table with no target of the year itself, is the plan's."""
    years: dict[int, dict[str, int]] = {}
    plan: dict[str, int] = {}
    later = year is not None and TARGET not in table.single
    for index in sorted(i for m in _MEASURES for i in table.meanings.get(m, ())):
        column = table.meant[index]
        if column.statistic or column.scope or column.kind not in ("", PERFORMANCE):
            continue
        if column.horizon in (PLAN, CUMULATIVE):
            plan.setdefault(column.meaning, index)
        elif later and column.meaning == TARGET and column.year and column.year > year:
            plan[TARGET] = index  # the last of the plan's later targets
        elif not column.horizon and year is not None:
            when = year - 1 if column.relative == LAST_YEAR else column.year
            if when is not None and when < year:
                years.setdefault(when, {}).setdefault(column.meaning, index)
    # a year is measured where it has a realisation or a capaian: a plan's targets alone are
    # no history (`Target Kinerja > 2014 … 2018`)
    years = {when: found for when, found in years.items()
             if set(found) & {REALISASI, CAPAIAN}}
    if TARGET in plan and CAPAIAN not in plan and CAPAIAN in table.single \
            and TARGET not in table.single:
        plan[CAPAIAN] = table.single[CAPAIAN]  # the capaian against the only target: the plan's
    if not set(plan) & {TARGET, CAPAIAN}:
        plan = {}
    elif REALISASI not in plan and REALISASI in table.single:
        plan[REALISASI] = table.single[REALISASI]
    return years, plan


def _cell(table: _Read, row: Row, index: int) -> str:
    """The row's cell of column `index`, where the row still lines up with its header."""
    return row.text(index) if index < table.aligned(row) else ""


def _column_numbers(table: _Read, index: int) -> dict[int, tuple[float | None, str]]:
    """Each data row's number in column `index`, by the column's own convention, else the
    table's."""
    texts = [_cell(table, row, index) for row in table.data]
    seen = convention(texts) or table.convention
    return {row.line: (reading.value, reading.doubt) for row, reading in
            zip(table.data, (read_number(text, seen) for text in texts), strict=True)}


def _measured(table: _Read, columns: dict[str, int], notes: list[Note]):
    """For each indicator row: the row, its number and name, and per name in `columns` (name
    -> column) the value read and the text as written."""
    numbers = {name: _column_numbers(table, index) for name, index in columns.items()}
    for row, _misi, sasaran, indicator, number in _indicator_rows(table):
        if _AGGREGATE_ROW.match(indicator):
            continue  # `Rata-rata capaian …`, `Jumlah`: the table's own sums, no indicator
        if not any(_cell(table, row, index) for index in columns.values()):
            continue  # nothing printed in these columns: no row of them
        values = {}
        for name, index in columns.items():
            meaning = CAPAIAN if table.meant[index].meaning in (CAPAIAN, EFISIENSI) else TARGET
            values[name] = (_value(numbers[name], row, notes, table, meaning),
                            _cell(table, row, index))
        yield row, sasaran, indicator, number, values


def _add_values(record: dict, values: dict, names: tuple[str, ...]) -> None:
    """Each of `names` into `record`, its number and its text as written (empty where the
    table has no such column)."""
    for name in names:
        value, text = values.get(name, (float("nan"), ""))
        record |= {name: value, f"{name}_tertulis": text}


def _historis_rows(table: _Read, years: dict[int, dict[str, int]],
                   notes: list[Note]) -> list[dict]:
    records = []
    for when, meanings in sorted(years.items()):
        names = {{TARGET: "target", REALISASI: "realisasi", CAPAIAN: "persen"}[m]: i
                 for m, i in meanings.items()}
        for row, _sasaran, indicator, number, values in _measured(table, names, notes):
            record = {"tabel": table.block.label or "", "no": number,
                      "indikator_kinerja": indicator, "satuan": table.text(row, SATUAN),
                      "tahun": when, "baris_sumber": row.line}
            _add_values(record, values, ("target", "realisasi", "persen"))
            records.append(record)
    return records


def _kemajuan_rows(table: _Read, plan: dict[str, int], notes: list[Note]) -> list[dict]:
    names = {{TARGET: "target_akhir", REALISASI: "realisasi", CAPAIAN: "tingkat_kemajuan"}[m]: i
             for m, i in plan.items()}
    realised = table.meant[plan[REALISASI]] if REALISASI in plan else None
    until = realised.year if realised is not None and realised.horizon == CUMULATIVE else None
    records = []
    for row, _sasaran, indicator, number, values in _measured(table, names, notes):
        record = {"tabel": table.block.label or "", "no": number,
                  "indikator_kinerja": indicator, "satuan": table.text(row, SATUAN),
                  "realisasi_sampai": until,
                  "baris_sumber": row.line}
        _add_values(record, values, ("target_akhir", "realisasi", "tingkat_kemajuan"))
        records.append(record)
    return records


def _efisiensi_rows(table: _Read, spent: int | None, notes: list[Note]) -> list[dict]:
    names = {"persen_capaian": table.single.get(CAPAIAN), "persen_serapan": spent,
             "tingkat_efisiensi": table.single.get(EFISIENSI)}
    names = {name: index for name, index in names.items() if index is not None}
    records = []
    for row, sasaran, indicator, number, values in _measured(table, names, notes):
        record = {"tabel": table.block.label or "", "no": number,
                  "sasaran_strategis": sasaran, "indikator_kinerja": indicator,
                  "baris_sumber": row.line}
        _add_values(record, values, ("persen_capaian", "persen_serapan", "tingkat_efisiensi"))
        records.append(record)
    return records


def _group_heading(table: _Read, row: Row) -> str:
    """The row's group heading (`Misi 1 : …`, `Sasaran Strategis 2 : …`) where it is a group
    row, a heading and no target or realisasi, in whichever column it is written; else ""."""
    text = next((cell.text for cell in row.cells if _GROUP.match(cell.text)), "")
    if text and not (table.text(row, TARGET) or table.text(row, REALISASI)):
        return text
    return ""


def _indicator_rows(table: _Read):
    """(row, misi, sasaran, indicator, number) of each indicator row; group rows and a
    sasaran written once for several indicators carried down; a number printed before the
    indicator's name in its cell is the row's number, not part of the name."""
    misi = sasaran = parent = ""
    for row in table.data:
        indicator = table.text(row, INDIKATOR)
        text = _group_heading(table, row)
        if text:
            if _GROUP.match(text).group(1).lower() == "misi":
                misi, sasaran = text, ""
            else:
                sasaran = text
            continue
        if table.text(row, SASARAN) and table.text(row, SASARAN) != sasaran:
            sasaran, parent = table.text(row, SASARAN), ""
        if not indicator and table.text(row, NO) and table.stray_text(row):
            indicator = table.stray_text(row)  # a shifted row: kept, its values not read
        if indicator:
            indicator = _BULLET.sub("", indicator)
            number = _ITEM_NUMBER.match(indicator)  # `1. Pertumbuhan …`: the row's number
            name = indicator[number.end():] if number else indicator
            if _SUB_ITEM.match(name) and parent:
                name = f"{parent} {name}"  # `Konsumsi Pangan a. Konsumsi Energi`
            else:
                parent = name
            yield (row, misi, sasaran, name,
                   _row_number(table, row) or (int(number.group(1)) if number else None))


# --- budget -----------------------------------------------------------------------------------

def _anggaran_rows(table: _Read, notes: list[Note]) -> tuple[list[dict], list[dict]]:
    financing = bool(_FINANCING.search(table.header(URAIAN)))
    if financing and ANGGARAN not in table.single and TARGET in table.single:
        table.single[ANGGARAN] = table.single.pop(TARGET)  # a financing plan's target
    numbers = {m: _numbers(table, m, ANGGARAN, REALISASI) for m in (ANGGARAN, REALISASI)}
    numbers[CAPAIAN] = _numbers(table, CAPAIAN)
    units = bool(_UNITS.search(table.header(URAIAN)))
    rows, totals, seen_program = [], [], False
    for row in table.data:
        uraian = table.text(row, URAIAN) or next(
            (c.text for c in row.cells if re.search(r"[^\W\d_]", c.text)), "")
        amounts = [table.text(row, m) for m in (ANGGARAN, REALISASI)]
        # a financing table's lines net each other (penerimaan − pengeluaran): none is a total
        level = "pembiayaan" if financing else _level(uraian, any(amounts), units,
                                                        seen_program)
        seen_program = seen_program or level == "program"
        record = {"tabel": table.block.label, "tingkat": level, "kode": table.text(row, KODE),
                  "uraian": uraian,
                  "anggaran": _value(numbers[ANGGARAN], row, notes, table, ANGGARAN),
                  "realisasi": _value(numbers[REALISASI], row, notes, table, REALISASI),
                  "persen": _value(numbers[CAPAIAN], row, notes, table, CAPAIAN),
                  "anggaran_tertulis": amounts[0], "realisasi_tertulis": amounts[1],
                  "persen_tertulis": table.text(row, CAPAIAN), "baris_sumber": row.line}
        (totals if level == "total" else rows).append(record)
    return rows, totals


def _level(uraian: str, has_amounts: bool, units: bool, seen_program: bool) -> str:
    if _TOTAL.match(uraian):
        return "total"
    for level, pattern in _LEVELS:
        if pattern.match(uraian):
            return level
    if units:
        return "perangkat_daerah"
    if not has_amounts:
        return "unit"
    return "kegiatan" if seen_program else "uraian"
