"""Many reports at once (issue 27): `lkjip batch` on a local Dask cluster of two worker
processes, over a folder of the shared real reports and reports made here (the Kaltim 2020
report as a Word file with its corrections beside it, a small Word report that names no
agency, a PDF drawn with reportlab, a broken file, a file whose name says no year).

Expected figures come from the reports themselves (by hand, see each test) or from the
single-report commands run on the same file: the collection must hold what they write."""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import RAW
from test_any_agency import REALDOCS, capaian_word

from lkjip_analysis import load, load_collection
from lkjip_analysis.cli import main
from lkjip_analysis.config import PROJECT_ROOT

pytest.importorskip("distributed")
docx = pytest.importorskip("docx")
reportlab = pytest.importorskip("reportlab")

JOMBANG = REALDOCS / "inspektorat_jombang_2022.pdf"
SUMUT = REALDOCS / "pemprov_sumut_2021.pdf"
KALTIM = "Dinas Sosial Provinsi Kalimantan Timur"
CONTOH = "Dinas Kesehatan Kota Contoh"
DRAWN = "Dinas Uji PDF"


def kaltim_word(folder: Path) -> None:
    """The 2020 report as a Word file, its koreksi.yaml moved to the lines the import gives
    (found by a first import into a scratch folder) and its polarity file beside it."""
    from test_import_word import moved_corrections, word_from_text

    from lkjip_analysis.importing import import_document

    folder.mkdir(parents=True)
    word = folder / "LKjIP 2020.docx"
    word_from_text(word)
    review = import_document(word, 2020, folder.parent.parent.parent / "awal")
    moved = moved_corrections(review.text.read_text(encoding="utf-8"))
    (folder / "koreksi.yaml").write_text(yaml.safe_dump(moved, allow_unicode=True),
                                         encoding="utf-8")
    shutil.copy(RAW / "2020" / "polaritas_indikator.csv", folder)


