"""What each version of the report shows. Both come from one run of the notebooks: the
auditor's carries every trace (file and column names, source lines), the reader's plain
sentences. An output meant for one version only carries `AUDIENCE: "auditor"` or `"pembaca"`
in its metadata, and the export of the other version leaves it out (pipeline.combine)."""

from __future__ import annotations

import os
import re

AUDIENCE = "lkjip_untuk"
# Set for the kernels of a report run (`lkjip build`, `lkjip run`): only then are both versions
# written; a notebook opened in JupyterLab shows the auditor's, once
BOTH_VERSIONS = "LKJIP_DUA_VERSI"
# Columns that say where a value came from: the auditor's, not the reader's
TRACE_COLUMNS = frozenset({"baris_sumber", "halaman", "baris_rumus", "baris_sumber_kategori",
                           "sumber", "sumber_pembanding", "berkas", "kutipan"})
_FOR_AUDITOR = re.compile(r"\[\[(.*?)(?:\|\|(.*?))?\]\]", re.S)
# a line reference inside text from data (`(baris 287)`, `Tabel 14 baris 680`, a correction's
# reason naming another's line: `bersama koreksi baris 714`)
_LINE_REFERENCE = re.compile(r"\s*\(baris \d+(?:[–-]\d+)?\)|(?<=\bTabel \d\d) baris \d+"
                             r"|(?<=\bTabel \d) baris \d+|,\s*baris \d+(?=\))"
                             r"|(?<=[^\W\d]) baris \d+(?:[–-]\d+)?"  # `koreksi baris 714`
                             r"|\s*\([a-z][a-z0-9]*(?:_[a-z0-9]+)+\)")  # a figure's code name


def both_versions() -> bool:
    """True in a report run, where every output meant for one version is written for each."""
    return os.environ.get(BOTH_VERSIONS) == "1"


def for_audiences(template: str) -> tuple[str, str]:
    """`template` as the auditor reads it and as the reader does: a part written
    `[[for the auditor||for the reader]]` (or `[[for the auditor]]`: nothing for the reader)
    differs between the two."""
    auditor = _FOR_AUDITOR.sub(lambda m: m.group(1), template)
    reader = _FOR_AUDITOR.sub(lambda m: m.group(2) or "", template)
    return auditor, reader


def without_line_references(text: str) -> str:
    """`text` for the reader: `(baris 287)`, `Tabel 14 baris 680`'s line, `(…, baris 680)`'s
    line and a figure's code name (`(uep_sasaran)`) left out."""
    return _LINE_REFERENCE.sub("", text)
