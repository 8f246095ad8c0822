"""A ruled table's columns as its rows draw them, not as every rule cuts the page.

Word and Nitro often draw a header's cells with rules of their own a few points inside the
body's (a padding cell each side), so the table finder cuts each column in three: the header's
words stand in the middle sliver, the body's in the first, and every value reads as shifted
against its header. The columns a table has are the ones most of its rows draw: an edge is a
column's edge where at least half the rows that draw columns have a cell edge there (a cell
merged down over rows draws its edges in each of them). Each cell
then goes to the column its left edge falls in (a merged cell at its first column, as the
model writes it); a table where two cells with text would meet in one column, or a cell with
text would start well inside one (rows that draw other columns), keeps the finder's columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..number_forms import well_formed
from .pdfpage import Cell

_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class ColumnSettings:
    """The tolerances of the column rule, in points."""

    edge: float = 1.5  # two cell edges this close are one edge
    left: float = 3.0  # a cell whose left edge stands this far left of a column is in it
    inset: float = 8.0  # a cell with text starts at most this far inside its column (a
    # header's inner rule); further in, its rows draw other columns than the table's


SETTINGS = ColumnSettings()


def drawn_columns(rows: list[list[Cell | None]], settings: ColumnSettings = SETTINGS
                  ) -> list[list[Cell | None]]:
    """The rows laid out in the columns most of them draw (see the module); the rows as
    given where they already are, or where a column would hold two cells with text."""
    laid = laid_out(rows, settings)
    return rows if laid is None else laid[0]


def laid_out(rows: list[list[Cell | None]], settings: ColumnSettings = SETTINGS
             ) -> tuple[list[list[Cell | None]], list[float]] | None:
    """The rows in the columns most of them draw, and those columns' edges; None where the
    rows already stand so, or where they cannot (see the module)."""
    edges = _common_edges(rows, settings)
    width = max((len(row) for row in rows), default=0)
    if len(edges) < 2 or len(edges) - 1 >= width:
        return None
    laid = []
    for row in rows:
        placed: list[Cell | None] = [None] * (len(edges) - 1)
        for cell in row:
            if cell is None or cell.span is None:
                continue
            k = _column(cell.span[0], edges, settings)
            if cell.pieces and (cell.span[0] - edges[k] > settings.inset or (
                    placed[k] is not None and placed[k].pieces)):
                return None
            if placed[k] is None or not placed[k].pieces:
                placed[k] = cell
        laid.append(placed)
    return laid, edges


def _common_edges(rows: list[list[Cell | None]], settings: ColumnSettings) -> list[float]:
    """The cell edges at least half the rows that draw columns (two cells or more, one with
    text) draw, left to right; a row of one cell across the table (a group heading) draws
    none, and a cell merged down over rows (a sasaran printed once for its indicators) draws
    its edges in each row it covers."""
    edges: list[float] = []  # each edge once, as first met
    drawing: list[int] = []  # how many rows draw it
    texted = [row for row in rows if any(c is not None and c.pieces for c in row)
              and sum(c is not None for c in row) >= 2]
    tall = _tall_cells(rows, settings)
    for row in texted:
        drawn = set()
        for x in (x for c in [*row, *_over(row, tall, settings)] if c is not None and c.span
                  for x in c.span):
            k = next((i for i, e in enumerate(edges) if abs(e - x) <= settings.edge), None)
            if k is None:
                edges.append(x)
                drawing.append(0)
                k = len(edges) - 1
            drawn.add(k)
        for k in drawn:
            drawing[k] += 1
    return sorted(x for x, n in zip(edges, drawing, strict=True) if n * 2 >= len(texted))


def _top(row: list[Cell | None]) -> float | None:
    return min((c.rise[0] for c in row if c is not None and c.rise), default=None)


def _tall_cells(rows: list[list[Cell | None]], settings: ColumnSettings) -> list[Cell]:
    """The cells of value rows that reach down past the top of the next row (a group's cell
    merged over its rows); a header's cells merged over its lower rows draw nothing there."""
    tops = [_top(row) for row in rows]
    return [c for row, below in zip(rows, tops[1:], strict=False)
            if below is not None and _holds_value(row)
            for c in row if c is not None and c.span and c.rise
            and c.rise[1] > below + settings.edge]


def _holds_value(row: list[Cell | None]) -> bool:
    """True for a row with a cell that is one number, not a year (a row of data)."""
    return any(c is not None and len(c.pieces) == 1 and well_formed(c.pieces[0].text)
               and not _YEAR.match(c.pieces[0].text) for c in row)


def _over(row: list[Cell | None], tall: list[Cell], settings: ColumnSettings) -> list[Cell]:
    """The cells of rows above that reach down over `row`."""
    top = _top(row)
    if top is None:
        return []
    return [c for c in tall if c.rise[0] < top - settings.edge < top + settings.edge
            < c.rise[1]]


def _column(left: float, edges: list[float], settings: ColumnSettings) -> int:
    k = max((i for i, x in enumerate(edges[:-1]) if x <= left + settings.left), default=0)
    return min(k, len(edges) - 2)
