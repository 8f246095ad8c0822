"""The reader report printed to PDF by a headless Chromium, as a hostile page would be printed:
JavaScript off, no network, and no load of anything but the report file itself.

The report needs no script and loads nothing (its figures are inline); text from data is
escaped and the page forbids scripts by its Content-Security-Policy. Printing adds a third
wall, because it runs on the build machine: the browser context has JavaScript disabled and is
offline, and every request other than the report's own URL is aborted (a `file:` iframe or
image planted in the data prints as an empty box, never as the file's content).
"""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

from ..errors import LkjipError
from ..i18n import _

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
PRINT_TIMEOUT_MS = 120_000


def find_chromium() -> str | None:
    """The path of a Chromium or Chrome on PATH, or None."""
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def print_pdf(html: Path) -> Path:
    """Print `html` to the PDF beside it (A4, the page's own print styles)."""
    browser_path = find_chromium()
    if browser_path is None:
        raise LkjipError(_("--pdf needs Chromium, and none was found: install it (Debian: "
                           "`apt-get install chromium`) or open the HTML report in a browser "
                           "and print it to PDF"))
    from playwright.sync_api import Error, sync_playwright

    pdf = html.with_suffix(".pdf")
    dated = html.with_name(f".{html.stem}.dicetak.html")  # the HTML stays reproducible
    page_text = with_print_date(html.read_text(encoding="utf-8"))
    dated.write_text(page_text, encoding="utf-8")
    url = dated.resolve().as_uri()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path,
                                                 args=LAUNCH_ARGS)
            try:
                context = browser.new_context(java_script_enabled=False, offline=True)
                context.route("**/*", lambda route: route.continue_()
                              if route.request.url == url else route.abort())
                context.set_default_timeout(PRINT_TIMEOUT_MS)
                page = context.new_page()
                _print(page, url, pdf)
                # the contents list gets the page each chapter starts on (read from the
                # first print's outline); the numbers take no line, so no page moves
                dated.write_text(with_contents_pages(page_text, chapter_pages(pdf)),
                                 encoding="utf-8")
                _print(page, url, pdf)
            finally:
                browser.close()
    except Error as exc:
        raise LkjipError(_("Chromium could not print {name}: {error}").format(
            name=html.name, error=str(exc).splitlines()[0])) from None
    finally:
        dated.unlink(missing_ok=True)
    return pdf


def _print(page, url: str, pdf: Path) -> None:
    """Print the page to `pdf`, with an outline (the PDF's bookmarks) of its headings."""
    page.goto(url)
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True, outline=True,
             tagged=True)


def chapter_pages(pdf: Path) -> dict[str, int]:
    """Each top-level heading of a printed report (its outline's first level) -> the page it
    is on, its title without spaces (an outline drops some)."""
    from pdfminer.pdfdocument import PDFDocument, PDFNoOutlines
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    found = {}
    with pdf.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        pages = {page.pageid: number
                 for number, page in enumerate(PDFPage.create_pages(document), start=1)}
        try:
            outline = list(document.get_outlines())
        except PDFNoOutlines:
            return {}
        for level, title, destination, _action, _se in outline:
            target = resolve1(destination) if level == 1 and destination else None
            if isinstance(target, list) and target:
                found.setdefault(_bare(title), pages.get(getattr(target[0], "objid", None)))
    return {title: page for title, page in found.items() if page}


_CONTENTS_ENTRY = re.compile(r'(<li><a href="#[^"]*">(.*?)</a>)(</li>)')


def with_contents_pages(page: str, pages: dict[str, int]) -> str:
    """The report with each entry of its contents list followed by its page number."""
    start = page.find('class="laporan-daftar-isi"')
    end = page.find("</ul>", start)
    if start < 0 or end < 0 or not pages:
        return page

    def numbered(match: re.Match) -> str:
        number = pages.get(_bare(html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))))
        if number is None:
            return match.group(0)
        return f'{match.group(1)}<span class="laporan-halaman">{number}</span>{match.group(3)}'

    return page[:start] + _CONTENTS_ENTRY.sub(numbered, page[start:end]) + page[end:]


def _bare(title: object) -> str:
    return re.sub(r"\s+", "", str(title))


def with_print_date(page: str, today: date | None = None) -> str:
    """The report with the day it is printed on its cover (`Dicetak 28 November 2026`)."""
    from babel.dates import format_date

    printed = format_date(today or date.today(), format="long", locale="id")
    cover = page.find('class="laporan-sampul"')
    end = page.find("</div>", cover)
    if cover < 0 or end < 0:
        return page
    return f'{page[:end]}<p class="laporan-dicetak">Dicetak {printed}</p>{page[end:]}'
