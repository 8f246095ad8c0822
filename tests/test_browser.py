"""The reader report in a real browser: every figure renders (inline SVG, a hover title on
every bar) and the page itself requests nothing beyond its own file. The page's requests are
observed through Playwright's request events, so the browser's own background traffic (which
changes with each Chromium version) is never taken for the report's. Needs Debian's chromium
(`.ci/run` installs it)."""

import pytest

from lkjip_analysis.pipeline.printing import LAUNCH_ARGS, find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: install Debian's `chromium` (apt-get install "
                             "chromium) to run the browser test")
FIGURES = """() => {
  const figures = [...document.querySelectorAll(".laporan-gambar svg")];
  return {
    shown: figures.filter(f => f.getBoundingClientRect().width > 100).length,
    total: figures.length,
    tips: document.querySelectorAll('.laporan-gambar svg g[id^="nilai-"] > title').length,
  };
}"""


def test_reader_report_renders_offline(built):
    from playwright.sync_api import sync_playwright

    report = (built / "laporan_2020.html").resolve().as_uri()
    requested = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_context(offline=True).new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(report, wait_until="load")
            page.wait_for_timeout(500)
            found = page.evaluate(FIGURES)
        finally:
            browser.close()
    assert found["shown"] == found["total"] == 19  # serapan: 3 pages
    assert found["tips"] > 100  # a value on every bar
    assert [url for url in requested if not url.startswith("data:")] == [report]


PHONE = """() => {
  const heights = [...document.querySelectorAll('.laporan-gambar svg text')]
    .map(t => t.getBoundingClientRect().height).filter(h => h > 0).sort((a, b) => a - b);
  return {smallest: heights[Math.floor(heights.length * 0.05)],
          page: document.documentElement.scrollWidth};
}"""


def test_on_a_phone_chart_text_reads_and_only_boxes_scroll(built):
    """At 390 px the figures' text was 4–5 px high (issue 26): a figure keeps a readable
    width and scrolls in its own box, as tables do; the page never scrolls sideways."""
    from playwright.sync_api import sync_playwright

    report = (built / "laporan_2020.html").resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_context(offline=True, viewport={"width": 390, "height": 800}
                                       ).new_page()
            page.goto(report, wait_until="load")
            found = page.evaluate(PHONE)
        finally:
            browser.close()
    assert found["smallest"] >= 6.5  # the 5th percentile of every label's rendered height
    assert found["page"] <= 390
