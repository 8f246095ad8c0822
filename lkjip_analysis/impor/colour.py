"""A PDF object's fill colour as numbers, whatever the producer wrote there.

pdfplumber gives a fill as a number (grey), a tuple of numbers (RGB, CMYK), or — for a shape
filled with a pattern or a shading — the pattern's name (`'P9'`), alone or after its tint
components. A pattern has no one colour: it is reported as such, never read as a number.
"""

from __future__ import annotations

WHITE = 0.95  # a component at least this light (or a CMYK ink at most 1 − this) is white


def fill_colour(obj: dict) -> tuple[float, ...] | None:
    """The object's fill as numbers, or None where it has none that is a colour (a pattern,
    a shading, no fill colour given)."""
    value = obj.get("non_stroking_color")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (float(value),)
    if isinstance(value, tuple | list) and value and all(
            isinstance(c, int | float) and not isinstance(c, bool) for c in value):
        return tuple(float(c) for c in value)
    return None


def is_pattern(obj: dict) -> bool:
    """Whether the object is filled with a pattern or shading (its colour given by name)."""
    value = obj.get("non_stroking_color")
    parts = value if isinstance(value, tuple | list) else (value,)
    return any(isinstance(part, str) for part in parts)


def is_white(colour: tuple[float, ...] | None) -> bool:
    """Whether a fill colour is white (no ink); an unknown colour is not."""
    if not colour:
        return False
    if len(colour) == 4:  # CMYK: no ink
        return all(c <= 1 - WHITE for c in colour)
    return all(c >= WHITE for c in colour)
