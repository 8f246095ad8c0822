"""Hover titles: every bar and every plotted point says what it is, as an SVG `<title>` shown
on hover without a script: its category, its series (the year, the fund, the table and
indicator a target comes from) and its exact value with the unit (`Rp…`, `…%`, `200 KK`)."""

from __future__ import annotations

import math
import re

from matplotlib.category import StrCategoryLocator
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.ticker import FixedLocator

from ..markup import fill
from ..numbers import format_number, format_percent, format_rupiah

# id -> a bar's title, or the titles of a group's points in drawing order
Tips = dict[str, str | list[str]]
PERCENT = "%"
_PERCENT_WORDS = {"%", "persen", "prosen", "persentase"}
_BAR = re.compile(r'<g id="(nilai-\d+)">')
_POINTS = re.compile(r'<g id="(titik-\d+)">')
_USE = re.compile(r"<use ([^>]*?)/>")


def unit_of(satuan: str) -> str:
    """A table's unit as a value is written with it: `Prosen` and `Persen` are `%`."""
    text = " ".join(str(satuan).split())
    return PERCENT if text.lower() in _PERCENT_WORDS else text


def set_unit(ax, unit: str) -> None:
    """The unit of the axes' values, for their hover titles (`%`, `KK`); rupiah axes say so
    through `style.rupiah_axis`."""
    ax.lkjip_unit = unit_of(unit)


def set_series(artist, name: str) -> None:
    """What a bar group or a group of points is, when its legend label does not say enough
    (a target's table and indicator)."""
    artist.lkjip_series = name


def value_text(ax, value: float, axis: str) -> str:
    """A value as its hover title says it: rupiah, percent, or the number and its unit."""
    if getattr(ax, "lkjip_rupiah", None) == axis:
        return format_rupiah(value)
    unit = getattr(ax, "lkjip_unit", "")
    if unit == PERCENT:
        return format_percent(value)
    return f"{format_number(value, 2 if value % 1 else 0)} {unit}".rstrip()


def tips_of(ax, start: int) -> Tips:
    """An id on every bar and every group of points of `ax`, with their titles."""
    tips: Tips = {}
    for container in (c for c in ax.containers if isinstance(c, BarContainer)):
        tips |= _bar_tips(ax, container, start + len(tips))
    groups = [line for line in ax.get_lines() if _has_markers(line)]
    groups += [c for c in ax.collections if isinstance(c, PathCollection)]
    for artist in groups:
        gid = f"titik-{start + len(tips) + 1}"
        artist.set_gid(gid)
        tips[gid] = _point_tips(ax, artist)
    return tips


def _series(artist) -> str:
    name = getattr(artist, "lkjip_series", None) or artist.get_label() or ""
    return "" if name.startswith("_") else name


def _title(where: str, series: str, value: str) -> str:
    """`2020, Anggaran APBD: Rp56.652.801.485`: the category, the series, the value."""
    named = ", ".join(part for part in (where, series) if part)
    return f"{named}: {value}" if named else value


def _bar_tips(ax, container: BarContainer, start: int) -> dict[str, str]:
    tips = {}
    horizontal = container.orientation == "horizontal"
    series = _series(container)
    for patch in container.patches:
        value = patch.get_width() if horizontal else patch.get_height()
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        gid = f"nilai-{start + len(tips) + 1}"
        patch.set_gid(gid)
        centre = (patch.get_y() + patch.get_height() / 2 if horizontal
                  else patch.get_x() + patch.get_width() / 2)
        where = _label_at(ax.yaxis if horizontal else ax.xaxis, centre)
        tips[gid] = _title(where, series, value_text(ax, value, "x" if horizontal else "y"))
    return tips


def _has_markers(line) -> bool:
    return line.get_visible() and line.get_marker() not in (None, "", " ", "None", "none")


def _point_tips(ax, artist) -> list[str]:
    """A title per drawn point, in drawing order (points that are not finite are not drawn)."""
    if isinstance(artist, PathCollection):
        points = [tuple(p) for p in artist.get_offsets()]
    else:
        points = list(zip(artist.get_xdata(orig=False), artist.get_ydata(orig=False),
                          strict=True))
    series = _series(artist)
    by_x, by_y = _categorical(ax.xaxis), _categorical(ax.yaxis)
    titles = []
    for x, y in ((float(x), float(y)) for x, y in points):
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        if by_y and not by_x:  # categories down the side: the value runs along x
            where, value = _label_at(ax.yaxis, y), value_text(ax, x, "x")
        else:
            where = _label_at(ax.xaxis, x) if by_x else format_number(x, 2 if x % 1 else 0)
            value = value_text(ax, y, "y")
        titles.append(_title(where, series, value))
    return titles


def _categorical(axis) -> bool:
    """Whether the axis names categories: its ticks were placed one per category (by name,
    or at fixed places with their labels), not spread over a range of numbers."""
    return isinstance(axis.get_major_locator(), FixedLocator | StrCategoryLocator)


def _label_at(axis, position: float) -> str:
    """The tick label at `position` on a category axis (the category of a bar or point)."""
    index = 1 if axis.axis_name == "y" else 0
    labels = {round(t.get_position()[index], 6): t.get_text() for t in axis.get_ticklabels()}
    if not labels:
        return ""
    nearest = min(labels, key=lambda place: abs(place - position))
    return " ".join(labels[nearest].split()) if abs(nearest - position) < 0.5 else ""


def with_titles(svg: str, tips: Tips, title: str) -> str:
    """`svg` with a `<title>` in each bar's group and on each point (shown on hover, no
    script), and the figure's title as the image's accessible name."""
    svg = _BAR.sub(lambda m: m.group(0) + _title_element(tips.get(m.group(1), "")), svg)
    for match in reversed(list(_POINTS.finditer(svg))):
        svg = _titled_points(svg, match.start(), tips.get(match.group(1), []))
    if title:
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + fill(
            "<title>{judul}</title>", {"judul": title}), svg, count=1)
    return svg


def _title_element(text: str) -> str:
    return fill("<title>{tip}</title>", {"tip": text})


def _titled_points(svg: str, start: int, titles: list[str]) -> str:
    """The point group at `start` with each of its markers titled, in drawing order."""
    end = _group_end(svg, start)
    remaining = iter(titles)
    body = _USE.sub(lambda m: f"<use {m.group(1)}>{_title_element(next(remaining, ''))}</use>",
                    svg[start:end])
    return svg[:start] + body + svg[end:]


def _group_end(svg: str, start: int) -> int:
    """Where the `<g>` opened at `start` closes."""
    depth = 0
    for tag in re.finditer(r"<g[\s>]|</g>", svg[start:]):
        depth += -1 if tag.group(0) == "</g>" else 1
        if depth == 0:
            return start + tag.end()
    return len(svg)
