"""Reads a report document: finds the `Tabel N.` captions and splits their rows into cells.

A caption's number is data (its label as written, `Tabel 14`): which table is which is decided
by `recognition`, from the header's signature and the caption's words.

Every cell keeps the number of the line it came from, so each value can be traced to the source.
Tables are the tab-separated lines under a caption; blank lines, the running page header and
header rows repeated after a page break are passed over.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..captions import CAPTION
from ..errors import DocumentError, TableFormatError
from ..i18n import _
from ..limits import DOCUMENT_BYTES, check_size

# the title is taken greedily and its trailing `*`/spaces stripped in code: a lazy title before
# `[\s*]*$` would take quadratic time on a long line of spaces
_LABEL_PREFIX = re.compile(r"^tabel\s*\.?\s*", re.I)
RUNNING_HEADER = re.compile(
    r"^[#*\s]*(?:<b>\s*)?Laporan Kinerja Instansi Pemerintah Tahun \d{4}", re.I)
_TAG = re.compile(r"</?[a-zA-Z]+>")
_BOLD = re.compile(r"<b>", re.I)
_STRAY_DIGITS = re.compile(r"^\d+(?=[a-z])")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_WHOLE_PARENS = re.compile(r"^\(\s*(.*?)\s*\)$")
_PARENS = re.compile(r"\([^)]*\)")
_OTHER = re.compile(r"[^\w%/# ]+")
_SLASH = re.compile(r"\s*/\s*")
_BOMS = {
    b"\xef\xbb\xbf": "byte-order mark UTF-8",
    b"\xff\xfe": "UTF-16 (little-endian)",
    b"\xfe\xff": "UTF-16 (big-endian)",
}


@dataclass(frozen=True)
class Cell:
    """One cell: its cleaned text, the text as written, and where it stands."""

    text: str
    raw: str
    line: int
    column: int
    bold: bool


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Cell, ...]

    def text(self, column: int) -> str:
        return self.cells[column].text if column < len(self.cells) else ""

    def is_empty(self) -> bool:
        return not any(c.text for c in self.cells)


@dataclass(frozen=True)
class Caption:
    """A table caption: its label as written (`Tabel 14`), its title and its line."""

    label: str
    title: str
    line: int

    def __str__(self) -> str:
        return f"baris {self.line}: {self.label}. {self.title}"


@dataclass(frozen=True)
class Table:
    """A table of the document: caption, header rows and data rows."""

    caption: Caption
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    path: Path

    @property
    def label(self) -> str:
        return self.caption.label

    @property
    def caption_line(self) -> int:
        return self.caption.line

    def error(self, message: str, row: Row | None = None, cell: Cell | None = None,
              column: str | None = None, hint: str | None = None) -> TableFormatError:
        line = cell.line if cell else (row.line if row else self.caption_line)
        return TableFormatError(message, file=self.path, line=line, table=self.label,
                                column=column, raw=cell.raw if cell else None, hint=hint)


@dataclass(frozen=True)
class Document:
    """The report text, split into lines (line 1 is the first)."""

    path: Path
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    @cached_property
    def captions(self) -> tuple[Caption, ...]:
        """Every table caption, in document order."""
        found = []
        for number, text in enumerate(self.lines, start=1):
            match = CAPTION.match(text)
            if match:
                label = caption_label(match.group(1))
                found.append(Caption(label, caption_title(match.group(2)), number))
        return tuple(found)

    def header_rows(self, caption: Caption, count: int) -> tuple[Row, ...]:
        """The first `count` rows under `caption` (fewer when the table is shorter)."""
        return self.rows_below(caption.line)[:count]

    def rows_below(self, line: int) -> tuple[Row, ...]:
        """The table rows under the caption on `line` (blank lines and running headers passed
        over), each cell's text cleaned."""
        return tuple(_split(text, n) for text, n in _table_lines(self.lines, line))

    def table(self, caption: Caption, header_rows: int) -> Table:
        """The table under `caption`: its `header_rows` header rows, then its data rows with
        repeated headers dropped and short rows padded to the header's width."""
        rows = [_split(line, n) for line, n in _table_lines(self.lines, caption.line)]
        table = Table(caption, tuple(rows[:header_rows]), (), self.path)
        if len(rows) <= header_rows:
            raise table.error(_("{table} has no data rows").format(table=table.label),
                              hint=_("Is the document cut short?"))
        body = _drop_repeated_headers(rows[header_rows:], table.header)
        width = len(table.header[0].cells)
        return Table(caption, table.header, tuple(_fit(row, width, table) for row in body),
                     self.path)


