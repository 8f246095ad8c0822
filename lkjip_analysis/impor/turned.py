"""Text set at an angle (a table's side label, a chart's axis title or data labels, turned a
quarter or slanted): told apart by the character's matrix and read along its own baseline,
never mixed with the level lines it crosses."""

from __future__ import annotations

import math
from itertools import groupby
from typing import NamedTuple

SLANT = math.tan(math.radians(5))  # a baseline more than 5° off level is turned


def turned(char: dict) -> bool:
    """Set at an angle: its baseline runs up or down the page. (pdfplumber's `upright` is
    False for some plainly level text drawn through a scaling matrix, and True for text set
    at 45°.)"""
    a, b = (char.get("matrix") or (1, 0, 0, 1, 0, 0))[:2]
    return abs(b) > SLANT * abs(a)


class _Placed(NamedTuple):
    """A turned character where it stands: its baseline's direction (whole degrees), how far
    across and along that baseline its origin lies, and its size on the page."""

    angle: int
    across: float
    along: float
    em: float
    char: dict


def turned_runs(chars: list[dict]) -> list[list[dict]]:
    """Characters set at an angle, as runs of text in reading order: the characters of one
    angle whose baselines lie on one line, read along it (bottom to top when turned left, top
    to bottom when turned right), a gap of more than two characters starting another run.
    Never mixed with the lines they cross."""
    placed = sorted(map(_placed, chars), key=lambda p: (p.angle, p.across))
    runs = [[p.char for p in run]
            for _angle, same in groupby(placed, key=lambda p: p.angle)
            for line in _baselines(list(same)) for run in _split(line)]
    found = [run for run in runs if "".join(c["text"] for c in run).strip()]
    return sorted(found, key=_top_left)


def _top_left(run: list[dict]) -> tuple[float, float]:
    x0, _x1, top, _bottom = turned_bounds(run)
    return top, x0


def _placed(char: dict) -> _Placed:
    a, b, *_scale, x, y = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    angle = round(math.degrees(math.atan2(b, a))) % 360
    u, v = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    em = max(char["x1"] - char["x0"], char["bottom"] - char["top"], 1.0)
    return _Placed(angle, -x * v + y * u, x * u + y * v, em, char)


def _baselines(placed: list[_Placed]) -> list[list[_Placed]]:
    """Characters of one angle, in order across, grouped by the line their origins lie on
    (page space, y up), each read along it."""
    lines: list[list[_Placed]] = []
    for entry in placed:
        if lines and entry.across - lines[-1][-1].across <= 0.3 * entry.em:
            lines[-1].append(entry)
        else:
            lines.append([entry])
    return [sorted(line, key=lambda p: p.along) for line in lines]


def _split(line: list[_Placed]) -> list[list[_Placed]]:
    """A line's runs: a gap of more than two characters between origins starts another."""
    runs = [[line[0]]]
    for before, entry in zip(line, line[1:], strict=False):
        if entry.along - before.along > 2 * before.em:
            runs.append([])
        runs[-1].append(entry)
    return runs


def turned_bounds(run: list[dict]) -> tuple[float, float, float, float]:
    """A turned run's box: x0, x1, top, bottom."""
    return (min(c["x0"] for c in run), max(c["x1"] for c in run), min(c["top"] for c in run),
            max(c["bottom"] for c in run))


def turned_text(run: list[dict]) -> str:
    """A turned run's text, its spaces as printed."""
    return " ".join("".join(c["text"] for c in run).split())
