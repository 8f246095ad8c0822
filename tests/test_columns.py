"""Issue 14: every table is read by its columns' header names, never by their position. Test
data: copies of the 2020 document with the columns of one table permuted (a seeded sample),
as a report laid out by another author would be."""

from __future__ import annotations

import random
import shutil

import pandas as pd
import pytest
from conftest import RAW

from lkjip_analysis import load
from lkjip_analysis.errors import TableFormatError
from lkjip_analysis.families import KALTIM
from lkjip_analysis.reading.columns import is_numbering
from lkjip_analysis.reading.recognition import Mapping, locate
from lkjip_analysis.reading.source import read_document

SPECS = KALTIM.specs

PERMUTATIONS = 3
DOCUMENT = "lkjip_2020_dinsos_kaltim.md"


def blocks(header: list[list[str]], width: int) -> list[list[int]]:
    """Columns grouped as the header spans them: a named top cell with the blank cells to its
    right that have a name below them."""
    found: list[list[int]] = []
    for column in range(width):
        below = any(row[column] for row in header[1:] if not _numbering(row))
        if header[0][column] or not below or not found:
            found.append([column])
        else:
            found[-1].append(column)
    return found


def _numbering(cells: list[str]) -> bool:
    texts = [t for t in cells if t]
    return bool(texts) and all(t[:1].isdigit() and len(t.split()[0]) <= 2 for t in texts)


def permuted_lines(lines: list[str], header_rows: int, rng: random.Random) -> list[str]:
    """The table's lines (header rows first) with its columns permuted, spanning headers and
    merged cells kept at the left of their span."""
    rows = [line.split("\t") for line in lines]
    width = len(rows[0])
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = [[c.strip() for c in row] for row in rows[:header_rows]]
    groups = blocks(header, width)
    order = groups[:]
    while len(order) > 1 and order == groups:
        rng.shuffle(order)
        order = [rng.sample(block, len(block)) for block in order]
    out = []
    for index, row in enumerate(rows):
        new = []
        for block in order:
            cells = [row[c] for c in block]
            first, *rest = sorted(block)  # the block as it stood
            merged = row[first].strip() and not any(row[c].strip() for c in rest)
            if merged and (index >= header_rows or not _numbering(header[index])):
                cells = [row[first]] + [""] * len(rest)  # a span stays leftmost
            new.extend(cells)
        out.append("\t".join(new + row[width:]))
    return out


def document_with_permuted(tmp_path, spec_name: str, seed: int):
    """A data folder whose 2020 document has the table of `spec_name` permuted."""
    root = tmp_path / f"{spec_name}-{seed}"
    shutil.copytree(RAW, root / "raw")
    path = root / "raw" / "2020" / DOCUMENT
    document = read_document(path)
    spec = next(s for s in SPECS if s.name == spec_name)
    caption = locate(document, [KALTIM], Mapping(), path)[1][spec_name]
    table = document.table(caption, spec.header_rows)
    first = table.header[0].line
    last = table.rows[-1].line
    lines = path.read_text(encoding="utf-8").split("\n")
    numbers = [n for n in range(first, last + 1) if "\t" in lines[n - 1]]
    header_count = sum(1 for row in table.header)
    new = permuted_lines([lines[n - 1] for n in numbers], header_count, random.Random(seed))
    for number, text in zip(numbers, new, strict=True):
        lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")
    return root