def drawn_pdf(path: Path) -> None:
    """One page: a measurement table of 23 indicators drawn in filled rectangles."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from test_import_pdf_drawn import cell_rect_table, measurement_rows

    path.parent.mkdir(parents=True)
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(60, 780, "Tabel 3.2 Pengukuran Kinerja Tahun 2023")
    cell_rect_table(page, 50, 770, [25, 190, 50, 55, 60, 70], measurement_rows())
    page.save()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sumber")
    src = root / "laporan"
    kaltim_word(src / KALTIM / "2020")
    (src / CONTOH / "2023").mkdir(parents=True)
    capaian_word(src / CONTOH / "2023" / "laporan.docx")
    drawn_pdf(src / DRAWN / "2023" / "lkjip.pdf")
    (src / "Dinas Rusak" / "2022").mkdir(parents=True)
    (src / "Dinas Rusak" / "2022" / "lkjip.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    (src / "catatan_rapat.docx").write_bytes(b"bukan laporan")
    if JOMBANG.exists():
        (src / "Inspektorat Kabupaten Jombang" / "2022").mkdir(parents=True)
        shutil.copy(JOMBANG, src / "Inspektorat Kabupaten Jombang" / "2022")
    if SUMUT.exists():
        shutil.copy(SUMUT, src / "Pemprov_Sumut_2021.pdf")  # a flat file named by its agency
    return src


@pytest.fixture(scope="module")
def batch(source):
    from lkjip_analysis.batch.run import run_batch

    out = source.parent / "koleksi"
    outcome = run_batch(source, out, workers=2, progress=False)
    return source, out, outcome


def ringkasan(out: Path) -> dict[tuple[str, str], dict]:
    with (out / "ringkasan.csv").open(encoding="utf-8") as handle:
        return {(r["instansi"], r["tahun"]): r for r in csv.DictReader(handle)}


def test_each_report_has_its_status_and_a_broken_one_its_reason(batch):
    source, out, outcome = batch
    rows = ringkasan(out)
    assert {key: row["status"] for key, row in rows.items()} == {
        (KALTIM, "2020"): "selesai", (CONTOH, "2023"): "selesai", (DRAWN, "2023"): "selesai",
        ("Dinas Rusak", "2022"): "gagal", ("catatan rapat", ""): "gagal",
        **({("Inspektorat Kabupaten Jombang", "2022"): "selesai"} if JOMBANG.exists() else {}),
        **({("Pemprov Sumut", "2021"): "selesai"} if SUMUT.exists() else {})}
    assert "daftar.csv" in rows[("catatan rapat", "")]["pesan"]
    assert rows[("Dinas Rusak", "2022")]["pesan"]
    assert outcome.count("gagal") == 2 and outcome.dashboard.startswith("http")


def test_the_figures_of_a_report_are_those_it_states(batch):
    """The small Word report: 82 / 80 = 102,5 % and kemiskinan 105,6 %, both at or above
    target; the audit agrees with the first and not with the second (lower is better: its
    capaian computes to 94,40 %). The drawn PDF: 23 indicators, each realisasi 2,25 below
    target, so none reached; every printed capaian is r / t × 100, so all 23 agree."""
    _, out, _ = batch
    rows = ringkasan(out)
    contoh, drawn = rows[(CONTOH, "2023")], rows[(DRAWN, "2023")]
    assert (contoh["indikator_diukur"], contoh["indikator_tercapai"]) == ("2", "2")
    assert (contoh["temuan_cocok"], contoh["temuan_tidak_cocok"]) == ("1", "1")
    assert (drawn["indikator_diukur"], drawn["indikator_tercapai"]) == ("23", "0")
    assert (drawn["temuan_cocok"], drawn["temuan_tidak_cocok"]) == ("23", "0")
    assert drawn["halaman"] == "1" and "capaian_kinerja" in drawn["dataset_ada"].split()
    # the parts of any LKjIP it lacks, not the Kaltim family's tables (issue 34)
    assert drawn["dataset_tidak_ada"].split() == [
        "perjanjian_kinerja", "realisasi_anggaran", "kinerja_historis", "kemajuan_renstra",
        "efisiensi"]
    kaltim = rows[(KALTIM, "2020")]
    # Tabel 14's Total line states one amount, Rp50.193.200.643, and no percentage: no
    # serapan is made up for it
    assert (kaltim["tabel_anggaran"], float(kaltim["realisasi"])) == ("Tabel 14", 50193200643)
    assert kaltim["anggaran"] == kaltim["serapan"] == ""


def test_a_real_reports_grand_total_is_its_transcribed_one(batch):
    """Jombang's Tabel 3.13 JUMLAH as the realdocs transcription has it."""
    if not JOMBANG.exists():
        pytest.skip(f"{JOMBANG} is not here")
    _, out, _ = batch
    with (REALDOCS / "inspektorat_jombang_2022__anggaran.csv").open(encoding="utf-8") as f:
        total = [r for r in csv.DictReader(f) if r["tingkat"] == "total"][-1]
    row = ringkasan(out)[("Inspektorat Kabupaten Jombang", "2022")]
    assert row["tabel_anggaran"] == total["tabel"]
    assert float(row["anggaran"]) == int(total["anggaran"].replace(".", ""))
    assert float(row["realisasi"]) == int(total["realisasi"].replace(".", ""))
    assert float(row["serapan"]) == float(total["persen"].replace(",", "."))
    assert row["halaman"] == "48"


def test_the_agency_a_document_does_not_name_is_its_folder(batch):
    _, out, _ = batch
    d = load(2023, out / "laporan" / "dinas_kesehatan_kota_contoh" / "data", source="processed")
    assert d.instansi.nama.tolist() == [CONTOH]


