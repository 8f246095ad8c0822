"""PDF (with a text layer) in, document model out, with pdfplumber.

Each page is read as text lines and ruled tables, top to bottom. The running header and footer
(a line repeated at the top or bottom of most pages) and page numbers are removed. Lines are
reflowed into paragraphs across line and page breaks: a paragraph ends at a wider gap, a change
of style, a caption, or a line that stopped short of the margin. A cell's wrapped lines are
joined with a space, except where the line was broken inside a token too long for the cell (a
number `23.531.589.17` + `6`, or a word whose halves are not words) or after a word's own
hyphen. A table that goes on at the top of the next page, with the same columns, is one table;
its repeated header rows are kept once, and a row broken over the page is joined again. Bold
comes from the font. A column chart's values come from its data labels (`pdfchart`). Every
block knows its page (`halaman N`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..captions import CAPTION, CHART_CAPTION
from ..i18n import _
from ..number_forms import well_formed
from .colour import is_pattern
from .model import Chart, Imported, ImportRefused, Paragraph, Picture, Table, Text
from .pdfbudget import PAGE_OBJECTS, PAGE_SECONDS, PageTooBusy, lay_out, visible_page
from .pdfcells import Vocabulary, cell_text, full, own_hyphen, vocabulary_of
from .pdfchart import Drawn
from .pdfcolumns import drawn_columns
from .pdfpage import Cell, Grid, Line, digits_lost, page_items, plain_lines
from .stacked import split_stacked

MAX_PAGES = 2000
_PAGE_NUMBER = re.compile(
    r"^(?:halaman|hal\.?|page)?\s*[-–]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–]?"
    r"(?:\s*(?:dari|/|of)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_GROUP_ROW = re.compile(r"^(?:misi|sasaran|tujuan|program)\b[^:]*:", re.I)  # `Misi 1 : …`
HEADER_ROWS = 6  # the most rows a header repeated on the next page is looked for in
_ROMAN = r"x{0,3}(?:ix|iv|v?i{1,3}|v)"  # i to xxxix: the pages before chapter one
# a roman numeral first or last on a footer, or a chapter's page number last (`III - 2`)
_ROMAN_ENDS = re.compile(rf"^{_ROMAN}(?=\W)|(?<=\W){_ROMAN}(?:\s*[-–.]\s*#)?$")
_CONTENTS_LINE = re.compile(r"(?:\.\s?){5,}\s*[\divxlc]*\s*$|…{2,}", re.I)  # a contents entry
_FIGURE_CAPTION = re.compile(r"^(?:<b>)?\s*(?:tabel|grafik|gambar|diagram|bagan)\s*\.?\s*\d",
                             re.I)
_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[•▪●◦\uf0b7-])\s")  # a list item starts a paragraph


def read_pdf(path: Path) -> Imported:
    """The text of a PDF as blocks (`origin`: `halaman N`)."""
    check_pdf_file(path)
    notes: list = []
    try:
        pages = _read_pages(path, notes)
    except _unreadable() as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise _encrypted(path) from None
        raise ImportRefused(_("{name} cannot be read as a PDF ({kind}: {cause})").format(
            name=path.name, kind=type(cause).__name__, cause=cause)) from None
    text = any(isinstance(item, Line | Grid) for page in pages for item in page)
    if not text and any(isinstance(note, Picture) for note in notes):
        raise ImportRefused(_("{name}: no page with text could be read within its budget of "
                              "drawing ({limit} objects a page): print it again to PDF from the "
                              "original and import that").format(name=path.name,
                                                                  limit=PAGE_OBJECTS))
    if not text:
        raise ImportRefused(_("{name} has no text layer (a scan): run OCR first, e.g. "
                              "`ocrmypdf in.pdf out.pdf`, then import the result").format(
                                  name=path.name))
    _check_mapped(path, notes, pages)
    imported = _assemble(pages)
    imported.blocks += [note for note in notes if isinstance(note, Picture)]
    imported.notes[:0] = [note if isinstance(note, str) else note.text() for note in notes
                          if not isinstance(note, Picture)]
    return imported


@dataclass(frozen=True)
class Unmapped:
    """Glyphs of a page that its font maps to no character (`(cid:13)`): not text."""

    page: int
    count: int
    of: int

    def text(self) -> str:
        return _("page {page}: {count} of {total} characters have no character mapping in "
                 "their font (shown as (cid:N)): check that page").format(
                     page=self.page, count=self.count, total=self.of)


def _check_mapped(path: Path, notes: list, pages: list[list]) -> None:
    """A document most of whose glyphs map to no character has no readable text layer."""
    unmapped = [note for note in notes if isinstance(note, Unmapped)]
    glyphs = sum(note.count for note in unmapped)
    total = sum(note.of for note in unmapped)
    lines = sum(1 for page in pages for item in page if isinstance(item, Line))
    if unmapped and glyphs > 0.3 * max(total, 1) and glyphs * 3 > lines:
        raise ImportRefused(_("{name}: {count} of its characters have no character mapping "
                              "in their fonts, so its text cannot be read: run OCR first, e.g. "
                              "`ocrmypdf --force-ocr in.pdf out.pdf`, then import the "
                              "result").format(name=path.name, count=glyphs))


def _read_pages(path: Path, notes: list) -> list[list]:
    """Each page's items, the page laid out within its budget and released once read;
    `notes` gets what was not read (a page too busy, text that cannot be seen)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        if getattr(pdf.doc, "encryption", None):
            raise _encrypted(path)
        declared = _declared_pages(pdf)
        if declared > MAX_PAGES:
            raise _too_many_pages(path, declared)
        pages = []
        for number, page in enumerate(pdf.pages, 1):
            if number > MAX_PAGES:
                raise _too_many_pages(path, len(pdf.pages))
            pages.append(_page(page, number, notes))
            page.close()
        return pages


