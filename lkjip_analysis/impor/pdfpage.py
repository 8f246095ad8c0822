"""One PDF page as text lines (outside tables) and ruled tables, top to bottom, with what the
reflow needs: each line's box, size, boldness and whether a space glyph ends it; each cell's
lines and the room it gives text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Picture
from .pdfchart import Drawn, find_charts, runs
from .turned import turned, turned_bounds, turned_runs, turned_text

EDGE = 0.12  # the top and bottom share of a page where running headers and footers stand
PICTURE = 0.03  # the least share of a page a picture covers to be listed (not a logo or icon)
# word and line tolerances as shares of the usual character size, for print under 11 points
SMALL_X, SMALL_Y = 0.27, 0.4


@dataclass
class Line:
    """A line of text outside tables."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word: float  # the width of its first word
    page: int
    spaced: bool  # a space glyph follows it in the page's text (see `_spaced`)
    edge: bool  # it stands at the page's top or bottom edge, where running headers stand
    turned: bool = False  # set a quarter turn (a side label): a paragraph of its own


@dataclass
class Piece:
    """A line of text inside a cell."""

    text: str
    width: float
    first_char: float
    bold: bool
    spaced: bool | None  # None where unknown: the last line before a page break
    top: float | None = None  # the line's top on its page; None for turned text
    bottom: float | None = None


@dataclass
class Cell:
    """A table cell: its lines, the room it gives text (its width less its padding), its
    box's left and right on the page (a merged cell's whole width) and its box's top and
    bottom (a cell merged down over rows: its whole height)."""

    pieces: list[Piece]
    width: float
    span: tuple[float, float] | None = None
    rise: tuple[float, float] | None = None


@dataclass
class Grid:
    """A ruled table as found on one page (or joined over several; `by_box`: its cells laid
    out where most of their boxes lie, to follow a page ruled otherwise)."""

    rows: list[list[Cell | None]]
    columns: tuple[float, ...]
    top: float
    pages: list[int] = field(default_factory=list)
    by_box: bool = False


def page_items(page, number: int) -> list:
    """The page's text lines, tables and column charts, top to bottom."""
    found = [(t, [c for c in page.chars if _within(c, t.bbox)]) for t in page.find_tables()]
    tables = [(t, chars) for t, chars in found if _cells_with_text(t, chars) >= 2]
    charts = find_charts(page, number, [t.bbox for t, _ in tables], runs(page.chars))
    read = [chart.box for chart in charts if chart.holds_text]
    tables = [(t, chars) for t, chars in tables if not any(_overlap(t.bbox, c) for c in read)]
    boxes = [t.bbox for t, _ in tables]
    spaced = _spaced(page.chars)
    taken = boxes + read
    outside = page.filter(lambda obj: obj.get("object_type") != "char"
                          or (not turned(obj) and not any(_within(obj, box) for box in taken)))
    lines = [_line(found, number, spaced, page.height)
             for found in outside.extract_text_lines(return_chars=True)
             if found["text"].strip()]
    sideways = [c for c in page.chars if turned(c) and not any(_within(c, box) for box in taken)]
    lines += [_turned_line(run, number, page.height) for run in turned_runs(sideways)]
    grids = [_grid(table, chars, number, spaced) for table, chars in tables]
    pictures = _pictures(page, number, [*boxes, *(chart.box for chart in charts)])
    return sorted(lines + grids + charts + pictures, key=lambda item: item.top)


def plain_lines(page, number: int) -> list:
    """The page's text as plain lines, tables and charts not looked for: what a page whose
    layout could not be understood still gives."""
    spaced = _spaced(page.chars)
    return [_line(found, number, spaced, page.height)
            for found in page.extract_text_lines(return_chars=True) if found["text"].strip()]


def digits_lost(chars: list[dict], items: list) -> int:
    """The page's own check that nothing was lost or doubled: the digits of its visible text
    layer less those of what was made of it (lines, cells, the text of charts). Zero when
    every digit stands in exactly one place."""
    shown = sum(_digits(c["text"]) for c in chars)
    charts = [item.box for item in items if isinstance(item, Drawn) and item.holds_text]
    made = sum(_digits(c["text"]) for c in chars if any(_within(c, box) for box in charts))
    for item in items:
        if isinstance(item, Line):
            made += _digits(item.text)
        elif isinstance(item, Grid):
            made += sum(_digits(piece.text) for row in item.rows for cell in row if cell
                        for piece in cell.pieces)
    return shown - made


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _pictures(page, number: int, taken: list) -> list[Drawn]:
    """The page's pictures large enough to hold a table or a chart (a raster table, a scanned
    chart), listed as not read; those under a table or chart that was read are not."""
    from ..i18n import _

    area = float(page.width * page.height)
    found = []
    for image in page.images:
        box = (image["x0"], image["top"], image["x1"], image["bottom"])
        if (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) < PICTURE * area:
            continue
        if any(_overlap(box, other) for other in taken):
            continue
        found.append(Drawn(image["top"], box, number, Picture(_("a picture"),
                                                                f"halaman {number}"), False))
    return found


def _spaced(chars: list[dict]) -> set[int]:
    """The characters a space glyph follows in the page's text. Producers that write spaces
    write one where a line broke at a space, and none where it broke inside a token."""
    return {id(char) for char, after in zip(chars, chars[1:], strict=False)
            if after["text"] == " " and char["text"] != " "}


