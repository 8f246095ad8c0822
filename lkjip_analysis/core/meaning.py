"""What a column of a SAKIP table holds, from its header's words: any agency's wording.

A column's header is the text of its header rows, top to bottom (`Anggaran > Realisasi`). Its
meaning is the first rule whose words it holds (`realisasi` before `anggaran`, so a realisation
under a spanning "Anggaran" is the realisation). A header without a known word means nothing
here, and its column is not read.
"""

from __future__ import annotations

import re

from ..reading.source import normalise

NO, SASARAN, INDIKATOR, SATUAN, TARGET, REALISASI, CAPAIAN = (
    "no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian")
URAIAN, ANGGARAN, KODE = "uraian", "anggaran", "kode"
TARGET_AKHIR = "target_akhir"  # the plan period's final target (Renstra, RPJMD): not the year's
# a remainder or a difference of other columns (`Sisa Anggaran`, `Selisih`): no core meaning
_DERIVED = ("sisa", "selisih")
# (meaning, words any of which name it, words none of which may be there), in order
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (CAPAIAN, ("capaian", "%", "persentase", "persen", "prosentase"), ("target",)),
    (REALISASI, ("realisasi",), ()),
    (TARGET_AKHIR, ("akhir", "renstra", "rpjmd", "rpjmn"), ()),
    (TARGET, ("target",), ()),
    (SATUAN, ("satuan",), ()),
    (INDIKATOR, ("indikator", "iku", "ikd"), ()),
    (SASARAN, ("sasaran",), ()),
    (KODE, ("kode", "kode rekening"), ()),
    (ANGGARAN, ("anggaran", "pagu", "alokasi", "dpa"), ()),
    (URAIAN, ("program", "kegiatan", "sub kegiatan", "uraian", "perangkat daerah", "opd",
              "skpd", "unit kerja", "nama", "pembiayaan"), ()),
    (NO, ("no", "nomor"), ()),
)


def meaning_of(header: str) -> str | None:
    """The meaning of a column header, or None."""
    text = normalise(header.replace(">", " "))
    words = set(text.replace("/", " ").split())
    if words & set(_DERIVED):
        return None
    for meaning, named, excluded in _RULES:
        if any(_holds(text, words, w) for w in named) and not any(
                _holds(text, words, w) for w in excluded):
            return meaning
    return None


def _holds(text: str, words: set[str], phrase: str) -> bool:
    if " " in phrase:
        return re.search(rf"\b{re.escape(phrase)}\b", text) is not None
    return phrase in words
