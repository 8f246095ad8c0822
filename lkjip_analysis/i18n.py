"""The language of what the command line says: Bahasa Indonesia, from the gettext catalog
`locale/id/LC_MESSAGES/lkjip.mo` (Babel extracts and compiles it: `make messages`), unless
`$LANGUAGE` puts English first (`LANGUAGE=en`), which gives the messages as written in the code.

Only `$LANGUAGE` is read, not `$LANG`: a server's English system locale must not turn an
Indonesian office's scheduled job into English. argparse's own texts ("usage:", "error:") go
through the same catalog.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "lkjip"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "id"
SOURCE_LANGUAGE = "en"  # the language the messages are written in, in the code


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark, translate later")
    """Mark a message for the catalog where it is defined; `_()` translates it where used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a singular and plural message pair for the catalog."""
    return singular, plural


def _(message: str) -> str:
    """`message` in the user's language."""
    return _catalog(os.environ.get("LANGUAGE", "")).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the user's language."""
    return _catalog(os.environ.get("LANGUAGE", "")).ngettext(singular, plural, count)


@lru_cache(maxsize=8)
def _catalog(wanted: str) -> gettext.NullTranslations:
    """The first language of `wanted` (`$LANGUAGE`, colon-separated) that has a catalog or
    is the source language; Indonesian when none does."""
    for language in [*filter(None, wanted.split(":")), DEFAULT_LANGUAGE]:
        code = language.split(".")[0].replace("-", "_")
        if code.split("_")[0] == SOURCE_LANGUAGE:
            return gettext.NullTranslations()
        found = gettext.find(DOMAIN, LOCALE_DIR, [code])
        if found:
            return gettext.translation(DOMAIN, LOCALE_DIR, [code])
    return gettext.NullTranslations()


# argparse's texts a user of `lkjip` can meet (as Python 3.11–3.13 write them)
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_plural("expected %s argument", "expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
)


def translate_argparse() -> None:
    """argparse's own texts through our catalog (argparse looks up its module's `_` and
    `ngettext` at each call)."""
    import argparse

    argparse._ = _
    argparse.ngettext = ngettext
