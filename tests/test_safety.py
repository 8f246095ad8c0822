"""Interrupted, concurrent and unwritable runs lose nothing."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from lkjip_analysis.cli import main
from lkjip_analysis.config import Paths
from lkjip_analysis.pipeline.steps import extract
from lkjip_analysis.safety.lock import year_lock


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_run_for_the_same_year_stops_with_a_message(data_root, caplog):
    extract(2020, data_root)
    before = snapshot(data_root / "processed" / "2020")
    with year_lock(Paths.for_year(2020, data_root).lock_file):
        assert main(["extract", "--data-dir", str(data_root)]) == 1
    assert "sedang berjalan" in caplog.text
    assert snapshot(data_root / "processed" / "2020") == before
    assert main(["extract", "--data-dir", str(data_root)]) == 0  # the lock is released


def test_an_unwritable_reports_folder_is_a_clear_error(data_root, tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert main(["audit", "--data-dir", str(data_root), "--reports-dir",
                 str(blocker / "reports")]) == 1
    assert "tidak dapat membaca atau menulis" in caplog.text and "not-a-folder" in caplog.text


def test_an_interrupted_build_leaves_the_previous_outputs(data_root, tmp_path):
    reports = tmp_path / "reports"
    command = [sys.executable, "-m", "lkjip_analysis.cli", "-q", "build", "--data-dir",
               str(data_root), "--reports-dir", str(reports), "--jobs", "1"]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    before = snapshot(reports / "2020") | snapshot(data_root / "processed" / "2020")
    process = subprocess.Popen([*command, "--force"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    stage = reports / ".2020.stage" / "2020" / "notebooks"
    deadline = time.time() + 120
    while not any(stage.glob("*.ipynb")) and time.time() < deadline:
        time.sleep(0.2)
    assert any(stage.glob("*.ipynb")), "the build never reached its notebooks"
    os.killpg(process.pid, signal.SIGKILL)  # the worst case: no chance to clean up
    process.wait(timeout=60)
    after = snapshot(reports / "2020") | snapshot(data_root / "processed" / "2020")
    assert after == before
