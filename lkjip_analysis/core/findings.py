"""What every audit check shares: agreement at the stated precision, the findings table, the
narrative facts by key, and the labels of the document's tables."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from .. import metrics
from ..errors import SourceError
from ..i18n import _
from ..numbers import format_rupiah

COLUMNS = [
    "id",
    "tabel",
    "uraian",
    "dilaporkan",
    "dihitung",
    "selisih",
    "status",
    "baris_sumber",
    "halaman",  # the PDF page of that line, for an imported PDF (provenance.py)
    "catatan",
]
COCOK, TIDAK_COCOK = "cocok", "tidak_cocok"
TIDAK_DISEBUT = "tidak_disebut"  # a figure the narrative no longer states: nothing to compare
# A check names a table by its dataset, `<realisasi_apbd>`; the finding shows that table's
# label in this document (`Tabel 14`).
_TABLE_TOKEN = re.compile(r"<([a-z_]+)>")
_NUMBER = re.compile(r"(\d+(?:\.\d+)*)")


def id_prefix(tabel: str) -> str:
    """`T14` for `Tabel 14`, `T3.13` for `Tabel 3.13`, `N` for the narrative."""
    if tabel == "Narasi":
        return "N"
    number = _NUMBER.search(tabel)
    if number is None:
        return "T" + tabel[:3].upper()
    return "T" + (number.group(1) if "." in number.group(1) else number.group(1).zfill(2))


def decimals_of(value: float, most: int = 4) -> int:
    """How many decimals a stated figure shows (the fewest that reproduce it)."""
    for k in range(most + 1):
        if abs(round(value, k) - value) < 1e-9:
            return k
    return most


def precision(stated: float, computed: float) -> int:
    """The decimals at which a stated figure is compared: those it shows. A figure written
    without decimals is not taken as a rounding (`1` is not 1,47 rounded): it is compared at
    the precision of the figure it is compared with."""
    return decimals_of(stated) or decimals_of(computed)


def agrees(stated: float, computed: float, decimals: int) -> bool:
    """True when `computed` rounded half-up to `decimals` equals `stated`."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(computed))).quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(float(rounded) - stated) < 10 ** -(decimals + 3)


@dataclass
class Findings:
    """Collects checks; ids run per table (`T14-03`, `N-07`)."""

    labels: dict[str, str] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)

    def label(self, text: str) -> str:
        """`text` with each `<dataset>` replaced by its table's label."""
        return _TABLE_TOKEN.sub(lambda m: self.labels.get(m.group(1), m.group(1)), text)

    def _add(
        self, tabel: str, uraian: str, stated, computed, ok: bool, line: int, note: str
    ) -> None:
        tabel, uraian, note = self.label(tabel), self.label(uraian), self.label(note)
        prefix = id_prefix(tabel)
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        numeric = all(isinstance(v, int | float) for v in (stated, computed))
        self.rows.append(
            {
                "id": f"{prefix}-{self.counters[prefix]:02d}",
                "tabel": tabel,
                "uraian": uraian,
                "dilaporkan": tidy(stated),
                "dihitung": tidy(computed),
                "selisih": tidy(computed - stated) if numeric else None,
                "status": COCOK if ok else TIDAK_COCOK,
                "baris_sumber": int(line),
                "catatan": note,
            }
        )

    def compare(
        self,
        tabel: str,
        uraian: str,
        stated: float,
        computed: float,
        line: int,
        decimals: int | None = None,
        note: str = "",
        note_if_ok: str = "",
    ) -> bool:
        """A stated number against its recomputation, at the stated figure's precision. A
        figure that is unknown (a narrative figure not stated) leaves the check out."""
        if _unknown(stated, computed):
            return False
        ok = agrees(stated, computed, precision(stated, computed) if decimals is None else decimals)
        self._add(tabel, uraian, stated, computed, ok, line, note_if_ok if ok else note)
        return ok

    def record(self, tabel: str, uraian: str, stated, computed, ok: bool, line: int,
               note: str = "") -> None:
        """A check its caller decided by a rule of its own (several formulas, a sum)."""
        self._add(tabel, uraian, stated, computed, ok, line, note)

    def same_text(
        self, tabel: str, uraian: str, stated: str, expected: str, line: int, note: str = ""
    ) -> None:
        ok = stated.strip().upper() == expected.strip().upper()
        self._add(tabel, uraian, stated, expected, ok, line, "" if ok else note)

    def claim(
        self,
        tabel: str,
        uraian: str,
        figure: float,
        threshold: float,
        holds: bool,
        line: int,
        note: str = "",
    ) -> None:
        """A claim of the narrative about a figure (e.g. 'melampaui target')."""
        self._add(tabel, uraian, figure, threshold, holds, line, "" if holds else note)

    def within(
        self,
        tabel: str,
        uraian: str,
        stated: float,
        computed: Implied,
        line: int,
        note: str = "",
    ) -> bool:
        """A stated amount against an implied allocation: it agrees when it lies in the interval
        the rounded percentages allow; the allocation itself is shown as computed, and an
        agreement that is not equality names the interval."""
        if _unknown(stated, computed.low, computed.high):
            return False
        ok = computed.low <= stated <= computed.high
        if ok:
            note = "" if round(stated) == round(computed.value) else (
                "Selisih masih dalam rentang yang dibolehkan pembulatan persen tercetak: "
                f"{format_rupiah(math.ceil(computed.low))} sampai "
                f"{format_rupiah(math.floor(computed.high))}.")
        self._add(tabel, uraian, round(stated), round(computed.value), ok, line, note)
        return ok

    def not_stated(self, key: str, uraian: str) -> None:
        """A figure the narrative no longer states: said once, its checks left out."""
        self._add("Narasi", f"Narasi tidak lagi menyebut {uraian} ({key}); pemeriksaan yang "
                  "memerlukannya tidak dilakukan", None, None, True, 0, "")
        self.rows[-1]["status"] = TIDAK_DISEBUT

    def frame(self) -> pd.DataFrame:
        """The checks; number columns keep ints as ints (`dtype=object`) for plain CSV. A check
        made on several statements of one figure says which statement each row is."""
        df = pd.DataFrame.from_records(self.rows, columns=COLUMNS).astype(object)
        repeated = df.duplicated(["tabel", "uraian"], keep=False)
        nth = df.groupby(["tabel", "uraian"]).cumcount() + 1
        df.loc[repeated, "uraian"] = [f"{text} (pernyataan ke-{n})" for text, n in
                                      zip(df.uraian[repeated], nth[repeated], strict=True)]
        for column in ("dilaporkan", "dihitung", "selisih"):
            df[column] = pd.Series([row[column] for row in self.rows], dtype=object)
        return df.astype({"baris_sumber": "int64"})


