"""Text from data is never markup: the one function that makes it safe wherever it enters
HTML, SVG or Markdown (`escape`), and the one that makes it safe in a terminal or a text file
(`printable`).

Every character that HTML or Markdown could read as markup is written as a numeric character
reference (`<` as `&#60;`, `*` as `&#42;`, a newline as `&#10;`). A browser, nbconvert's
Markdown and JupyterLab's all show such a reference as the plain character and never as
markup, so one escaped text is safe in an HTML element or attribute, in SVG and in Markdown
(no emphasis, link, heading, list, table cell, math or raw HTML can come from it).
"""

from __future__ import annotations

import re

# HTML's own specials, and every ASCII character Markdown (CommonMark, GFM tables and
# autolinks, `$` math in JupyterLab) gives a meaning; a newline would start a new block.
_SPECIAL = frozenset("&<>\"'\\`*_[](){}#+-!|~$=:@^\n\r\t")
# A dot is markup only after a leading number ("1. " starts a list) or between letters
# ("www.example.com" is linked by GFM); between digits (Rp50.193.200.643) it stays.
_MARKUP_DOT = re.compile(r"^(\d+)\.|(?<=[^\W\d])\.(?=[^\W\d])")
_LEADING_SPACE = re.compile(r"^[ ]+")  # four would start a code block


def escape(value: object) -> str:
    """`value` as text that is shown as itself in HTML, SVG and Markdown, never as markup."""
    text = "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in str(value))
    text = _MARKUP_DOT.sub(lambda m: f"{m.group(1) or ''}&#46;", text)
    return _LEADING_SPACE.sub(lambda m: "&#32;" * len(m.group(0)), text)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """`value` without control characters (escape sequences, bells, bidirectional overrides):
    what a terminal or a text file shows of it is what it says. Tabs and newlines stay."""
    return _CONTROL.sub("", str(value))


def fill(template: str, values: dict[str, object]) -> str:
    """`template` (trusted Markdown or HTML written in the code) with each `{name}` replaced
    by its value, escaped."""
    return template.format_map({name: escape(value) for name, value in values.items()})
