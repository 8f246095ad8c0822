"""A column chart drawn in a PDF, read from what it prints: its bars (filled rectangles on one
baseline), its legend (a small square of each bar colour, the series name beside it), its
categories (the labels under the baseline) and its data labels (the number above each bar).

A value is taken only when every bar has exactly one label that parses as one number, and the
labels agree with the bar heights (one scale for all bars, to 2 %): otherwise the chart is not
read and says why. Nothing is estimated from a bar's height.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from decimal import Decimal

from ..i18n import _
from .colour import fill_colour
from .model import Chart, Picture
from .turned import turned, turned_bounds, turned_runs, turned_text

# A label's format must say how to read it: `1.500` (one group) could be 1500 or 1,5; refused.
_INDONESIAN = re.compile(r"^-?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$|^-?\d{1,3}(?:\.\d{3})+,\d+$"
                         r"|^-?\d+,(?:\d{1,2}|\d{4,})$")
_ENGLISH = re.compile(r"^-?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$|^-?\d{1,3}(?:,\d{3})+\.\d+$")
_PLAIN = re.compile(r"^-?\d+(?:\.(?:\d{1,2}|\d{4,}))?$")
_GROUPED_ID = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")  # `1.500`: read so in an `id` chart
_GROUPED_EN = re.compile(r"^-?\d{1,3}(?:,\d{3})+$")
_SCALE_TOLERANCE = 0.02
EDGE_SLACK = 2.0  # points: a rule drawn on a table's edge belongs to the table


@dataclass(frozen=True)
class Box:
    """Where something is drawn on the page (points, top down)."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Run(Box):
    """Text drawn in one go (consecutive characters of the page's content on one line), or a
    run of text set a quarter turn (`turned`: a data label turned up along its bar)."""

    text: str
    turned: bool = False


@dataclass(frozen=True)
class Bar(Box):
    """A filled shape: a bar, or a legend's square."""

    colour: tuple


@dataclass(frozen=True)
class Drawn:
    """A chart or picture found on a page: its box, and what was read. Text inside a chart's
    box is the chart's (`holds_text`); text over a picture is read as lines."""

    top: float
    box: tuple[float, float, float, float]
    page: int
    block: Chart | Picture
    holds_text: bool = True


def runs(chars: list[dict]) -> list[Run]:
    """The page's level text in drawing order, split where the drawing jumps; then its text
    set a quarter turn, a run per column of characters."""
    found: list[list[dict]] = []
    for char in (c for c in chars if not turned(c)):
        last = found[-1][-1] if found else None
        if (last is not None and abs(char["top"] - last["top"]) < 1
                and -1 <= char["x0"] - last["x1"] < 0.6 * char["size"]):
            found[-1].append(char)
        else:
            found.append([char])
    level = [Run(group[0]["x0"], group[-1]["x1"], min(c["top"] for c in group),
                 max(c["bottom"] for c in group), "".join(c["text"] for c in group).strip())
             for group in found if "".join(c["text"] for c in group).strip()]
    return level + [Run(*turned_bounds(run), turned_text(run), True)
                    for run in turned_runs([c for c in chars if turned(c)])]


def find_charts(page, number: int, boxes: list, text: list[Run]) -> list[Drawn]:
    """The column charts on a page (outside the tables in `boxes`)."""
    bars = [b for b in _filled(page) if not any(_inside(b, box) for box in boxes)]
    charts = []
    for baseline in sorted({round(b.bottom) for b in bars if b.x1 - b.x0 > 3}):
        columns = [b for b in bars if abs(b.bottom - baseline) <= 1 and b.x1 - b.x0 > 3
                   and not _square(b)]
        if len(columns) >= 2:
            charts.append(_chart(columns, bars, text, number))
    return charts


def _filled(page) -> list[Bar]:
    """The shapes filled with a plain colour, neither white nor black (a pattern has no one
    colour: not a bar)."""
    shapes = [*page.rects, *(c for c in page.curves if len(c.get("pts", ())) <= 6)]
    return [Bar(s["x0"], s["x1"], s["top"], s["bottom"], _colour(s)) for s in shapes
            if s.get("fill") and _colour(s) not in (None, (1.0, 1.0, 1.0), (1.0,), (0.0,),
                                                     (0.0, 0.0, 0.0))]


def _colour(shape) -> tuple | None:
    colour = fill_colour(shape)
    return tuple(round(v, 3) for v in colour) if colour else None


def _inside(bar: Bar, box) -> bool:
    return (box[0] - EDGE_SLACK <= bar.middle <= box[2] + EDGE_SLACK
            and box[1] - EDGE_SLACK <= bar.bottom <= box[3] + EDGE_SLACK)


def _square(bar: Bar) -> bool:
    return bar.x1 - bar.x0 < 12 and abs((bar.x1 - bar.x0) - (bar.bottom - bar.top)) < 1


