"""Charts whose data the document states as a table under a `Grafik N.` caption (as `lkjip
import` writes a Word chart's cached data): one row per category and series. A value that does
not read as an Indonesian number is left empty and said, never guessed."""

from __future__ import annotations

import logging
import re

import pandas as pd

from ..errors import NumberFormatError
from ..numbers import is_missing, parse_amount
from ..source import Document

log = logging.getLogger("lkjip")
COLUMNS = ["grafik", "judul", "kategori", "seri", "nilai", "baris_sumber"]
_CAPTION = re.compile(r"^[\s*#]*(?:<b>\s*)?(Grafik\s+\d+[A-Za-z]?)\s*[.:]\s*(.*)$", re.I)
_TAG = re.compile(r"</?[a-zA-Z]+>")


def read_charts(document: Document) -> pd.DataFrame:
    """Every chart table of the document, tidy."""
    records = []
    for number, line in enumerate(document.lines, start=1):
        match = _CAPTION.match(line)
        if match:
            label = " ".join(match.group(1).split()).capitalize()
            title = _TAG.sub("", match.group(2)).strip(" *")
            records += _chart_rows(document, number, label, title)
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _chart_rows(document: Document, caption_line: int, label: str, title: str) -> list[dict]:
    rows = _table_below(document, caption_line)
    if not rows or rows[0][1][0].strip().lower() != "kategori":
        return []  # a caption without its data (the chart was a picture)
    (_, header), *body = rows
    series = [name.strip() for name in header[1:]]
    records = []
    for line, cells in body:
        for name, raw in zip(series, cells[1:], strict=False):
            records.append({"grafik": label, "judul": title, "kategori": cells[0].strip(),
                            "seri": name, "nilai": _value(raw, document, line, label),
                            "baris_sumber": line})
    return records


def _table_below(document: Document, caption_line: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number in range(caption_line + 1, len(document.lines) + 1):
        text = document.line(number)
        if "\t" in text:
            rows.append((number, [_TAG.sub("", cell) for cell in text.split("\t")]))
        elif text.strip():
            break
    return rows


def _value(raw: str, document: Document, line: int, label: str) -> float:
    text = raw.strip()
    if is_missing(text):
        return float("nan")
    whole, _, fraction = text.partition(",")
    try:
        value = parse_amount(whole)
        if fraction:
            if not fraction.isdigit():
                raise NumberFormatError(text, "bilangan")
            value += int(fraction) / 10 ** len(fraction)
        return float(value)
    except NumberFormatError:
        log.warning("%s baris %d: nilai %r pada %s tidak terbaca sebagai angka: dibiarkan "
                    "kosong", document.path, line, raw, label)
        return float("nan")
