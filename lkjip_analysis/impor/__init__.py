"""The agency's document in, the reader's text format out: the first layer, above the reader.

A file is read into a small document model (`model`), written as the text format (`text`), and
reviewed for the analyst (what was read, what was not). Word (.docx, `word`) and PDF with a text
layer (`pdf`) are read. Writing the year's raw folder (`lkjip import`) is `importing`'s work.
"""

from __future__ import annotations

from pathlib import Path

from ..captions import CAPTION, CHART_CAPTION
from ..i18n import _
from ..limits import DOCUMENT_BYTES, IMPORT_BYTES
from ..markup import printable
from ..safety.processes import scratch
from .bounded import read_bounded
from .model import Chart, Imported, ImportRefused, Paragraph, Picture, Table
from .package import check_word_file
from .pdf import check_pdf_file
from .text import Written, captions_above, to_text

__all__ = ["ImportRefused", "Imported", "read_file", "review_lines", "text_of"]
_SAVE_AS_DOCX = {".doc", ".odt", ".rtf", ".wps"}

def read_file(path: Path) -> tuple[bytes, Imported]:
    """The file's bytes, read once, and its document model, read from exactly those bytes in
    a bounded child process; a file that is no report document is refused, saying why."""
    _check_kind(path)
    original = _read_original(path)
    with scratch("impor") as folder:
        copy = folder / path.name  # the bytes kept are the bytes read
        copy.write_bytes(original)
        return original, read_bounded(copy)


def text_of(imported: Imported, path: Path) -> Written:
    """The reader's text of the document model, refused when larger than a report text may
    be."""
    written = to_text(imported)
    _check_text_size(path, written.text.encode("utf-8"))
    return written


def _check_kind(path: Path) -> None:
    if not path.exists():
        raise ImportRefused(_("{path} not found").format(path=path))
    if not path.is_file():
        raise ImportRefused(_("{path} is not a regular file (a folder, a device or a pipe): "
                              "give the report's PDF or Word file").format(path=path))
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS_DOCX:
        raise ImportRefused(_("{name}: the {suffix} format is not read; open it in a word "
                              "processor and save it as .docx, then import again").format(
                                  name=path.name, suffix=suffix))
    if suffix not in (".pdf", ".docx"):
        raise ImportRefused(_("{name}: only Word (.docx) and PDF files can be imported").format(
            name=path.name))
    size = path.stat().st_size
    if size > IMPORT_BYTES:
        raise ImportRefused(_("{name} is {size}, more than the {limit} accepted: check that "
                              "this is the report, or compress its pictures").format(
                                  name=path.name, size=_mib(size),
                                  limit=_mib(IMPORT_BYTES)))
    if suffix == ".pdf":
        check_pdf_file(path)
    else:
        check_word_file(path)


def _mib(count: int) -> str:
    return f"{count / (1 << 20):.1f} MiB".replace(".", ",")


def _read_original(path: Path) -> bytes:
    """The file's bytes, read once (a source inside `asli/` is held before anything there is
    replaced), never more than the limit whatever the file grew to."""
    with path.open("rb") as handle:
        data = handle.read(IMPORT_BYTES + 1)
    if len(data) > IMPORT_BYTES:
        raise ImportRefused(_("{name} grew past {limit} while being read").format(
            name=path.name, limit=_mib(IMPORT_BYTES)))
    return data


def _check_text_size(path: Path, text: bytes) -> None:
    if len(text) > DOCUMENT_BYTES:
        raise ImportRefused(_("{name} gives a text larger than the {limit} a report text may "
                              "be").format(name=path.name, limit=_mib(DOCUMENT_BYTES)))


def review_lines(imported: Imported, source: Path, target: Path, extract: str) -> list[str]:
    """The review: every table with its caption and shape, what was not read."""
    paragraphs = [b for b in imported.blocks if isinstance(b, Paragraph)]
    tables = [b for b in imported.blocks if isinstance(b, Table)]
    pages = _("{count} pages, ").format(count=imported.pages) if imported.pages else ""
    lines = [_("Imported: {source} -> {target}").format(source=source.name, target=target),
             _("{pages}{paragraphs} paragraphs, {tables} tables.").format(
                 pages=pages, paragraphs=len(paragraphs), tables=len(tables))]
    caption = ""
    for block in captions_above(imported.blocks):
        if isinstance(block, Paragraph) and (CAPTION.match(block.text.text)
                                             or CHART_CAPTION.match(block.text.text)):
            caption = block.text.text[:70]
        elif isinstance(block, Table):
            width = max((len(row) for row in block.rows), default=0)
            lines.append(_("  {origin}: {caption} ({rows} rows x {columns} columns)").format(
                origin=block.origin, caption=caption or _("no caption"), rows=len(block.rows),
                columns=width))
            caption = ""
    for chart in (b for b in imported.blocks if isinstance(b, Chart)):
        lines.append(_("  {origin}: chart read: {series} series x {categories} "
                       "categories").format(origin=chart.origin, series=len(chart.series),
                                            categories=len(chart.categories)))
    pictures = [b for b in imported.blocks if isinstance(b, Picture)]
    lines += [_("  not read: {origin}: {what}").format(origin=b.origin, what=b.what)
              for b in pictures]
    lines += [_("  check: {note}").format(note=note) for note in imported.notes]
    lines.append(_("Check the text, then run: {command} (an error message names the text's "
                   "line)").format(command=extract))
    return [printable(line) for line in lines]
