"""The SAKIP core datasets of one report, and what the report holds and lacks.

A core dataset, or one of the rest of Bab III (`kinerja_historis`, `kemajuan_renstra`,
`efisiensi`), comes from the family's table where the report is of a family that reads it (the
Kaltim Dinas Sosial tables 6, 9, 10–12, 14 and 15), and otherwise from the tables recognised by
meaning (`read_core`) that no family table claims. `kelengkapan` lists every part of an LKjIP
the suite knows, present or not, with its tables; `catatan_baca`, what the reader saw but
could not read, and why.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..reading.source import Document
from .read import BAB3_DATASETS, Choice, Core, read_core

BUDGET, BUDGET_TOTAL = "realisasi_anggaran", "realisasi_anggaran_total"
# the parts of an LKjIP, in the order a reader meets them: dataset -> what it is
PARTS: dict[str, str] = {  # data, in the report's language (not the user's: see i18n)
    "perjanjian_kinerja": "Perjanjian kinerja (sasaran, indikator, target)",
    "capaian_kinerja": "Pengukuran kinerja (target, realisasi, capaian)",
    BUDGET: "Realisasi anggaran (anggaran, realisasi, %)",
    "sdm": "Sumber daya aparatur",
    "sarana_prasarana": "Sarana dan prasarana",
    "target_tahunan": "Target tahunan Renstra",
    "program_kegiatan": "Program dan kegiatan per sasaran",
    "iku": "Indikator kinerja utama (IKU) dan rumusnya",
    "evaluasi_akip": "Nilai evaluasi SAKIP",
    "kinerja_triwulan": "Kinerja per triwulan",
    "kinerja_historis": "Kinerja tahun-tahun sebelumnya",
    "kemajuan_renstra": "Kemajuan terhadap target akhir Renstra",
    "efisiensi": "Efisiensi (capaian terhadap serapan)",
    "anggaran_kinerja": "Anggaran per sasaran",
    "realisasi_apbd": "Realisasi anggaran APBD",
    "realisasi_apbn": "Realisasi anggaran APBN",
}
NOT_HELD = "tidak ada dalam laporan ini"
DECLARED_ABSENT = "tidak ada dalam laporan ini (menurut tabel.yaml)"
UNREAD = "tidak terbaca: tabelnya ada ({tables}) tetapi tidak dapat dibaca (lihat catatan baca)"
# the parts PermenPAN-RB 53/2014 asks of any LKjIP: the core and the rest of Bab III
LKJIP_PARTS = ("perjanjian_kinerja", "capaian_kinerja", BUDGET, "kinerja_historis",
               "kemajuan_renstra", "efisiensi")
CORE = ("perjanjian_kinerja", "capaian_kinerja", BUDGET)
KELENGKAPAN_COLUMNS = ["dataset", "bagian", "ada", "tabel", "baris", "keterangan"]
NOTE_COLUMNS = ["tabel", "baris_sumber", "catatan"]

FamilyBudget = Callable[[dict[str, pd.DataFrame], dict[str, str]],
                        "tuple[pd.DataFrame, pd.DataFrame] | None"]


def core_datasets(document: Document, family: dict[str, pd.DataFrame],
                  family_labels: dict[str, str], family_budget: FamilyBudget,
                  declared_absent: frozenset[str], choices: dict[str, Choice] | None = None,
                  pages: dict[int, int] | None = None, year: int | None = None
                  ) -> dict[str, pd.DataFrame]:
    """The core datasets, `kelengkapan` and `catatan_baca` of `document` (the report of
    `year`), given what its family read (`family`: dataset -> frame; `family_labels`: dataset
    -> caption label) and what tabel.yaml chooses for the core (`choices`; `pages`: each
    line's page)."""
    core = read_core(document, {name: choice for name, choice in (choices or {}).items()
                                if name not in family}, pages, year)
    claimed = set(family_labels.values())
    frames = {name: _own_rows(getattr(core, name), claimed) for name in CORE}
    frames[BUDGET_TOTAL] = _own_rows(core.realisasi_anggaran_total, claimed)
    for name in ("perjanjian_kinerja", "capaian_kinerja"):
        if name in family:
            frames[name] = family[name]
    for name in BAB3_DATASETS:  # the family's table where it has one, else read by meaning
        frames[name] = family[name].assign(tabel=family_labels.get(name, "")) \
            if name in family else _own_rows(getattr(core, name), claimed)
    budget = family_budget(family, family_labels)
    if budget is not None:
        frames[BUDGET], frames[BUDGET_TOTAL] = budget
    for name in declared_absent & set(CORE):
        frames[name] = frames[name].iloc[0:0]
        if name == BUDGET:
            frames[BUDGET_TOTAL] = frames[BUDGET_TOTAL].iloc[0:0]
    frames["kelengkapan"] = completeness({**family, **frames}, family_labels, declared_absent,
                                         only_core=not family_labels,
                                         unread=_unread_parts(core.notes))
    frames["catatan_baca"] = _notes(core, claimed)
    return frames


def _own_rows(frame: pd.DataFrame, claimed: set[str]) -> pd.DataFrame:
    """The rows of tables no family table claims (an uncaptioned table is never claimed)."""
    return frame[~frame.tabel.isin(claimed) | (frame.tabel == "")].reset_index(drop=True)


def completeness(frames: dict[str, pd.DataFrame], family_labels: dict[str, str] | None = None,
                 declared_absent: frozenset[str] = frozenset(), only_core: bool = False,
                 unread: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per part of an LKjIP: held or not, from which tables, how many rows. A report
    read for its core alone (`only_core`, no family) lists the parts PermenPAN-RB 53/2014 asks
    of any LKjIP, not a family's own tables; a part whose table the text holds but the reader
    could not read (`unread`: part -> why) is `tidak terbaca`, not absent."""
    family_labels, unread = family_labels or {}, unread or {}
    rows = []
    for name, part in PARTS.items():
        if only_core and name not in LKJIP_PARTS:
            continue
        frame = frames.get(name)
        held = frame is not None and not frame.empty
        if held:
            said = ""
        elif name in declared_absent:
            said = DECLARED_ABSENT
        elif name in unread:
            said = unread[name]
        else:
            said = NOT_HELD
        tables = sorted(set(frame.tabel), key=_label_order) if held and "tabel" in frame \
            else [family_labels[name]] if held and name in family_labels else []
        rows.append({"dataset": name, "bagian": part, "ada": held,
                     "tabel": ", ".join(t or "tabel tanpa judul" for t in tables),
                     "baris": len(frame) if held else 0, "keterangan": said})
    return pd.DataFrame(rows, columns=KELENGKAPAN_COLUMNS)


def _unread_parts(notes: list) -> dict[str, str]:
    """Part -> why it is not read: the tables of it the reader could not read, named."""
    tables: dict[str, list[str]] = {}
    for note in notes:
        if note.part:
            tables.setdefault(note.part, []).append(note.tabel or f"baris {note.line}")
    return {part: UNREAD.format(tables=", ".join(dict.fromkeys(found)))
            for part, found in tables.items()}


def _label_order(label: str) -> tuple:
    """`Tabel 3.2` before `Tabel 3.10`; an uncaptioned table last."""
    numbers = label.removeprefix("Tabel ").split(".")
    return (not label, *(int(n) if n.isdigit() else 0 for n in numbers))


def _notes(core: Core, claimed: set[str]) -> pd.DataFrame:
    rows = [{"tabel": note.tabel, "baris_sumber": note.line, "catatan": note.text}
            for note in core.notes if not note.tabel or note.tabel not in claimed]
    return pd.DataFrame(rows, columns=NOTE_COLUMNS)
