"""Small helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path


def edit_line(document: Path, number: int, old: str, new: str) -> None:
    """Replace `old` by `new` on line `number` of `document` (must be there)."""
    lines = document.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], (number, old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    document.write_text("\n".join(lines), encoding="utf-8")
