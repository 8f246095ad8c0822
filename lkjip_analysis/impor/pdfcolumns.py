"""A ruled table's columns as its rows draw them, not as every rule cuts the page.

Word and Nitro often draw a header's cells with rules of their own a few points inside the
body's (a padding cell each side), so the table finder cuts each column in three: the header's
words stand in the middle sliver, the body's in the first, and every value reads as shifted
against its header. The columns a table has are the ones most of its rows draw: an edge is a
column's edge where at least half the rows that draw columns have a cell edge there. Each cell
then goes to the column its left edge falls in (a merged cell at its first column, as the
model writes it); a table where two cells with text would meet in one column keeps the
finder's columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pdfpage import Cell


@dataclass(frozen=True)
class ColumnSettings:
    """The tolerances of the column rule, in points."""

    edge: float = 1.5  # two cell edges this close are one edge
    left: float = 3.0  # a cell whose left edge stands this far left of a column is in it


SETTINGS = ColumnSettings()


def drawn_columns(rows: list[list[Cell | None]], settings: ColumnSettings = SETTINGS
                  ) -> list[list[Cell | None]]:
    """The rows laid out in the columns most of them draw (see the module); the rows as
    given where they already are, or where a column would hold two cells with text."""
    edges = _common_edges(rows, settings)
    width = max((len(row) for row in rows), default=0)
    if len(edges) < 2 or len(edges) - 1 >= width:
        return rows
    laid = []
    for row in rows:
        placed: list[Cell | None] = [None] * (len(edges) - 1)
        for cell in row:
            if cell is None or cell.span is None:
                continue
            k = _column(cell.span[0], edges, settings)
            if placed[k] is not None and placed[k].pieces and cell.pieces:
                return rows
            if placed[k] is None or not placed[k].pieces:
                placed[k] = cell
        laid.append(placed)
    return laid


def _common_edges(rows: list[list[Cell | None]], settings: ColumnSettings) -> list[float]:
    """The cell edges at least half the rows that draw columns (two cells or more, one with
    text) draw, left to right; a row of one cell across the table (a group heading) draws
    none."""
    edges: list[float] = []  # each edge once, as first met
    drawing: list[int] = []  # how many rows draw it
    texted = [row for row in rows if any(c is not None and c.pieces for c in row)
              and sum(c is not None for c in row) >= 2]
    for row in texted:
        drawn = set()
        for x in (x for c in row if c is not None and c.span for x in c.span):
            k = next((i for i, e in enumerate(edges) if abs(e - x) <= settings.edge), None)
            if k is None:
                edges.append(x)
                drawing.append(0)
                k = len(edges) - 1
            drawn.add(k)
        for k in drawn:
            drawing[k] += 1
    return sorted(x for x, n in zip(edges, drawing, strict=True) if n * 2 >= len(texted))


def _column(left: float, edges: list[float], settings: ColumnSettings) -> int:
    k = max((i for i, x in enumerate(edges[:-1]) if x <= left + settings.left), default=0)
    return min(k, len(edges) - 2)
