"""What a column of a SAKIP table holds, from its header's words: a meaning and its qualifiers.

A column's header is the text of its header rows, top to bottom (`Anggaran > Realisasi`). Its
meaning is the first rule whose words it holds (`capaian` and `%` before `realisasi` before
`target`, so `Capaian thd Target (%)` and `Realisasi Anggaran (%)` are a capaian, and a
realisation under a spanning "Anggaran" is the realisation). Its qualifiers say which one
(DESIGN.md, "Any agency"):

| qualifier | from | e.g. |
| --- | --- | --- |
| `year` | a year it names | `Realisasi > 2016`, `Capaian Tahun 2015` |
| `relative` | `lalu` for last year named without its number | `Capaian Thn Lalu` |
| `horizon` | `rencana` (plan's end), `kumulatif` (`s.d.`), `awal` | `Target Akhir Renstra` |

A plan named without its end (`Target P.RPJMD`, `Target RPJMD 2016`) is the plan's target for
that year: a year other than the report's keeps it out of the core (`Target 2018 (RPJMD)`).
| `statistic` | `agregat` | `Rata-rata Capaian`, `Jumlah` |
| `kind` | `fisik`, `keuangan`, `kinerja` | `Realisasi Keuangan (Rp)`, `FISIK %` |
| `scope` | `nasional` | `Standar Nasional`, `Capaian Nasional` |

A header without a known word means nothing here, and its column is not read. Two columns mean
the same only where meaning and every qualifier agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reading.source import normalise

NO, SASARAN, INDIKATOR, SATUAN, TARGET, REALISASI, CAPAIAN = (
    "no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian")
URAIAN, ANGGARAN, KODE = "uraian", "anggaran", "kode"
EFISIENSI = "efisiensi"
PLAN, CUMULATIVE, BASELINE = "rencana", "kumulatif", "awal"
AGGREGATE = "agregat"
PHYSICAL, FINANCIAL, PERFORMANCE = "fisik", "keuangan", "kinerja"
NATIONAL = "nasional"
LAST_YEAR = "lalu"
# a remainder or a difference of other columns (`Sisa Anggaran`, `Selisih`): no core meaning
_DERIVED = ("sisa", "selisih", "percepatan", "perlambatan")
# (meaning, words any of which name it, words none of which may be there), in order
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (EFISIENSI, ("efisiensi",), ()),
    (CAPAIAN, ("capaian", "thd", "thdp", "terhadap", "penyerapan", "serapan"), ()),
    (CAPAIAN, ("%", "persentase", "persen", "prosentase"), ("target",)),
    (REALISASI, ("realisasi", "kondisi awal", "baseline"), ()),
    (TARGET, ("target", "standar"), ()),
    (SATUAN, ("satuan",), ()),
    (INDIKATOR, ("indikator", "iku", "ikd"), ()),
    (SASARAN, ("sasaran",), ()),
    (KODE, ("kode", "kode rekening"), ()),
    (ANGGARAN, ("anggaran", "pagu", "alokasi", "dpa"), ()),
    (URAIAN, ("program", "kegiatan", "sub kegiatan", "uraian", "perangkat daerah", "opd",
              "skpd", "unit kerja", "nama", "pembiayaan"), ()),
    (NO, ("no", "nomor"), ()),
)
_QUALIFIERS: tuple[tuple[str, str, re.Pattern], ...] = (
    # the plan's end: `Akhir`, or measured against the plan; a plan's own target for a year
    # (`Target P.RPJMD`, `Target RPJMD 2016`) is that year's target
    ("horizon", PLAN, re.compile(r"\b(?:akhir|jangka menengah)\b|\b(?:thd|thdp|terhadap)\b.*"
                                 r"\b(?:renstra|rpjmd|rpjmn|rpjm)(?![a-z])")),
    ("horizon", CUMULATIVE, re.compile(r"\bs\s*[./]?\s*d\b|\bsampai\b")),
    ("horizon", BASELINE, re.compile(r"\bkondisi awal\b|\bbaseline\b")),
    ("statistic", AGGREGATE, re.compile(r"\brata\W*rata\b|\bjumlah\b|\btotal\b")),
    ("kind", PHYSICAL, re.compile(r"\bfisi?k\b")),
    ("kind", FINANCIAL, re.compile(r"\bkeu(?:angan)?\b|\brp\b|\banggaran\b|\bpagu\b")),
    ("kind", PERFORMANCE, re.compile(r"\bkinerja\b")),
    ("scope", NATIONAL, re.compile(r"\bnasional\b|\bstandar\b")),
    ("relative", LAST_YEAR, re.compile(r"\b(?:tahun|thn|th)\.?\s+lalu\b|\bsebelumnya\b")),
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# a budget's realisation given as a share of it: `%` under it (`Realisasi Anggaran > (%)`,
# `Realisasi > Keuangan > (%)`, `Keu %`); a physical one in % stays a realisation (`Fisik %`)
_SHARE = re.compile(r">\s*\(?%\)?\s*$|\bkeu\w*\W*%")
_PHYSICAL = re.compile(r"\bfisi?k\b")
_NUMBER_OF = re.compile(r"^(?:no|nomor)\b")  # `Nomor Indikator`: the indicator's number


@dataclass(frozen=True)
class Column:
    """A column's meaning and its qualifiers (empty where the header says none)."""

    meaning: str | None
    year: int | None = None
    relative: str = ""
    horizon: str = ""
    statistic: str = ""
    kind: str = ""
    scope: str = ""

    def qualifiers(self) -> tuple:
        return (self.year, self.relative, self.horizon, self.statistic, self.kind, self.scope)

    def of_year(self, year: int | None, kinds: tuple[str, ...]) -> bool:
        """Whether the column is the plain annual one of `year` (its own year, or none named),
        of one of `kinds` (`""` for a column that names none)."""
        return (not (self.relative or self.horizon or self.statistic or self.scope)
                and self.kind in kinds and (self.year is None or self.year == year))


