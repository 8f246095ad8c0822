"""The performance figures of an LKjIP, as pure functions on numbers, Series or frames.

Sources: Permen PANRB No. 53 Tahun 2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja
dan Tata Cara Reviu atas Laporan Kinerja) for capaian and its polarity; Permen PANRB No. 12
Tahun 2015 (Pedoman Evaluasi atas Implementasi SAKIP) for the predicate ranges; the report
itself for efisiensi (Tabel 12: "6 (4-5)") and tingkat kemajuan (Tabel 11).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .i18n import _

MAKSIMAL, MINIMAL = "maksimal", "minimal"

# Permen PANRB 12/2015: lower bound (exclusive, but 0 inclusive) of each predicate.
SAKIP_PREDICATES: tuple[tuple[float, str], ...] = (
    (90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"), (0, "D"))


def capaian(realisasi, target, polaritas: str = MAKSIMAL):
    """Achievement in percent.

    `maksimal` (higher is better): realisasi / target × 100.
    `minimal` (lower is better): (target − (realisasi − target)) / target × 100
    = (2 × target − realisasi) / target × 100 (Permen PANRB 53/2014).
    A target of 0 gives NaN: there is nothing to achieve against.
    """
    target = _nan_where_zero(target)
    if polaritas == MAKSIMAL:
        return realisasi / target * 100
    if polaritas == MINIMAL:
        return (2 * target - realisasi) / target * 100
    raise ValueError(_("polaritas must be {high!r} or {low!r}, got {value!r}").format(
        high=MAKSIMAL, low=MINIMAL, value=polaritas))


def serapan(realisasi, anggaran):
    """Budget absorption in percent: realisasi / anggaran × 100."""
    return realisasi / _nan_where_zero(anggaran) * 100


def alokasi_tersirat(realisasi, persen):
    """The budget an amount and its stated absorption imply: realisasi / persen × 100."""
    return realisasi / _nan_where_zero(persen) * 100


def efisiensi(persen_capaian, persen_serapan):
    """Efficiency as this report defines it (Tabel 12, column 6 = 4 − 5): capaian − serapan."""
    return persen_capaian - persen_serapan


def tingkat_kemajuan(realisasi, target_akhir):
    """Progress toward the end-of-plan target: realisasi / target akhir × 100."""
    return realisasi / _nan_where_zero(target_akhir) * 100


def predikat_sakip(nilai: float) -> str:
    """SAKIP predicate of an evaluation score (0–100): AA >90, A >80–90, BB >70–80,
    B >60–70, CC >50–60, C >30–50, D 0–30 (Permen PANRB 12/2015)."""
    if not 0 <= nilai <= 100:
        raise ValueError(_("an evaluation score lies in 0–100, got {value}").format(value=nilai))
    for lower, predicate in SAKIP_PREDICATES:
        if nilai > lower or lower == 0:
            return predicate
    raise AssertionError("unreachable")


def rumus_kolom(rumus: str, nilai_kolom: dict[int, float]) -> float:
    """Evaluate a column formula as the report prints it under a table.

    `"8 = (7-6) / 5*100%"` or `"6 (4-5)"`: the leading number names the result column; in the
    expression, a whole number that names a column of `nilai_kolom` stands for its value,
    any other number is itself, and `%` is dropped. Only + − × ÷ and brackets are allowed.
    """
    body = re.sub(r"^\s*\d+\s*=?\s*", "", rumus.strip()).replace("%", "")
    body = body.strip()
    if body.startswith("(") and body.endswith(")") and _balanced(body[1:-1]):
        body = body[1:-1]
    tokens = re.findall(r"\d+(?:[.,]\d+)?|[-+*/()]|\S", body)
    return _Expression(tokens, nilai_kolom).parse()


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


class _Expression:
    """A recursive-descent reader of + − × ÷ and brackets over numbers (no eval)."""

    def __init__(self, tokens: list[str], columns: dict[int, float]) -> None:
        self.tokens, self.columns, self.pos = tokens, columns, 0

    def parse(self) -> float:
        value = self._sum()
        if self.pos != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos]!r} in formula")
        return value

    def _next(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self) -> str:
        token = self._next()
        if token is None:
            raise ValueError("formula ends too early")
        self.pos += 1
        return token

    def _sum(self) -> float:
        value = self._product()
        while self._next() in ("+", "-"):
            value = value + self._product() if self._take() == "+" else value - self._product()
        return value

    def _product(self) -> float:
        value = self._atom()
        while self._next() in ("*", "/"):
            value = value * self._atom() if self._take() == "*" else value / self._atom()
        return value

    def _atom(self) -> float:
        token = self._take()
        if token == "(":
            value = self._sum()
            if self._take() != ")":
                raise ValueError("unbalanced brackets in formula")
            return value
        if token == "-":
            return -self._atom()
        if re.fullmatch(r"\d+", token) and int(token) in self.columns:
            return self.columns[int(token)]
        if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
            return float(token.replace(",", "."))
        raise ValueError(f"unexpected {token!r} in formula")


def _nan_where_zero(value):
    if isinstance(value, pd.Series):
        return value.where(value != 0)
    if isinstance(value, np.ndarray):
        return np.where(value == 0, np.nan, value)
    return float("nan") if value == 0 else value
