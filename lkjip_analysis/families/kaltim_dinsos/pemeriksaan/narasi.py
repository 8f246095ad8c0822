"""Checks of figures stated only in the narrative: programme outputs and UPTD capacities."""

from __future__ import annotations

import difflib

import pandas as pd

from .... import metrics
from ....core.findings import Facts, Findings
from ....numbers import format_value

OUTPUTS = (("kube", "KUBE"), ("uep", "UEP"), ("kat", "KAT"), ("pkh", "PKH"))


def check_outputs(d, f: Findings, facts: Facts) -> None:
    """The narrative's KUBE, UEP, KAT and PKH figures."""
    for prefix, name in OUTPUTS:
        target_key = f"{prefix}_target" if prefix in ("kube", "uep", "pkh") else "kat_target_kk"
        done_key = target_key.replace("target", "realisasi")
        if not facts.have(f"{prefix}_capaian", target_key, done_key):
            continue
        stated = facts.first(f"{prefix}_capaian")
        target, done = facts.first(target_key), facts.first(done_key)
        f.compare(
            "Narasi",
            f"Tingkat capaian {name} = terealisasi / direncanakan × 100",
            stated.nilai,
            metrics.capaian(done.nilai, target.nilai),
            stated.baris_sumber,
        )
    per_group = facts.value("kk_per_kube")
    for key in ("kube_target", "kube_realisasi"):
        if not facts.have(key, f"{key}_kk"):
            continue
        groups, families = facts.first(key), facts.first(f"{key}_kk")
        f.compare(
            "Narasi",
            f"KK dalam KUBE ({key.split('_')[1]}) = jumlah KUBE × KK per KUBE",
            families.nilai,
            groups.nilai * per_group,
            families.baris_sumber,
            0,
        )
    if facts.have("kat_realisasi_mck"):
        f.compare(
            "Narasi",
            "MCK KAT terealisasi = direncanakan",
            facts.value("kat_realisasi_mck"),
            facts.value("kat_target_mck"),
            facts.first("kat_realisasi_mck").baris_sumber,
            0,
        )
    for key, other in (
        ("uep_sasaran", "uep_target"),
        ("pkh_sasaran", "pkh_target"),
        ("kat_sasaran_kk", "kat_target_kk"),
        ("kube_mandiri", "kube_target"),
    ):
        if facts.have(key):
            f.compare(
                "Narasi",
                f"Sasaran yang disebut ({key}) sama dengan yang direncanakan",
                facts.value(key),
                facts.value(other),
                facts.first(key).baris_sumber,
                0,
            )


def _restated(f: Findings, facts: Facts, key: str, uraian: str) -> None:
    """Every later statement of a figure against its first statement."""
    statements = facts.all(key)
    if statements.empty:
        return
    first = statements.iloc[0]
    for number, later in enumerate(statements.iloc[1:].itertuples(), start=2):
        f.compare(
            "Narasi",
            f"{uraian}: pernyataan {_ordinal(number)} (baris {later.baris_sumber}) sama dengan "
            f"yang pertama (baris {first.baris_sumber})",
            later.nilai,
            first.nilai,
            later.baris_sumber,
        )


def _ordinal(number: int) -> str:
    """`kedua`, `ketiga`, then `ke-4`: the place of a statement among its figure's."""
    return {2: "kedua", 3: "ketiga"}.get(number, f"ke-{number}")


def check_not_stated(f: Findings, facts: Facts) -> None:
    """One row for each figure the narrative no longer states."""
    for row in facts.missing.itertuples():
        f.not_stated(row.kunci, row.uraian)


def check_units(d, f: Findings, facts: Facts) -> None:
    """Figures the narrative states twice: PMKS, UPTD count, capacities."""
    _restated(f, facts, "populasi_pmks", "Populasi PMKS")
    _restated(f, facts, "jumlah_uptd", "Jumlah UPTD")
    capacity = facts.all("daya_tampung")
    sections = capacity[capacity.subjek.str.contains(r"\(", regex=True)]
    for statement in facts.all("jumlah_uptd").itertuples():
        f.compare(
            "Narasi",
            "Jumlah UPTD sama dengan jumlah bagian UPTD di Bab I",
            statement.nilai,
            float(len(sections)),
            statement.baris_sumber,
            0,
        )
    for other in capacity.drop(sections.index).itertuples():
        home = _closest(other.subjek, sections)
        f.compare(
            "Narasi",
            f"Daya tampung {other.subjek} sama dengan bagian UPTD-nya (baris {home.baris_sumber})",
            other.nilai,
            home.nilai,
            other.baris_sumber,
            0,
            note=f"Bab I (baris {home.baris_sumber}) menyebut {format_value(home.nilai)}.",
        )


def _closest(name: str, sections: pd.DataFrame) -> pd.Series:
    scores = sections.subjek.map(
        lambda s: difflib.SequenceMatcher(None, name.lower(), s.lower()).ratio()
    )
    return sections.loc[scores.idxmax()]
