"""Issue 16 (the PDF, first part): the printed reader report has a cover page of its own, a
running header and "Halaman N dari M" on every other page, and nothing that scrolls. Needs
Debian's chromium (`.ci/run` installs it)."""

from __future__ import annotations

import shutil

import pytest

from lkjip_analysis.printing import LAUNCH_ARGS, find_chromium, print_pdf

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
SCROLLING = """() => [...document.querySelectorAll("body *")].filter(e => {
  const style = getComputedStyle(e);
  const clips = ["auto", "scroll", "hidden"].includes(style.overflowY)
             || ["auto", "scroll", "hidden"].includes(style.overflowX);
  return clips && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
}).map(e => e.className).slice(0, 5)"""


@pytest.fixture(scope="module")
def printed(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cetak")
    html = folder / "laporan_2020.html"
    shutil.copy(built / "laporan_2020.html", html)
    return html, print_pdf(html)


def test_the_cover_stands_alone_and_every_other_page_is_numbered(printed):
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(printed[1]).pages]
    total = len(pages)
    assert 20 <= total <= 60, total
    assert "Halaman" not in pages[0] and "Dinas Sosial Provinsi Kalimantan Timur" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Halaman {number} dari {total}" in text, number
        assert "Analisis Laporan Kinerja Instansi Pemerintah (LKjIP) 2020" in text, number


def test_the_cover_names_the_source_with_its_hash_and_the_print_date(printed):
    from datetime import date

    from babel.dates import format_date
    from conftest import DOCUMENT
    from pypdf import PdfReader

    from lkjip_analysis.hashing import sha256

    cover = " ".join(PdfReader(printed[1]).pages[0].extract_text().split())
    # the reader's cover calls the project's own text what it is, with its hash
    assert f"Sumber: teks laporan (SHA-256 {sha256(DOCUMENT)[:16]}" in cover
    assert f"Dicetak {format_date(date.today(), format='long', locale='id')}" in cover
    assert not list(printed[0].parent.glob(".*dicetak*"))  # the dated copy is not left behind


def test_nothing_scrolls_in_print(printed):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(offline=True).new_page()
            page.emulate_media(media="print")
            page.goto(printed[0].as_uri())
            assert page.evaluate(SCROLLING) == []
        finally:
            browser.close()
