"""Indonesian numbers: strict parsing of the report's text, formatting through Babel.

In Indonesian `.` groups thousands and `,` marks decimals (`1.234.567,89`). The report is not
consistent about percentages (`94,82` beside `99.16`), so each column says which decimal marks it
accepts; an amount column accepts whole rupiah only, grouped by threes or not grouped at all.
"""

from __future__ import annotations

import re
from numbers import Real

import numpy as np
import pandas as pd
from babel.numbers import format_compact_decimal, format_currency, format_decimal

from .errors import NumberFormatError
from .i18n import _

LOCALE = "id_ID"
MISSING_MARKERS = frozenset({"", "-"})
MAX_DIGITS = 18  # a number of more digits is no report's figure (and no float holds it exactly)

_GROUPED_INTEGER = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN_INTEGER = re.compile(r"\d+")
_CURRENCY_PREFIX = re.compile(r"^Rp\.?\s*", re.IGNORECASE)


def is_missing(text: str | None) -> bool:
    """True for an empty cell or the report's dash for 'nothing'."""
    return text is None or text.strip() in MISSING_MARKERS


def parse_amount(text: str) -> int:
    """Parse whole rupiah or a count: `50.193.200.643`, `Rp. 3.426`, `701212272`.

    Groups of exactly three digits after the first, separated by `.`; a decimal part is refused
    because the report states amounts in whole rupiah.
    """
    body = _CURRENCY_PREFIX.sub("", text.strip())
    if ((_GROUPED_INTEGER.fullmatch(body) or _PLAIN_INTEGER.fullmatch(body))
            and len(body.replace(".", "")) <= MAX_DIGITS):
        return int(body.replace(".", ""))
    raise NumberFormatError(text, _("a whole amount with dots grouping thousands (e.g. "
                                    "1.234.567)"))


def parse_decimal(text: str, marks: str = ",") -> float:
    """Parse a decimal number whose decimal mark is one of `marks` and that has no grouping.

    `parse_decimal("88,60")` is 88.6; `parse_decimal("98.29", marks=",.")` is 98.29.
    """
    body = text.strip()
    digits = rf"\d{{1,{MAX_DIGITS}}}"
    pattern = rf"-?{digits}(?:[{re.escape(marks)}]{digits})?"
    if not re.fullmatch(pattern, body):
        shown = _(" or ").join(repr(m) for m in marks)
        raise NumberFormatError(text, _("a decimal number with {marks} as its decimal mark")
                                .format(marks=shown))
    return float(body.replace(",", "."))


def parse_percent(text: str, marks: str = ",") -> float:
    """Parse a percentage in percent units, with or without its sign: `0.84 %` is 0.84."""
    return parse_decimal(text.strip().removesuffix("%").rstrip(), marks)


def format_rupiah(value: float) -> str:
    """`Rp50.193.200.643`: whole rupiah, Indonesian grouping."""
    if _is_nan(value):
        return "–"
    return format_currency(
        round(value), "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False
    )


def format_rupiah_short(value: float, digits: int = 2) -> str:
    """`Rp50,19 miliar`: rupiah in the largest Indonesian unit (ribu, juta, miliar, triliun)."""
    if _is_nan(value):
        return "–"
    words = format_compact_decimal(
        value, format_type="long", locale=LOCALE, fraction_digits=digits
    )
    return f"Rp{words}"


def format_percent(value: float, digits: int = 2) -> str:
    """`88,60%` from 88.6 (the value is already in percent units)."""
    if _is_nan(value):
        return "–"
    return format_number(value, digits) + "%"


def format_number(value: float, digits: int = 0) -> str:
    """`1.234,5` style with a fixed number of decimals."""
    if _is_nan(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def _is_nan(value) -> bool:
    """True for None, NaN and pandas' NA."""
    return value is None or bool(pd.isna(value))


def format_value(value) -> str:
    """A figure that may be a whole number, a decimal or a text (an audit's `dilaporkan`):
    `26.661.611.467`, `88,60`, `BB`."""
    if value is None or (not isinstance(value, str) and _is_nan(value)):
        return ""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        return str(value)  # numpy's integers and floats are numbers too, not text
    return format_number(value, 0 if float(value).is_integer() else 2)