def column_of(header: str) -> Column:
    """The meaning and qualifiers of a column header (its names joined by ` > `)."""
    meaning = meaning_of(header)
    if meaning is None:
        return Column(None)
    raw = " ".join(header.replace(">", " ").lower().split())
    if meaning == REALISASI and _SHARE.search(header.lower()) and not _PHYSICAL.search(raw):
        meaning = CAPAIAN  # `Realisasi Anggaran > (%)`: the share realised
    found: dict[str, str] = {}
    for name, value, pattern in _QUALIFIERS:
        if name not in found and pattern.search(raw):
            found[name] = value
    if meaning in (ANGGARAN, URAIAN, KODE, NO, SASARAN, INDIKATOR, SATUAN):
        found = {k: v for k, v in found.items() if k == "horizon"}  # text and amounts: as such
    elif found.get("kind") == FINANCIAL and meaning == ANGGARAN:
        found.pop("kind")
    years = [int(y) for y in _YEAR.findall(raw)]
    year = years[-1] if found.get("horizon") == CUMULATIVE and years else (
        years[0] if years else None)
    return Column(meaning, year, **found)


def meaning_of(header: str) -> str | None:
    """The meaning of a column header, or None."""
    text = normalise(header.replace(">", " "))
    words = set(text.replace("/", " ").split())
    if words & set(_DERIVED):
        return None
    if _NUMBER_OF.match(text):
        return NO
    for meaning, named, excluded in _RULES:
        if any(_holds(text, words, w) for w in named) and not any(
                _holds(text, words, w) for w in excluded):
            return meaning
    return None


def _holds(text: str, words: set[str], phrase: str) -> bool:
    if " " in phrase:
        return re.search(rf"\b{re.escape(phrase)}\b", text) is not None
    return phrase in words
