"""The document model written as the text format the reader uses: headings as `#`, bold as
`<b>…</b>`, tables as tab-separated rows, a blank line between blocks. Text from the file is
copied faithfully (typos kept for koreksi.yaml); tabs and line breaks inside a cell become
spaces, so a cell never splits a row. A chart's data is a table under its caption (`Grafik N.
…`, which Word often writes below the chart): a `Kategori` column, one column per series, the
values in Indonesian format exactly as cached, an empty cell where a point has no value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..captions import CAPTION, CHART_CAPTION
from ..markup import printable
from .model import Chart, Imported, Paragraph, Table, Text

_SPACES = re.compile(r"\s+")
# Word's bullets in the Symbol and Wingdings fonts sit in the private-use area (U+F0B7 is the
# Symbol bullet): written as what they show
_SYMBOL_MARKS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0a8": "◦", "\uf0d8": "➢",
                               "\uf0fc": "✓", "\uf076": "❖", "\uf0b0": "°"})
_BLANK = ("", "")  # a blank line, from nowhere


@dataclass(frozen=True)
class Written:
    """The text, and for each of its lines where in the original it came from ("" for a
    blank line)."""

    text: str
    origins: tuple[str, ...]


def to_text(imported: Imported) -> Written:
    """The text of the imported document, each line with its origin."""
    lines: list[tuple[str, str]] = []
    blocks = captions_above(imported.blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if not (_is_chart_caption(block) and index and isinstance(blocks[index - 1], Chart)):
                lines += [(_paragraph(block), block.origin), _BLANK]
        elif isinstance(block, Table):
            lines += [("\t".join(_cell(c) for c in row), _row_origin(block, i))
                      for i, row in enumerate(block.rows)] + [_BLANK]
        elif isinstance(block, Chart):
            below = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(below, Paragraph) and _is_chart_caption(below):
                lines += [(_paragraph(below), below.origin), _BLANK]  # caption above its data
            lines += [(row, block.origin) for row in _chart_rows(block)] + [_BLANK]
    while lines and lines[-1] == _BLANK:
        lines.pop()
    return Written("\n".join(text for text, _ in lines) + "\n",
                   tuple(origin for _, origin in lines))


def captions_above(blocks: list) -> list:
    """The blocks with each table caption whole and above its table, where the reader looks
    for it: a label alone on its line (`Tabel 3.15`) joined with the title line under it, and
    a caption printed right under a table that has none above (and not followed by a table
    of its own) moved above it."""
    found = _titles_joined(list(blocks))
    for index in range(len(found) - 1):
        table, below = found[index], found[index + 1]
        after = found[index + 2] if index + 2 < len(found) else None
        if (isinstance(table, Table) and _is_caption(below) and not isinstance(after, Table)
                and not (index and _is_caption(found[index - 1]))):
            found[index], found[index + 1] = below, table
    return found


_BARE_LABEL = re.compile(r"^(?i:tabel)\s*\.?\s*\d+(?:\.\d{1,2})*\.?$")
TITLE_CHARACTERS = 200


def _titles_joined(blocks: list) -> list:
    """A table label alone on its line, its title on the next and the table after them: one
    caption line (`Tabel 3.15 Indeks Kualitas Lingkungan Hidup`)."""
    joined, index = [], 0
    while index < len(blocks):
        label = blocks[index]
        title = blocks[index + 1] if index + 1 < len(blocks) else None
        table = blocks[index + 2] if index + 2 < len(blocks) else None
        if (isinstance(label, Paragraph) and _BARE_LABEL.match(label.text.text.strip())
                and isinstance(title, Paragraph) and not title.level
                and 0 < len(title.text.text) <= TITLE_CHARACTERS
                and not _is_caption(title) and isinstance(table, Table)):
            text = Text(f"{label.text.text.strip()} {title.text.text.strip()}",
                        label.text.bold and title.text.bold)
            joined.append(Paragraph(text, label.level, label.origin))
            index += 2
            continue
        joined.append(label)
        index += 1
    return joined


def _is_caption(block) -> bool:
    return isinstance(block, Paragraph) and bool(CAPTION.match(block.text.text))


def _row_origin(table: Table, index: int) -> str:
    if index < len(table.row_origins):
        return table.row_origins[index]
    return f"{table.origin} baris {index + 1}"


def _is_chart_caption(block: Paragraph) -> bool:
    return bool(CHART_CAPTION.match(block.text.text))


def _chart_rows(chart: Chart) -> list[str]:
    header = "\t".join(["Kategori", *(_plain(name) for name, _ in chart.series)])
    rows = [header]
    for i, category in enumerate(chart.categories):
        values = [_number(points[i]) if i < len(points) else "" for _, points in chart.series]
        rows.append("\t".join([_plain(category), *values]))
    return rows


def _number(cached: str) -> str:
    """A cached chart value in Indonesian format, every digit kept (no rounding)."""
    try:
        value = Decimal(cached.strip())
    except InvalidOperation:
        return _plain(cached)
    whole, _, fraction = f"{value:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(reversed([digits[max(0, i - 3):i]
                                 for i in range(len(digits), 0, -3)])) or "0"
    fraction = fraction.rstrip("0")
    return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")


def _paragraph(paragraph: Paragraph) -> str:
    text = _plain(paragraph.text.text)
    if paragraph.level:
        return "#" * paragraph.level + " " + text
    return f"<b>{text}</b>" if paragraph.text.bold else text


def _cell(cell: Text) -> str:
    text = _plain(cell.text)
    return f"<b>{text}</b>" if cell.bold and text else text


def _plain(text: str) -> str:
    """One line of printable text: tabs, line breaks and runs of spaces as one space, control
    characters removed, the Symbol and Wingdings fonts' private bullets as the marks a reader
    sees."""
    return _SPACES.sub(" ", printable(text).translate(_SYMBOL_MARKS)).strip()