def _unknown(*values) -> bool:
    return any(isinstance(v, float) and math.isnan(v) for v in values)


def tidy(value):
    """A figure for the findings: whole floats as ints, others to four decimals."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 4) + 0.0  # -0.0 (a difference rounded away) is written 0.0
    return value


@dataclass(frozen=True)
class Implied:
    """The allocation amounts and their printed percentages imply: `value` by the one rule,
    `metrics.alokasi_tersirat` (summed over lines, as the explorer and `analysis` sum it), and
    the interval the percentages' rounding allows, for deciding agreement."""

    value: float
    low: float
    high: float

    def __add__(self, other: Implied) -> Implied:
        return Implied(self.value + other.value, self.low + other.low, self.high + other.high)


def implied(realisasi: float, persen: float) -> Implied:
    """The allocation one amount and its percentage (as rounded in print) imply."""
    half = 0.5 * 10 ** -decimals_of(persen)
    return Implied(float(metrics.alokasi_tersirat(realisasi, persen)),
                   realisasi * 100 / (persen + half), realisasi * 100 / (persen - half))


def implied_by_lines(lines: pd.DataFrame) -> Implied:
    """The allocation value lines (`realisasi`, `persen`) imply together."""
    return sum((implied(float(r.realisasi), r.persen) for r in lines.itertuples()),
               Implied(0.0, 0.0, 0.0))


class Facts:
    """The narrative facts by key: those the narrative states."""

    def __init__(self, fakta: pd.DataFrame) -> None:
        self.df = fakta[fakta.ditemukan] if "ditemukan" in fakta else fakta
        self.missing = fakta[~fakta.ditemukan] if "ditemukan" in fakta else fakta.iloc[:0]

    def all(self, key: str) -> pd.DataFrame:
        """Every statement of `key` (none when the narrative does not state it)."""
        return self.df[self.df.kunci == key]

    def first(self, key: str) -> pd.Series | None:
        found = self.all(key)
        return found.iloc[0] if not found.empty else None

    def have(self, *keys: str) -> bool:
        return all(not self.all(key).empty for key in keys)

    def value(self, key: str) -> float:
        """The first statement's value, NaN when not stated (its checks are left out)."""
        found = self.first(key)
        return float("nan") if found is None else float(found.nilai)


def single_row(df: pd.DataFrame, **where) -> pd.Series:
    """The first row of `df` whose columns hold the values `where` gives."""
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column] == value
    return df[mask].iloc[0]


def indicator_key(text: str) -> str:
    """An indicator's name for matching across tables and reports: case and spacing
    ignored."""
    return "".join(text.split()).lower()


def polarity_of(d, indicator: str) -> str:
    """The indicator's polarity in `polaritas_indikator`; an error naming the file to fill
    where it has none."""
    table = d.polaritas_indikator
    match = table[table.indikator_kinerja.map(indicator_key) == indicator_key(indicator)]
    if match.empty:
        raise SourceError(
            _("no polarity for indicator {indicator!r}").format(indicator=indicator),
            table="polaritas_indikator",
            hint=_("Add the indicator to data/raw/<year>/polaritas_indikator.csv"),
        )
    return match.polaritas.iloc[0]
