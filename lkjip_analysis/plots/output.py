"""A figure finished and written: Indonesian numbers on every numeric axis, the title wrapped
over the whole figure, hover titles on every bar and point; PNG and SVG (text kept as text)
with fixed metadata, so the same data give the same bytes."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, ScalarFormatter

from .hover import Tips, tips_of, with_titles
from .style import indonesian_tick


def save(fig: Figure, name: str, folder: str | Path) -> list[Path]:
    """Finish `fig` and write `name`.png and `name`.svg in `folder`, without timestamps."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tips = finish(fig)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    paths[1].write_text(with_titles(svg.getvalue(), tips, figure_title(fig)), encoding="utf-8")
    return paths


def finish(fig: Figure) -> Tips:
    """Indonesian numbers on every numeric axis, titles wrapped to the figure's width, and an
    id on every bar and every group of points; returns their hover titles by id."""
    tips: Tips = {}
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(FuncFormatter(indonesian_tick(axis)))
        tips |= tips_of(ax, start=len(tips))
    title = fig.axes[0].get_title() if len(fig.axes) == 1 else ""
    if title:  # over the whole figure, not the axes beside long labels: never cut
        fig.axes[0].set_title("")
        fig.suptitle(textwrap.fill(" ".join(title.split()), int(fig.get_figwidth() * 8.5)),
                     fontweight="bold", fontsize=13)
    return tips


def figure_title(fig: Figure) -> str:
    """The figure's title on one line (its suptitle once finished, else its axes' title)."""
    supertitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    titles = [supertitle] + [ax.get_title() for ax in fig.axes]
    return next((" ".join(t.split()) for t in titles if t), "")
