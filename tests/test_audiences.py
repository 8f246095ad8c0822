"""Issue 16: the reader's report carries no internals (file names, column names, line numbers);
the auditor's carries them all. Both come from one run of the notebooks."""

from __future__ import annotations

import html
import re

import pytest

from lkjip_analysis.audiences import for_audiences


def visible_text(path) -> str:
    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", path.read_text(encoding="utf-8"),
                  flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("template, auditor, reader", [
    ("Narasi[[ (baris {baris})]] menyebut", "Narasi (baris {baris}) menyebut",
     "Narasi menyebut"),
    ("ada di [[`temuan_audit.csv`||versi auditor]].", "ada di `temuan_audit.csv`.",
     "ada di versi auditor."),
    ("tanpa penanda", "tanpa penanda", "tanpa penanda"),
])
def test_a_sentence_has_a_part_for_each_audience(template, auditor, reader):
    assert for_audiences(template) == (auditor, reader)


def test_the_reader_report_names_no_file_column_or_line(built):
    text = visible_text(built / "laporan_2020.html")
    assert not re.search(r"\.csv|\.yaml|baris sumber|\(baris \d+\)|Tabel \d+ baris \d+", text)
    assert "analis dapat mengisinya" not in text
    assert "Narasi laporan menyebut 187 PNS" in text  # the sentence, without its line


def test_the_auditor_report_keeps_every_trace(built):
    text = visible_text(built / "laporan_2020_audit.html")
    assert "Narasi laporan (baris 297) menyebut 187 PNS" in text
    assert "temuan_audit.csv" in text and "baris sumber" in text
    assert "anggaran_historis.csv" in text


def test_the_budget_gap_is_said_once_to_the_reader(built):
    text = visible_text(built / "laporan_2020.html")
    assert text.count("Tidak tersedia") == 1


def test_the_auditor_sees_the_parameters_versions_and_commit(built):
    import platform

    text = visible_text(built / "laporan_2020_audit.html")
    assert "Dibangun dengan: lkjip-analysis 0.1.0 (commit " in text
    assert f"Python {platform.python_version()}" in text and "pandas " in text
    # the parameters each notebook ran with; folders named, not quoted (they differ by machine)
    assert 'year = 2020 data_dir = "<folder data>" output_dir = "<folder laporan>"' in text
    assert str(built.parent) not in text
    assert "Dibangun dengan" not in visible_text(built / "laporan_2020.html")


def test_an_executed_notebook_names_its_final_folder_and_reruns_in_place(built):
    import nbformat

    book = nbformat.read(built / "notebooks" / "01_sdm.ipynb", as_version=4)
    assert book.metadata.papermill.parameters.output_dir == str(built.parent)
    injected = [c for c in book.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and ".stage" not in injected[0].source
    assert f'output_dir = "{built.parent}"' in injected[0].source


def test_in_jupyterlab_a_table_is_shown_once_the_auditors(monkeypatch):
    """Outside a report run (a notebook opened by an analyst) nothing is shown twice."""
    import pandas as pd

    from lkjip_analysis import notebook
    from lkjip_analysis.audiences import BOTH_VERSIONS

    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda obj, **kw: shown.append((obj, kw.get("metadata"))))
    frame = pd.DataFrame({"program": ["Uji"], "realisasi": [1], "baris_sumber": [7]})
    monkeypatch.delenv(BOTH_VERSIONS, raising=False)
    notebook.show(frame)
    assert len(shown) == 1 and "baris sumber" in shown[0][0]["text/html"]
    monkeypatch.setenv(BOTH_VERSIONS, "1")
    notebook.show(frame)
    assert [m for _, m in shown[1:]] == [{"lkjip_untuk": "auditor"}, {"lkjip_untuk": "pembaca"}]
    assert "baris sumber" not in shown[2][0]["text/html"]


def test_the_reader_sees_words_not_code_names(built):
    """Issue 26: code names of narrative figures, a line inside a correction's reason, raw
    column names as headers and the project's own text file on the cover are the auditor's."""
    reader = visible_text(built / "laporan_2020.html")
    for internal in ("uep_sasaran", "kube_mandiri", "baris 680", "baris 714",
                     "persen populasi pmks",
                     "predikat dihitung", "no program", "lkjip_2020_dinsos_kaltim.md"):
        assert internal not in reader, internal
    assert "% populasi PMKS" in reader and "Sumber: teks laporan (SHA-256" in reader
    auditor = visible_text(built / "laporan_2020_audit.html")
    assert "(uep_sasaran)" in auditor and "lkjip_2020_dinsos_kaltim.md" in auditor


def test_the_index_names_the_budget_history_and_statuses_in_words():
    import pandas as pd

    from lkjip_analysis.lintas_tahun.temuan import readable

    findings = pd.DataFrame({
        "tabel": ["anggaran_historis.csv", "Tabel 9"],
        "uraian": ["Anggaran APBD 2020: anggaran_historis.csv sama dengan LKjIP 2020", "x"],
        "dilaporkan": [56_652_801_485, 1.5], "status": ["cocok", "tidak_cocok"]})
    shown = readable(findings)
    assert shown.tabel.tolist() == ["data anggaran historis", "Tabel 9"]
    assert shown.uraian[0] == "Anggaran APBD 2020: data anggaran historis sama dengan LKjIP 2020"
    assert shown.status.tolist() == ["cocok", "tidak cocok"]
    assert shown.dilaporkan.tolist() == [56_652_801_485, 1.5]
    assert findings.tabel[0] == "anggaran_historis.csv"  # the data itself unchanged


def test_every_figure_names_its_source_for_the_auditor_only(built):
    """No figure named its source (issue 26): under each one the auditor reads the table
    and lines its numbers come from. Tabel 1's detail rows stand on lines 303–308 of the
    2020 text, Tabel 14's value lines on 681–743 (its Total, line 744, is kept apart)."""
    auditor = visible_text(built / "laporan_2020_audit.html")
    reader = visible_text(built / "laporan_2020.html")
    assert "Sumber gambar: Tabel 1, baris 303–308" in auditor
    assert "Sumber gambar: Tabel 14, baris 681–743" in auditor
    assert auditor.count("Sumber gambar:") == 19  # every figure of the report
    assert "Sumber gambar" not in reader