def canonical(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in a fixed order: a dataset's row order may follow its columns' order."""
    return df.sort_values(list(df.columns), key=lambda s: s.astype(str)).reset_index(drop=True)


@pytest.mark.parametrize("spec_name", [s.name for s in SPECS])
def test_a_table_with_its_columns_permuted_gives_the_same_datasets(tmp_path, d2020, spec_name):
    produced = {n for s in SPECS if s.name == spec_name for n in (s.name, f"{s.name}_total",
                                                                  "kinerja_perubahan")}
    for seed in range(PERMUTATIONS):
        root = document_with_permuted(tmp_path, spec_name, seed)
        d = load(2020, root, source="document")
        for name in sorted(produced & set(d)):
            pd.testing.assert_frame_equal(canonical(d[name]), canonical(d2020[name]),
                                          obj=f"{name} (seed {seed})")


def test_swapped_target_and_realisasi_are_read_right(data_root):
    path = data_root / "raw" / "2020" / DOCUMENT
    lines = path.read_text(encoding="utf-8").split("\n")
    header, row = 563, 565  # Tabel 9: No. | Indikator | Satuan | Target | Realisasi | %
    for number in (header, row):
        cells = lines[number - 1].split("\t")
        cells[3], cells[4] = cells[4], cells[3]
        lines[number - 1] = "\t".join(cells)
    assert lines[header - 1].split("\t")[3:5] == ["Realisasi", "Target"]
    path.write_text("\n".join(lines), encoding="utf-8")
    row9 = load(2020, data_root, source="document").capaian_kinerja.iloc[0]
    assert (row9.target, row9.realisasi, row9.persen) == (1.5, 1.47, 98.0)


def test_a_missing_column_stops_with_the_headers_and_the_way_out(data_root):
    path = data_root / "raw" / "2020" / DOCUMENT
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[562].startswith("No.\tIndikator Kinerja\tSatuan\tTarget")
    lines[562] = lines[562].replace("\tTarget\t", "\tSasaran Tahun Ini\t")
    path.write_text("\n".join(lines), encoding="utf-8")
    mapping = data_root / "raw" / "2020" / "tabel.yaml"
    mapping.write_text("capaian_kinerja: Tabel 9\n", encoding="utf-8")
    with pytest.raises(TableFormatError) as caught:
        load(2020, data_root, source="document")
    message = str(caught.value)
    for part in ("Tabel 9 (baris 561)", "tidak ada kolom untuk kolom 'target'",
                 "judul yang diharapkan: 'Target'", "Sasaran Tahun Ini | Realisasi",
                 str(mapping), "capaian_kinerja:\n  tabel: Tabel 9\n  kolom:\n    target:"):
        assert part in message, part
    mapping.write_text("capaian_kinerja:\n  tabel: Tabel 9\n  kolom:\n"
                       "    target: Sasaran Tahun Ini\n", encoding="utf-8")
    row9 = load(2020, data_root, source="document").capaian_kinerja.iloc[0]
    assert (row9.target, row9.realisasi) == (1.5, 1.47)


def test_numbering_rows_are_not_names():
    from lkjip_analysis.reading.source import Cell, Row

    def row(*texts):
        return Row(1, tuple(Cell(t, t, 1, i, False) for i, t in enumerate(texts)))

    assert is_numbering(row("1", "2", "6 (4-5)", "8 = (7-6) / 5*100%"))
    assert is_numbering(row("(1)", "(2)", "(3)", "(4)"))  # rsud_alihsan's PK
    assert is_numbering(row("1", "2", "3", "4", "6", "7"))  # bkpd's PK skips 5
    assert not is_numbering(row("", "2018", "2019"))
    assert not is_numbering(row("No", "Uraian"))
    # a data row: a numbered indicator and its target (dpmdesa's PK), one number twice
    assert not is_numbering(row("2. Persentase Desa yang Melaksanakan Gotong Royong", "47,08%"))
    assert not is_numbering(row("1.", "45 %"))
    assert not is_numbering(row("1", "1"))


def test_an_extra_column_is_ignored(data_root, d2020, caplog):
    """Tabel 9 with a column no spec reads: recognised, read by name, the extra logged."""
    path = data_root / "raw" / "2020" / DOCUMENT
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, extra in ((563, "Keterangan"), (564, "7"), (565, "tercapai")):
        cells = lines[number - 1].split("\t")
        lines[number - 1] = "\t".join(cells[:3] + [extra] + cells[3:])
    path.write_text("\n".join(lines), encoding="utf-8")
    with caplog.at_level("INFO", logger="lkjip"):
        d = load(2020, data_root, source="document")
    pd.testing.assert_frame_equal(d.capaian_kinerja, d2020.capaian_kinerja)
    assert "Tabel 9: kolom 'Keterangan' tidak dibaca" in caplog.text


def test_a_removed_column_stops_even_when_the_table_is_named(data_root):
    path = data_root / "raw" / "2020" / DOCUMENT
    lines = path.read_text(encoding="utf-8").split("\n")
    for number in (563, 564, 565):
        cells = lines[number - 1].split("\t")
        lines[number - 1] = "\t".join(cells[:4] + cells[5:])  # Realisasi gone
    path.write_text("\n".join(lines), encoding="utf-8")
    (data_root / "raw" / "2020" / "tabel.yaml").write_text("capaian_kinerja: Tabel 9\n")
    with pytest.raises(TableFormatError, match="tidak ada kolom untuk kolom 'realisasi'"):
        load(2020, data_root, source="document")


@pytest.mark.parametrize("kolom, message", [
    # realisasi read from the target's column would be 1,5 where the document says 1,47
    ("    realisasi: Target\n", "akan dibaca sebagai target dan realisasi"),
    ("    realisasii: Realisasi\n", "tidak punya kolom 'realisasii'"),
])
def test_a_careless_column_mapping_is_refused_naming_the_entry(data_root, kolom, message):
    mapping = data_root / "raw" / "2020" / "tabel.yaml"
    mapping.write_text(f"capaian_kinerja:\n  tabel: Tabel 9\n  kolom:\n{kolom}", encoding="utf-8")
    with pytest.raises(TableFormatError, match=message) as caught:
        load(2020, data_root, source="document")
    assert str(mapping) in str(caught.value)
