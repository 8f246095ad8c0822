"""Figures stated only in the narrative, found by what they say, not by one sentence.

Each figure is described as data (the family's `narasi.yaml`, which a year may override or
extend with `data/raw/<year>/narasi.yaml`): the words its paragraph speaks of (`konteks`), how
the number is written (`unit`: a percentage, an amount of rupiah, or the words after it), and
the words that mark it (`penanda`). A paragraph is read number by number: each number with a
known unit belongs to the figure whose marker stands nearest before it, looking back no
further than the previous number (a number in apposition, "20 KUBE (200 KK)", "55 KK dan 1
MCK", shares its predecessor's markers); a number without any marker belongs to the figure
that takes unmarked numbers of its unit (`bawaan`). Categories (SAKIP "B meningkat menjadi BB",
"tetap BB") are read as a pair. A figure the narrative does not state is a row without value,
`ditemukan` false: it never stops anything. A figure stated twice keeps both rows.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ..errors import NumberFormatError, SourceError
from ..i18n import _
from ..numbers import parse_amount, parse_decimal
from ..reading import yamlfile
from ..reading.source import CAPTION, Document

log = logging.getLogger("lkjip")
COLUMNS = ["kunci", "uraian", "subjek", "nilai", "teks", "satuan", "baris_sumber", "kutipan",
           "ditemukan"]
PERCENT, RUPIAH = "persen", "rupiah"
_NUMBER = re.compile(
    r"(?P<rp>\bRp\.?\s*)?(?<![\d.,])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d]|[.,]\d)(?P<pct>\s*(?:%|persen\b))?", re.I)
_SPELLED = re.compile(r"^\s*\([^)\d]*\)")  # "80 (Delapan Puluh) anak"
# "Rp50,25 miliar": a rounded amount, never compared as if exact; it only ends a region
_SCALED = re.compile(r"^\s*(?:ribu|juta|miliar|milyar|triliun)\b", re.I)
SCALED = "skala"
# What joins a number to the one before it in apposition: "20 KUBE (200 KK)", "55 KK dan 1 MCK"
_CONNECTOR = re.compile(r"^\s*(?:[(),;]|atau|dan|serta|yaitu|=)[\s(),;]*$", re.I)
_REGION = 400  # characters a marker may stand before its number, at most
_CATEGORY = re.compile(r"(?<![\w.])(AA|A|BB|B|CC|C|D)(?![\w])")
_TARGET_LAST = re.compile(r"\btarget\s*$", re.I)
# "BB, naik dari B": the category written after "dari" is the earlier year's
_FROM = re.compile(r"\bdari\s*$", re.I)
_CHANGE = re.compile(r"\b(?:meningkat|naik|menjadi|turun|menurun|berubah|ke)\b", re.I)
_STEADY = re.compile(r"\b(?:tetap|masih|sama|bertahan|tidak berubah|stabil)\b", re.I)
_UPTD_NAME = re.compile(r"UPTD (?P<nama>[A-Z][^()]*?)\s*\(?[^()]*$")
_HEADING_UPTD = re.compile(r"^(?:[a-z]\.\s*)?UPTD (?P<subjek>.+?)[.*\s]*$")
_MARKUP = re.compile(r"^[#>*\s-]*(?:[a-z]\.\s+)?|</?b>|\*")


@dataclass(frozen=True)
class Figure:
    """One narrative figure as `narasi.yaml` describes it."""

    key: str
    uraian: str
    satuan: str
    kind: str
    unit: tuple[str, ...] | str
    context: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...]
    markers: tuple[str, ...]
    not_markers: tuple[str, ...]
    default: bool
    not_the_target: bool
    subject: str
    partner: str
    partner_uraian: str


@dataclass(frozen=True)
class Number:
    """A number in a paragraph: its value text, where it stands, and how it is written."""

    raw: str
    start: int
    end: int  # after its unit
    unit: str  # PERCENT, RUPIAH, or the unit word as written (lower case)


def load_figures(descriptions: Path, year_file: Path | None = None) -> tuple[Figure, ...]:
    """The figures a family's `descriptions` (its `narasi.yaml`) describes, a year's own file
    replacing or adding entries; an entry is checked against the file it comes from."""
    entries = {key: (entry, descriptions)
               for key, entry in _package_entries(descriptions).items()}
    if year_file is not None and year_file.exists():
        entries |= {key: (entry, year_file)
                    for key, entry in _read_entries(year_file, descriptions).items()}
    return tuple(_figure(key, entry, path, descriptions)
                 for key, (entry, path) in entries.items())


@cache
def _package_entries(path: Path) -> dict:
    return _read_entries(path, path)


def _read_entries(path: Path, descriptions: Path) -> dict:
    hint = _("See the format at the top of {file}: `angka:` then one entry per key").format(
        file=descriptions)
    data = yamlfile.read(path, hint)[0]
    if not isinstance(data, dict) or not isinstance(data.get("angka"), dict):
        raise SourceError(_("narasi.yaml must hold `angka:` with one entry per key"),
                          file=path, hint=hint)
    return data["angka"]


KINDS = ("bilangan", "desimal", "kategori")
_WORD_LISTS = ("penanda", "bukan")
_GROUP_LISTS = ("konteks", "kecuali")
_FLAGS = ("bawaan", "bukan_target")
_TEXTS = ("uraian", "satuan", "subjek", "pasangan", "uraian_pasangan")
_KEYS = {"jenis", "unit", *_WORD_LISTS, *_GROUP_LISTS, *_FLAGS, *_TEXTS}


def _figure(key: str, entry: object, path: Path, descriptions: Path) -> Figure:
    """One entry, every field checked: a typo or a wrong shape is refused, naming the entry,
    never read as something else."""
    def refuse(message: str) -> SourceError:
        return SourceError(message, file=path, table="Narasi", column=str(key),
                           hint=_("See the format at the top of {file}").format(file=descriptions))

    if not isinstance(entry, dict) or not {"uraian", "satuan", "jenis"} <= set(entry):
        raise refuse(_("narasi.yaml: the entry {key} needs uraian, satuan and jenis").format(
            key=key))
    unknown = sorted(map(str, set(entry) - _KEYS))
    if unknown:
        raise refuse(_("narasi.yaml: the entry {key} has unknown fields: {fields}").format(
            key=key, fields=", ".join(unknown)))
    if entry["jenis"] not in KINDS:
        raise refuse(_("narasi.yaml: the entry {key} has jenis {kind!r}; it must be one of "
                       "{kinds}").format(key=key, kind=str(entry["jenis"]), kinds=", ".join(KINDS)))
    for field in _TEXTS:
        if field in entry and not isinstance(entry[field], str):
            raise refuse(_("narasi.yaml: {field} of the entry {key} must be a text").format(
                field=field, key=key))
    for field in _FLAGS:
        if field in entry and not isinstance(entry[field], bool):
            raise refuse(_("narasi.yaml: {field} of the entry {key} must be true or false").format(
                field=field, key=key))
    unit = entry.get("unit", [])
    words = {field: _words(entry.get(field, []), field, key, refuse)
             for field in (*_WORD_LISTS, "unit") if field != "unit" or not isinstance(unit, str)}
    groups = {field: tuple(_words(group, field, key, refuse)
                           for group in _list(entry.get(field, []), field, key, refuse))
              for field in _GROUP_LISTS}
    return Figure(
        key=key, uraian=entry["uraian"], satuan=entry["satuan"], kind=entry["jenis"],
        unit=unit if isinstance(unit, str) else words["unit"],
        context=groups["konteks"], exclude=groups["kecuali"],
        markers=words["penanda"], not_markers=words["bukan"],
        default=entry.get("bawaan", False), not_the_target=entry.get("bukan_target", False),
        subject=entry.get("subjek", ""), partner=entry.get("pasangan", ""),
        partner_uraian=entry.get("uraian_pasangan", ""))


def _list(value, field: str, key: str, refuse) -> list:
    if not isinstance(value, list):
        raise refuse(_("narasi.yaml: {field} of the entry {key} must be a list").format(
            field=field, key=key))
    return value


def _words(value, field: str, key: str, refuse) -> tuple[str, ...]:
    """A list of words (a number written as a word is a word)."""
    items = _list(value, field, key, refuse)
    if not all(isinstance(item, str | int | float) and not isinstance(item, bool)
               for item in items):
        raise refuse(_("narasi.yaml: {field} of the entry {key} must be a list of words").format(
            field=field, key=key))
    return tuple(str(item) for item in items)


# --- reading ---------------------------------------------------------------------------------

def read_facts(document: Document, figures: tuple[Figure, ...]) -> pd.DataFrame:
    """Every narrative figure of `figures` (a family's, `load_figures`) the document states (a
    row per statement, in document order), and a row without value for each it does not."""
    records = []
    for line, text in _paragraphs(document):
        present = [f for f in figures if _speaks_of(text, f)]
        if present:
            records += _numbers_of(document, line, text, present)
            records += _categories_of(line, text, [f for f in present if f.kind == "kategori"])
    records.sort(key=lambda r: (r["baris_sumber"], r["_pos"]))
    stated = {r["kunci"] for r in records}
    for figure in figures:
        for key, uraian in _keys_of(figure):
            if key not in stated:
                log.warning(_("the narrative does not state %s (%s): recorded without a value"),
                            uraian, key)
                records.append(_record(key, uraian, figure.satuan, float("nan"), "", 0, "",
                                       found=False))
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _keys_of(figure: Figure) -> list[tuple[str, str]]:
    keys = [(figure.key, figure.uraian)]
    if figure.partner:
        keys.append((figure.partner, figure.partner_uraian or figure.uraian))
    return keys


def _record(key, uraian, satuan, value, text, line, quote, subject="", found=True, pos=0):
    return {"kunci": key, "uraian": uraian, "subjek": subject, "nilai": value, "teks": text,
            "satuan": satuan, "baris_sumber": line, "kutipan": quote[:300], "ditemukan": found,
            "_pos": pos}


def _paragraphs(document: Document):
    """(line, text) of every narrative line: not a table row, not a caption."""
    for number, line in enumerate(document.lines, start=1):
        if "\t" in line or CAPTION.match(line) or not line.strip():
            continue
        yield number, _MARKUP.sub(" ", line).strip()


@cache
def _phrase(phrase: str) -> re.Pattern:
    """A phrase as whole words, any spacing, any case."""
    words = r"\s+".join(map(re.escape, phrase.split()))
    return re.compile(rf"(?<!\w){words}(?!\w)", re.I)


def _has(text: str, phrase: str) -> bool:
    return _phrase(phrase).search(text) is not None


def _speaks_of(text: str, figure: Figure) -> bool:
    return (all(any(_has(text, w) for w in group) for group in figure.context)
            and not any(any(_has(text, w) for w in group) for group in figure.exclude))


def _numbers(text: str, units: set[str]) -> list[Number]:
    """The numbers of a paragraph that carry a unit some figure uses (years left out)."""
    found = []
    longest_first = sorted(units, key=len, reverse=True)
    for match in _NUMBER.finditer(text):
        raw, after = match.group("num"), text[match.end():]
        if _SCALED.match(after):
            found.append(Number(raw, match.start("num"), match.end(), SCALED))
            continue
        if match.group("pct"):
            found.append(Number(raw, match.start("num"), match.end(), PERCENT))
            continue
        spelled = _SPELLED.match(after)
        rest = after[spelled.end():] if spelled else after
        word = next((u for u in longest_first
                     if re.match(rf"\s*{re.escape(u)}(?!\w)", rest, re.I)), None)
        if word:
            end = match.end() + (spelled.end() if spelled else 0) + \
                re.match(rf"\s*{re.escape(word)}", rest, re.I).end()
            found.append(Number(raw, match.start("num"), end, word.lower()))
        elif match.group("rp") or re.match(r"\s*rupiah\b", after, re.I) or raw.count(".") >= 2:
            start = match.start("rp") if match.group("rp") else match.start("num")
            found.append(Number(raw, start, match.end(), RUPIAH))
    return found


def _unit_of(figure: Figure) -> set[str]:
    return {figure.unit} if isinstance(figure.unit, str) else {u.lower() for u in figure.unit}


def _numbers_of(document: Document, line: int, text: str, present: list[Figure]) -> list[dict]:
    counted = [f for f in present if f.kind != "kategori"]
    words = {u for f in counted if not isinstance(f.unit, str) for u in f.unit}
    records, region_start, previous = [], 0, None
    for number in _numbers(text, words):
        between = text[previous.end:number.start] if previous else ""
        if previous is None or not _CONNECTOR.match(between):
            region_start = previous.end if previous else 0
        previous = number
        region = text[max(region_start, number.start - _REGION):number.start]
        figure = _owner(region, number, counted)
        value = _value(figure, number.raw, document, line) if figure else None
        if value is None:
            continue
        quote = text[region_start:number.end].strip(" ,.;")
        subject = _subject(document, line, text[:number.start]) if figure.subject else ""
        records.append(_record(figure.key, figure.uraian, figure.satuan, value, "", line, quote,
                               subject, pos=number.start))
    return records


def _owner(region: str, number: Number, figures: list[Figure]) -> Figure | None:
    """The figure a number belongs to: the one whose marker stands last in `region` (the text
    since the previous number), the longest marker where two end together, unless a word
    saying the number is something else (`bukan`) stands after it; else the one that takes
    unmarked numbers of this unit."""
    candidates = [f for f in figures if number.unit in _unit_of(f)]
    if _TARGET_LAST.search(region):  # "melampaui target 1,5%": the number is the target
        candidates = [f for f in candidates if not f.not_the_target]
    while candidates:
        best, is_marker = _last_marker(region, candidates)
        if best is None:
            break
        if is_marker:
            return best
        candidates.remove(best)
    defaults = [f for f in candidates if f.default]
    return defaults[0] if len(defaults) == 1 else None


def _last_marker(region: str, figures: list[Figure]) -> tuple[Figure | None, bool]:
    """The figure whose marker (True) or `bukan` word (False) stands last in `region`."""
    best, best_key = (None, False), (-1, -1)
    for figure in figures:
        for words, is_marker in ((figure.markers, True), (figure.not_markers, False)):
            for word in words:
                for match in _phrase(word).finditer(region):
                    key = (match.end(), match.end() - match.start())
                    if key > best_key:
                        best, best_key = (figure, is_marker), key
    return best


def _value(figure: Figure, raw: str, document: Document, line: int) -> float | None:
    """The number's value, or None (and a warning) when it cannot be read exactly: a narrative
    number is never guessed, and never stops the extraction."""
    whole = re.sub(r",0+$", "", raw) if figure.kind == "bilangan" else raw
    try:
        return parse_amount(whole) if figure.kind == "bilangan" else parse_decimal(raw, ",.")
    except NumberFormatError as exc:
        log.warning(_("%s line %d: the number %r for %s cannot be read (expected %s): "
                      "skipped"), document.path, line, raw, figure.key, exc.expected)
        return None


def _subject(document: Document, line: int, before: str) -> str:
    """The UPTD a capacity is stated for: named just before it, else the section's heading."""
    named = _UPTD_NAME.search(before.rsplit(")", 1)[-1])
    if named:
        return named.group("nama").strip()
    for number in range(line - 1, 0, -1):
        match = _HEADING_UPTD.match(_MARKUP.sub(" ", document.line(number)).strip())
        if match:
            return match.group("subjek")
    return ""


def _categories_of(line: int, text: str, figures: list[Figure]) -> list[dict]:
    """A category and the one before it: "B meningkat menjadi BB" (two), "tetap BB" (both)."""
    records = []
    for figure in figures:
        marked = [m for m in _CATEGORY.finditer(text)
                  if any(_has(text[max(0, m.start() - 40):m.start()].split(".")[-1], w)
                         for w in figure.markers)]
        if not marked:
            continue
        last = marked[-1]
        if len(marked) >= 2 and _CHANGE.search(text[marked[-2].end():last.start()]):
            before = marked[-2]
            if _FROM.search(text[:last.start()]):
                before, last = last, before
        elif _STEADY.search(text[:last.start()]):
            before = last
        else:
            before = None
        both = [last] if before is None else [before, last]
        first = min(m.start() for m in both)
        quote = text[max(0, first - 40):max(m.end() for m in both)]
        records.append(_record(figure.key, figure.uraian, figure.satuan, float("nan"),
                               last.group(1), line, quote, pos=first + 1))
        if before is not None and figure.partner:
            records.append(_record(figure.partner, figure.partner_uraian, figure.satuan,
                                   float("nan"), before.group(1), line, quote, pos=first))
    return records
