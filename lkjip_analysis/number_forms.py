"""A cell read as a number only where its form is certain, and how it is written kept beside.

Real reports print numbers in several forms, sometimes in one column: Indonesian (`1.234.567,89`,
`94,3`), English (`13,220,194,044,025.30`, `76.30`), with `Rp`, `%` or spaces. A form is certain
when it can be read only one way: a comma before one, two or four or more digits is a decimal
comma; a dot before one, two or four or more digits is a decimal point; two or more groups of
three are grouping. One group of three (`370.000`, `1,500`) is grouping or decimals: it is read
only when the column's other cells show which convention it follows (`0,315` is decimals: a
group never starts with 0). Anything else (`Level 3
(3,35)`, `BB`, `17,833,004,534,00`) has no number; a cell that looks like a number but cannot be
read with certainty says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import _

ID, EN = "id", "en"
# `Rp`, `%`, the round amount's `,-` (`3.600.000.000,-`) and a footnote's `*` (`203,440*`)
_AFFIXES = re.compile(r"^(?:rp\.?)\s*|\s*(?:%|[,.]-|\*+)$", re.I)
_INTEGER = re.compile(r"^-?\d{1,18}$")
_ID_DECIMAL = re.compile(r"^-?\d{1,18},(?:\d{1,2}|\d{4,8})$")
_EN_DECIMAL = re.compile(r"^-?\d{1,18}\.(?:\d{1,2}|\d{4,8})$")
_ID_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3}){2,5}(?:,\d{1,8})?$|^-?\d{1,3}\.\d{3},\d{1,8}$")
_EN_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3}){2,5}(?:\.\d{1,8})?$|^-?\d{1,3},\d{3}\.\d{1,8}$")
_ONE_DOT_GROUP = re.compile(r"^-?\d{1,3}\.\d{3}$")
_ONE_COMMA_GROUP = re.compile(r"^-?\d{1,3},\d{3}$")
_NUMERIC = re.compile(r"^-?[\d.,\s]*\d[\d.,\s]*$")
_LEADING_ZERO = re.compile(r"^-?0[.,]\d{1,8}$")  # `0,315`: a group never starts with 0


@dataclass(frozen=True)
class Reading:
    """A cell's number (None where it has none) and, where it looks numeric but is not read,
    why."""

    value: float | None
    doubt: str = ""


def convention(texts: list[str]) -> str | None:
    """The number convention a column's cells show with certainty (ID or EN), or None when
    they show none or both."""
    shown = conventions(texts)
    return shown.pop() if len(shown) == 1 else None


def conventions(texts: list[str]) -> set[str]:
    """The number conventions the cells show with certainty (ID, EN, both or none)."""
    shown = set()
    for text in texts:
        body = _body(text)
        if _ID_GROUPED.match(body) or _ID_DECIMAL.match(body):
            shown.add(ID)
        elif _EN_GROUPED.match(body):
            shown.add(EN)
    return shown


def read_number(text: str, column_convention: str | None = None) -> Reading:
    """`text` as a number where its form is certain (see the module's description)."""
    body = _body(text)
    if not body or not _NUMERIC.match(body):
        return Reading(None)
    if " " in body:
        return Reading(None, _("{text!r} holds a space: one number, or two run together?").format(
            text=text))
    plain = body
    if _INTEGER.match(plain):
        return Reading(float(plain))
    if _LEADING_ZERO.match(plain):
        return Reading(float(plain.replace(",", ".")))
    if _ID_DECIMAL.match(plain) or _ID_GROUPED.match(plain):
        return Reading(_id(plain))
    if _EN_DECIMAL.match(plain) or _EN_GROUPED.match(plain):
        return Reading(float(plain.replace(",", "")))
    if _ONE_DOT_GROUP.match(plain) or _ONE_COMMA_GROUP.match(plain):
        if column_convention == ID:
            return Reading(_id(plain))
        if column_convention == EN:
            return Reading(float(plain.replace(",", "")))
        return Reading(None, _("{text!r} is grouping or decimals, and its column does not show "
                               "which").format(text=text))
    return Reading(None, _("{text!r} is in no certain number form").format(text=text))


def well_formed(text: str) -> bool:
    """True when `text` is one whole number in some convention (`700.000`, `1.234,5`, `96,5%`),
    not a fragment (`3.787.06`, `29.`)."""
    body = _body(text)
    return " " not in body and any(pattern.match(body) for pattern in (
        _INTEGER, _LEADING_ZERO, _ID_DECIMAL, _ID_GROUPED, _EN_DECIMAL, _EN_GROUPED,
        _ONE_DOT_GROUP, _ONE_COMMA_GROUP))


def _body(text: str) -> str:
    return _AFFIXES.sub("", " ".join(text.split())).strip()


def _id(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))