def _chart(columns: list[Bar], shapes: list[Bar], text: list[Run], number: int) -> Drawn:
    baseline = statistics.median(b.bottom for b in columns)
    left = min(b.x0 for b in columns)
    right = max(b.x1 for b in columns)
    top = min(b.top for b in columns)
    level = [r for r in text if not r.turned]  # a turned run's height is its length
    size = statistics.median(r.bottom - r.top for r in level) if level else 10.0
    # data labels turned up along their bars reach higher than level ones
    standing = [r.top - size for r in text if r.turned and any(
        b.x0 - 2 <= r.middle <= b.x1 + 2 and b.top - 2 * size <= r.bottom <= b.top + 2
        for b in columns)]
    box = (left - 12 * size, min([top - 3 * size, *standing]), right + 3 * size,
           baseline + 5 * size)
    inside = [r for r in text if box[0] <= r.middle <= box[2] and box[1] <= r.top <= box[3]]
    keys = [s for s in shapes if _square(s) and s.top > baseline and box[1] <= s.top <= box[3]]
    origin = f"halaman {number}"
    try:
        block = Chart(*_read(columns, keys, inside, baseline, size), origin)
    except _NotRead as reason:
        block = Picture(_("chart not read: {reason}").format(reason=reason), origin)
    # the text over a chart not read stays the page's text (a cover's stripes are no chart)
    return Drawn(box[1], box, number, block, holds_text=isinstance(block, Chart))


class _NotRead(Exception):
    """Why a chart's values cannot be taken."""


def _read(columns, keys, text, baseline, size):
    series = _legend(keys, text, size)
    names = {colour: name for name, colour in series}
    if any(b.colour not in names for b in columns):
        raise _NotRead(_("a bar's colour is not in the legend"))
    legend_rows = {round(k.top) for k in keys}
    below = [r for r in text if r.top > baseline and round(r.top) not in legend_rows
             and not any(abs(r.top - row) < size for row in legend_rows)]
    categories = sorted(below, key=lambda r: r.x0)
    if not categories:
        raise _NotRead(_("the categories under the axis are not readable"))
    convention = convention_of([r.text for r in text])
    labels = [r for r in text
              if r.bottom <= baseline + 1 and label_value(r.text, convention) is not None]
    values: dict[tuple[int, str], Decimal] = {}
    scales = []
    for bar in columns:
        category = min(range(len(categories)),
                       key=lambda i: abs(categories[i].middle - bar.middle))
        above = [r for r in labels if bar.x0 - 2 <= r.middle <= bar.x1 + 2
                 and bar.top - 2 * size <= r.bottom <= bar.top + 2]
        if len(above) != 1:
            raise _NotRead(_("a bar without a clear data label")
                           if not above else _("data labels overlap"))
        value = label_value(above[0].text, convention)
        if value is None:
            raise _NotRead(_("the label {label!r} has no clear decimal mark").format(
                label=above[0].text))
        key = (category, names[bar.colour])
        if key in values:
            raise _NotRead(_("two bars for one category and series"))
        values[key] = value
        if bar.bottom - bar.top > 1:
            scales.append(float(value) / (bar.bottom - bar.top))
    _check_scale(scales)
    table = tuple((name, tuple(_plain(values.get((i, name))) for i in range(len(categories))))
                  for name, _ in series)
    return tuple(c.text for c in categories), table


def _legend(keys, text, size) -> list[tuple[str, tuple]]:
    """(series name, colour) for each legend square, in reading order."""
    series = []
    for key in sorted(keys, key=lambda k: (round(k.top), k.x0)):
        beside = [r for r in text if 0 <= r.x0 - key.x1 <= 2 * size
                  and abs((r.top + r.bottom) / 2 - (key.top + key.bottom) / 2) < size]
        if len(beside) != 1:
            raise _NotRead(_("the series names in the legend are not readable"))
        series.append((beside[0].text, key.colour))
    if not series or len({c for _, c in series}) != len(series):
        raise _NotRead(_("the legend does not tell the series apart"))
    return series


def _check_scale(scales: list[float]) -> None:
    """The labels must agree with the bar heights: one value per point of height."""
    if not scales:
        raise _NotRead(_("no bar to check the labels against"))
    middle = statistics.median(scales)
    if any(abs(s - middle) > _SCALE_TOLERANCE * abs(middle) for s in scales):
        raise _NotRead(_("the data labels do not fit the bar heights"))


def label_value(text: str, convention: str = "") -> Decimal | None:
    """A data label as a number when its format says how to read it, or the chart's
    `convention` does (`id`: `.` groups thousands; `en`: `,` does), else None."""
    text = text.replace("\u2212", "-").replace(" ", "")
    if _INDONESIAN.match(text) or (convention == "id" and _GROUPED_ID.match(text)):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _ENGLISH.match(text) or (convention == "en" and _GROUPED_EN.match(text)):
        return Decimal(text.replace(",", ""))
    if _PLAIN.match(text):
        return Decimal(text)
    return None


def convention_of(texts: list[str]) -> str:
    """`id` or `en` where the chart's unambiguous numbers all use one convention, else ""."""
    texts = [t.replace("\u2212", "-").replace(" ", "") for t in texts]
    found = {"id" for t in texts if _INDONESIAN.match(t)} | {"en" for t in texts
                                                             if _ENGLISH.match(t)}
    return found.pop() if len(found) == 1 else ""


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")
