"""Rows as the page draws them: a table row whose cells stack several items, one per line,
beside value cells stacked the same way (a commodity list: Padi / Palawija / Sayuran, with one
target per line), is several rows, never one row whose cells run their lines together.

The evidence is the page's own: value cells whose every line is one whole number (a value
`(101%)` printed under its number belongs to it) and none filled to the cell's edge (where a
wrapped amount goes on), the same count of lines in each, on the same baselines; and a cell
of names whose lines fall on those baselines. Each line band becomes a row; a name wrapped
within its band stays whole. A cell is split only where each of its items starts on its
values' line (or, in a list whose every item starts with its mark, `- …`, `a. …`, within its
band) and none goes on from the band above in small letters. Cells printed once for all
the bands (the number, the sasaran, a sasaran's own capaian, a text wrapped over the bands at
its own pitch) go into a row of their own above them: the group they were printed in.
"""

from __future__ import annotations

import re
import statistics

from ..number_forms import well_formed
from .pdfcells import full
from .pdfpage import Cell, Piece

BAND_SLACK = 0.6  # share of a line's height by which two lines' tops may differ and align
START_SLACK = 0.2  # share of a line's height within which an item's first line starts its band
_QUALIFIER = re.compile(r"^\(.*\)$")
_ITEM = re.compile(r"^[a-z][.)]\s")  # `a. Konsumsi energi`: an item, though in small letters
# a line that starts an item of a list: `- Skor …`, `• …`, `a. …`, `2) …`
_MARKED = re.compile(r"^(?:[-–•·*]\s|[a-z0-9]{1,2}[.)]\s)")


def split_stacked(rows: list[list[Cell | None]], pages: list[int]
                  ) -> tuple[list[list[Cell | None]], list[int], int]:
    """The rows with each stacked row split into its group and its bands; the rows' pages;
    how many rows were split."""
    out_rows, out_pages, split = [], [], 0
    for row, page in zip(rows, pages, strict=True):
        parts = _split(row)
        split += len(parts) > 1
        out_rows += parts
        out_pages += [page] * len(parts)
    return out_rows, out_pages, split


def _split(row: list[Cell | None]) -> list[list[Cell | None]]:
    anchors, slack = _anchors(row)
    if not anchors:
        return [row]
    # each cell's lines by band where it has lines in two bands or more, else None
    spread = [bands if bands is not None and sum(map(bool, bands)) > 1 else None
              for bands in (_bands(cell, anchors, slack) for cell in row)]
    if not any(bands is not None and _has_words(bands) for bands in spread):
        return [row]  # no names stacked beside the values: nothing says what each line is
    group = [cell if bands is None else None for cell, bands in zip(row, spread, strict=True)]
    rows = [group] if any(c is not None and c.pieces for c in group) else []
    for k in range(len(anchors)):
        rows.append([_cell_of(cell, bands[k]) if bands is not None else None
                     for cell, bands in zip(row, spread, strict=True)])
    return rows


def _anchors(row: list[Cell | None]) -> tuple[list[float], float]:
    """The tops of the value lines every stacked value cell shares, and the slack within
    which another line's top falls on one; none where the row is not stacked so."""
    stacks = [lines for cell in row if cell is not None
              for lines in [_value_lines(cell)] if lines and len(lines) >= 2]
    if not stacks or len({len(lines) for lines in stacks}) != 1:
        return [], 0.0
    heights = [p.bottom - p.top for lines in stacks for p in lines]
    slack = BAND_SLACK * statistics.median(heights)
    anchors = []
    for i in range(len(stacks[0])):
        tops = [lines[i].top for lines in stacks]
        if max(tops) - min(tops) > slack:
            return [], 0.0
        anchors.append(min(tops))
    if any(b - a <= slack for a, b in zip(anchors, anchors[1:], strict=False)):
        return [], 0.0
    return anchors, slack


def _value_lines(cell: Cell) -> list[Piece] | None:
    """The cell's lines when each is one whole number (a parenthesised value under a number
    goes with it), in order down the page; None otherwise."""
    lines: list[Piece] = []
    for piece in cell.pieces:
        if piece.top is None or piece.bottom is None:
            return None
        if _QUALIFIER.match(piece.text) and lines:
            continue  # `(101%)` under `86`: the same line of values
        if not all(well_formed(token) for token in _numbers(piece.text)):
            return None
        lines.append(piece)
    tops = [p.top for p in lines]
    if tops != sorted(tops) or any(full(a, b, cell.width) for a, b in zip(
            cell.pieces, cell.pieces[1:], strict=False)):
        return None  # a line filled to the cell's edge goes on below: one value wrapped
    return lines


def _numbers(text: str) -> list[str]:
    tokens = [t for t in text.split() if not _QUALIFIER.match(t)]
    return tokens if len(tokens) == 1 else ["(no one number)"]


def _bands(cell: Cell | None, anchors: list[float], slack: float) -> list[list[Piece]] | None:
    """The cell's lines, each in the band whose top is the last at or above it; None for an
    empty cell, or one whose lines do not start each band they fall in on its values' line
    (a text wrapped over the bands at its own pitch, a name centred on its values)."""
    if cell is None or not cell.pieces or any(p.top is None for p in cell.pieces):
        return None
    bands: list[list[Piece]] = [[] for _ in anchors]
    for piece in cell.pieces:
        k = max((i for i, top in enumerate(anchors) if top - slack <= piece.top), default=0)
        bands[k].append(piece)
    start = slack / BAND_SLACK * START_SLACK
    marked = all(_MARKED.match(band[0].text) for band in bands if band)
    if any(band and abs(band[0].top - top) > start and not marked for band, top in zip(
            bands, anchors, strict=True)):
        return None
    firsts = [band[0].text for band in bands if band][1:]
    if any(text[:1].islower() and not _ITEM.match(text) for text in firsts):
        return None  # a band that goes on with the text above: one text over the bands
    return bands


def _has_words(bands: list[list[Piece]]) -> bool:
    return any(ch.isalpha() for band in bands for p in band for ch in p.text)


def _cell_of(cell: Cell | None, pieces: list[Piece]) -> Cell | None:
    return Cell(pieces, cell.width, cell.span) if cell is not None and pieces else None
