"""The small document model an imported file is read into before the text is written: blocks
in body order, each knowing where in the original it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import LkjipError


class ImportRefused(LkjipError):
    """A file the importer cannot read: exit 2 with one line saying what to do."""


@dataclass(frozen=True)
class Text:
    """A run of text and whether the original shows it in bold."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (a heading when `level` > 0); `origin` says where it stood."""

    text: Text
    level: int = 0
    origin: str = ""


@dataclass(frozen=True)
class Table:
    """A table's rows of cells; a merged cell is written once, its other places empty.
    `row_origins` says where each row stood (`halaman 12`, `tabel 3 baris 4`)."""

    rows: tuple[tuple[Text, ...], ...]
    origin: str = ""
    row_origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A chart's data: categories, and each series' name and values as written (numbers, or
    "" where the chart has no value)."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[str, ...]], ...]
    origin: str = ""


@dataclass(frozen=True)
class Picture:
    """Something the importer could not read as text (an image, a chart without data)."""

    what: str
    origin: str = ""


@dataclass
class Imported:
    """An imported file: its blocks in order, and its page count where it has pages."""

    blocks: list = field(default_factory=list)
    pages: int = 0
    notes: list[str] = field(default_factory=list)
