"""The budget history a report restates in its charts (Grafik 1 and 2: anggaran and realisasi
per year and fund), read from the report's `grafik` dataset. A chart is taken as a budget
history only when its title or series name the fund (APBD / APBN), its categories are years,
its series say which is the budget and which the realisation, and every value is a whole
amount of rupiah (a chart in "miliar" is rounded: taking it would put a number that looks right
beside the reports' exact ones). Anything else is left alone, and said.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from ..config import is_year_name
from ..i18n import _

log = logging.getLogger("lkjip")
_FUND = re.compile(r"\b(APBD|APBN)\b", re.I)
_REALISED = re.compile(r"realisasi|terealisasi", re.I)
_BUDGET = re.compile(r"anggaran|pagu|alokasi", re.I)


def chart_budget(d) -> list[dict]:
    """One row per year and fund that the report's budget charts state: `tahun`,
    `sumber_dana`, `anggaran`, `realisasi`, `sumber` (report, Grafik, line), and for
    comparisons `grafik` (its label) and `asal` (column -> (source, line))."""
    charts = d.grafik if "grafik" in d else pd.DataFrame()
    rows = []
    for label, chart in (charts.groupby("grafik", sort=False) if len(charts) else []):
        columns = _columns(chart)
        fund = _fund(chart)
        values = chart.nilai.dropna()
        whole = bool(len(values)) and ((values % 1 == 0) & (values >= 1_000_000)).all()
        if (columns is None or fund is None or not whole
                or not chart.kategori.map(is_year_name).all()):
            log.info(_("%s (LKjIP %d) is not a budget history chart: not used"), label, d.year)
            continue
        for year, points in chart.groupby("kategori", sort=False):
            row = {"tahun": int(year), "sumber_dana": fund, "anggaran": float("nan"),
                   "realisasi": float("nan"), "grafik": label, "asal": {}}
            for point in points.itertuples():
                column = columns.get(point.seri)
                if column and not pd.isna(point.nilai):
                    row[column] = point.nilai
                    row["asal"][column] = (f"LKjIP {d.year}, {label} baris {point.baris_sumber}",
                                           int(point.baris_sumber))
            lines = sorted({line for _, line in row["asal"].values()})
            row["sumber"] = (f"LKjIP {d.year}, {label} baris "
                             f"{', '.join(map(str, lines))}" if lines
                             else f"LKjIP {d.year}, {label}: tidak ada angkanya")
            rows.append(row)
    return rows


def _fund(chart: pd.DataFrame) -> str | None:
    found = {m.upper() for text in [chart.judul.iloc[0], *chart.seri.unique()]
             for m in _FUND.findall(text)}
    return found.pop() if len(found) == 1 else None


def _columns(chart: pd.DataFrame) -> dict[str, str] | None:
    """Series name -> `anggaran` or `realisasi`; None when the series do not say it once each."""
    columns = {}
    for name in chart.seri.unique():
        if _REALISED.search(name):
            columns[name] = "realisasi"
        elif _BUDGET.search(name):
            columns[name] = "anggaran"
    kinds = list(columns.values())
    return columns if sorted(kinds) == ["anggaran", "realisasi"] else None
