"""A notebook as one self-contained HTML page (nbconvert, the `laporan` template): figures
embedded, nothing loaded from the network.

nbconvert's HTML exporter ends by re-reading its whole page with BeautifulSoup to add tab stops
and missing alternative texts: half the export's time for a page this size. The exporter here
renders the same page and adds those by substitution instead."""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.exporters import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import NotebookNode

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# what nbconvert's BeautifulSoup pass gives a page: a keyboard stop on each input and output
# (they can scroll), and a text for an image that has none
_FOCUSABLE = re.compile(r'<div class="([^"]*\bjp-(?:Cell-inputWrapper|OutputArea-output)\b[^"]*)"')
_IMAGE_WITHOUT_TEXT = re.compile(r"<img(?![^>]*\balt=)")


class PageExporter(HTMLExporter):
    """nbconvert's HTML exporter, its page finished by substitution, not re-parsed."""

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        page = _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', page)
        return _IMAGE_WITHOUT_TEXT.sub('<img alt="Gambar"', page), resources


def notebook_html(book: NotebookNode, with_code: bool) -> str:
    """The notebook as self-contained HTML: figures embedded, nothing loaded from the network.
    Text from data is already escaped in its outputs (`notebook.show`, `say`)."""
    exporter = PageExporter(template_name="laporan", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    if hasattr(exporter, "language_code"):
        exporter.language_code = "id"
    remove = TagRemovePreprocessor(remove_cell_tags={"remove-cell"},
                                   remove_input_tags=set() if with_code else {"remove-input"})
    exporter.register_preprocessor(remove, enabled=True)
    page, _resources = exporter.from_notebook_node(book)
    return page