def _page(page, number: int, notes: list) -> list:
    try:
        lay_out(page)
    except PageTooBusy as exc:
        notes.append(Picture(_("page {page}: it draws more than {limit} objects ({count} "
                               "counted before stopping) or took over {seconds} s: not "
                               "read").format(page=number, limit=PAGE_OBJECTS, count=exc.args[0],
                                              seconds=int(PAGE_SECONDS)),
                             f"halaman {number}"))
        return []
    seen, unseen = visible_page(page)
    if unseen:
        notes.append(_("page {page}: {count} characters that cannot be seen (white on white, "
                       "or outside the page) were not read").format(page=number, count=unseen))
    patterned = sum(is_pattern(shape) for shape in (*seen.rects, *seen.curves)
                    if shape.get("fill"))
    if patterned:
        notes.append(_("page {page}: {count} shapes filled with a pattern (no one colour) were "
                       "taken as drawn, never as a chart's bars").format(page=number,
                                                                       count=patterned))
    unmapped = sum(char["text"].startswith("(cid:") for char in seen.chars)
    if unmapped:
        notes.append(Unmapped(number, unmapped, len(seen.chars)))
    items = _items(seen, number, notes)
    lost = digits_lost(seen.chars, items)
    if lost:
        notes.append(_("page {page}: {count} digits of its text are {how} in the copy: check "
                       "this page against the PDF").format(
                           page=number, count=abs(lost),
                           how=_("missing") if lost > 0 else _("repeated")))
    return items


def _items(page, number: int, notes: list) -> list:
    """The page's lines, tables and charts; a page whose layout the reader cannot follow (an
    object of a kind it does not know) still gives its text, as plain lines, and says so."""
    try:
        return page_items(page, number)
    except (ValueError, TypeError, KeyError, IndexError, ArithmeticError, AttributeError) as exc:
        notes.append(_("page {page}: its tables and charts could not be laid out ({kind}: "
                       "{cause}): its text is written as plain lines; check this page against "
                       "the PDF").format(page=number, kind=type(exc).__name__, cause=exc))
        return plain_lines(page, number)