def _cells_with_text(table, chars: list[dict]) -> int:
    """How many cells of a found table hold text (the bars of a chart make ruled boxes
    too; a table has text in at least two cells); `chars`: those within the table."""
    chars = [c for c in chars if c["text"].strip()]
    cells = [box for row in table.rows for box in row.cells if box]
    return sum(any(_within(c, box) for c in chars) for box in cells)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(obj, box) -> bool:
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _line(found: dict, page: int, spaced: set[int], height: float) -> Line:
    chars = [c for c in found["chars"] if c["text"].strip()]
    text = " ".join(found["text"].split())
    first_end = next((c["x0"] for c in found["chars"] if not c["text"].strip()), found["x1"])
    return Line(text, found["x0"], found["x1"], found["top"], found["bottom"],
                 max(c["size"] for c in chars), all(_is_bold(c) for c in chars),
                 first_end - found["x0"], page, id(chars[-1]) in spaced,
                _at_edge(found["top"], found["bottom"], height))


def _turned_line(run: list[dict], page: int, height: float) -> Line:
    printed = [c for c in run if c["text"].strip()]
    x0, x1, top, bottom = turned_bounds(run)
    return Line(turned_text(run), x0, x1, top, bottom, max(c["x1"] - c["x0"] for c in printed),
                all(map(_is_bold, printed)), 0.0, page, True, _at_edge(top, bottom, height),
                True)


def _at_edge(top: float, bottom: float, height: float) -> bool:
    """At the page's top or bottom edge, where running headers and footers stand."""
    return top < EDGE * height or bottom > (1 - EDGE) * height


def tolerances(chars: list[dict]) -> dict[str, float]:
    """How far apart a cell's characters may stand and still be one word, one line:
    pdfplumber's 3 points, less for small upright print (a cell set at 2,3 points, its lines
    2,9 points apart, would otherwise interleave two lines letter by letter, and its words run
    together). Rotated text keeps pdfplumber's tolerances: its letters stand apart otherwise."""
    if not all(c.get("upright", True) for c in chars):
        return {}
    sizes = sorted(c["size"] for c in chars if c["text"].strip())
    if not sizes:
        return {}
    usual = sizes[len(sizes) // 2]
    return {"x_tolerance": min(3.0, SMALL_X * usual), "y_tolerance": min(3.0, SMALL_Y * usual)}


def _is_bold(char: dict) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", char.get("fontname", ""), re.I))


def _grid(table, chars: list[dict], number: int, spaced: set[int]) -> Grid:
    owned = _owners(table, chars)
    rows = [[_cell(owned.get(box, []), box, spaced) if box else None for box in row.cells]
            for row in table.rows]
    from .pdfcolumns import laid_out  # it lays out this module's cells

    laid = laid_out(rows)  # the columns the page draws, before the next page is matched
    if laid is not None:
        return Grid(laid[0], tuple(round(x) for x in laid[1]), table.bbox[1],
                    [number] * len(rows))
    return Grid(rows, _column_edges(table), table.bbox[1], [number] * len(rows))


def _owners(table, chars: list[dict]) -> dict[tuple, list[dict]]:
    """Each cell's characters; a character inside two cells (a merged cell the finder also
    splits) belongs to the merged one, the larger, so that no text is written twice."""
    boxes = {box for row in table.rows for box in row.cells if box}
    owned: dict[tuple, list[dict]] = {}
    for char in chars:
        holding = [box for box in boxes if _within(char, box)]
        if holding:
            merged = max(holding, key=lambda b: ((b[2] - b[0]) * (b[3] - b[1]), b))
            owned.setdefault(merged, []).append(char)
    return owned


def _column_edges(table) -> tuple[float, ...]:
    edges = {round(box[0]) for row in table.rows for box in row.cells if box}
    edges |= {round(box[2]) for row in table.rows for box in row.cells if box}
    return tuple(sorted(edges))


def _cell(chars: list[dict], box, spaced: set[int]) -> Cell:
    from pdfplumber.utils.text import chars_to_textmap

    upright = [c for c in chars if not turned(c)]
    found = (chars_to_textmap(upright, **tolerances(upright)).extract_text_lines(
        return_chars=True) if upright else [])
    pieces = []
    for line in found:
        printed = [c for c in line["chars"] if c["text"].strip()]
        if printed:
            pieces.append(Piece(" ".join(line["text"].split()), line["x1"] - line["x0"],
                                 printed[0]["x1"] - printed[0]["x0"],
                                 all(map(_is_bold, printed)), id(printed[-1]) in spaced,
                                 line["top"], line["bottom"]))
    for run in turned_runs([c for c in chars if turned(c)]):
        printed = [c for c in run if c["text"].strip()]
        pieces.append(Piece(turned_text(run), 0.0, 0.0, all(map(_is_bold, printed)), True))
    return Cell(pieces, box[2] - box[0] - 2 * _padding(found, box), (box[0], box[2]),
                (box[1], box[3]))


def _padding(found: list[dict], box) -> float:
    """The cell's padding: the least gap between its text and either side of its box. The
    side its lines are aligned to shows it; the other side's gap is room left (right-aligned
    `32` over `29,40` do not fill their cell, and never run together)."""
    gaps = [min(line["x0"] - box[0], box[2] - line["x1"]) for line in found]
    return max(min(gaps, default=0.0), 0.0)


