"""The report page without nbconvert's BeautifulSoup pass is the page nbconvert writes: the same
elements with the same attributes (tab stops and image texts included), and the same text."""

from __future__ import annotations

from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from lkjip_analysis.pipeline import htmlpage, pipeline


def elements(page: str) -> list[tuple]:
    soup = BeautifulSoup(page, "html.parser")
    return [(tag.name, sorted((k, str(v)) for k, v in tag.attrs.items()))
            for tag in soup.find_all()]


def test_the_page_is_nbconverts_element_for_element(built, monkeypatch):
    notebooks = sorted((built / "notebooks").glob("*.ipynb"))
    book = pipeline.combine(notebooks, "Judul", "Instansi", True, "sumber")
    ours = htmlpage.notebook_html(book, True)
    # the second route: nbconvert's own exporter, with its BeautifulSoup pass
    monkeypatch.setattr(htmlpage, "PageExporter", HTMLExporter)
    theirs = htmlpage.notebook_html(book, True)
    assert elements(ours) == elements(theirs)
    assert BeautifulSoup(ours, "html.parser").get_text() == \
        BeautifulSoup(theirs, "html.parser").get_text()
    assert 'tabindex="0"' in ours
