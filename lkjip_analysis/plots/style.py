"""The one look of every figure: theme, palette, sizes that fit the names, rupiah and decimal
axes in Indonesian format."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..numbers import format_number

PALETTE = {"anggaran": "#9DB4CE", "realisasi": "#1F4E79", "target": "#C9A227",
           "cocok": "#4C8C4A", "tidak_cocok": "#B23A3A"}
UNITS = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu"))


def apply_theme() -> None:
    """The one theme of every figure."""
    sns.set_theme(style="whitegrid", context="notebook", font="DejaVu Sans")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 110, "svg.hashsalt": "lkjip",
                         "svg.fonttype": "none", "axes.titleweight": "bold",
                         "axes.titlesize": 13, "figure.autolayout": False,
                         "path.simplify": True,
                         "axes.unicode_minus": False,  # one minus sign, as Babel writes it
                         "text.parse_math": False})  # text from data is drawn as text, never $math$


def rupiah_unit(values) -> tuple[float, str]:
    """The Indonesian unit (juta, miliar, …) that suits the largest value."""
    top = max((abs(v) for v in values if pd.notna(v)), default=0)
    for size, name in UNITS:
        if top >= size:
            return size, name
    return 1.0, ""


def rupiah_axis(axis, values, which: str = "x") -> str:
    """Format an axis in the unit that suits `values`; returns the axis label."""
    size, name = rupiah_unit(values)
    formatter = FuncFormatter(lambda v, _: format_number(v / size, 1 if size > 1 else 0))
    (axis.xaxis if which == "x" else axis.yaxis).set_major_formatter(formatter)
    axis.lkjip_rupiah = which  # hover titles show these bars' exact rupiah
    return f"Rupiah ({name})" if name else "Rupiah"


def step_decimals(step: float) -> int:
    """The decimals that write a tick step exactly: 0,25 needs two, 0,5 one, 5 none (at most
    four)."""
    return next((d for d in range(5) if abs(round(step, d) - step) < 1e-9 * max(1, step)), 4)


def indonesian_tick(axis):
    """A tick formatter with as many decimals as the tick step needs (0,25 … 1,75)."""
    def tick(value, _position):
        ticks = sorted(axis.get_majorticklocs())
        steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False) if b != a]
        return format_number(value, step_decimals(min(steps, default=1)))
    return tick


def indonesian_axes(ax) -> None:
    """An analyst's own axes in the report's style: each numeric axis ticked in Indonesian
    numbers (`1.234,5`; as many decimals as the step needs). Call `apply_theme()` first for
    the theme itself, `rupiah_axis(ax, values)` for an axis of rupiah."""
    for axis in (ax.xaxis, ax.yaxis):
        if axis.units is None:  # a category axis keeps its names
            axis.set_major_formatter(FuncFormatter(indonesian_tick(axis)))


def new_figure(width: float = 9, height: float = 5) -> tuple[Figure, plt.Axes]:
    """A figure of the theme, laid out so that nothing is cut."""
    apply_theme()
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def distinct(names: list[str]) -> list[str]:
    """`names` with a repeated one numbered (`… (2)`): one bar per name."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def wrap(text: str, width: int) -> str:
    """A long name on several lines, broken between words, never cut."""
    return textwrap.fill(" ".join(text.split()), width)


def fitting_height(names: list[str], per_line: float, extra: float = 1.5) -> float:
    """A figure height that fits every (wrapped) name."""
    lines = sum(max(1, name.count("\n") + 1) * 0.8 + 0.2 for name in names)
    return per_line * lines + extra
