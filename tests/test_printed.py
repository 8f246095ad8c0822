"""Issue 16 (the PDF, first part): the printed reader report has a cover page of its own, a
running header and "Halaman N dari M" on every other page, and nothing that scrolls. Needs
Debian's chromium (`.ci/run` installs it)."""

from __future__ import annotations

import shutil

import pytest

from lkjip_analysis.pipeline.printing import LAUNCH_ARGS, find_chromium, print_pdf

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

    from lkjip_analysis.safety.hashing import sha256

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


def _headings(html) -> set[str]:
    import html as markup
    import re

    page = html.read_text(encoding="utf-8")
    found = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, re.S)
    return {markup.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip() for h in found}


def test_no_heading_ends_a_page_and_page_boxes_use_the_body_font(printed):
    """Headings were stranded at the foot of pp. 3, 6, 16, 25 (issue 26), the running header
    and footer in a serif font: a page's last line is never a heading (the table of contents,
    page 2, lists them), and every page uses the body's one family."""
    from pypdf import PdfReader

    headings = _headings(printed[0])
    reader = PdfReader(printed[1])
    stranded = []
    for number, page in enumerate(reader.pages[2:], start=3):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Halaman ")]
        if body and body[-1] in headings:
            stranded.append((number, body[-1]))
    assert stranded == []
    families = set()
    for page in reader.pages[1:]:
        fonts = page["/Resources"].get("/Font", {})
        families |= {str(fonts[name].get_object()["/BaseFont"]).split("+")[-1].split("-")[0]
                     for name in fonts}
    assert families == {"DejaVuSans"}, families


def test_an_audit_tables_ids_and_amounts_stay_on_one_line(printed):
    """`N-/18` wrapped in a column nine characters wide: ids and numbers never wrap."""
    import re

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(printed[1]).pages)
    assert re.findall(r"(?m)^(?:N|T\d\d)-$", text) == []  # an id cut at its hyphen
    assert re.search(r"(?m)^N-18$", text) and "56.652.801.485" in text


def test_the_printed_contents_give_each_chapters_page(printed):
    """Each entry of the printed Daftar Isi ends with a page number, and that page is the
    one whose first line under the running header is the chapter's title (read here from
    the PDF's text, not from its outline)."""
    import re

    from pypdf import PdfReader

    pages = [page.extract_text().splitlines() for page in PdfReader(printed[1]).pages]
    contents = [re.match(r"(.+?)\s*(\d+)$", line) for line in pages[1][2:] if line.strip()]
    entries = [(m.group(1).strip(), int(m.group(2))) for m in contents if m]
    assert [title for title, _page in entries] == [
        "Ringkasan", "1. Sumber Daya Aparatur", "2. Kinerja", "3. Anggaran",
        "4. Perkembangan Anggaran", "5. Audit"]
    for title, number in entries:
        body = [line for line in pages[number - 1] if not line.startswith("Halaman ")]
        assert title in body[:3], (title, number, body[:3])