def test_the_collection_holds_what_the_single_report_commands_write(batch, tmp_path):
    """The Word report run with `lkjip import` and `lkjip audit` on its own: the same
    processed files, and the collection's rows equal to them."""
    source, out, _ = batch
    data, reports = tmp_path / "data", tmp_path / "reports"
    document = source / CONTOH / "2023" / "laporan.docx"
    assert main(["-q", "import", str(document), "--year", "2023", "--data-dir", str(data),
                 "--instansi", CONTOH]) == 0
    assert main(["-q", "audit", "--year", "2023", "--data-dir", str(data),
                 "--reports-dir", str(reports)]) == 0
    ours = out / "laporan" / "dinas_kesehatan_kota_contoh"
    for name in ("capaian_kinerja.csv", "perjanjian_kinerja.csv", "realisasi_anggaran.csv",
                 "kelengkapan.csv"):
        assert (ours / "data" / "processed" / "2023" / name).read_bytes() == \
            (data / "processed" / "2023" / name).read_bytes()
    assert (ours / "reports" / "2023" / "temuan_audit.csv").read_bytes() == \
        (reports / "2023" / "temuan_audit.csv").read_bytes()
    single = load(2023, data, source="processed")
    collected = load_collection(out, "capaian_kinerja")
    rows = collected[collected.instansi == CONTOH].drop(
        columns=["instansi", "nama_instansi", "tahun"])
    pd.testing.assert_frame_equal(rows.reset_index(drop=True), single.capaian_kinerja)


def test_every_report_read_is_in_the_collection_row_for_row(batch):
    _, out, _ = batch
    read = [(i, int(t)) for (i, t), r in ringkasan(out).items() if r["status"] == "selesai"]
    for dataset in ("capaian_kinerja", "perjanjian_kinerja", "realisasi_anggaran"):
        collected = load_collection(out, dataset)
        assert set(zip(collected.instansi, collected.tahun, strict=True)) <= set(read)
        for instansi, year in read:
            slug = re.sub(r"[^a-z0-9]+", "_", instansi.lower()).strip("_")
            own = load(year, out / "laporan" / slug / "data", source="processed")[dataset]
            mine = collected[(collected.instansi == instansi) & (collected.tahun == year)]
            assert len(mine) == len(own), (dataset, instansi)
            assert mine.baris_sumber.tolist() == own.baris_sumber.tolist()
    findings = load_collection(out, "temuan_audit")
    counted = findings[findings.status == "tidak_cocok"].groupby("instansi").size()
    stated = {i: int(r["temuan_tidak_cocok"]) for (i, _t), r in ringkasan(out).items()
              if r["status"] == "selesai"}
    assert {i: int(counted.get(i, 0)) for i in stated} == stated


def test_the_collection_answers_the_readmes_duckdb_query(batch):
    duckdb = pytest.importorskip("duckdb")
    _, out, _ = batch
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    sql = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    cwd = os.getcwd()
    os.chdir(out.parent)
    try:
        result = duckdb.sql(sql).df()
    finally:
        os.chdir(cwd)
    rows = ringkasan(out)
    expected = {(i, int(t)): int(r["temuan_tidak_cocok"]) for (i, t), r in rows.items()
                if r["status"] == "selesai"}
    assert dict(zip(zip(result.instansi, result.tahun, strict=True), result.tidak_cocok,
                    strict=True)) == expected


def test_the_page_is_safe_sortable_and_links_each_report(batch):
    _, out, _ = batch
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page
    for anchor in ("urut-instansi", "urut-capaian", "urut-serapan", "urut-temuan"):
        assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
    assert 'href="laporan/dinas_kesehatan_kota_contoh/reports/2023/temuan_audit.csv"' in \
        html.unescape(page)
    assert "2 dari 2 indikator" in page and "0 dari 23 indikator" in page
    if JOMBANG.exists():
        assert "93,17%" in page  # Jombang's JUMLAH line, as printed


