"""What an adversarial run of the CLI found (issue 11): each case fails without its fix."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import edit_line

from lkjip_analysis import load
from lkjip_analysis.cli import COMMANDS, first_sentence, main
from lkjip_analysis.config import PROJECT_ROOT, Paths
from lkjip_analysis.errors import CorrectionError, SourceError
from lkjip_analysis.i18n import _
from lkjip_analysis.pipeline.printing import find_chromium

CLI = [sys.executable, "-m", "lkjip_analysis.cli"]


def lkjip(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})})


def figures_in(html: Path) -> int:
    text = html.read_text(encoding="utf-8")
    return len(re.findall(r'<div class="jp-RenderedSVG[^"]*laporan-gambar', text))


# 1. two data folders, one reports folder -------------------------------------------------------

def test_two_builds_sharing_a_reports_folder_never_overlap(data_root, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(data_root / "raw", other / "raw")
    reports = tmp_path / "reports"
    first = subprocess.Popen([*CLI, "build", "--year", "2020", "--data-dir", str(data_root),
                              "--reports-dir",
                              str(reports), "--jobs", "1"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    lock = reports / ".2020.lock"
    deadline = time.time() + 120
    while not (lock.exists() and lock.read_text().strip()) and time.time() < deadline:
        time.sleep(0.05)
    second = lkjip("build", "--year", "2020", "--data-dir", str(other), "--reports-dir",
                   str(reports), cwd=tmp_path)
    assert first.wait(timeout=600) == 0
    assert second.returncode == 1
    assert "sedang berjalan" in second.stderr and str(lock) in second.stderr
    assert figures_in(reports / "2020" / "laporan_2020.html") == 19
    (reports / "2020" / "laporan_2020.html").unlink()  # a cached build trusts only what is there
    rebuilt = lkjip("build", "--year", "2020", "--data-dir", str(data_root), "--reports-dir",
                    str(reports), cwd=tmp_path)
    assert rebuilt.returncode == 0 and "sudah mutakhir" not in rebuilt.stderr
    assert (reports / "2020" / "laporan_2020.html").exists()


# 2. nothing in a data folder can run code -------------------------------------------------------

class _Planted:
    def __reduce__(self):
        return (Path.write_text, (Path(os.environ["LKJIP_PLANTED"]), "ran"))


@pytest.mark.parametrize("name, content", [
    ("2020-document.pickle", None),
    ("2020-document.json", b"\x80\x04not json at all"),
    ("2020-document.json", b'{"format": "lkjip-cache-1", "key": "x", "frames": 3}'),
])
def test_a_planted_cache_file_runs_nothing_and_is_a_miss(data_root, tmp_path, monkeypatch,
                                                         name, content):
    proof = tmp_path / "proof"
    monkeypatch.setenv("LKJIP_PLANTED", str(proof))
    cache = data_root / "processed" / ".cache"
    cache.mkdir(parents=True)
    (cache / name).write_bytes(content if content is not None
                               else pickle.dumps(("anything", _Planted())))
    d = load(2020, data_root, source="document")
    assert d.realisasi_apbd.realisasi.sum() == 26_661_611_467
    assert not proof.exists()


# 3 and 4. relative folders ------------------------------------------------------------------

def test_relative_folders_are_resolved_once(data_root, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.move(data_root, work / "dS")
    done = lkjip("build", "--data-dir", "dS", "--reports-dir", "relrep", "--jobs", "2",
                 cwd=work)
    assert done.returncode == 0, done.stderr
    assert not re.search(r"GALAT|ERROR|Traceback|KeyboardInterrupt", done.stderr), done.stderr
    assert figures_in(work / "relrep" / "2020" / "laporan_2020.html") == 19
    assert len(list((work / "relrep" / "2020" / "figures").glob("*.png"))) == 19
    assert not (PROJECT_ROOT / "notebooks" / "relrep").exists()
    by_env = lkjip("extract", cwd=work, env={"LKJIP_DATA_DIR": "dS"})
    assert by_env.returncode == 0, by_env.stderr


# 5 and 6. the PDF ----------------------------------------------------------------------------

@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_pdf_is_verified_through_its_html_and_never_left_stale(data_root, tmp_path):
    reports = tmp_path / "reports"
    common = ["--data-dir", str(data_root), "--reports-dir", str(reports)]
    first = lkjip("build", "--pdf", *common, cwd=tmp_path)
    assert first.returncode == 0
    pdf = reports / "2020" / "laporan_2020.pdf"
    assert f"2020: PDF ditulis: {pdf}" in first.stderr  # the log names where it is
    record = json.loads((reports / "2020" / "manifest.json").read_text())
    assert pdf.exists() and "reports/laporan_2020.pdf" not in record["outputs"]
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes()))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4
    assert record["derived"]["reports/laporan_2020.pdf"]["dari"] == "reports/laporan_2020.html"
    cached = lkjip("build", "--pdf", *common, cwd=tmp_path)
    assert "sudah mutakhir" in cached.stderr
    verified = lkjip("verify", *common, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout
    assert "turunan   reports/2020/laporan_2020.pdf" in verified.stdout
    edit_line(data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md", 681,
              "2.892.957.804", "2.892.957.805")
    assert lkjip("build", *common, cwd=tmp_path).returncode == 0
    record = json.loads((reports / "2020" / "manifest.json").read_text())
    assert not pdf.exists() and record["derived"] == {}


# 7 and 8. usage errors exit 2 at once ---------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["build", "--jobs", "0"], "paling sedikit 1"),
    (["build", "--jobs", "-1"], "paling sedikit 1"),
    (["run", "--jobs", "x"], "paling sedikit 1"),
    (["build", "-p", "year", "2019"], "-p year tidak diperbolehkan: pakai --year"),
    (["run", "-p", "year", "abc"], "-p year tidak diperbolehkan: pakai --year"),
    (["build", "-p", "output_dir", "X"], "pakai --reports-dir"),
    (["build", "-p", "data_dir", "X"], "pakai --data-dir"),
    (["run", "-p", "top", "5"], "-p top: tidak ada notebook yang memiliki parameter ini"),
])
def test_usage_errors_exit_2_before_any_kernel(tmp_path, args, message):
    started = time.perf_counter()
    done = lkjip(*args, "--reports-dir", str(tmp_path / "r"), cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr
    assert time.perf_counter() - started < 20
    assert not (tmp_path / "r").exists()


def test_a_parameter_of_the_wrong_type_exits_2(monkeypatch, capsys):
    from lkjip_analysis.pipeline import parameters

    monkeypatch.setattr(parameters, "notebook_parameters", lambda: {"top": "int"})
    assert main(["run", "-p", "top", "abc"]) == 2
    assert "-p top harus int, bukan 'abc'" in capsys.readouterr().err


# 9. make lab ---------------------------------------------------------------------------------

def test_make_lab_allows_root_and_installs_once():
    done = subprocess.run(["make", "-n", "lab"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    if os.getuid() == 0:
        assert "--allow-root" in done.stdout
    stamp = PROJECT_ROOT / ".venv" / ".installed"
    project = PROJECT_ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= project.stat().st_mtime:
        assert "pip install" not in done.stdout  # JupyterLab comes with the project
    assert "notebooks/jelajah_anggaran.ipynb" in done.stdout


# smaller ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_list_shows_whole_sentences(name):
    description = _(COMMANDS[name].description)  # as the user reads it
    shown = first_sentence(description)
    assert shown.endswith(".") and " ".join(description.split()).startswith(shown)


def test_a_correction_for_a_missing_line_names_both_lines(data_root):
    koreksi = data_root / "raw" / "2020" / "koreksi.yaml"
    lines = koreksi.read_text(encoding="utf-8").split("\n")
    entry = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("- tabel"))
    assert lines[entry].strip() == "baris: 694"
    lines[entry] = lines[entry].replace("694", "99999")
    koreksi.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorrectionError) as caught:
        load(2020, data_root)
    message = str(caught.value)
    assert f"baris {entry}," in message and "baris dokumen 99999" in message
    assert f"entri pada baris {entry} koreksi.yaml" in message


def test_a_duplicated_year_in_the_budget_history_is_said_in_words(data_root):
    history = data_root / "raw" / "anggaran_historis.csv"
    lines = history.read_text(encoding="utf-8").splitlines()
    history.write_text("\n".join([*lines, lines[7]]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load(2020, data_root)
    message = str(caught.value)
    assert "tahun 2020, sumber_dana APBD muncul 2 kali, pada baris 8 dan 16" in message
    assert "anggaran_historis.csv" in message and "koreksi" not in message


def test_leftovers_are_cleared_by_any_run_holding_the_lock(data_root, tmp_path):
    reports = tmp_path / "reports"
    paths = Paths.for_year(2020, data_root, reports)
    (paths.reports_stage / "2020").mkdir(parents=True)
    paths.failed_notebooks.mkdir(parents=True)
    (paths.failed_notebooks / "03_anggaran.ipynb").write_text("{}")
    assert main(["audit", "--data-dir", str(data_root), "--reports-dir", str(reports)]) == 0
    assert not paths.reports_stage.exists() and not paths.failed_notebooks.exists()
