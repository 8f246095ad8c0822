"""Word (.docx) in, document model out, read from the package's XML (`package`): paragraphs and
tables in body order, also inside content controls; headings by style, bold from the runs,
merged cells (gridSpan, vMerge) written once, a table inside a cell read as that cell's text.

Only what Word shows is read: hidden runs (`w:vanish`, directly or by style), deleted revisions
and field codes are not; tracked insertions, hyperlinks, field results and inline content
controls are. What was skipped is said in the review. Headers, footers and text boxes are not
part of the body. A native chart's cached data becomes a `Chart` when every count and value is
within bounds, else it is listed as not read with the reason; a picture is listed as not read.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..i18n import _
from .model import Chart, Imported, Paragraph, Picture, Table, Text
from .package import CHART_BYTES, Package, PartError, check_word_file

_HEADING = re.compile(r"^(?:Heading|Judul)\s*(\d)$", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_FALSE = ("0", "false", "off")
# not shown, or not text: deleted revisions, field codes, drawings and text boxes, properties
_SKIPPED = {f"{_W}{tag}" for tag in ("del", "moveFrom", "delText", "instrText", "fldData",
                                     "drawing", "pict", "object", "txbxContent", "rPr", "pPr",
                                     "tblPr", "tcPr", "trPr", "sectPr")} | {
    f"{_MC}AlternateContent"}
_CHARACTERS = {f"{_W}t": None, f"{_W}tab": " ", f"{_W}ptab": " ", f"{_W}br": " ",
               f"{_W}cr": " ", f"{_W}noBreakHyphen": "-"}
MAX_COLUMNS = 512  # grid columns of one table row
MAX_POINTS = 10_000  # points of one chart series
MAX_SERIES = 1_000
VALUE_DIGITS = 18  # a chart value below 10^18 (a rupiah budget of any government is below)
_SPACES = re.compile(r"\s+")


def read_docx(path: Path) -> Imported:
    """The body of a Word file as blocks (paragraph `origin`: `paragraf N`, table: `tabel N`)."""
    check_word_file(path)
    with Package(path) as package:
        main = package.main_document()
        try:
            root = package.xml(main)
            relations = package.relationships(main)
            styles = _Styles(package, relations)
        except PartError as exc:
            raise package.refused(str(exc)) from None
        body = root.find(f"{_W}body")
        if body is None:
            raise package.refused(_("its main document has no body"))
        reader = _Reader(package, main, relations, styles)
        try:
            reader.read(body)
        except RecursionError:
            raise package.refused(_("its tables are nested too deep")) from None
        return reader.imported


class _Styles:
    """Paragraph and character styles by id: the name (headings) and whether text in the style
    is hidden, through `basedOn`; resolved once per style."""

    def __init__(self, package: Package, relations: dict) -> None:
        self.styles: dict[str, tuple[str, str, bool | None]] = {}
        self._hidden: dict[str, bool] = {}
        part = next((target for kind, target in relations.values() if kind == _STYLES), None)
        if part is None or part not in package.members:
            return
        for style in package.xml(part).iter(f"{_W}style"):
            name = style.find(f"{_W}name")
            based = style.find(f"{_W}basedOn")
            self.styles[style.get(f"{_W}styleId") or ""] = (
                name.get(f"{_W}val", "") if name is not None else "",
                based.get(f"{_W}val", "") if based is not None else "",
                _flag(style.find(f"{_W}rPr"), "vanish"))

    def name(self, style_id: str) -> str:
        return self.styles.get(style_id, ("", "", None))[0]

    def hidden(self, style_id: str) -> bool:
        if style_id not in self._hidden:
            seen, hidden, current = set(), False, style_id
            while current in self.styles and current not in seen:  # a loop of basedOn ends
                seen.add(current)
                _, based, flag = self.styles[current]
                if flag is not None:
                    hidden = flag
                    break
                current = based
            self._hidden[style_id] = hidden
        return self._hidden[style_id]


def _flag(properties, name: str) -> bool | None:
    """An on/off property (`w:b`, `w:vanish`): True, False, or None when not set."""
    if properties is None:
        return None
    element = properties.find(f"{_W}{name}")
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in _FALSE


def _style_of(element, properties: str, tag: str) -> str:
    found = element.find(f"{_W}{properties}/{_W}{tag}")
    return found.get(f"{_W}val", "") if found is not None else ""


class _Reader:
    def __init__(self, package: Package, main: str, relations: dict, styles: _Styles) -> None:
        self.package, self.main, self.relations, self.styles = package, main, relations, styles
        self.imported = Imported()
        self.paragraphs = self.tables = 0
        self.hidden: dict[str, int] = {}  # origin -> characters not read (hidden)

    def read(self, body) -> None:
        for element in _blocks(body):
            if element.tag == f"{_W}p":
                self.paragraphs += 1
                self.paragraph(element, f"paragraf {self.paragraphs}")
            elif element.tag == f"{_W}altChunk":
                self.imported.blocks.append(Picture(
                    _("an embedded document (altChunk), not read"),
                    f"paragraf {self.paragraphs + 1}"))
            else:
                self.tables += 1
                self.imported.blocks.append(self.table(element, f"tabel {self.tables}"))
        self.imported.notes += [
            _("{origin}: {count} hidden characters (not shown by Word) were not read").format(
                origin=origin, count=count) for origin, count in self.hidden.items()]

    def paragraph(self, element, origin: str) -> None:
        self.drawings(element, origin)
        if next(element.iter(f"{_W}subDoc"), None) is not None:
            self.imported.blocks.append(Picture(_("a linked subdocument, not read"), origin))
        text = self.text([element], origin)
        if text.text:
            level = _HEADING.match(self.styles.name(_style_of(element, "pPr", "pStyle")))
            self.imported.blocks.append(
                Paragraph(text, int(level.group(1)) if level else 0, origin))

    def text(self, paragraphs, origin: str) -> Text:
        """The shown text of `paragraphs`, bold when every run with text in it is bold."""
        parts, bold = [], []
        for paragraph in paragraphs:
            hidden_style = self.styles.hidden(_style_of(paragraph, "pPr", "pStyle"))
            for run in _runs(paragraph):
                written = _run_text(run)
                if not written:
                    continue
                if self.run_hidden(run, hidden_style):
                    self.hidden[origin] = self.hidden.get(origin, 0) + len(written.strip())
                    continue
                parts.append(written)
                if written.strip():
                    bold.append(bool(_flag(run.find(f"{_W}rPr"), "b")))
            parts.append(" ")
        text = _SPACES.sub(" ", "".join(parts)).strip()
        return Text(text, bool(bold) and all(bold))

    def run_hidden(self, run, paragraph_hidden: bool) -> bool:
        direct = _flag(run.find(f"{_W}rPr"), "vanish")
        if direct is not None:
            return direct
        style = _style_of(run, "rPr", "rStyle")
        return self.styles.hidden(style) if style in self.styles.styles else paragraph_hidden

    def table(self, element, origin: str) -> Table:
        rows, above = [], set()
        for number, row in enumerate(_children(element, "tr"), 1):
            cells, covered = [], set()
            column = self.grid_count(row, "gridBefore", origin, number)
            cells += [Text("")] * column
            for cell in _children(row, "tc"):
                span = max(self.grid_count(cell, "gridSpan", origin, number), 1)
                properties = cell.find(f"{_W}tcPr")
                merge = properties.find(f"{_W}vMerge") if properties is not None else None
                continued = (merge is not None and merge.get(f"{_W}val", "continue") != "restart"
                             and column in above)
                cells.append(Text("") if continued else self.text(_paragraphs_in(cell), origin))
                cells += [Text("")] * (span - 1)
                covered.update(range(column, column + span))
                column += span
                if column > MAX_COLUMNS:
                    raise self.package.refused(_too_wide(origin, number))
            cells += [Text("")] * self.grid_count(row, "gridAfter", origin, number)
            above = covered
            rows.append(tuple(cells))
        if any(cell.find(f".//{_W}tbl") is not None for cell in element.iter(f"{_W}tc")):
            self.imported.notes.append(_("{origin}: a table inside a cell was read as that "
                                         "cell's text").format(origin=origin))
        return Table(tuple(rows), origin)

    def grid_count(self, element, tag: str, origin: str, row: int) -> int:
        """A row's `gridBefore`/`gridAfter` or a cell's `gridSpan`, refused beyond the limit."""
        properties = "tcPr" if tag == "gridSpan" else "trPr"
        found = element.find(f"{_W}{properties}/{_W}{tag}")
        if found is None:
            return 1 if tag == "gridSpan" else 0
        count = _count(found.get(f"{_W}val", ""), MAX_COLUMNS)
        if count < 0:
            raise self.package.refused(_too_wide(origin, row))
        return count

    def drawings(self, element, origin: str) -> None:
        """Charts (their cached data) and pictures (listed as not read) in a paragraph."""
        for drawing in element.iter(f"{_W}drawing"):
            reference = next(drawing.iter(f"{_C}chart"), None)
            if reference is None:
                self.imported.blocks.append(Picture(_("a picture"), origin))
            else:
                self.imported.blocks.append(self.chart(reference.get(_R_ID), origin))

    def chart(self, rid: str | None, origin: str) -> Chart | Picture:
        _kind, part = self.relations.get(rid or "", ("", ""))
        try:
            root = self.package.xml(part, CHART_BYTES)
            return _chart(root, origin)
        except PartError as exc:
            return Picture(_("a chart not read: {reason}").format(reason=exc), origin)


def _too_wide(origin: str, row: int) -> str:
    return _("{origin} row {row} spans more than {limit} columns").format(
        origin=origin, row=row, limit=MAX_COLUMNS)


def _blocks(parent):
    """The paragraphs and tables of `parent` in order, including those inside content controls
    (`w:sdt`: Word's cover pages and tables of contents) and custom XML."""
    for element in parent.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl", f"{_W}altChunk"):
            yield element
        elif element.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = element.find(f"{_W}sdtContent")
            yield from _blocks(content if content is not None else element)


def _children(parent, tag: str):
    """`parent`'s child elements `tag` (rows, cells), also inside content controls."""
    for element in parent.iterchildren():
        if element.tag == f"{_W}{tag}":
            yield element
        elif element.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = element.find(f"{_W}sdtContent")
            yield from _children(content if content is not None else element, tag)


def _paragraphs_in(cell):
    """A cell's paragraphs in order, those of a table inside it included."""
    for element in _blocks(cell):
        if element.tag == f"{_W}p":
            yield element
        else:
            for row in _children(element, "tr"):
                for inner in _children(row, "tc"):
                    yield from _paragraphs_in(inner)


def _runs(paragraph):
    """The runs Word shows in a paragraph: inside insertions, hyperlinks, fields and content
    controls too; not in deletions, drawings or text boxes."""
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        if element.tag == f"{_W}r":
            yield element
        elif element.tag not in _SKIPPED and isinstance(element.tag, str):
            stack.extend(reversed(element))


def _run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag in _CHARACTERS:
            parts.append(child.text or "" if _CHARACTERS[child.tag] is None
                         else _CHARACTERS[child.tag])
    return "".join(parts)


def _count(text: str, limit: int) -> int:
    """A declared count as a number within 0..limit, else -1."""
    return int(text) if text.isdigit() and len(text) <= 9 and int(text) <= limit else -1


# --- charts -----------------------------------------------------------------------------------

class _NotRead(Exception):
    """Why a chart's cache is not taken."""


def _chart(root, origin: str) -> Chart | Picture:
    """The data a chart part caches, or why it is not read."""
    try:
        series, categories = [], ()
        for ser in root.iter(f"{_C}ser"):
            if len(series) == MAX_SERIES:
                raise _NotRead(_("more than {limit} series").format(limit=MAX_SERIES))
            name = " ".join(v.text or "" for v in ser.iter(f"{_C}v") if _inside(v, ser, "tx"))
            points = _points(ser, "cat")
            categories = categories or tuple(points)
            values = tuple(_value(point) for point in _points(ser, "val"))
            series.append((name.strip(), values))
    except _NotRead as exc:
        return Picture(_("a chart not read: {reason}").format(reason=exc), origin)
    if not series or not categories:
        return Picture(_("a chart without readable data"), origin)
    return Chart(categories, tuple(series), origin)


def _inside(node, ser, tag: str) -> bool:
    """True when `node` lies under the series' child element `tag` (c:tx, c:cat, c:val)."""
    parent = node.getparent()
    while parent is not None and parent is not ser:
        if parent.tag == f"{_C}{tag}" and parent.getparent() is ser:
            return True
        parent = parent.getparent()
    return False


def _points(ser, tag: str) -> list[str]:
    """The cached points of a series' categories or values, by index; a missing point is "".
    The declared count and every index must lie within the limit and agree."""
    holder = next((child for child in ser if child.tag == f"{_C}{tag}"), None)
    if holder is None:
        return []
    count = next(holder.iter(f"{_C}ptCount"), None)
    declared = _count(count.get("val", "0"), MAX_POINTS) if count is not None else 0
    if declared < 0:
        raise _NotRead(_("it declares {count} points; at most {limit} are read").format(
            count=str(count.get("val"))[:20], limit=MAX_POINTS))
    points = {}
    for pt in holder.iter(f"{_C}pt"):
        index = _count(pt.get("idx", ""), MAX_POINTS - 1)
        if index < 0 or (count is not None and index >= declared):
            raise _NotRead(_("a point's index {index} lies outside the {count} points it "
                             "declares").format(index=str(pt.get("idx"))[:20], count=declared))
        points[index] = pt.findtext(f"{_C}v") or ""
    size = max(declared, max(points, default=-1) + 1)
    return [points.get(i, "") for i in range(size)]


def _value(cached: str) -> str:
    """A cached value as written, when it is a finite number below 10^18; "" stays ""."""
    if not cached.strip():
        return ""
    try:
        value = Decimal(cached.strip())
    except InvalidOperation:
        raise _NotRead(_("the value {value!r} is not a number").format(
            value=cached[:20])) from None
    if (not value.is_finite() or (value and value.adjusted() >= VALUE_DIGITS)
            or value.as_tuple().exponent < -VALUE_DIGITS):
        raise _NotRead(_("the value {value!r} is not a finite number below 10^{digits} with at "
                         "most {digits} decimals").format(
            value=cached[:20], digits=VALUE_DIGITS))
    return cached.strip()
