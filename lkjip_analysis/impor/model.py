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


def to_json(imported: Imported) -> dict:
    """`imported` as plain JSON data (the bounded reader hands it over so)."""
    return {"pages": imported.pages, "notes": imported.notes,
            "blocks": [_block_json(block) for block in imported.blocks]}


def from_json(data: dict) -> Imported:
    """The document model back from `to_json`'s data."""
    return Imported([_block(item) for item in data["blocks"]], data["pages"], data["notes"])


def _block_json(block) -> dict:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": [block.text.text, block.text.bold],
                "level": block.level, "origin": block.origin}
    if isinstance(block, Table):
        return {"kind": "table", "rows": [[[c.text, c.bold] for c in row] for row in block.rows],
                "origin": block.origin, "row_origins": list(block.row_origins)}
    if isinstance(block, Chart):
        return {"kind": "chart", "categories": list(block.categories),
                "series": [[name, list(points)] for name, points in block.series],
                "origin": block.origin}
    return {"kind": "picture", "what": block.what, "origin": block.origin}


def _block(item: dict):
    kind = item["kind"]
    if kind == "paragraph":
        return Paragraph(Text(*item["text"]), item["level"], item["origin"])
    if kind == "table":
        return Table(tuple(tuple(Text(*cell) for cell in row) for row in item["rows"]),
                     item["origin"], tuple(item["row_origins"]))
    if kind == "chart":
        return Chart(tuple(item["categories"]),
                     tuple((name, tuple(points)) for name, points in item["series"]),
                     item["origin"])
    return Picture(item["what"], item["origin"])