def test_a_rerun_does_nothing_and_a_changed_report_alone_runs_again(batch):
    from lkjip_analysis.batch.run import run_batch

    source, out, _ = batch
    parts = sorted((out / "bagian").rglob("*.parquet")) + sorted(
        (out / "inti").resolve().glob("*.parquet")) + [out / "index.html"]
    before = {p: p.stat().st_mtime_ns for p in parts}
    published = os.readlink(out / "inti")
    again = run_batch(source, out, workers=2, progress=False)
    assert again.dashboard == ""  # no cluster started
    assert not any(row["diproses"] for row in again.rows)
    assert again.unchanged == len(again.rows) - 1  # all but the file it could not place
    assert {p: p.stat().st_mtime_ns for p in parts} == before
    assert os.readlink(out / "inti") == published  # nothing published again
    moved = source.parent / "disisihkan"
    moved.mkdir(exist_ok=True)
    shutil.move(source / DRAWN, moved / DRAWN)
    capaian_word(source / CONTOH / "2023" / "laporan.docx")  # the same content saved again
    try:
        third = run_batch(source, out, workers=2, progress=False)
    finally:
        shutil.move(moved / DRAWN, source / DRAWN)
    ran = {row["instansi"] for row in third.rows if row["diproses"]}
    assert ran <= {CONTOH, "Dinas Rusak", "catatan rapat"}
    assert DRAWN not in set(load_collection(out, "capaian_kinerja").instansi)


def test_a_killed_worker_s_report_is_run_again_on_another(tmp_path):
    """An existing cluster (by address: the document travels to the worker). The worker
    running the report is killed mid-way; Dask runs the task again and the report is read."""
    from distributed import Client, LocalCluster

    from lkjip_analysis.batch.run import run_batch

    src = tmp_path / "sumber"
    drawn_pdf(src / DRAWN / "2023" / "lkjip.pdf")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        result = {}
        runner = threading.Thread(target=lambda: result.update(outcome=run_batch(
            src, tmp_path / "koleksi", scheduler=cluster.scheduler_address, progress=False)))
        runner.start()
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                time.sleep(0.3)  # inside the task, importing
                killed = pids[busy[0]]
                os.kill(killed, 9)
            time.sleep(0.05)
        runner.join(180)
        assert killed is not None
        assert killed not in client.run(os.getpid).values()
    outcome = result["outcome"]
    assert [row["status"] for row in outcome.rows] == ["selesai"]
    assert len(load_collection(tmp_path / "koleksi", "capaian_kinerja")) == 23


