"""Issue 17: runs that are killed, overlap, fail, or meet altered outputs publish nothing false
and lose nothing (test data: copies of one 2020 build in temporary folders)."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from lkjip_analysis.cli import main
from lkjip_analysis.config import Paths
from lkjip_analysis.errors import LkjipError, NotebookError
from lkjip_analysis.lintas_tahun.build import build_all
from lkjip_analysis.pipeline import manifest, pipeline
from lkjip_analysis.safety.hashing import sha256
from lkjip_analysis.safety.lock import BusyError, year_lock


@pytest.fixture
def tree(built, tmp_path) -> Path:
    """A private copy of a whole 2020 build: <tree>/data and <tree>/reports."""
    root = tmp_path / "tree"
    shutil.copytree(built.parent.parent, root, symlinks=True)
    return root


def common(root: Path) -> list[str]:
    return ["--data-dir", str(root / "data"), "--reports-dir", str(root / "reports")]


def paths_of(root: Path) -> Paths:
    return Paths.for_year(2020, root / "data", root / "reports")


def record_of(root: Path) -> dict:
    return json.loads((root / "reports" / "2020" / "manifest.json").read_text())


def on_disk_matches_manifest(root: Path) -> bool:
    paths = paths_of(root)
    current = manifest.hashes(manifest.output_files(paths.processed, paths.reports))
    return current == record_of(root)["outputs"]


# 2. and 18. the manifest -------------------------------------------------------------------------

def test_a_manifest_parameter_that_is_code_runs_nothing(tree, tmp_path, caplog):
    proof = tmp_path / "bukti"
    record = record_of(tree)
    record["parameters"] = {f"pwn = __import__('os').system('touch {proof}') #": 1}
    (tree / "reports" / "2020" / "manifest.json").write_text(json.dumps(record))
    assert main(["verify", *common(tree)]) == 4
    assert not proof.exists()
    assert "telah diubah" in caplog.text and "tidak ada notebook yang memiliki parameter ini" in \
        caplog.text


@pytest.mark.parametrize("content", ['{"year": 2020, "inputs": {', "[1, 2]",
                                     '{"year": 2020, "parameters": {}, "inputs": 3}'])
def test_an_unreadable_manifest_is_said_and_the_year_rebuilt(tree, caplog, content):
    (tree / "reports" / "2020" / "manifest.json").write_text(content)
    assert main(["verify", *common(tree)]) == 4
    assert "manifest" in caplog.text and "Traceback" not in caplog.text
    caplog.clear()
    assert main(["build", *common(tree)]) == 0
    assert "tahun ini dibangun ulang" in caplog.text and "sudah mutakhir" not in caplog.text
    assert record_of(tree)["year"] == 2020


def test_a_build_checks_parameters_before_papermill_writes_them(tree):
    paths = paths_of(tree)
    with pytest.raises(LkjipError, match="tidak ada notebook yang memiliki parameter ini"):
        pipeline.execute(tree / "stage", paths, ["01_sdm"], {"x = 1 #": 1})


# 5. processed data and reports change together ---------------------------------------------------

def failing_execute(*args, **kwargs):
    raise NotebookError("03_anggaran", "cell 4: ZeroDivisionError")


def test_a_failed_build_leaves_processed_data_as_its_reports_know_it(tree, monkeypatch):
    before = (tree / "data" / "processed" / "2020" / "realisasi_apbd.csv").read_bytes()
    document = tree / "data" / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    document.write_text(document.read_text(encoding="utf-8").replace(
        "2.892.957.804", "2.892.957.805"), encoding="utf-8")
    monkeypatch.setattr(pipeline, "execute", failing_execute)
    with pytest.raises(NotebookError):
        pipeline.build(2020, tree / "data", tree / "reports")
    assert (tree / "data" / "processed" / "2020" / "realisasi_apbd.csv").read_bytes() == before
    assert on_disk_matches_manifest(tree)
    assert not paths_of(tree).processed_previous.exists()


@pytest.mark.parametrize("changed, text", [
    ("processed_previous", "lama"),  # killed after publishing the reports: keep the new data
    ("processed", "baru, belum diterbitkan"),  # killed before: the old data comes back
])
def test_a_kill_between_data_and_reports_is_settled_by_the_manifest(tree, changed, text):
    from lkjip_analysis.pipeline.recovery import recover

    paths = paths_of(tree)
    shutil.copytree(paths.processed, paths.processed_previous)
    (getattr(paths, changed) / "realisasi_apbd.csv").write_text(text)
    recover(paths)
    assert on_disk_matches_manifest(tree) and not paths.processed_previous.exists()


# 16. a kill between the two renames of a swap ---------------------------------------------------

def test_a_swap_cut_between_its_renames_is_completed_before_a_failing_run(tree, monkeypatch):
    paths = paths_of(tree)
    report = (paths.reports / "laporan_2020.html").read_bytes()
    os.replace(paths.reports, paths.reports.with_name(".2020.old"))  # killed right here
    document = tree / "data" / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "execute", failing_execute)
    with pytest.raises(NotebookError):
        pipeline.build(2020, tree / "data", tree / "reports")
    assert (paths.reports / "laporan_2020.html").read_bytes() == report
    assert not paths.reports.with_name(".2020.old").exists()


# 17. a reports folder that is a link ------------------------------------------------------------

def test_a_linked_reports_folder_is_updated_where_it_points(tree):
    published = tree / "terbit" / "2020"
    published.parent.mkdir()
    shutil.move(tree / "reports" / "2020", published)
    (tree / "reports" / "2020").symlink_to(published, target_is_directory=True)
    assert main(["build", "--force", *common(tree)]) == 0
    assert (tree / "reports" / "2020").is_symlink()
    assert (published / "manifest.json").exists()
    assert sorted(p.name for p in (tree / "reports").iterdir() if p.name.startswith(".2020")) \
        == [".2020.lock"]
    assert sorted(p.name for p in published.parent.iterdir()) == ["2020"]


# 15. the disk fills while staging ---------------------------------------------------------------

def test_a_full_disk_while_staging_is_one_clear_error_and_leaves_no_stage(tree, monkeypatch,
                                                                          caplog):
    """A staged copy (`export`, or a build that reruns part of a year) on a full disk."""
    def full(src, dst, **kwargs):
        Path(dst).mkdir(parents=True)
        raise shutil.Error([(str(src), str(dst), "[Errno 28] No space left on device")])

    monkeypatch.setattr(pipeline.shutil, "copytree", full)
    assert main(["export", *common(tree)]) == 1
    assert "No space left on device" in caplog.text and "[(" not in caplog.text
    assert not (tree / "reports" / ".2020.stage").exists()
    assert on_disk_matches_manifest(tree)


# 6. and 8. forged outputs are never reported fresh ----------------------------------------------

def test_a_file_planted_in_the_reports_is_not_carried_into_a_rebuild(tree):
    planted = tree / "reports" / "2020" / "figures" / "tanaman.svg"
    planted.write_text("<svg/>")
    assert main(["build", *common(tree)]) == 0  # not as recorded: rebuilt from nothing
    assert not planted.exists()
    assert on_disk_matches_manifest(tree)


def test_a_planted_pdf_and_an_edited_notebook_fail_verify(tree, capsys):
    reports = tree / "reports" / "2020"
    (reports / "laporan_2020.pdf").write_bytes(b"%PDF-1.4 palsu")
    notebook = reports / "notebooks" / "01_sdm.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("336 orang", "999 orang"))
    assert main(["verify", *common(tree)]) == 4
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "baru      reports/2020/laporan_2020.pdf" in lines[:2]  # differences come first
    assert "berbeda   reports/2020/notebooks/01_sdm.ipynb" in lines[:2]
    assert re.fullmatch(r"\d+ berkas: \d+ sama, 1 berbeda, 1 baru \(tidak tercatat di manifest\), "
                        r"5 tidak dibandingkan \(berubah setiap run\)", lines[-1])


def test_a_pdf_is_printed_again_unless_it_is_the_one_recorded(tree, monkeypatch):
    printed = []

    def fake_print(html: Path) -> Path:
        printed.append(html.name)
        pdf = html.with_suffix(".pdf")
        pdf.write_bytes(b"%PDF-1.4 dicetak " + str(len(printed)).encode())
        return pdf

    monkeypatch.setattr(pipeline, "print_pdf", fake_print)
    pdf = tree / "reports" / "2020" / "laporan_2020.pdf"
    pdf.write_bytes(b"%PDF-1.4 ditanam")  # planted in a year built without --pdf
    pipeline.build(2020, tree / "data", tree / "reports", pdf=True)
    assert printed == ["laporan_2020.html"]
    assert record_of(tree)["derived"]["reports/laporan_2020.pdf"]["sha256"] == sha256(pdf)
    pipeline.build(2020, tree / "data", tree / "reports", pdf=True)
    assert len(printed) == 1  # the recorded one: up to date
    pdf.write_bytes(b"%PDF-1.4 diganti")  # replaced by another file
    pipeline.build(2020, tree / "data", tree / "reports", pdf=True)
    assert len(printed) == 2


def test_an_edited_notebook_is_never_published_as_reused(tree, monkeypatch):
    reports = tree / "reports" / "2020"
    notebook = reports / "notebooks" / "01_sdm.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("336 orang", "999 orang"))
    real_key = manifest.notebook_key
    monkeypatch.setattr(manifest, "notebook_key", lambda inputs, name, parameters: (
        "0" * 64 if name == "03_anggaran" else real_key(inputs, name, parameters)))
    pipeline.build(2020, tree / "data", tree / "reports")  # 03 changed: only it would rerun
    page = (reports / "laporan_2020.html").read_text(encoding="utf-8")
    assert "999 orang" not in page and "336 orang" in page
    assert "999 orang" not in notebook.read_text(encoding="utf-8")


# 7. the explorer's workbook ----------------------------------------------------------------------

def test_an_explorer_workbook_survives_a_build_and_is_not_an_output(tree):
    from lkjip_analysis import jelajah
    from lkjip_analysis.data.datasets import load

    selection = jelajah.Selection(2020, "APBD", "program", "realisasi", 3)
    d = load(2020, tree / "data")
    saved = jelajah.save(jelajah.select(d, selection), selection, tree / "reports",
                         tree / "data")
    assert main(["build", "--force", *common(tree)]) == 0
    assert saved.exists()
    assert not [k for k in record_of(tree)["outputs"] if "jelajah" in k]


# 11. two overlapping build --all ------------------------------------------------------------------

def test_an_overlapping_build_all_refuses_before_touching_anything(tree):
    paths = paths_of(tree)
    index = tree / "reports" / "index.html"
    assert not index.exists()
    held, release = threading.Event(), threading.Event()

    def other_run():
        with year_lock(paths.reports_lock_file):
            held.set()
            release.wait(60)

    other = threading.Thread(target=other_run)
    other.start()
    try:
        held.wait(10)
        with pytest.raises(BusyError, match=r"sedang berjalan .*sudah menunggu 0,5 detik"):
            build_all(tree / "data", tree / "reports", wait=0.5)
    finally:
        release.set()
        other.join()
    assert not index.exists() and not (tree / "data" / "processed" / "tren").exists()
    assert build_all(tree / "data", tree / "reports", wait=5) == index