def _declared_pages(pdf) -> int:
    """The page count the document's catalogue declares, read without building the pages."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except (KeyError, TypeError, AttributeError):
        return 0
    return count if isinstance(count, int) else 0


def _too_many_pages(path: Path, count: int) -> ImportRefused:
    return ImportRefused(_("{name} has {count} pages, more than the {limit} accepted").format(
        name=path.name, count=count, limit=MAX_PAGES))


def _unreadable() -> tuple[type[Exception], ...]:
    """What pdfplumber and pdfminer raise on a damaged or locked file."""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return (PdfminerException, PSException, ValueError, KeyError, TypeError, IndexError)


def check_pdf_file(path: Path) -> None:
    """Refuse a file that does not start as a PDF."""
    with path.open("rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            raise ImportRefused(_("{name} is not a PDF file, whatever its name says").format(
                name=path.name))


def _encrypted(path: Path) -> ImportRefused:
    return ImportRefused(_("{name} is encrypted: save a copy without password or restrictions "
                           "(e.g. `qpdf --decrypt in.pdf out.pdf`), then import it").format(
                               name=path.name))


# --- the whole document -----------------------------------------------------------------------

def _assemble(pages: list[list]) -> Imported:
    running, furniture = _running_lines(pages), _running_drawings(pages)
    items = [item for page in pages for item in page
             if not (isinstance(item, Line) and _key(item) in running)
             and not (isinstance(item, Line) and _is_page_number(item, pages))
             and not (isinstance(item, Drawn) and _box_key(item) in furniture)]
    margin = max((i.x1 for i in items if isinstance(i, Line)), default=0.0)
    leading = _usual_gaps(items)
    vocabulary = vocabulary_of(items)
    body = _body_size(items)
    headings = sorted({round(i.size) for i in items
                       if isinstance(i, Line) and i.size > body + 0.5}, reverse=True)
    imported = Imported(pages=len(pages))
    paragraph: list[Line] = []
    grid: Grid | None = None
    riders: list[Grid] = []  # one-column boxes drawn on the open table: after it, in order
    for item in items:
        if isinstance(item, Drawn):
            _flush(paragraph, imported, headings, vocabulary)
            _close(grid, imported, vocabulary, riders)
            paragraph, grid, riders = [], None, []
            imported.blocks.append(item.block)
            continue
        if isinstance(item, Grid):
            _flush(paragraph, imported, headings, vocabulary)
            paragraph = []
            if grid is not None and _rides_on(grid, item):
                riders.append(item)
                continue
            carried = _continuation(grid, item) if grid is not None else None
            if carried is not None:
                grid = _join(grid, item, carried, imported)
                continue
            _close(grid, imported, vocabulary, riders)
            grid, riders = item, []
            continue
        _close(grid, imported, vocabulary, riders)
        grid, riders = None, []
        if paragraph and _breaks(paragraph[-1], item, margin, leading):
            _flush(paragraph, imported, headings, vocabulary)
            paragraph = []
        paragraph.append(item)
    _flush(paragraph, imported, headings, vocabulary)
    _close(grid, imported, vocabulary, riders)
    _list_charts(imported)
    _name_pictures(imported)
    return imported


def _list_charts(imported: Imported) -> None:
    """Each chart caption with no chart read beside it, listed as not read (a chart that
    prints no values, or is not a column chart)."""
    blocks = imported.blocks
    for i, block in enumerate(list(blocks)):
        beside = blocks[max(i - 1, 0):i] + blocks[i + 1:i + 2]
        if (isinstance(block, Paragraph) and CHART_CAPTION.match(block.text.text)
                and not _CONTENTS_LINE.search(block.text.text)
                and not any(isinstance(b, Chart | Picture) for b in beside)):
            blocks.append(Picture(
                _("{caption}: no column chart with data labels was read (import its Word "
                  "file, or fill data/raw/anggaran_historis.csv)").format(
                      caption=block.text.text[:60]),
                block.origin))


def _name_pictures(imported: Imported) -> None:
    """A picture with a caption beside it (above or below) is named by its caption: a table
    or a chart printed as a picture is said so."""
    blocks = imported.blocks
    for i, block in enumerate(blocks):
        if not (isinstance(block, Picture) and block.what == _("a picture")):
            continue
        beside = [b for b in blocks[max(i - 1, 0):i] + blocks[i + 1:i + 2]
                  if isinstance(b, Paragraph) and _FIGURE_CAPTION.match(b.text.text)
                  and not _CONTENTS_LINE.search(b.text.text)]
        if beside:
            blocks[i] = Picture(_("{caption}: a picture, not read").format(
                caption=beside[0].text.text[:60]), block.origin)


def _key(line: Line) -> str:
    """A line's text with its page number written `#`: digits, or a roman numeral first or
    last on the line (the pages before chapter one: `LKjIP 2022 | iii`), or a chapter's page
    (`LKjIP 2016 | III - 2`)."""
    key = _ROMAN_ENDS.sub("#", _DIGITS.sub("#", line.text.lower()))
    return "".join(key.split())  # `2016 | II - 7` and `2016| III - 2`: one footer


def _running_lines(pages: list[list]) -> set[str]:
    """Texts (digits aside) standing at a page's top or bottom edge on most pages."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for page in pages:
        seen.update({_key(item) for item in page if isinstance(item, Line) and item.edge})
    # a third of the pages: headers that differ on odd and even pages are each on half
    return {key for key, count in seen.items() if count >= max(3, len(pages) // 3)}


def _running_drawings(pages: list[list]) -> set[tuple[int, ...]]:
    """The boxes of drawings standing in the same place on several pages at their foot or head
    (nothing of the body beyond them: a footer's ornament), or on most pages: page furniture,
    neither a picture of the report nor the end of a table."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    at_edge: Counter = Counter()
    for page in pages:
        drawn = {_box_key(item): item for item in page if isinstance(item, Drawn)}
        seen.update(drawn.keys())
        at_edge.update(key for key, item in drawn.items() if _beyond_body(item, page))
    return {key for key, count in seen.items()
            if count >= max(3, len(pages) // 3) or at_edge[key] >= 3}


def _beyond_body(drawn: Drawn, page: list) -> bool:
    """True when no line of the body (nor a table) stands below `drawn`, or none above it."""
    body = [item for item in page if (isinstance(item, Line) and not item.edge)
            or isinstance(item, Grid)]
    return all(item.top < drawn.top for item in body) or all(
        item.top > drawn.box[3] for item in body)


def _box_key(drawn: Drawn) -> tuple[int, ...]:
    return tuple(round(x) for x in drawn.box)


def _is_page_number(line: Line, pages: list[list]) -> bool:
    return line.edge and bool(_PAGE_NUMBER.match(line.text)) and len(pages) > 1


def _body_size(items: list) -> float:
    sizes = Counter(round(i.size, 1) for i in items if isinstance(i, Line))
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _usual_gaps(items: list) -> dict[float, float]:
    """For each text size, the gap most lines of that size leave to the line above them on
    the same page: the document's line spacing (a report set at 1,5 lines leaves some half a
    line between the lines of one paragraph)."""
    gaps: dict[float, Counter] = {}
    lines = [item for item in items if isinstance(item, Line)]
    for before, line in zip(lines, lines[1:], strict=False):
        size = round(line.size, 1)
        gap = line.top - before.bottom
        if before.page == line.page and round(before.size, 1) == size and 0 <= gap <= 2 * size:
            gaps.setdefault(size, Counter())[round(gap * 2) / 2] += 1
    return {size: counted.most_common(1)[0][0] for size, counted in gaps.items()}


def _breaks(before: Line, line: Line, margin: float, leading: dict[float, float]) -> bool:
    """True when `line` starts a new paragraph after `before`: a change of style, a caption, a
    gap wider than the document's own line spacing, or a line above that stopped short."""
    if before.bold != line.bold or abs(before.size - line.size) > 0.5 \
            or before.turned or line.turned:
        return True
    if CAPTION.match(line.text) or CHART_CAPTION.match(line.text) or _ITEM.match(line.text):
        return True
    usual = leading.get(round(line.size, 1), 0.0)
    if before.page == line.page and line.top - before.bottom > usual + 0.5 * line.size:
        return True
    room = margin - before.x1
    return room > line.first_word + 0.3 * line.size + 1.0  # its first word would have fitted


def _flush(lines: list[Line], imported: Imported, headings: list[int],
           vocabulary: Vocabulary) -> None:
    if not lines:
        return
    text = lines[0].text
    for before, line in zip(lines, lines[1:], strict=False):
        text += ("" if own_hyphen(text) and not before.spaced else " ") + line.text
    level = headings.index(round(lines[0].size)) + 1 if round(lines[0].size) in headings else 0
    bold = all(line.bold for line in lines) and not level
    imported.blocks.append(Paragraph(Text(text, bold), min(level, 6), f"halaman {lines[0].page}"))


def _rides_on(grid: Grid, item: Grid) -> bool:
    """True for a box of one column drawn on the open table's last page, within its width
    (a note such as "Rata-rata capaian" set in a frame over the table): its own small table,
    written after the table, and no end of it (the table may go on on the next page)."""
    return (len(item.columns) == 2 and item.pages[:1] == grid.pages[-1:]
            and grid.columns[0] - 1 <= item.columns[0] and item.columns[-1] <= grid.columns[-1] + 1)


@dataclass(frozen=True)
class Continuation:
    """How the next page's table carries on the open one: the column of the open table each
    cell of each of its rows goes to, and whether the open table's own cells are laid out
    again by their boxes (`by_box`) so that both pages follow one rule."""

    placements: list[list[int]]
    by_box: bool


def _continuation(grid: Grid, item: Grid) -> Continuation | None:
    """When `item` starts the next page and carries on `grid` (a table laid out again on the
    next page, its columns a few points wider or split), how; else None. Each cell goes to
    the column its own column lies in; where two cells with text would meet in one column (a
    body cell ruled wider than its header on that page), every cell of both pages goes where
    most of its box lies instead, and so on every later page. Two cells with text still
    meeting: not one table."""
    if item.pages[:1] != [grid.pages[-1] + 1] or _own_header(grid, item):
        return None
    mapping = _column_map(grid, item)
    if mapping is None:
        return None
    by_column = [list(mapping) for _row in item.rows]
    if not grid.by_box and _apart(item.rows, by_column):
        return Continuation(by_column, by_box=False)
    spans = _spans(grid)
    by_box = [_by_box(row, mapping, spans) for row in item.rows]
    return Continuation(by_box, by_box=True) if _apart(item.rows, by_box) else None


def _apart(rows: list[list[Cell | None]], placements: list[list[int]]) -> bool:
    """True when no two cells with text of a row go to one column, and none goes left of the
    one before it."""
    for row, placed in zip(rows, placements, strict=True):
        filled = [column for column, cell in zip(placed, row, strict=True)
                  if cell and cell.pieces]
        if len(filled) > len(set(filled)) or filled != sorted(filled):
            return False
    return True


def _by_box(row: list[Cell | None], columns: list[int],
            spans: list[tuple[float, float]]) -> list[int]:
    """The column each cell of `row` goes to: a cell with text whose box lies mostly in one
    of `spans`, that one; any other (a cell spanning several columns), its own (`columns`)."""
    placed = list(columns)
    for i, cell in enumerate(row):
        if cell and cell.pieces and cell.span:
            left, right = cell.span
            overlaps = [max(0.0, min(right, b) - max(left, a)) for a, b in spans]
            best = max(range(len(spans)), key=overlaps.__getitem__)
            if overlaps[best] > 0.5 * (right - left):
                placed[i] = best
    return placed


def _laid_out_by_box(grid: Grid) -> list[list[Cell | None]]:
    """The rows of `grid` with each cell where most of its box lies (a row whose cells would
    then meet stays as it was)."""
    spans = _spans(grid)
    rows = []
    for row in grid.rows:
        placed = _by_box(row, list(range(len(row))), spans)
        rows.append(_in_place(row, placed, len(spans)) if _apart([row], [placed]) else row)
    return rows


def _in_place(row: list[Cell | None], placed: list[int], width: int) -> list[Cell | None]:
    """`row`'s cells in the columns `placed` gives them, among `width` columns."""
    laid: list[Cell | None] = [None] * width
    for column, cell in zip(placed, row, strict=True):
        if cell is not None and (laid[column] is None or not laid[column].pieces):
            laid[column] = cell  # `_apart` saw that no two cells with text meet
    return laid


def _own_header(grid: Grid, item: Grid) -> bool:
    """True when `item` starts with a header row of its own: two or more cells, every one
    bold and none a number, and not the header `grid` starts with (a table repeats its own
    header on the next page, its cells perhaps split over its rows otherwise; another table
    has another)."""
    first = item.rows[0] if item.rows else []
    cells = [cell for cell in first if cell and cell.pieces]
    if len(cells) < 2 or not all(p.bold for cell in cells for p in cell.pieces):
        return False
    if any(well_formed(" ".join(p.text for p in cell.pieces)) for cell in cells):
        return False
    return not grid.rows or (_said(first) != _said(grid.rows[0])
                             and _header_words(item.rows) != _header_words(grid.rows))


def _header_band(rows: list) -> int:
    """How many leading rows print a header: every cell with text bold, none a number but
    a year (`Tahun` / `2015` split over two rows) nor a group's heading (`Misi Pertama : …`),
    at most `HEADER_ROWS`."""
    count = 0
    for row in rows[:HEADER_ROWS]:
        cells = [cell for cell in row if cell and cell.pieces]
        texts = [" ".join(p.text for p in cell.pieces) for cell in cells]
        if not all(p.bold for cell in cells for p in cell.pieces) or any(
                (well_formed(t) and not _YEAR.match(t)) or _GROUP_ROW.match(t) for t in texts):
            break
        count += 1
    return count


def _header_words(rows: list) -> Counter:
    """The words of the rows a table's header prints, whatever rows and cells hold them."""
    return Counter(word for row in rows[:_header_band(rows)] for text in _texts(row)
                   for word in text.split())


def _said(row: list[Cell | None]) -> list[str]:
    """A row's texts without its empty cells: a header laid out again on the next page, its
    columns split otherwise, says the same."""
    return [text for text in _texts(row) if text]


def _column_map(grid: Grid, item: Grid) -> list[int] | None:
    """For each column of `item`, the column of `grid` it lies in (by overlap, at least half
    its width, in order); None when they do not line up."""
    old, new = _spans(grid), _spans(item)
    if old is None or new is None:
        return None
    found = []
    for left, right in new:
        overlaps = [max(0.0, min(right, b) - max(left, a)) for a, b in old]
        best = max(range(len(old)), key=overlaps.__getitem__)
        if overlaps[best] < 0.5 * (right - left) or (found and best < found[-1]):
            return None
        found.append(best)
    return found if 2 * len(set(found)) >= len(old) else None


def _spans(grid: Grid) -> list[tuple[float, float]] | None:
    """The (left, right) of each column of a regular grid (one more edge than columns)."""
    width = max((len(row) for row in grid.rows), default=0)
    edges = grid.columns
    if width == 0 or len(edges) != width + 1:
        return None
    return list(zip(edges, edges[1:], strict=False))


def _join(grid: Grid, item: Grid, carried: Continuation, imported: Imported) -> Grid:
    """`grid` with `item`'s rows (laid out in `grid`'s columns as `carried` says): a
    repeated header dropped, a row broken over the page joined again."""
    rows, pages = _in_columns(grid, item, carried, imported), item.pages
    above = _laid_out_by_box(grid) if carried.by_box and not grid.by_box else grid.rows
    repeated = _repeated_header(above, rows)
    rows, pages = rows[repeated:], pages[repeated:]
    if rows and above and _broken_row(above[-1], rows[0]):
        above[-1] = [_merge(a, b) for a, b in zip(above[-1], rows[0], strict=True)]
        imported.notes.append(_("pages {first}–{last}: a table row split across the pages was "
                                "joined; check that row").format(first=grid.pages[-1],
                                                                 last=pages[0]))
        rows, pages = rows[1:], pages[1:]
    return Grid(above + rows, grid.columns, grid.top, grid.pages + pages,
                grid.by_box or carried.by_box)


def _in_columns(grid: Grid, item: Grid, carried: Continuation,
                imported: Imported) -> list[list[Cell | None]]:
    """`item`'s rows in `grid`'s columns (each cell with text in the column it lies in)."""
    placements = carried.placements
    if not carried.by_box and all(placed == list(range(len(placed))) for placed in placements):
        return item.rows
    pages = {"first": grid.pages[-1], "last": item.pages[0]}
    imported.notes.append(
        _("pages {first}–{last}: a table goes on with cells ruled otherwise than their header; "
          "every cell was placed in the column most of its box lies in").format(**pages)
        if carried.by_box else
        _("pages {first}–{last}: a table goes on with other column edges; its columns were "
          "matched by position on the page").format(**pages))
    width = len(grid.columns) - 1  # a regular grid: `_column_map` checked
    return [_in_place(row, placed, width)
            for row, placed in zip(item.rows, placements, strict=True)]


def _texts(row: list[Cell | None]) -> list[str]:
    return [" ".join(p.text for p in cell.pieces) if cell else "" for cell in row]


def _repeated_header(first: list, then: list) -> int:
    """How many leading rows of `then` repeat the leading rows of `first` (the same texts in
    the same order, or the same header words split over its rows otherwise: a header laid
    out again on the next page)."""
    count = 0
    while (count < len(then) and count < len(first) - 1
           and _said(then[count]) == _said(first[count]) and _said(then[count])):
        count += 1
    band = _header_band(then)
    if band > count and _header_words(then) == _header_words(first) and band < len(then):
        return band
    return count


def _broken_row(last: list, first: list) -> bool:
    """True when `first` looks like the rest of `last`, broken by the page: every cell with
    text has text above it, no column holds a whole number both above and below (two
    amounts, two row numbers: two rows, never one), and the page shows the break (see
    `_shows_break`)."""
    below, above = _texts(first), _texts(last)
    filled = [bool(t) for t in below]
    return (any(filled) and all(a for a, f in zip(above, filled, strict=True) if f)
            and not any(well_formed(a) and well_formed(b)
                        for a, b in zip(above, below, strict=True))
            and _shows_break(last, first))


def _shows_break(last: list, first: list) -> bool:
    """True when a row broken by the page shows: a cell with text above is empty below (its
    text ended before the break), two cells go on, one goes on in small letters, or one
    broke a word (its line above had no room for one more letter). A row of one text cell
    beside another such (a list of kegiatan, one to a row) shows none."""
    going_on = [(a, b) for a, b in zip(last, first, strict=True)
                if a is not None and a.pieces and b is not None and b.pieces]
    ended = any(a is not None and a.pieces and not (b is not None and b.pieces)
                for a, b in zip(last, first, strict=True))
    return ended or len(going_on) > 1 or any(
        b.pieces[0].text[:1].islower() or full(a.pieces[-1], b.pieces[0], a.width)
        for a, b in going_on)


def _merge(above: Cell | None, below: Cell | None) -> Cell | None:
    """A cell broken by the page, whole again; whether a space stood at the break is
    unknown (the page's text ends there)."""
    if above is None or below is None or not above.pieces:
        return above or below
    last = replace(above.pieces[-1], spaced=None)
    return Cell(above.pieces[:-1] + [last] + below.pieces, above.width, above.span)


def _close(grid: Grid | None, imported: Imported, vocabulary: Vocabulary,
           riders: list[Grid]) -> None:
    """The open table written, then the boxes drawn on it."""
    for table in [grid, *riders]:
        _write(table, imported, vocabulary)


def _write(grid: Grid | None, imported: Imported, vocabulary: Vocabulary) -> None:
    if grid is None or not grid.rows:
        return
    cells, pages, split = split_stacked(drawn_columns(grid.rows), grid.pages)
    rows = tuple(tuple(cell_text(cell, vocabulary) for cell in row) for row in cells)
    first, last = grid.pages[0], grid.pages[-1]
    origin = f"halaman {first}" + (f"–{last}" if last != first else "")
    imported.blocks.append(Table(rows, origin, tuple(f"halaman {p}" for p in pages)))
    if split:
        imported.notes.append(_("table on {pages}: {count} rows stack one item per line beside "
                                "their values, each written as one row per line").format(
                                    pages=origin, count=split))


