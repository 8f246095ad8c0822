"""Word (.docx) in, document model out, with python-docx: paragraphs and tables in body order,
headings by style, bold from the runs, merged cells (gridSpan, vMerge) written once; headers,
footers and page-number fields are not part of the body and are left out. A native chart's
cached data (categories, series names, values) becomes a `Chart`; a picture is listed as not
read."""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import _
from .model import Chart, Imported, Paragraph, Picture, Table, Text

_HEADING = re.compile(r"^(?:Heading|Judul)\s*(\d)$", re.I)
_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_docx(path: Path) -> Imported:
    """The body of a Word file as blocks (paragraph `origin`: `paragraf N`, table: `tabel N`)."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    imported = Imported()
    paragraphs = tables = 0
    for element in _blocks(document.element.body):
        if element.tag == f"{_NS}p":
            paragraphs += 1
            paragraph = DocxParagraph(element, document)
            _drawings(element, f"paragraf {paragraphs}", document.part, imported)
            text = _text(paragraph.runs, paragraph.text)
            if text.text.strip():
                imported.blocks.append(Paragraph(text, _level(paragraph), f"paragraf {paragraphs}"))
        elif element.tag == f"{_NS}tbl":
            tables += 1
            imported.blocks.append(_table(DocxTable(element, document), f"tabel {tables}"))
    return imported


def _blocks(parent):
    """The paragraphs and tables of `parent` in order, including those inside content controls
    (`w:sdt`: Word's cover pages and tables of contents) and custom XML."""
    for element in parent.iterchildren():
        if element.tag in (f"{_NS}p", f"{_NS}tbl"):
            yield element
        elif element.tag in (f"{_NS}sdt", f"{_NS}customXml"):
            content = element.find(f"{_NS}sdtContent")
            yield from _blocks(content if content is not None else element)


def _level(paragraph) -> int:
    match = _HEADING.match(paragraph.style.name if paragraph.style is not None else "")
    return int(match.group(1)) if match else 0


def _text(runs, whole: str) -> Text:
    """The text, bold when every run with text in it is bold."""
    written = [run for run in runs if run.text.strip()]
    bold = bool(written) and all(run.bold for run in written)
    return Text(" ".join(whole.split()), bold)


def _table(table, origin: str) -> Table:
    rows, above = [], []
    for row in table.rows:
        cells, seen = [], []
        for column, cell in enumerate(row.cells):
            spanned = bool(seen) and cell._tc is seen[-1]
            continued = column < len(above) and cell._tc is above[column]
            seen.append(cell._tc)
            if spanned or continued:
                cells.append(Text(""))
            else:
                runs = [run for p in cell.paragraphs for run in p.runs]
                cells.append(_text(runs, " ".join(p.text for p in cell.paragraphs)))
        above = seen
        rows.append(tuple(cells))
    return Table(tuple(rows), origin)


def _drawings(element, origin: str, part, imported: Imported) -> None:
    """Charts (their cached data) and pictures (listed as not read) in a paragraph."""
    for drawing in element.iter(f"{_NS}drawing"):
        reference = next(drawing.iter(f"{_C}chart"), None)
        chart = _chart(part, reference.get(_R_ID), origin) if reference is not None else None
        if chart is not None:
            imported.blocks.append(chart)
        else:
            what = _("a chart without readable data") if reference is not None else _("a picture")
            imported.blocks.append(Picture(what, origin))


def _chart(part, rid: str | None, origin: str) -> Chart | None:
    """The data a chart part caches, or None when it holds none."""
    from lxml import etree

    related = part.related_parts.get(rid) if rid else None
    if related is None:
        return None
    root = etree.fromstring(related.blob)
    series, categories = [], ()
    for ser in root.iter(f"{_C}ser"):
        name = " ".join(v.text or "" for v in ser.iter(f"{_C}v") if _inside(v, ser, "tx"))
        points = _points(ser, "cat")
        categories = categories or tuple(points)
        series.append((name.strip(), tuple(_points(ser, "val"))))
    if not series or not categories:
        return None
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
    """The cached points of a series' categories or values, by index; a missing point is ""."""
    holder = next((child for child in ser if child.tag == f"{_C}{tag}"), None)
    if holder is None:
        return []
    count = next(holder.iter(f"{_C}ptCount"), None)
    size = int(count.get("val")) if count is not None else 0
    points = {int(pt.get("idx")): (pt.findtext(f"{_C}v") or "") for pt in holder.iter(f"{_C}pt")}
    size = max(size, max(points, default=-1) + 1)
    return [points.get(i, "") for i in range(size)]
