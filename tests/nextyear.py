"""SYNTHETIC TEST DATA: a "next year" report derived from the LKjIP 2020 document.

Never placed in data/raw/. It is what the agency's next report may look like to the suite:
every year moved on by one (so 2021 is the report year and its history tables restate 2017–2020),
an extra table inserted after Tabel 2 (so every later table is renumbered), headers worded a
little differently, one amount changed and one programme line added to the APBD table. Its
`koreksi.yaml` is 2020's, moved to the new lines and table labels. No polarity file: it carries
over from 2020.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from conftest import DOCUMENT, RAW

YEAR = 2021
INSERT_BEFORE = 435  # the 2020 caption line of Tabel 3
INSERTED_TABLE = [
    "Tabel 3. Jumlah PMKS per Kabupaten/Kota (tabel sisipan, DATA UJI)",
    "",
    "No.\tKabupaten/Kota\tJumlah PMKS",
    "1\tSamarinda\t1.234",
    "2\tBalikpapan\t987",
    "",
]
TOTAL_LINE = 744  # the 2020 line of Tabel 14's Total
ADDED_PROGRAMME = "32\tProgram uji sintetis (PSTW)\tSamarinda\t123.456.789\t95,50\t"
ADDED_AMOUNT = 123_456_789
CHANGED_LINE, CHANGED_FROM, CHANGED_TO = 681, "2.892.957.804", "2.992.957.804"
CHANGE = 100_000_000
# (2020 line, text as written, as reworded): headers of the APBD, achievement and SAKIP tables
REWORDED = [
    (676, "7No\tProgram/kegiatan\tAnggaran", "No.\tProgram / Kegiatan\tANGGARAN"),
    (677, "lokasi\tRealisasi\t%", "Lokasi\tRealisasi (Rp)\t(%)"),
    (563, "Realisasi\t%", "REALISASI\t(%)"),
    (528, "Komponan Yang Nilai", "Komponen yang Dinilai"),
]
_YEAR = re.compile(r"(?<![\d.,])(20[12]\d)(?![\d.,]?\d)")
_CAPTION = re.compile(r"^Tabel (\d+)\.")


def new_line(line_2020: int) -> int:
    """Where a 2020 line lands in the synthetic document."""
    shift = len(INSERTED_TABLE) if line_2020 >= INSERT_BEFORE else 0
    return line_2020 + shift + (1 if line_2020 >= TOTAL_LINE else 0)


def new_label(label_2020: str) -> str:
    number = int(label_2020.split()[-1])
    return f"Tabel {number + 1 if number >= 3 else number}"


def _renumber(line: str) -> str:
    match = _CAPTION.match(line)
    if not match or int(match.group(1)) < 3:
        return line
    return line.replace(match.group(0), f"Tabel {int(match.group(1)) + 1}.", 1)


def document_text() -> str:
    lines = DOCUMENT.read_text(encoding="utf-8").split("\n")
    for number, old, new in REWORDED + [(CHANGED_LINE, CHANGED_FROM, CHANGED_TO)]:
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    lines = [_YEAR.sub(lambda m: str(int(m.group(1)) + 1), _renumber(line)) for line in lines]
    lines = (lines[: INSERT_BEFORE - 1] + INSERTED_TABLE + lines[INSERT_BEFORE - 1 : TOTAL_LINE - 1]
             + [ADDED_PROGRAMME] + lines[TOTAL_LINE - 1 :])
    return "\n".join(lines)


def corrections() -> dict:
    data = yaml.safe_load((RAW / "2020" / "koreksi.yaml").read_text(encoding="utf-8"))
    for entry in data["koreksi"]:
        entry["baris"] = new_line(entry["baris"])
        entry["tabel"] = new_label(entry["tabel"])
    return data


def make_next_year(root: Path) -> Path:
    """`root/raw/2021/` with the synthetic report beside a copy of the real 2020 data."""
    if not (root / "raw" / "2020").exists():
        shutil.copytree(RAW, root / "raw")
    folder = root / "raw" / str(YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lkjip_2021_sintetis.md").write_text(document_text(), encoding="utf-8")
    (folder / "koreksi.yaml").write_text(yaml.safe_dump(corrections(), allow_unicode=True),
                                         encoding="utf-8")
    return folder
