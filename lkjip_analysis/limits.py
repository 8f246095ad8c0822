"""How large an input may be: checked from the file's size before it is read, so that a
planted or careless file is refused in a moment instead of filling memory. Each limit is far
above what a year's report needs (the 2020 document is 0,1 MiB)."""

from __future__ import annotations

from pathlib import Path

from .errors import SourceError
from .i18n import _

DOCUMENT_BYTES = 64 << 20  # a report text
TABLE_BYTES = 64 << 20  # a CSV (budget history, polarity, a processed dataset)
YAML_BYTES = 1 << 20  # koreksi.yaml, tabel.yaml: a person's few kilobytes
WORKBOOK_BYTES = 64 << 20  # a filled workbook, as stored (compressed)
TABLE_ROWS = 20_000  # rows of a CSV or a workbook sheet (the 2020 report's largest: 390)
IMPORT_BYTES = 256 << 20  # an agency's PDF or Word file (pictures included)


def check_size(path: Path, limit: int, what: str) -> None:
    """Refuse `path` when it is larger than `limit` bytes."""
    size = path.stat().st_size
    if size > limit:
        raise SourceError(_("{what} is {size}, more than the {limit} accepted").format(
            what=what, size=_bytes(size), limit=_bytes(limit)), file=path,
            hint=_("Check that this is the right file"))


def _bytes(count: int) -> str:
    return _("{count} bytes").format(count=f"{count:,}".replace(",", "."))
