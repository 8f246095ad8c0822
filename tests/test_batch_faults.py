"""The batch under faults (issue 36): the collection is what `ringkasan.csv` says. A report
removed from the source and put back is read again; an empty source changes nothing; a
passing error (a disk full) cuts a report short, keeps its earlier reading and is tried again.
The reports are small ones drawn here (one page of 23 indicators)."""

from __future__ import annotations

import errno
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from test_any_agency import REALDOCS, capaian_word
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
    for part in (out / "bagian" / "capaian_kinerja").glob("*.parquet"):
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
    row = task.report_row(job, report.document)  # as the report's child process runs it
    assert row["status"] == "terhenti" and "ENOSPC" not in row["pesan"]
    assert "No space left on device" in row["pesan"]
    pd.testing.assert_frame_equal(load_collection(out, "capaian_kinerja"), earlier)
    assert collection.read_status(out, report.name)["kunci"] == last["kunci"]
    monkeypatch.undo()
    # a report cut short with no earlier reading is recorded so, and run again next time
    collection.remove_parts(out, report.slug, report.tahun)
    collection.status_file(out, report.name).unlink()
    monkeypatch.setattr(collection, "write_parts", full)
    assert task.report_row(job, report.document)["status"] == "terhenti"
    assert collection.read_status(out, report.name)["status"] == "terhenti"
    monkeypatch.undo()
    again = run_batch(source, out, workers=1, progress=False)
    assert statuses(again)[DRAWN] == ("selesai", True)
    pd.testing.assert_frame_equal(load_collection(out, "capaian_kinerja"), earlier)


def test_agencies_whose_names_share_their_first_60_characters_never_share_a_key(tmp_path):
    """`… Kabupaten Bandung` and `… Kabupaten Bandung Barat` were one key (the folder name cut
    at 60 characters): the same year refused as a second report. A non-Latin name keeps its
    letters (it was `dokumen` for every one)."""
    from lkjip_analysis.batch.sources import discover

    names = ["Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Bandung",
             "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Bandung Barat",
             "社会局", "دائرة الشؤون الاجتماعية"]
    for name in names:
        (tmp_path / name / "2022").mkdir(parents=True)
        (tmp_path / name / "2022" / "lkjip.pdf").write_bytes(b"%PDF-1.7\n")
    reports = discover(tmp_path)
    assert [r.problem for r in reports] == ["", "", "", ""]
    assert len({r.name for r in reports}) == 4
    assert all(len(r.slug) <= 60 for r in reports)
    assert {"社会局_2022", "دائرة_الشؤون_الاجتماعية_2022"} <= {r.name for r in reports}


def test_pipes_links_to_pipes_and_huge_files_are_refused_at_once(tmp_path):
    """A `.pdf` that is a pipe, or a link to one, would hang the driver as it hashes the
    file; a sparse file declaring more than the import takes was hashed (twice) before its
    refusal. Each is refused with its reason, nothing read, within seconds."""
    import os
    import signal

    from lkjip_analysis.batch.run import run_batch
    from lkjip_analysis.limits import IMPORT_BYTES

    src = tmp_path / "sumber"
    for agency in ("Dinas Pipa", "Dinas Tautan", "Dinas Besar"):
        (src / agency / "2022").mkdir(parents=True)
    os.mkfifo(src / "Dinas Pipa" / "2022" / "lkjip.pdf")
    (src / "Dinas Tautan" / "2022" / "lkjip.pdf").symlink_to(src / "Dinas Pipa" / "2022" /
                                                             "lkjip.pdf")
    with (src / "Dinas Besar" / "2022" / "lkjip.pdf").open("wb") as huge:
        huge.truncate(IMPORT_BYTES + 1)  # sparse: nothing written
    signal.alarm(30)  # a hang fails the test instead of holding the suite
    try:
        outcome = run_batch(src, tmp_path / "koleksi", workers=1, progress=False)
    finally:
        signal.alarm(0)
    said = {row["instansi"]: (row["status"], row["pesan"]) for row in outcome.rows}
    assert {status for status, _ in said.values()} == {"gagal"}
    assert "bukan berkas biasa" in said["Dinas Pipa"][1]
    assert "bukan berkas biasa" in said["Dinas Tautan"][1]
    assert "lebih besar dari" in said["Dinas Besar"][1]
    assert outcome.dashboard == ""  # no cluster started for them


def test_a_malformed_scheduler_address_is_a_usage_error_at_once(source, tmp_path):
    import time

    start = time.monotonic()
    assert main(["batch", str(source), "--out", str(tmp_path / "k"), "--scheduler",
                 "tcp//tempat salah"]) == 2
    assert time.monotonic() - start < 5
    assert not (tmp_path / "k").exists()


def test_a_scheduler_without_workers_is_waited_for_a_bounded_time(source, tmp_path,
                                                                   monkeypatch):
    from distributed import LocalCluster

    from lkjip_analysis.batch import run
    from lkjip_analysis.batch.run import BatchError, run_batch

    monkeypatch.setattr(run, "WORKER_SECONDS", 2)
    with (LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as cluster,
          pytest.raises(BatchError, match="tidak punya pekerja")):
        run_batch(source, tmp_path / "koleksi", scheduler=cluster.scheduler_address,
                  progress=False)


