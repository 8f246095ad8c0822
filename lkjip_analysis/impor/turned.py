"""Text set a quarter turn (a table's side label, a chart's axis title or data labels): told
apart by the character's matrix and read in its own direction, never mixed with the level lines
it crosses."""

from __future__ import annotations


def turned_runs(chars: list[dict]) -> list[list[dict]]:
    """Characters set a quarter turn (a table's side label, a chart's axis title), as runs of
    text in reading order: one column of characters each, read bottom to top when turned
    left and top to bottom when turned right, a gap wider than a character starting another
    run. Never mixed with the lines they cross."""
    columns: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: ((c["x0"] + c["x1"]) / 2, c["top"])):
        middle = (char["x0"] + char["x1"]) / 2
        same = columns and abs(middle - (columns[-1][0]["x0"] + columns[-1][0]["x1"]) / 2) <= 2
        if same and _leftward(columns[-1][0]) == _leftward(char):
            columns[-1].append(char)
        else:
            columns.append([char])
    runs = []
    for column in columns:
        upward = _leftward(column[0])
        column.sort(key=lambda c: c["top"], reverse=upward)
        run = [column[0]]
        for before, char in zip(column, column[1:], strict=False):
            gap = before["top"] - char["bottom"] if upward else char["top"] - before["bottom"]
            if gap > before["x1"] - before["x0"]:
                runs.append(run)
                run = []
            run.append(char)
        runs.append(run)
    return [run for run in runs if "".join(c["text"] for c in run).strip()]


def turned_bounds(run: list[dict]) -> tuple[float, float, float, float]:
    """A turned run's box: x0, x1, top, bottom."""
    return (min(c["x0"] for c in run), max(c["x1"] for c in run), min(c["top"] for c in run),
            max(c["bottom"] for c in run))


def turned_text(run: list[dict]) -> str:
    """A turned run's text, its spaces as printed."""
    return " ".join("".join(c["text"] for c in run).split())


def turned(char: dict) -> bool:
    """Set a quarter turn: its baseline runs up or down the page. (pdfplumber's `upright`
    is False for some plainly level text, drawn through a scaling matrix.)"""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return abs(matrix[1]) > abs(matrix[0])


def _leftward(char: dict) -> bool:
    """Turned left (counter-clockwise): its text reads from the bottom up."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return matrix[1] > 0
