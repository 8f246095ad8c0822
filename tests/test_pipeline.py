"""The notebooks end to end: executed by papermill into a temporary reports folder."""

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest

from lkjip_analysis.config import NOTEBOOKS_DIR, PROJECT_ROOT
from lkjip_analysis.errors import NotebookError
from lkjip_analysis.pipeline import pipeline

FIGURES = {
    "sdm_jenis_kelamin", "sdm_golongan", "sdm_pendidikan", "iku_target_realisasi",
    "kinerja_triwulan", "kinerja_historis", "evaluasi_akip", "keluaran_program",
    "realisasi_apbd_per_unit", "realisasi_apbd_per_program", "serapan_apbd_per_baris_1",
    "serapan_apbd_per_baris_2", "serapan_apbd_per_baris_3",
    "realisasi_apbn", "tren_anggaran_apbd", "tren_anggaran_apbn", "audit_selisih_terbesar",
    "inti_capaian_indikator", "inti_serapan_anggaran"}
EXTERNAL = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//'
                      r"|url\(\s*['\"]?(?:https?:)?//|@import")


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def outputs_text(notebook: Path) -> str:
    book = nbformat.read(notebook, as_version=4)
    parts = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", "") + data.get("text/html", "")
                         + output.get("text", ""))
    return "\n".join(parts)


def test_every_notebook_ran_and_every_figure_was_saved(built):
    executed = sorted(p.stem for p in (built / "notebooks").glob("*.ipynb"))
    assert executed == pipeline.notebook_names()
    saved = {p.stem for p in (built / "figures").glob("*.png")}
    assert saved == FIGURES
    assert {p.stem for p in (built / "figures").glob("*.svg")} == FIGURES


def test_key_figures_in_the_notebooks(built):
    # 50.193.200.643 / 56.652.801.485 = 88,598 % (lines 672 and 744 of the report)
    budget = outputs_text(built / "notebooks" / "03_anggaran.ipynb")
    assert "Rp50.193.200.643" in budget and "88,60%" in budget
    # capaian 1,47 / 1,5 = 98 %; kemajuan 1,47 / 7,5 = 19,6 %
    performance = outputs_text(built / "notebooks" / "02_kinerja.ipynb")
    assert "98,00%" in performance and "19,60%" in performance
    # Tabel 1 detail rows: PNS 130 + 63 = 193, honorer 85 + 58 = 143
    staff = outputs_text(built / "notebooks" / "01_sdm.ipynb")
    assert "336 orang" in staff and "193 PNS" in staff and "143 honorer" in staff
    audit = outputs_text(built / "notebooks" / "05_audit.ipynb")
    assert "141 pemeriksaan" in audit
    trend = outputs_text(built / "notebooks" / "04_tren_anggaran.ipynb")
    assert "2014, 2015, 2016, 2017, 2018, 2019" in trend


def test_reader_report_is_complete_and_self_contained(built):
    html = (built / "laporan_2020.html").read_text(encoding="utf-8")
    assert not EXTERNAL.search(html)
    assert len(re.findall(r'<div class="jp-RenderedSVG[^"]*laporan-gambar', html)) == len(FIGURES)
    assert 'class="jp-CodeMirrorEditor' not in html and "ctx = setup(" not in text_of(html)
    assert "Daftar Isi" in html and "Rp50.193.200.643" in html
    for n in range(1, 6):
        assert f'href="#bagian-{n}"' in html and f'id="bagian-{n}"' in html


def test_audit_report_shows_the_code(built):
    html = (built / "laporan_2020_audit.html").read_text(encoding="utf-8")
    assert 'class="jp-CodeMirrorEditor' in html
    assert "ctx = setup(year, data_dir, output_dir)" in text_of(html)
    assert not EXTERNAL.search(html)


def test_audit_findings_written(built):
    lines = (built / "temuan_audit.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("id,tabel,uraian,dilaporkan,dihitung,selisih,status,baris_sumber,halaman,"
                        "catatan")
    assert len(lines) == 142


def test_notebooks_are_committed_clean():
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        book = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in book["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path
        params = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
        # typed and explained (the explorer, which analysts open, explains in Indonesian)
        typed = ("year: int = 2020  # " if path.stem in pipeline.notebook_names()
                 else 'data_dir: str = ""  # ')  # the cross-year notebook has no year
        assert len(params) == 1 and typed in "".join(params[0]["source"]), path


def test_plain_papermill_from_another_folder(tmp_path):
    out = tmp_path / "out.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS_DIR / "04_tren_anggaran.ipynb"),
         str(out), "-p", "year", "2020", "-p", "output_dir", str(tmp_path / "reports"),
         "-k", "python3", "--no-progress-bar"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "reports" / "2020" / "figures" / "tren_anggaran_apbd.png").exists()
    # the venv's kernel config (make install) keeps the kernel's own notices out of the log
    assert "IPKernelApp" not in result.stderr, result.stderr


