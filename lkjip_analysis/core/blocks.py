"""Every table of a document, captioned or not, with its label as printed.

A table is a run of tab-separated lines (blank lines between them allowed); a row worded as a
header inside the run starts another table, unless it repeats the first one's header (a header
printed again on the next page), which is dropped. Its caption is the
`Tabel …` line just above it (the title may stand on the next line, as `Tabel 3.2.` then
`Capaian …`), else one just below it that no table follows (a caption printed under its
table); a table without either has no label and is named by its first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reading.source import (
    CAPTION,
    RUNNING_HEADER,
    Document,
    Row,
    _split,
    caption_label,
    caption_title,
    normalise,
)
from .meaning import meaning_of

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ABOVE = 4  # text lines a caption may stand above its table (title, a unit note)
_BELOW = 2


@dataclass(frozen=True)
class Block:
    """One table: its label (`Tabel 3.2`, or "" when printed without one), title, the line of
    its caption (or of its first row) and its rows."""

    label: str
    title: str
    line: int
    rows: tuple[Row, ...]


def blocks(document: Document) -> list[Block]:
    """The document's tables in order."""
    runs = _runs(document.lines)
    found = []
    for index, (first, last) in enumerate(runs):
        following = runs[index + 1][0] if index + 1 < len(runs) else len(document.lines) + 1
        label, title, line = _caption(document, first, last, following)
        rows = [_split(document.line(n), n) for n in range(first, last + 1)
                if "\t" in document.line(n)]
        for number, (part, continued) in enumerate(_tables_in(rows)):
            if number == 0 or continued:
                found.append(Block(label, title, line or first, part))
            else:
                found.append(Block("", "", part[0].line, part))
    return found


def _tables_in(rows: list[Row]) -> list[tuple[tuple[Row, ...], bool]]:
    """A run's rows split where a header follows data rows, each part with whether it goes on
    with the first (its header says the same words: the table on its next page). A header
    that repeats the first one cell for cell is dropped; one laid out otherwise starts a part
    read with its own columns, with the header's own lines above it (see `_header_line`)."""
    parts: list[list[Row]] = [[]]
    continued = [False]
    in_data = False
    for row in rows:
        header = _is_header(row)
        if header and in_data:
            opening = next(part for part in parts if part)
            first = next((r for r in opening if _is_header(r)), opening[0])
            if _cells(row) == _cells(first):
                continue
            parts.append(_header_lines_above(parts[-1], row))
            continued.append(_words(row) == _words(first))
            in_data = False
        in_data = in_data or not header
        parts[-1].append(row)
    return [(tuple(part), go_on) for part, go_on in zip(parts, continued, strict=True) if part]


def _header_lines_above(part: list[Row], header: Row) -> list[Row]:
    """The lines at the end of `part` that are `header`'s own upper lines (blank lines among
    them), taken off `part`; never a blank line first."""
    start = len(part)
    while start and (part[start - 1].is_empty() or _header_line(part[start - 1], header)):
        start -= 1
    while start < len(part) and part[start].is_empty():
        start += 1
    above = part[start:]
    del part[start:]
    return above


def _header_line(row: Row, header: Row) -> bool:
    """A line of `header`'s words printed above it: every cell with text bold, no number but
    a year; and either two cells or more (an upper header row: `Tahun 2015` over `Target`,
    `Realisasi`), or each under a column `header` leaves unnamed (a name wrapped over the
    header's lines). A title of one cell over the table is not one."""
    cells = [cell for cell in row.cells if cell.text]
    return bool(cells) and all(
        cell.bold and not any(ch.isdigit() for ch in _YEAR.sub("", cell.text))
        for cell in cells) and (len(cells) > 1 or not header.text(cells[0].column))


def _is_header(row: Row) -> bool:
    """A row worded as a header: three or more cells name a column's meaning, and they are
    most of its cells with text."""
    texts = [cell.text for cell in row.cells if cell.text]
    named = sum(meaning_of(text) is not None for text in texts)
    return named >= 3 and named * 2 >= len(texts)


def _words(row: Row) -> tuple[str, ...]:
    return tuple(normalise(cell.text) for cell in row.cells if cell.text)


def _cells(row: Row) -> tuple[str, ...]:
    return tuple(normalise(cell.text) for cell in row.cells)


def _runs(lines: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) line numbers of each run of tab-separated lines."""
    runs, start, end = [], None, None
    for number, text in enumerate(lines, start=1):
        if "\t" in text:
            start = start or number
            end = number
        elif text.strip() and start is not None and not RUNNING_HEADER.match(text):
            runs.append((start, end))
            start = end = None
    if start is not None:
        runs.append((start, end))
    return runs


def _caption(document: Document, first: int, last: int, following: int) -> tuple[str, str, int]:
    above = _text_lines(document, first - 1, -1, _ABOVE)
    for position, number in enumerate(above):
        match = CAPTION.match(document.line(number))
        if match:
            title = caption_title(match.group(2))
            if not title and position:  # the title on the line after the caption
                title = caption_title(document.line(above[position - 1]))
            return caption_label(match.group(1)), title, number
    for number in _text_lines(document, last + 1, 1, _BELOW):
        match = CAPTION.match(document.line(number))
        if match and not _opens_table(document, number, following):
            return caption_label(match.group(1)), caption_title(match.group(2)), number
    return "", "", 0


def _text_lines(document: Document, start: int, step: int, count: int) -> list[int]:
    """Up to `count` non-blank lines from `start` going by `step`, none of them a table row."""
    found, number = [], start
    while 1 <= number <= len(document.lines) and len(found) < count:
        text = document.line(number)
        if "\t" in text:
            break
        if text.strip():
            found.append(number)
        number += step
    return found


def _opens_table(document: Document, caption: int, following: int) -> bool:
    """True when the caption on line `caption` stands above the next table."""
    between = [n for n in range(caption + 1, following) if document.line(n).strip()]
    return following <= len(document.lines) and len(between) < _ABOVE
