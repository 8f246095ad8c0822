"""Text set at an angle (a table's side label, a chart's axis title or data labels, turned a
quarter or slanted): told apart by the character's matrix and read along its own baseline,
never mixed with the level lines it crosses."""

from __future__ import annotations

import math
from itertools import groupby

SLANT = math.tan(math.radians(5))  # a baseline more than 5° off level is turned


def turned(char: dict) -> bool:
    """Set at an angle: its baseline runs up or down the page. (pdfplumber's `upright` is
    False for some plainly level text drawn through a scaling matrix, and True for text set
    at 45°.)"""
    a, b = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[:2]
    return abs(b) > SLANT * abs(a)


def turned_runs(chars: list[dict]) -> list[list[dict]]:
    """Characters set at an angle, as runs of text in reading order: the characters of one
    angle whose baselines lie on one line, read along it (bottom to top when turned left, top
    to bottom when turned right), a gap of more than two characters starting another run.
    Never mixed with the lines they cross."""
    runs = [run for _direction, same in groupby(sorted(chars, key=_angle), key=_angle)
            for line in _baselines(list(same)) for run in _split(line)]
    found = [run for run in runs if "".join(c["text"] for c in run).strip()]
    return sorted(found, key=lambda run: (turned_bounds(run)[2], turned_bounds(run)[0]))


def _baselines(chars: list[dict]) -> list[list[dict]]:
    """Characters of one angle grouped by the line their origins lie on, each read along it."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=_across):
        if lines and _across(char) - _across(lines[-1][-1]) <= 0.3 * _em(char):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=_along) for line in lines]


def _split(line: list[dict]) -> list[list[dict]]:
    """A line's runs: a gap of more than two characters between origins starts another."""
    runs = [[line[0]]]
    for before, char in zip(line, line[1:], strict=False):
        if _along(char) - _along(before) > 2 * _em(before):
            runs.append([])
        runs[-1].append(char)
    return runs


def turned_bounds(run: list[dict]) -> tuple[float, float, float, float]:
    """A turned run's box: x0, x1, top, bottom."""
    return (min(c["x0"] for c in run), max(c["x1"] for c in run), min(c["top"] for c in run),
            max(c["bottom"] for c in run))


def turned_text(run: list[dict]) -> str:
    """A turned run's text, its spaces as printed."""
    return " ".join("".join(c["text"] for c in run).split())


def _angle(char: dict) -> int:
    """The baseline's direction, in whole degrees (counter-clockwise from level)."""
    a, b = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[:2]
    return round(math.degrees(math.atan2(b, a))) % 360


def _unit(char: dict) -> tuple[float, float]:
    radians = math.radians(_angle(char))
    return math.cos(radians), math.sin(radians)


def _along(char: dict) -> float:
    """How far along its baseline the character's origin lies (page space, y up)."""
    x, y = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[4:6]
    u, v = _unit(char)
    return x * u + y * v


def _across(char: dict) -> float:
    """How far across its baseline the character's origin lies: one line, one offset."""
    x, y = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[4:6]
    u, v = _unit(char)
    return -x * v + y * u


def _em(char: dict) -> float:
    """The character's size on the page, whatever its angle."""
    return max(char["x1"] - char["x0"], char["bottom"] - char["top"], 1.0)
