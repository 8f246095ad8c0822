"""One language for what the command line says: the Indonesian catalog covers every message in
the code, says the same placeholders, is compiled as committed; the CLI speaks Indonesian by
default and English with LANGUAGE=en (not because of an English LANG)."""

from __future__ import annotations

import gettext
import os
import re
import string
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from lkjip_analysis.config import PROJECT_ROOT
from lkjip_analysis.i18n import DOMAIN, LOCALE_DIR

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "N_plural": (1, 2), "ngettext": (1, 2)}


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="id")


def code_messages() -> set:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            PROJECT_ROOT / "lkjip_analysis", method_map=[("**.py", "python")],
            keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_every_message_of_the_code_is_in_the_catalog_and_translated(catalog):
    messages = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}
    missing = code_messages() - set(messages)
    assert not missing, f"run `make messages` and translate: {sorted(map(str, missing))}"
    untranslated = [key for key, m in messages.items()
                    if "fuzzy" in m.flags or not (m.string if isinstance(m.string, str)
                                                  else all(m.string))]
    assert not untranslated, untranslated


def fields(text: str) -> tuple[list, list]:
    braces = sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)
    percents = sorted(re.findall(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdrgf%]", text))
    return braces, percents


def test_a_translation_says_the_same_placeholders(catalog):
    """A `{name}` or `%s` lost or renamed in translation would fail at the moment the message
    is needed: when something has already gone wrong."""
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for translated in strings:
            assert fields(translated) == fields(ids[0]), (ids[0], translated)


def test_the_compiled_catalog_is_the_committed_one(catalog):
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id


def lkjip(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LANG")}
    return subprocess.run([sys.executable, "-m", "lkjip_analysis.cli", *args],
                          capture_output=True, text=True, env={**environment, **env},
                          timeout=60)


def test_the_command_line_speaks_indonesian(tmp_path):
    missing = lkjip("build", "--year", "1999", "--data-dir", str(tmp_path))
    assert missing.returncode == 1
    assert "GALAT tidak ada data tahun 1999 di " in missing.stderr, missing.stderr
    wrong = lkjip("extract", "--year", "20")
    assert wrong.returncode == 2
    assert "penggunaan: lkjip extract" in wrong.stderr
    assert "argumen --year: tahun adalah empat angka dari 1900 sampai 2100, bukan '20'" in \
        wrong.stderr
    assert "opsi:" in lkjip("verify", "--help").stdout


def test_english_when_asked_not_because_of_the_system_locale(tmp_path):
    asked = lkjip("build", "--year", "1999", "--data-dir", str(tmp_path), LANGUAGE="en")
    assert "ERROR no data for year 1999 in " in asked.stderr, asked.stderr
    assert "usage: lkjip" in lkjip("extract", "--bogus", LANGUAGE="en_GB:id").stderr
    server = lkjip("build", "--year", "1999", "--data-dir", str(tmp_path), LANG="en_US.UTF-8")
    assert "tidak ada data tahun 1999" in server.stderr, server.stderr


def test_the_explorer_speaks_the_same_language(monkeypatch):
    from lkjip_analysis.jelajah import Selection, label

    smallest = Selection(2020, "APBN", "unit_kerja", "serapan", 3, lowest=True)
    assert smallest.title == "Serapan APBN 2020 per sumber dana (3 terbawah)"
    assert label("save") == "Simpan ke Excel"
    monkeypatch.setenv("LANGUAGE", "en")
    assert smallest.title == "Absorption APBN 2020 by source of funds (3 smallest)"
    assert label("save") == "Save to Excel"


def test_help_placeholders_are_indonesian(capsys):
    from lkjip_analysis.cli import main

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    usage = capsys.readouterr().out
    assert "--year TAHUN" in usage and "--wait DETIK" in usage and "--data-dir FOLDER" in usage
    assert "YEAR" not in usage and "SECONDS" not in usage


def test_the_lock_message_names_the_year(tmp_path):
    from lkjip_analysis.safety.lock import BusyError, year_lock

    lock = tmp_path / ".2021.lock"
    with year_lock(lock), pytest.raises(BusyError, match="proses lkjip lain untuk tahun 2021"), \
            year_lock(lock):
        pass


def test_the_audit_summary_line_goes_through_the_catalog(monkeypatch):
    """`LANGUAGE=en lkjip audit` printed `141 pemeriksaan: 99 cocok, 42 tidak cocok`: the line
    was written in Indonesian by hand (issue 35)."""
    import pandas as pd

    from lkjip_analysis.audit import summary

    findings = pd.DataFrame({"status": ["cocok", "cocok", "tidak_cocok", "tidak_disebut"]})
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert summary(findings) == "3 pemeriksaan: 2 cocok, 1 tidak cocok; 1 angka tidak lagi " \
                                "disebut narasi"
    monkeypatch.setenv("LANGUAGE", "en")
    assert summary(findings) == ("3 checks: 2 agree, 1 do not agree; 1 figures the narrative "
                                 "no longer states")


def test_reading_the_narrative_needs_the_family_s_figures():
    """`read_facts(document)` raised a TypeError from its own default (`load_figures()`
    needs the family's file): the figures are a required argument, named in its signature."""
    import inspect

    from lkjip_analysis.families.fakta import read_facts

    assert inspect.signature(read_facts).parameters["figures"].default is inspect.Parameter.empty
