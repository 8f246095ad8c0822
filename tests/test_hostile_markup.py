"""Issue 17, High 1 and Medium 12: markup planted in every kind of input (the document, a
correction's reason, the budget history) is shown as text in every report and never runs; a
zero budget and `$` in a name are drawn, not crashed on. One hostile `build --all` serves the
checks (test data: the 2020 report with planted text, built in a temporary folder)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import edit_line

from lkjip_analysis.config import PROJECT_ROOT
from lkjip_analysis.markup import escape
from lkjip_analysis.pipeline.printing import find_chromium, print_pdf

RAW = PROJECT_ROOT / "data" / "raw"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[klik](javascript:alert(3))"
DOLLARS = "US$ 100 dan US$ 200 $\\undefinedcmd$"
IFRAME = '<iframe src="file:///etc/passwd"></iframe>'
SCRIPT = "<script>alert(4)</script>"
LIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "form", "link", "meta"}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: Path) -> Tags:
    tags = Tags()
    tags.feed(page.read_text(encoding="utf-8"))
    return tags


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """`build --all` of the 2020 report with markup planted in its inputs; returns the root."""
    from lkjip_analysis.lintas_tahun.build import build_all

    root = tmp_path_factory.mktemp("hostile")
    raw = root / "data" / "raw"
    shutil.copytree(RAW, raw)
    edit_line(raw / "2020" / "lkjip_2020_dinsos_kaltim.md", 681,
              "Program Pelayanan Administrasi Perkantoran",
              f"Program Pelayanan {IMG} {LINK} {DOLLARS}")
    corrections = raw / "2020" / "koreksi.yaml"
    text = corrections.read_text(encoding="utf-8")
    reason = "alasan: Titik pemisah ribuan tertulis dua kali; angkanya tidak bermakna ganda."
    assert reason in text
    corrections.write_text(text.replace(reason, f"alasan: '{SCRIPT} {IFRAME}'"),
                           encoding="utf-8")
    history = raw / "anggaran_historis.csv"
    lines = history.read_text(encoding="utf-8").splitlines()
    lines = [f'2014,APBD,,,"{IFRAME.replace(chr(34), chr(34) * 2)} {IMG}"' if
             line.startswith("2014,APBD") else
             '2019,APBN,0,0,"Uji: anggaran dan realisasi nol"' if line.startswith("2019,APBN")
             else line for line in lines]
    history.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_all(root / "data", root / "reports", jobs=2)
    return root


def reports_of(root: Path) -> list[Path]:
    return [root / "reports" / "2020" / "laporan_2020.html",
            root / "reports" / "2020" / "laporan_2020_audit.html",
            root / "reports" / "index.html"]


def test_markup_from_data_never_becomes_markup_in_any_report(hostile):
    for page in reports_of(hostile):
        tags = parsed(page)
        names = {tag for tag, _ in tags.tags}
        assert not names & (LIVE_TAGS - {"meta"}), (page.name, names & LIVE_TAGS)
        handlers = [(tag, a) for tag, attrs in tags.tags for a in attrs if a.startswith("on")]
        assert handlers == [], page.name
        urls = [v for _, attrs in tags.tags for k, v in attrs.items()
                if k in ("href", "src", "xlink:href") and v]
        assert not [u for u in urls if u.lower().startswith(("javascript:", "file:"))]
        assert [img["src"][:5] for tag, img in tags.tags if tag == "img"] == \
            ["data:"] * sum(tag == "img" for tag, _ in tags.tags)


def test_planted_text_is_shown_as_text(hostile):
    reader, audit, index = (" ".join(parsed(p).text) for p in reports_of(hostile))
    for text in (reader, audit):
        assert IMG in text and LINK in text  # the programme name, in the APBD table
        assert SCRIPT in text and IFRAME in text  # the correction's reason
    # the history's source is a trace column: in the auditor's trend table, not the reader's
    assert f"{IFRAME} {IMG}" in audit and f"{IFRAME} {IMG}" not in reader + index


def test_every_report_forbids_scripts_and_loads(hostile):
    for page in reports_of(hostile):
        policies = [attrs["content"] for tag, attrs in parsed(page).tags
                    if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
        assert len(policies) == 1, page.name
        rules = dict(rule.strip().split(" ", 1) for rule in policies[0].split(";"))
        assert rules["default-src"] == "'none'" and rules["img-src"] == "data:"
        assert "script-src" not in rules  # falls back to 'none'


def test_zero_budget_and_dollar_signs_are_drawn(hostile):
    figures = hostile / "reports" / "2020" / "figures"
    apbn = (figures / "tren_anggaran_apbn.svg").read_text(encoding="utf-8")
    assert "serapan tak terdefinisi" in apbn  # 2019: anggaran 0, serapan has no value
    lines = "".join(p.read_text(encoding="utf-8")
                    for p in sorted(figures.glob("serapan_apbd_per_baris_*.svg")))
    drawn = lines.replace("&#x27;", "'")  # the label may wrap between its words
    assert "US$ 100 dan US$ 200" in drawn and ">$\\undefinedcmd$</text>" in drawn


def test_one_escape_is_safe_in_html_svg_and_markdown():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    hostile = f"1. {IMG} **x** # h\n---\n{LINK} www.contoh.go.id a@b.id    kode"
    html = markdown2html_mistune(f"- {escape(hostile)}")
    assert "<img" not in html and "<strong>" not in html and "<a " not in html
    assert "<h1>" not in html and "<ol>" not in html and "<hr" not in html
    assert escape("Rp50.193.200.643 88,60%") == "Rp50.193.200.643 88,60%"
    assert escape("a'b\"c") == "a&#39;b&#34;c"


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_the_printed_report_shows_planted_text_and_no_file(hostile, tmp_path):
    from pypdf import PdfReader

    reader = hostile / "reports" / "2020" / "laporan_2020.html"
    copy = tmp_path / reader.name
    shutil.copy(reader, copy)
    text = " ".join(page.extract_text() for page in PdfReader(print_pdf(copy)).pages)
    assert "root:x:0:0" not in text
    assert "iframe" in text and "onerror" in text


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_printing_runs_no_script_and_reads_no_other_file(tmp_path):
    """No Content-Security-Policy here: the printer's own walls are tested."""
    from pypdf import PdfReader

    secret = tmp_path / "rahasia.html"
    secret.write_text("<p>ISI-RAHASIA</p>", encoding="utf-8")
    page = tmp_path / "halaman.html"
    page.write_text(f'<p id="x">statis</p><iframe src="{secret.as_uri()}"></iframe>'
                    "<script>document.getElementById('x').textContent = 'SKRIP' + 'JALAN'"
                    "</script>", encoding="utf-8")
    text = " ".join(p.extract_text() for p in PdfReader(print_pdf(page)).pages)
    assert "statis" in text
    assert "SKRIPJALAN" not in text and "ISI-RAHASIA" not in text


def test_notebooks_fill_sentences_only_through_escaped_values():
    """`say` takes its Markdown as a literal written in the notebook; values from data come
    as keywords and are escaped. An f-string there would let data become markup."""
    import ast
    import json

    for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("say", "say_lines")):
                    first = node.args[0]
                    assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                        (path.name, ast.unparse(node)[:80])


def test_text_of_a_workbook_table_label_is_escaped_in_a_sentence():
    from lkjip_analysis.markup import fill

    label = '<img src=x onerror="alert(5)">'
    sentence = fill("Menurut baris rinci {tabel}.", {"tabel": label})
    assert "<" not in sentence and '"' not in sentence
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), sentence) == \
        f"Menurut baris rinci {label}."
