import math

import pytest

from lkjip_analysis.errors import NumberFormatError
from lkjip_analysis.numbers import (
    format_number,
    format_percent,
    format_rupiah,
    format_rupiah_short,
    parse_amount,
    parse_decimal,
    parse_percent,
)


@pytest.mark.parametrize("text, value", [
    ("1.234.567", 1234567),
    ("50.193.200.643", 50193200643),
    ("Rp. 50.193.200.643", 50193200643),
    ("Rp50.193.200.643", 50193200643),
    ("701212272", 701212272),
    ("3.426", 3426),
    ("0", 0),
    (" 92.726.000 ", 92726000),
])
def test_parse_amount_accepts_indonesian_whole_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", [
    "158.108,200",   # comma where a thousands dot belongs
    "205..778.000",  # doubled dot
    "3.497503.285",  # missing dot
    "1.030.971.00",  # short last group
    "185125.800",    # first group too long
    "2.764.842701",  # missing dot at the end
    "64.919,966",
    "47.750.00",
    "1.234,56",      # amounts are whole rupiah
    "-1.000",        # negative amount
    "12a",
    "",
    "1 234",
])
def test_parse_amount_refuses_malformed(text):
    with pytest.raises(NumberFormatError):
        parse_amount(text)


@pytest.mark.parametrize("text, marks, value", [
    ("88,60", ",", 88.6),
    ("98.29", ",.", 98.29),
    ("94,82", ",.", 94.82),
    ("100", ",", 100.0),
    ("-7,5", ",", -7.5),
])
def test_parse_decimal(text, marks, value):
    assert parse_decimal(text, marks) == pytest.approx(value)


@pytest.mark.parametrize("text, marks", [("98.29", ","), ("1.234,5", ",."), ("1,2,3", ",.")])
def test_parse_decimal_refuses_other_marks_and_grouping(text, marks):
    with pytest.raises(NumberFormatError):
        parse_decimal(text, marks)


def test_parse_percent_strips_the_sign():
    assert parse_percent("0.84 %", ",.") == pytest.approx(0.84)
    assert parse_percent("30%") == 30.0


def test_formats_are_indonesian():
    assert format_rupiah(50193200643) == "Rp50.193.200.643"
    assert format_rupiah_short(50193200643) == "Rp50,19 miliar"
    assert format_rupiah_short(92726000) == "Rp92,73 juta"
    assert format_percent(88.6) == "88,60%"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_rupiah(math.nan) == "–"


def test_numpy_numbers_are_formatted_as_numbers():
    """index.html printed `50193200643` for a numpy int64 taken for text (issue 26)."""
    import numpy as np

    from lkjip_analysis.numbers import format_value

    assert format_value(np.int64(50_193_200_643)) == "50.193.200.643"
    assert format_value(np.float64(88.6)) == "88,60"
    assert format_value(np.int32(123_456)) == "123.456"
    assert format_value("BB") == "BB"