def broken_notebooks(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "04_tren_anggaran.ipynb", folder / "01_baik.ipynb")
    book = nbformat.read(NOTEBOOKS_DIR / "04_tren_anggaran.ipynb", as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('rusak')"))
    nbformat.write(book, folder / "02_rusak.ipynb")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failing_notebook_keeps_the_previous_report(tmp_path, monkeypatch, built):
    reports = tmp_path / "reports"
    shutil.copytree(built, reports / "2020")
    before = snapshot(reports / "2020")
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", broken_notebooks(tmp_path / "nb"))
    with pytest.raises(NotebookError, match="02_rusak gagal: sel .*RuntimeError: rusak"):
        pipeline.run(2020, built.parent.parent / "data", reports)
    kept = reports / "2020" / "failed" / "02_rusak.ipynb"
    assert "RuntimeError" in kept.read_text(encoding="utf-8")
    after = snapshot(reports / "2020")
    assert {k: v for k, v in after.items() if not k.startswith("failed/")} == before


def test_a_parameter_of_the_wrong_type_fails_the_notebook(tmp_path, built):
    """The notebook checks its own parameters (as when papermill runs it alone)."""
    values = {"year": "dua ribu", "data_dir": str(built.parent.parent / "data"),
              "output_dir": str(tmp_path)}
    with pytest.raises(NotebookError, match="ParameterError: tahun harus bilangan bulat"):
        pipeline.execute_notebook("04_tren_anggaran", tmp_path / "2020", tmp_path / "failed",
                                  values)


def test_the_pipeline_refuses_a_reserved_parameter_before_any_kernel(tmp_path, built):
    from lkjip_analysis.errors import ParameterError

    with pytest.raises(ParameterError, match="-p year tidak diperbolehkan"):
        pipeline.run(2020, built.parent.parent / "data", tmp_path / "reports",
                     ["04_tren_anggaran"], {"year": "dua ribu"})


def test_unknown_notebook_names_the_notebooks(tmp_path):
    from lkjip_analysis.errors import ParameterError
    with pytest.raises(ParameterError, match="notebook yang ada: 00_ringkasan, 01_sdm, 02_kinerja"):
        pipeline.run(2020, None, tmp_path, ["99_tidak_ada"])


# --- reproducibility, reuse, verify ---------------------------------------------------------

def test_a_forced_rebuild_gives_byte_identical_outputs(built):
    data = built.parent.parent / "data"
    before = snapshot(built) | snapshot(data / "processed" / "2020")
    pipeline.build(2020, data, built.parent, force=True)
    assert snapshot(built) | snapshot(data / "processed" / "2020") == before


def test_an_unchanged_build_is_skipped_and_a_changed_notebook_reruns_alone(
        built, tmp_path, monkeypatch, caplog):
    root = tmp_path / "root"
    shutil.copytree(built.parent.parent, root, symlinks=True)
    data, reports = root / "data", root / "reports"
    caplog.set_level("INFO", logger="lkjip")
    pipeline.build(2020, data, reports)
    assert "sudah mutakhir" in caplog.text and "menjalankan notebook" not in caplog.text
    notebooks = tmp_path / "nb"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    book = nbformat.read(notebooks / "04_tren_anggaran.ipynb", as_version=4)
    book.cells.append(nbformat.v4.new_markdown_cell("Catatan tambahan analis."))
    nbformat.write(book, notebooks / "04_tren_anggaran.ipynb")
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", notebooks)
    monkeypatch.setattr(pipeline.manifest, "NOTEBOOKS_DIR", notebooks)
    caplog.clear()
    pipeline.build(2020, data, reports)
    assert re.findall(r"menjalankan notebook (\S+)", caplog.text) == ["04_tren_anggaran"]
    assert "Catatan tambahan analis." in (reports / "2020" / "laporan_2020.html").read_text()


def test_verify_reproduces_and_names_a_tampered_output(built):
    from lkjip_analysis.pipeline.verify import reproduced, verify

    data = built.parent.parent / "data"
    audit_csv = built / "temuan_audit.csv"
    original = audit_csv.read_bytes()
    audit_csv.write_bytes(original.replace(b"tidak_cocok", b"cocok", 1))
    details = {}
    try:
        rows = dict((key, status) for status, key in verify(2020, data, built.parent, details))
    finally:
        audit_csv.write_bytes(original)
    assert rows["reports/temuan_audit.csv"] == "differs"
    # the first tidak_cocok of the file, found here by reading it
    lines = original.decode("utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if ",tidak_cocok," in line)
    assert details == {"reports/temuan_audit.csv": f"baris {number} "
                       f"({lines[number - 1].split(',')[0]}), kolom status: 'cocok' di folder, "
                       "'tidak_cocok' dibangun ulang"}
    assert rows["reports/laporan_2020.html"] == "same"
    assert rows["processed/realisasi_apbd.csv"] == "same"
    assert rows["reports/notebooks/01_sdm.ipynb"] == "volatile"
    assert not reproduced([(s, k) for k, s in rows.items()])
    others = [s for k, s in rows.items() if k != "reports/temuan_audit.csv"]
    assert set(others) <= {"same", "volatile"}


def test_manifest_records_inputs_outputs_and_versions(built):
    record = json.loads((built / "manifest.json").read_text())
    assert {"data/raw/2020/lkjip_2020_dinsos_kaltim.md", "data/raw/2020/koreksi.yaml",
            "data/raw/anggaran_historis.csv", "notebooks/01_sdm.ipynb",
            "lkjip_analysis/audit/__init__.py"} <= set(record["inputs"])
    assert "reports/laporan_2020.html" in record["outputs"]
    assert "processed/lkjip_2020.xlsx" in record["outputs"]
    assert record["versions"]["pandas"] and record["versions"]["python"]
    import hashlib
    document = PROJECT_ROOT / "data/raw/2020/lkjip_2020_dinsos_kaltim.md"
    assert record["inputs"]["data/raw/2020/lkjip_2020_dinsos_kaltim.md"] == hashlib.sha256(
        document.read_bytes()).hexdigest()


def test_a_changed_number_is_named_in_the_log(built, tmp_path, caplog):
    """Line 681's 2.892.957.804 edited to …805: the rebuild's log names the input and the
    disagreements that appear (Belanja Langsung no longer the sum of its value lines), where
    before it only said "141 pemeriksaan" (issue 26)."""
    from helpers import edit_line

    root = tmp_path / "root"
    shutil.copytree(built.parent.parent, root, symlinks=True)
    data, reports = root / "data", root / "reports"
    document = data / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md"
    edit_line(document, 681, "2.892.957.804", "2.892.957.805")
    caplog.set_level("INFO", logger="lkjip")
    pipeline.build(2020, data, reports)
    log = caplog.text
    # one check more disagrees than the 42 of the published report: 99 → 98 cocok
    assert "2020: 32 dataset diekstrak; audit: 141 pemeriksaan: 98 cocok, 43 tidak cocok" in log
    assert ("2020: sejak build terakhir: masukan berubah: data/raw/2020/"
            "lkjip_2020_dinsos_kaltim.md") in log
    new = re.findall(r"sejak build terakhir: tidak cocok baru: (.*)", log)
    assert new == ["T14-01 (Tabel 14, baris 680)"]  # Belanja Langsung = jumlah baris nilai
    caplog.clear()
    pipeline.build(2020, data, reports, force=True)
    assert "sejak build terakhir: tidak ada masukan maupun temuan yang berubah" in caplog.text


def test_the_changes_between_two_builds():
    from lkjip_analysis.pipeline.changes import since

    header = "id,tabel,uraian,dilaporkan,dihitung,selisih,status,baris_sumber,halaman,catatan\n"
    old = (header + "T14-01,Tabel 14,Jumlah,10,10,0,cocok,680,,\n"
           "T14-02,Tabel 14,Serapan,88.6,88.6,0,cocok,746,,\n"
           "N-01,Narasi,Pegawai,187,180,-7,tidak_cocok,297,,\n").encode()
    new = (header + "T14-01,Tabel 14,Jumlah,10,11,1,tidak_cocok,680,,\n"
           "T14-02,Tabel 14,Serapan,88.7,88.7,0,cocok,746,,\n"
           "N-01,Narasi,Pegawai,180,180,0,cocok,297,,\n").encode()
    found = since({"inputs": {"a.md": "1", "koreksi.yaml": "2"}},
                  {"a.md": "9", "koreksi.yaml": "2", "tabel.yaml": "3"}, old, new)
    assert found.inputs == ["a.md", "tabel.yaml"]
    assert found.appeared == ["T14-01 (Tabel 14, baris 680)"]
    assert found.resolved == ["N-01 (Narasi, baris 297)"]
    assert found.moved == ["T14-02 (Tabel 14, baris 746)"]
    assert since(None, {}, None, new).lines() == [
        "sejak build terakhir: belum ada (build pertama tahun ini)"]


def test_executed_notebooks_record_their_final_path(built):
    """Not the stage folder they ran in (`reports/.2020.stage/…`, issue 26)."""
    for notebook in (built / "notebooks").glob("*.ipynb"):
        recorded = nbformat.read(notebook, as_version=4).metadata.papermill.output_path
        assert recorded == str(notebook), notebook.name


@pytest.mark.parametrize("record, findings", [
    ({"inputs": 3}, b"id,tabel\n"), ({"inputs": {}}, b"bukan,csv\n1\n"),
    ({"inputs": {}}, b"\xff\xfe"),
])
def test_an_unreadable_last_build_is_said_not_compared(record, findings):
    from lkjip_analysis.pipeline.changes import since

    new = b"id,tabel,uraian,dilaporkan,dihitung,selisih,status,baris_sumber,halaman,catatan\n"
    assert since(record, {}, findings, new).lines() == [
        "sejak build terakhir: manifest atau temuannya tidak terbaca; tidak dibandingkan"]
