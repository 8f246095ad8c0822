"""The document model written as the text format the reader uses: headings as `#`, bold as
`<b>…</b>`, tables as tab-separated rows, a blank line between blocks. Text from the file is
copied faithfully (typos kept for koreksi.yaml); tabs and line breaks inside a cell become
spaces, so a cell never splits a row."""

from __future__ import annotations

from .model import Imported, Paragraph, Picture, Table, Text


def to_text(imported: Imported) -> str:
    """The text of the imported document."""
    lines: list[str] = []
    for block in imported.blocks:
        if isinstance(block, Paragraph):
            lines += [_paragraph(block), ""]
        elif isinstance(block, Table):
            lines += ["\t".join(_cell(c) for c in row) for row in block.rows] + [""]
        elif isinstance(block, Picture):
            continue
    return "\n".join(lines).rstrip("\n") + "\n"


def _paragraph(paragraph: Paragraph) -> str:
    text = _plain(paragraph.text.text)
    if paragraph.level:
        return "#" * paragraph.level + " " + text
    return f"<b>{text}</b>" if paragraph.text.bold else text


def _cell(cell: Text) -> str:
    text = _plain(cell.text)
    return f"<b>{text}</b>" if cell.bold and text else text


def _plain(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
