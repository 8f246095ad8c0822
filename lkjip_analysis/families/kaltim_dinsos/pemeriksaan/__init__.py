"""The Kaltim Dinas Sosial family's own checks: every figure its fifteen tables and its
narrative derive, recomputed (the SAKIP core's checks, which any agency's report gets, are
`core.audit`'s). A check runs where the report holds every table it reads; one module per
table family."""

from __future__ import annotations

from ....core.findings import Facts, Findings
from .anggaran import check_apbd, check_apbn
from .kinerja import (
    check_achievement,
    check_agreement_budget,
    check_efficiency,
    check_history,
    check_progress,
    check_quarters,
    check_sakip,
    check_targets,
)
from .narasi import check_not_stated, check_outputs, check_units
from .organisasi import check_sdm

__all__ = ["check", "check_apbn", "check_sdm"]


def check(d, f: Findings, facts: Facts) -> None:
    """Every check of the family's tables the datasets `d` hold, into `f`."""

    def held(*names: str) -> bool:
        return all(not d[name].empty for name in names)

    if held("sdm", "sdm_total"):
        check_sdm(d, f, facts)
    if held("perjanjian_kinerja", "target_tahunan", "capaian_kinerja", "kinerja_triwulan",
            "anggaran_kinerja"):
        check_targets(d, f)
    if held("evaluasi_akip", "evaluasi_akip_total"):
        check_sakip(d, f, facts)
    if held("kinerja_triwulan", "capaian_kinerja"):
        check_quarters(d, f)
    achieved = absorbed = None
    if held("capaian_kinerja", "anggaran_kinerja", "kemajuan_renstra"):
        achieved = check_achievement(d, f, facts)
    if held("kinerja_historis", "kinerja_perubahan"):
        check_history(d, f)
    if held("kemajuan_renstra"):
        check_progress(d, f)
    if held("realisasi_apbd", "realisasi_apbd_total"):
        absorbed = check_apbd(d, f, facts)
    if achieved is not None and absorbed is not None:
        if held("efisiensi"):
            check_efficiency(d, f, facts, achieved, absorbed)
        check_agreement_budget(d, f, facts, achieved, absorbed)
    if held("realisasi_apbn", "realisasi_apbn_total"):
        check_apbn(d, f, facts)
    if held("fakta"):
        check_outputs(d, f, facts)
        check_units(d, f, facts)
        check_not_stated(f, facts)
