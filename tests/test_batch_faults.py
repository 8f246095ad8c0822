"""The batch under faults (issue 36): the collection is what `ringkasan.csv` says. A report
removed from the source and put back is read again; an empty source changes nothing; a
passing error (a disk full) cuts a report short, keeps its earlier reading and is tried again.
The reports are small ones drawn here (one page of 23 indicators)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_any_agency import capaian_word
from test_batch import CONTOH, DRAWN, drawn_pdf

from lkjip_analysis import load_collection
from lkjip_analysis.cli import main

pytest.importorskip("distributed")


@pytest.fixture
def source(tmp_path) -> Path:
    src = tmp_path / "sumber"
    drawn_pdf(src / DRAWN / "2023" / "lkjip.pdf")
    (src / CONTOH / "2023").mkdir(parents=True)
    capaian_word(src / CONTOH / "2023" / "laporan.docx")
    return src


def run(src: Path, out: Path, **options):
    from lkjip_analysis.batch.run import run_batch

    return run_batch(src, out, workers=1, progress=False, **options)


def statuses(outcome) -> dict[str, tuple[str, bool]]:
    return {row["instansi"]: (row["status"], bool(row["diproses"])) for row in outcome.rows}


def test_a_report_removed_then_put_back_is_read_again(source, tmp_path):
    out = tmp_path / "koleksi"
    run(source, out)
    aside = tmp_path / "disisihkan"
    shutil.move(source / DRAWN, aside)
    run(source, out)
    assert DRAWN not in set(load_collection(out, "capaian_kinerja").instansi)
    shutil.move(aside, source / DRAWN)
    back = run(source, out)
    assert statuses(back)[DRAWN] == ("selesai", True)  # read again, not skipped
    assert statuses(back)[CONTOH] == ("selesai", False)
    assert (load_collection(out, "capaian_kinerja").instansi == DRAWN).sum() == 23


def test_a_part_lost_from_the_collection_is_read_again(source, tmp_path):
    out = tmp_path / "koleksi"
    run(source, out)
    for part in (out / "inti" / "capaian_kinerja.parquet").rglob("*.parquet"):
        part.unlink()
    again = run(source, out)
    assert {s for s, _ in statuses(again).values()} == {"selesai"}
    assert all(processed for _, processed in statuses(again).values())
    assert (load_collection(out, "capaian_kinerja").instansi == DRAWN).sum() == 23


def test_an_empty_source_is_refused_and_nothing_is_deleted(source, tmp_path):
    from lkjip_analysis.batch.run import BatchError

    out = tmp_path / "koleksi"
    run(source, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    shutil.rmtree(source)
    source.mkdir()  # an unmounted share: the folder is there, empty
    assert main(["batch", str(source), "--out", str(out), "--workers", "1"]) == 1
    with pytest.raises(BatchError, match="sumber"):
        run(source, out)
    after = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert after == before
    assert (load_collection(out, "capaian_kinerja").instansi == DRAWN).sum() == 23


def test_a_disk_full_cuts_a_report_short_keeps_its_earlier_reading_and_is_tried_again(
        source, tmp_path, monkeypatch):
    from lkjip_analysis.batch import collection, task
    from lkjip_analysis.batch.run import run_batch
    from lkjip_analysis.batch.sources import discover

    out = tmp_path / "koleksi"
    run(source, out)
    earlier = load_collection(out, "capaian_kinerja")
    report = next(r for r in discover(source) if r.instansi == DRAWN)
    last = collection.read_status(out, report.name)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(collection, "write_parts", full)
    job = task.Job(report, out, "kunci-baru", last["sha256"], False)
    row = task.process(job)
    assert row["status"] == "terhenti" and "ENOSPC" not in row["pesan"]
    assert "No space left on device" in row["pesan"]
    pd.testing.assert_frame_equal(load_collection(out, "capaian_kinerja"), earlier)
    assert collection.read_status(out, report.name)["kunci"] == last["kunci"]
    monkeypatch.undo()
    # a report cut short with no earlier reading is recorded so, and run again next time
    collection.remove_parts(out, report.slug, report.tahun)
    collection.status_file(out, report.name).unlink()
    monkeypatch.setattr(collection, "write_parts", full)
    assert task.process(job)["status"] == "terhenti"
    assert collection.read_status(out, report.name)["status"] == "terhenti"
    monkeypatch.undo()
    again = run_batch(source, out, workers=1, progress=False)
    assert statuses(again)[DRAWN] == ("selesai", True)
    pd.testing.assert_frame_equal(load_collection(out, "capaian_kinerja"), earlier)
