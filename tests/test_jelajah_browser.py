"""The budget explorer as the analyst uses it: JupyterLab served on localhost, Debian's
Chromium driven by Playwright (no browser download), the notebook run, one control changed,
the table checked. Skipped where Chromium is absent (`.ci/run` installs it). The server is
stopped whatever happens."""

from __future__ import annotations

import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from lkjip_analysis import jelajah, load
from lkjip_analysis.config import NOTEBOOKS_DIR
from lkjip_analysis.jelajah import Selection
from lkjip_analysis.pipeline.printing import find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: install Debian's `chromium` (apt-get install "
                             "chromium) to run the JupyterLab browser test")
JUPYTER = Path(sys.executable).with_name("jupyter")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def lab(data_root, tmp_path):
    """JupyterLab on a free localhost port with a token, over a copy of the notebook and of
    the data; yields its base URL and token, then stops it."""
    folder = tmp_path / "lab"
    folder.mkdir()
    book = nbformat.read(NOTEBOOKS_DIR / "jelajah_anggaran.ipynb", as_version=4)
    # JupyterLab writes the kernel's Python version into the notebook when it connects: the
    # committed notebook names the project's Python; another one here is not a change of ours
    book.metadata.language_info.version = platform.python_version()
    nbformat.write(book, folder / "jelajah_anggaran.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "LKJIP_DATA_DIR": str(data_root),
           "LKJIP_REPORTS_DIR": str(tmp_path / "reports"), "JUPYTER_CONFIG_DIR":
           str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    server = subprocess.Popen(
        [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--allow-root", f"--ServerApp.root_dir={folder}", f"--IdentityProvider.token={token}",
         "--LabApp.news_url=", "--ServerApp.port_retries=0",
         "--LabApp.expose_app_in_browser=True"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "JupyterLab stopped while starting"
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 90 s")
        yield base, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


def table_names(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jelajah-tabel table tbody tr td:first-child", "cells => cells.map(c => c.textContent"
        ".trim())")


def wait_for_names(page, expected: list[str], seconds: float = 90) -> list[str]:
    deadline = time.time() + seconds
    names = []
    while time.time() < deadline:
        names = table_names(page)
        if names == expected:
            break
        page.wait_for_timeout(500)
    return names


def test_explorer_updates_its_table_when_a_control_changes(lab, data_root):
    sync_api = pytest.importorskip("playwright.sync_api")
    base, token = lab
    d = load(2020, data_root)
    first = jelajah.select(d, Selection(2020)).nama.tolist()
    after = jelajah.select(d, Selection(2020, fund="APBN")).nama.tolist()
    assert first != after
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/jelajah_anggaran.ipynb?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus",
                                   timeout=90_000)
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell"
                                   ".currentWidget && window.jupyterapp.shell.currentWidget"
                                   ".sessionContext.session", timeout=90_000)
            page.wait_for_function("window.jupyterapp.shell.currentWidget.sessionContext"
                                   ".session.kernel.status === 'idle'", timeout=90_000)
            page.wait_for_timeout(1000)
            # opened and connected to its kernel, the notebook is not yet modified
            assert not page.evaluate("window.jupyterapp.shell.currentWidget.context.model"
                                     ".dirty")
            # what the menu's Run → Run All Cells does
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_selector(".jelajah-tabel table", timeout=120_000)
            assert wait_for_names(page, first) == first
            # the set-up cells print nothing (no stray `Selection(...)`)
            texts = page.eval_on_selector_all(".jp-OutputArea-output pre",
                                              "nodes => nodes.map(n => n.textContent)")
            assert not [text for text in texts if "Selection(" in text], texts
            fund = page.locator(".widget-dropdown", has_text="Sumber dana").locator("select")
            fund.select_option("APBN")
            assert wait_for_names(page, after) == after
            level = page.locator(".widget-dropdown", has_text="Tingkat").locator("select")
            assert "Sumber\xa0dana" in level.inner_text()  # APBN lines name no unit
        finally:
            browser.close()
