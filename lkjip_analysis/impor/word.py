"""Word (.docx) in, document model out, with python-docx: paragraphs and tables in body order,
headings by style, bold from the runs, merged cells (gridSpan, vMerge) written once; headers,
footers and page-number fields are not part of the body and are left out. Pictures and charts
are listed as not read."""

from __future__ import annotations

import re
from pathlib import Path

from .model import Imported, Paragraph, Picture, Table, Text

_HEADING = re.compile(r"^(?:Heading|Judul)\s*(\d)$", re.I)
_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> Imported:
    """The body of a Word file as blocks (paragraph `origin`: `paragraf N`, table: `tabel N`)."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    imported = Imported()
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_NS}p":
            paragraphs += 1
            paragraph = DocxParagraph(element, document)
            _drawings(element, f"paragraf {paragraphs}", imported)
            text = _text(paragraph.runs, paragraph.text)
            if text.text.strip():
                imported.blocks.append(Paragraph(text, _level(paragraph), f"paragraf {paragraphs}"))
        elif element.tag == f"{_NS}tbl":
            tables += 1
            imported.blocks.append(_table(DocxTable(element, document), f"tabel {tables}"))
    return imported


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


def _drawings(element, origin: str, imported: Imported) -> None:
    """Pictures and charts in a paragraph: listed for the review, never guessed at."""
    for drawing in element.iter(f"{_NS}drawing"):
        chart = any(node.tag.endswith("}chart") for node in drawing.iter())
        what = "grafik (belum dibaca: data grafik Word belum didukung)" if chart else "gambar"
        imported.blocks.append(Picture(what, origin))
        imported.notes.append(f"{origin}: {what}")
