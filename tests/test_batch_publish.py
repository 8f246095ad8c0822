"""The collection published at once (issue 36): readers never see it half changed, an
interrupted batch leaves the last publication as it was, a publication reads only the parts of
the reports that changed, and a national collection's page is paged and written only when it
changed. The parts here are small frames built by the test (marked as test data)."""

from __future__ import annotations

import os
import threading

import pandas as pd
import pytest

from lkjip_analysis import load_collection
from lkjip_analysis.batch import collection, page, publish


def _parts(out, slug: str, year: int, indicators: list[str]) -> None:
    """Test data: a report's parts, written by the collection's own writer."""
    capaian = pd.DataFrame({"indikator_kinerja": indicators,
                            "persen": [float(i) for i in range(len(indicators))]})
    empty = pd.DataFrame({"catatan": pd.Series(dtype="str")})
    frames = {name: empty for name in collection.COLLECTED} | {"capaian_kinerja": capaian}
    collection.write_parts(out, slug, year, slug.replace("_", " ").title(), frames)


def test_a_publication_takes_unchanged_readings_from_the_last_one(tmp_path):
    out = tmp_path / "koleksi"
    _parts(out, "dinas_a", 2020, ["a1", "a2"])
    _parts(out, "dinas_b", 2020, ["b1"])
    assert publish.publish(out, {(2020, "dinas_a"): "k1", (2020, "dinas_b"): "k1"})
    first = os.readlink(out / "inti")
    assert not publish.publish(out, {(2020, "dinas_a"): "k1", (2020, "dinas_b"): "k1"})
    assert os.readlink(out / "inti") == first  # the same readings: nothing written
    collection.part_file(out, "capaian_kinerja", 2020, "dinas_a").unlink()  # not read again
    _parts(out, "dinas_b", 2020, ["b1", "b2", "b3"])
    assert publish.publish(out, {(2020, "dinas_a"): "k1", (2020, "dinas_b"): "k2"})
    frame = load_collection(out, "capaian_kinerja")
    assert frame[["instansi", "tahun", "indikator_kinerja"]].values.tolist() == [
        ["Dinas A", 2020, "a1"], ["Dinas A", 2020, "a2"], ["Dinas B", 2020, "b1"],
        ["Dinas B", 2020, "b2"], ["Dinas B", 2020, "b3"]]
    assert sorted(p.name for p in (out / "terbitan").iterdir()) == ["000001", "000002"]
    publish.publish(out, {(2020, "dinas_b"): "k2"})  # a report leaves; the oldest goes
    assert sorted(p.name for p in (out / "terbitan").iterdir()) == ["000002", "000003"]
    assert set(load_collection(out, "capaian_kinerja").instansi) == {"Dinas B"}


def test_a_publication_cut_short_leaves_the_last_one_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "koleksi"
    _parts(out, "dinas_a", 2020, ["a1"])
    publish.publish(out, {(2020, "dinas_a"): "k1"})
    before = load_collection(out, "capaian_kinerja")
    _parts(out, "dinas_a", 2020, ["a1", "a2"])

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "_swap", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish.publish(out, {(2020, "dinas_a"): "k2"})
    pd.testing.assert_frame_equal(load_collection(out, "capaian_kinerja"), before)
    assert sorted(p.name for p in (out / "terbitan").iterdir()) == ["000001"]


def test_a_column_numeric_in_one_report_and_text_in_another_is_text(tmp_path):
    out = tmp_path / "koleksi"
    for slug, stated in (("dinas_a", [94.24, 83.0]), ("dinas_b", ["BB", None])):
        frames = {name: pd.DataFrame({"catatan": pd.Series(dtype="str")})
                  for name in collection.COLLECTED}
        frames["temuan_audit"] = pd.DataFrame({"id": ["T1", "T2"], "dilaporkan": stated})
        collection.write_parts(out, slug, 2020, slug, frames)
    publish.publish(out, {(2020, "dinas_a"): "k", (2020, "dinas_b"): "k"})
    frame = load_collection(out, "temuan_audit")
    assert frame.dilaporkan.tolist() == ["94.24", "83", "BB", pd.NA]


def test_readers_never_see_the_collection_half_changed(tmp_path):
    """A reader in a loop while a publication replaces a large one: every read is the old
    collection or the new one, whole; none fails."""
    out = tmp_path / "koleksi"
    slugs = [f"dinas_{n:03d}" for n in range(60)]
    for slug in slugs:
        _parts(out, slug, 2020, ["x"] * 40)
    publish.publish(out, dict.fromkeys(((2020, s) for s in slugs), "k1"))
    sizes, failures, stop = [], [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                sizes.append(len(load_collection(out, "capaian_kinerja")))
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                failures.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(2, 8):
            for slug in slugs:
                _parts(out, slug, 2020, ["x"] * (40 + round_))
            publish.publish(out, dict.fromkeys(((2020, s) for s in slugs), f"k{round_}"))
    finally:
        stop.set()
        reader.join()
    assert failures == []
    assert len(sizes) > 5 and set(sizes) <= {60 * n for n in (40, *range(42, 48))}


def _rows(count: int) -> list[dict]:
    return [{"instansi": f"Dinas {n:02d}", "nama_instansi": "", "tahun": 2020,
             "berkas": f"d{n}.pdf", "status": "gagal", "pesan": "dokumen rusak"}
            for n in range(count)]


def test_a_large_collection_s_page_is_paged_and_written_only_when_changed(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(page, "PAGE_ROWS", 2)
    out = tmp_path / "koleksi"
    out.mkdir()
    page.write_pages(out, _rows(5))
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert files == ["halaman/2.html", "halaman/3.html", "index.html"]
    second = (out / "halaman" / "2.html").read_text(encoding="utf-8")
    assert "Dinas 02" in second and "Dinas 03" in second and "Dinas 01" not in second
    assert 'href="../index.html#urut-capaian"' in second
    assert 'href="halaman/3.html#urut-instansi"' in (out / "index.html").read_text()
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    page.write_pages(out, _rows(5), changed=False)
    page.write_pages(out, _rows(5))  # the same bytes: no page rewritten
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == stamps
    page.write_pages(out, _rows(3))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "halaman/2.html", "index.html"]