def test_the_local_cluster_and_its_dashboard_listen_on_this_machine_only(source, tmp_path,
                                                                         monkeypatch):
    """The dashboard listened on all interfaces while printing 127.0.0.1 (issue 36): the local
    cluster is asked to bind its scheduler and dashboard to the loopback address, and the
    printed link is that address."""
    import distributed

    asked = {}
    real = distributed.LocalCluster

    def recording(*args, **kwargs):
        asked.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(distributed, "LocalCluster", recording)
    outcome = run(source, tmp_path / "koleksi")
    assert asked["host"] == "127.0.0.1"
    assert asked["dashboard_address"].startswith("127.0.0.1:")
    assert outcome.dashboard.startswith("http://127.0.0.1:")


def test_a_linked_agency_or_year_folder_is_listed_as_not_read(tmp_path):
    """A linked agency folder was dropped without a word (issue 36): it is a report that
    failed, saying why, and nothing behind the link is read."""
    from lkjip_analysis.batch.sources import discover

    elsewhere = tmp_path / "lain" / "2022"
    elsewhere.mkdir(parents=True)
    (elsewhere / "lkjip.pdf").write_bytes(b"%PDF-1.7\n")
    src = tmp_path / "sumber"
    (src / "Dinas Nyata").mkdir(parents=True)
    (src / "Dinas Tautan").symlink_to(tmp_path / "lain")
    (src / "Dinas Nyata" / "2022").symlink_to(elsewhere)
    said = {(r.instansi, r.tahun): r.problem for r in discover(src)}
    assert set(said) == {("Dinas Tautan", None), ("Dinas Nyata", 2022)}
    assert all("folder tautan" in problem for problem in said.values())


def test_a_renamed_file_shows_its_new_name_and_a_busy_collection_can_be_waited_for(
        source, tmp_path):
    from lkjip_analysis.safety.lock import year_lock

    out = tmp_path / "koleksi"
    run(source, out)
    (source / DRAWN / "2023" / "lkjip.pdf").rename(source / DRAWN / "2023" / "final.pdf")
    again = run(source, out)
    row = next(r for r in again.rows if r["instansi"] == DRAWN)
    assert (row["berkas"], row["diproses"]) == ("final.pdf", False)
    assert load_collection(out).set_index("instansi").berkas[DRAWN] == "final.pdf"
    released = threading.Timer(1.0, lambda: lock.__exit__(None, None, None))
    lock = year_lock(out / ".batch.lock")
    lock.__enter__()
    released.start()
    assert main(["-q", "batch", str(source), "--out", str(out), "--wait", "30",
                 "--workers", "1"]) == 0


def _job(src: Path, out: Path, agency: str):
    from lkjip_analysis.batch import task
    from lkjip_analysis.batch.sources import discover
    from lkjip_analysis.safety.hashing import sha256

    report = next(r for r in discover(src) if r.instansi == agency)
    return task.Job(report, out, "kunci", sha256(report.document), False)


def test_a_report_past_its_memory_bound_is_refused_and_its_processes_killed(source, tmp_path,
                                                                             monkeypatch):
    """A hostile document took the worker itself past the import's bound (issue 36): a report
    runs in a child process whose tree is watched; past the bound (here 40 MiB, less than
    Python with pandas needs) it is killed and the report refused, its reason said."""
    from lkjip_analysis.batch import child, collection, task

    monkeypatch.setattr(child, "REPORT_MEMORY", 40 << 20)
    job = _job(source, tmp_path / "koleksi", DRAWN)
    row = task.process(job)
    assert row["status"] == "gagal" and "lebih dari 40 MiB memori" in row["pesan"]
    assert collection.read_status(job.out, job.report.name)["status"] == "gagal"


def test_a_killed_worker_leaves_no_import_running_and_its_copy_is_swept(tmp_path):
    """A worker killed with `kill -9` orphaned its import process and left `/tmp/lkjip-*`
    copies of the PDF (issue 36): the report's processes end with their worker, and the next
    report on the machine removes the dead worker's scratch folder."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    psutil = pytest.importorskip("psutil")
    from lkjip_analysis.safety.processes import remove_orphans

    document = next(iter(sorted(REALDOCS.glob("pemprov_sumut_*.pdf"))), None)
    if document is None:
        pytest.skip("no real report in ../shared/realdocs")
    src = tmp_path / "sumber" / "Pemprov Sumut" / "2021"
    src.mkdir(parents=True)
    shutil.copy(document, src / "lkjip.pdf")
    script = ("import sys, pickle; from lkjip_analysis.batch import task; "
              "job = pickle.loads(sys.stdin.buffer.read()); "
              "task.process(job, job.report.document.read_bytes())")
    import pickle

    job = _job(tmp_path / "sumber", tmp_path / "koleksi", "Pemprov Sumut")
    worker = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE)
    worker.stdin.write(pickle.dumps(job))
    worker.stdin.close()
    deadline = time.monotonic() + 60
    importing = []
    while time.monotonic() < deadline and not importing:
        time.sleep(0.2)
        family = psutil.Process(worker.pid).children(recursive=True)
        importing = [p for p in family if "lkjip_analysis.impor.bounded" in " ".join(
            p.cmdline())]
    assert importing, "the import never started"
    family = psutil.Process(worker.pid).children(recursive=True)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    gone, alive = psutil.wait_procs(family, timeout=10)
    assert alive == []
    left = [p for p in Path(tempfile.gettempdir()).glob(f"lkjip-*-{worker.pid}-*")]
    assert left  # the dead worker's copy of the document, until the next report
    remove_orphans()
    assert not any(p.exists() for p in left)