def read_document(path: str | Path) -> Document:
    """Read a report document as strict UTF-8 text."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(_("report document not found"), file=path,
                            hint=_("Put the report text in data/raw/<year>/ as lkjip_<...>.md"))
    check_size(path, DOCUMENT_BYTES, _("report document"))
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(_("report document is empty"), file=path,
                            hint=_("Copy the whole report text into that file"))
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            raise DocumentError(_("report document starts with {mark}").format(mark=name),
                                file=path, line=1,
                                hint=_("Save it as UTF-8 without a byte-order mark"))
    if b"\x00" in data:
        raise DocumentError(_("report document holds NUL bytes (UTF-16?)"), file=path,
                            hint=_("Save it as UTF-8 without a byte-order mark"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            _("report document is not UTF-8"), file=path, line=line,
            raw=data[exc.start : exc.start + 8].decode("latin-1"),
            hint=_("Convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`"),
        ) from None
    return Document(path, tuple(text.splitlines()))


SIMILAR = 0.8  # the least difflib ratio for two header names to count as the same


def same_name(a: str, b: str) -> bool:
    """Two normalised header names are the same, or one a small rewording of the other."""
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR


def caption_label(written: str) -> str:
    """A caption's label, whole and normalised: `Tabel 3.2` for `Tabel 3.2`, `Tabel. 3.2` and
    Word's `Tabel 3 2`; `Tabel 14` for `TABEL 14`."""
    number = _LABEL_PREFIX.sub("", written.strip())
    return "Tabel " + re.sub(r"\s+", ".", number)


def caption_title(text: str) -> str:
    """A caption's title as written, without markup (`<b>`, trailing `*`)."""
    return _TAG.sub("", text).rstrip(" \t*").strip()


def normalise(text: str) -> str:
    """Header text for comparison: `Realisasi (Rp)` = `realisasi`, `(%)` = `%`,
    `Program / Kegiatan` = `program/kegiatan`, `7No.` = `no`, `Nilai 2019` = `nilai #`."""
    text = " ".join(text.split()).lower()
    whole = _WHOLE_PARENS.match(text)
    text = whole.group(1) if whole else _PARENS.sub(" ", text)
    text = _STRAY_DIGITS.sub("", _YEAR.sub("#", text))
    text = _SLASH.sub("/", _OTHER.sub(" ", text.replace("_", " ")))
    return " ".join(text.split())


def _table_lines(lines: tuple[str, ...], caption_line: int) -> list[tuple[str, int]]:
    found = []
    for number in range(caption_line + 1, len(lines) + 1):
        text = lines[number - 1]
        if "\t" in text:
            found.append((text, number))
        elif text.strip() and not RUNNING_HEADER.match(text):
            break
    return found


def _split(line: str, number: int) -> Row:
    cells = tuple(
        Cell(" ".join(_TAG.sub("", raw).split()), raw, number, i, bool(_BOLD.search(raw)))
        for i, raw in enumerate(line.split("\t"))
    )
    return Row(number, cells)


def _drop_repeated_headers(rows: list[Row], header: tuple[Row, ...]) -> list[Row]:
    keys = {_row_key(h) for h in header}
    return [row for row in rows if _row_key(row) not in keys]


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(normalise(c.text) for c in row.cells)


def _fit(row: Row, width: int, table: Table) -> Row:
    """Pad a short row with empty cells; refuse a row with text beyond the table's columns."""
    extra = [c for c in row.cells[width:] if c.text]
    if extra:
        raise table.error(_("a row of {table} has more cells than its column headers "
                            "({width})").format(table=table.label, width=width), cell=extra[0],
                          hint=_("There is an extra column or a misplaced tab"))
    cells = row.cells[:width] + tuple(
        Cell("", "", row.line, i, False) for i in range(len(row.cells), width)
    )
    return Row(row.line, cells)