def test_flags_that_contradict_or_a_collection_inside_its_source_are_refused(tmp_path, capsys):
    src = tmp_path / "sumber"
    src.mkdir()
    assert main(["batch", str(src), "--year", "2020"]) == 2
    assert main(["batch", str(src), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"]) == 2
    assert main(["batch", str(src), "--out", str(src / "koleksi")]) == 2
    assert main(["batch", str(tmp_path / "tidak_ada"), "--out", str(tmp_path / "k")]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "--workers" in err


def test_sources_are_placed_by_folder_name_or_list_and_links_out_are_not_read(tmp_path):
    from lkjip_analysis.batch.sources import discover

    src = tmp_path / "sumber"
    (src / "Dinas A" / "2021").mkdir(parents=True)
    (src / "Dinas A" / "2021" / "satu.pdf").write_bytes(b"x")
    (src / "Dinas A" / "2021" / "dua.docx").write_bytes(b"x")
    (src / "Dinas A" / "lepas.pdf").write_bytes(b"x")
    (src / "LKjIP_Bappeda_Kota_Contoh_2022_final.pdf").write_bytes(b"x")
    (src / "Renstra_2019_2023.pdf").write_bytes(b"x")
    outside = tmp_path / "rahasia.pdf"
    outside.write_bytes(b"x")
    (src / "Dinas B" / "2022").mkdir(parents=True)
    (src / "Dinas B" / "2022" / "lkjip.pdf").symlink_to(outside)
    (src / "lain").mkdir()
    (src / "lain" / "x.pdf").write_bytes(b"x")
    (src / "daftar.csv").write_text("berkas,instansi,tahun\nlain/x.pdf,Dinas C,2020\n"
                                    "../rahasia.pdf,Dinas D,2020\nlain/x.pdf,Dinas E,20x\n",
                                    encoding="utf-8")
    found = {(r.instansi, r.tahun, r.document.name): r.problem for r in discover(src)}
    assert found[("Bappeda Kota Contoh", 2022, "LKjIP_Bappeda_Kota_Contoh_2022_final.pdf")] == ""
    assert found[("Dinas C", 2020, "x.pdf")] == ""
    assert "daftar.csv" in found[("Renstra", None, "Renstra_2019_2023.pdf")]
    assert "2 " in found[("Dinas A", 2021, "satu.pdf")]
    assert "year folder" in found[("Dinas A", None, "lepas.pdf")] or \
        "folder tahun" in found[("Dinas A", None, "lepas.pdf")]
    assert found[("Dinas B", 2022, "lkjip.pdf")]  # a link out of the folder
    assert found[("Dinas D", 2020, "rahasia.pdf")]  # a list entry out of the folder
    assert found[("Dinas E", None, "x.pdf")]
    assert ("lain", None, "x.pdf") not in found  # listed: not also an agency folder's stray


def test_the_single_report_commands_import_nothing_of_dask(tmp_path):
    code = ("import sys\nfrom lkjip_analysis.cli import main\n"
            f"assert main(['-q', 'extract', '--year', '2020', '--data-dir', {str(tmp_path)!r}])"
            " in (0, 1)\n"
            "from lkjip_analysis import load_collection\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))\n")
    shutil.copytree(RAW, tmp_path / "raw")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=PROJECT_ROOT)
    assert done.stdout.strip() == "[]"


def test_a_scheduler_that_does_not_answer_stops_the_batch_with_exit_1(tmp_path, monkeypatch,
                                                                       caplog):
    from lkjip_analysis.batch import run

    src = tmp_path / "sumber"
    (src / "Dinas A" / "2022").mkdir(parents=True)
    (src / "Dinas A" / "2022" / "lkjip.pdf").write_bytes(b"%PDF-1.7\n")
    monkeypatch.setattr(run, "CONNECT_SECONDS", 1)
    assert main(["batch", str(src), "--out", str(tmp_path / "koleksi"),
                 "--scheduler", "tcp://127.0.0.1:9"]) == 1
    assert "tcp://127.0.0.1:9" in caplog.text
    assert not (tmp_path / "koleksi" / "ringkasan.csv").exists()


def encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("rahasia")
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        writer.write(handle)


def scanned_pdf(path: Path) -> None:
    """A page that is a picture only: no text layer, as a scanner writes it."""
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True)
    page = canvas.Canvas(str(path))
    page.setFillColorRGB(0.3, 0.3, 0.3)
    for row in range(40):
        page.rect(60, 780 - row * 18, 400 + (row % 5) * 20, 9, stroke=0, fill=1)
    page.save()


def test_encrypted_and_scanned_files_fail_with_their_reason_and_html_is_built(tmp_path):
    """With --report each report read gets its HTML, linked from the page; a locked and a
    scanned file are that report's problem, said in ringkasan.csv."""
    from lkjip_analysis.batch.run import run_batch

    src = tmp_path / "sumber"
    capaian_word_in = src / CONTOH / "2023" / "laporan.docx"
    capaian_word_in.parent.mkdir(parents=True)
    capaian_word(capaian_word_in)
    encrypted_pdf(src / "Dinas Terkunci" / "2022" / "lkjip.pdf")
    scanned_pdf(src / "Dinas Pindai" / "2022" / "lkjip.pdf")
    out = tmp_path / "koleksi"
    outcome = run_batch(src, out, workers=2, with_report=True, progress=False)
    rows = ringkasan(out)
    assert rows[(CONTOH, "2023")]["status"] == "selesai"
    assert rows[("Dinas Terkunci", "2022")]["status"] == "gagal"
    assert rows[("Dinas Pindai", "2022")]["status"] == "gagal"
    assert re.search(r"sandi|kunci|enkrip", rows[("Dinas Terkunci", "2022")]["pesan"], re.I)
    assert re.search(r"teks|pindai", rows[("Dinas Pindai", "2022")]["pesan"], re.I)
    report = out / "laporan" / "dinas_kesehatan_kota_contoh" / "reports" / "2023"
    assert (report / "laporan_2023.html").is_file()
    assert 'href="laporan/dinas_kesehatan_kota_contoh/reports/2023/laporan_2023.html"' in \
        html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert outcome.count("gagal") == 2


def test_a_second_batch_on_the_same_collection_waits_for_none_and_says_so(tmp_path, caplog):
    from lkjip_analysis.safety.lock import year_lock

    src, out = tmp_path / "sumber", tmp_path / "koleksi"
    src.mkdir()
    with year_lock(out / ".batch.lock"):
        assert main(["batch", str(src), "--out", str(out)]) == 1
    assert str(out) in caplog.text


def test_a_link_planted_in_the_collection_is_neither_followed_nor_written_through(tmp_path):
    from lkjip_analysis.batch.collection import CollectionError

    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    pd.DataFrame({"instansi": ["Palsu"], "tahun": [2020]}).to_parquet(
        elsewhere / "capaian_kinerja.parquet")
    out = tmp_path / "koleksi"
    out.mkdir()
    (out / "inti").symlink_to(elsewhere)  # the published link, planted elsewhere
    with pytest.raises(CollectionError):
        load_collection(out, "capaian_kinerja")
    (out / "terbitan").mkdir()
    (out / "terbitan" / "000001").symlink_to(elsewhere)  # or its publication a link
    (out / "inti").unlink()
    (out / "inti").symlink_to("terbitan/000001")
    with pytest.raises(CollectionError):
        load_collection(out, "capaian_kinerja")
    src = tmp_path / "sumber"
    drawn_pdf(src / DRAWN / "2023" / "lkjip.pdf")
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 1  # refused
    assert sorted(p.name for p in elsewhere.iterdir()) == ["capaian_kinerja.parquet"]


def test_in_a_browser_a_column_title_sorts_the_table_and_nothing_is_fetched(batch):
    from lkjip_analysis.pipeline.printing import LAUNCH_ARGS, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    _, out, _ = batch
    page_url = (out / "index.html").resolve().as_uri()
    requested = []
    shown = """() => [...document.querySelectorAll('section.urutan')]
        .filter(s => s.getBoundingClientRect().height > 0)
        .map(s => [s.id, [...s.querySelectorAll('tbody tr td:first-child')]
                          .map(td => td.textContent)])"""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            page = browser.new_context(offline=True, viewport={"width": 390, "height": 800}
                                       ).new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(page_url, wait_until="load")
            first = page.evaluate(shown)
            page.locator("#urut-instansi th a", has_text="Capaian").click()
            then = page.evaluate(shown)
            wide = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    rows = ringkasan(out)

    def named(r):  # the agency its document names, else (not read) the collection's key
        return r["nama_instansi"] or r["instansi"]

    by_name = sorted(rows.values(), key=lambda r: (named(r).lower(), r["tahun"]))
    assert first == [["urut-instansi", [named(r) for r in by_name]]]
    read = [r for r in rows.values() if r["indikator_diukur"] not in ("", "0")]
    best = min(read, key=lambda r: (-int(r["indikator_tercapai"]) / int(r["indikator_diukur"]),
                                    named(r).lower()))  # ties: by name
    assert then[0][0] == "urut-capaian" and then[0][1][0] == named(best) and len(then) == 1
    assert wide <= 390  # on a phone the table scrolls inside its box, not the page
    assert requested == [page_url]


def test_the_collection_shows_the_agency_its_document_names_beside_its_key(batch):
    """A flat file `Pemprov_Sumut_2021.pdf` keys the collection as `Pemprov Sumut` (the file's
    words, issue 35); the agency its cover names is stored and shown beside it."""
    if not SUMUT.exists():
        pytest.skip("the Sumut report is not here")
    _, out, _ = batch
    row = ringkasan(out)[("Pemprov Sumut", "2021")]
    assert row["nama_instansi"] == "Pemerintah Provinsi Sumatera Utara"
    parts = load_collection(out, "capaian_kinerja")
    sumut = parts[parts.instansi == "Pemprov Sumut"]
    assert set(sumut.nama_instansi) == {"Pemerintah Provinsi Sumatera Utara"}
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<td>Pemerintah Provinsi Sumatera Utara</td>" in page
