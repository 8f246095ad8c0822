"""`koleksi/index.html`: every agency and year of a batch side by side, offline.

The page is the reports' kind: one self-contained file, a Content-Security-Policy that forbids
every script and load, every text from data escaped (`markup.escape`). Sorting needs no
script: each order is its own table, shown when its link is followed (CSS `:target`).

A large collection is paged: `index.html` holds the first `PAGE_ROWS` reports of each order,
`halaman/<n>.html` the next ones, so that no page weighs more than a few MiB however many
reports a national collection holds. Pages are written only when the collection changed, and a
page only when its bytes did.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import agency_slug
from ..markup import escape
from ..numbers import format_number, format_percent, format_rupiah_short
from ..safety.atomic import write_bytes
from .collection import (
    GAGAL,
    SELESAI,
    TERHENTI,
    CollectionError,
    load_collection,
    report_folder,
)

# the reports' policy: no script, no load, no form; inline styles only
POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
          "form-action 'none'")
STATUS_WORDS = {SELESAI: "terbaca", GAGAL: "gagal dibaca", TERHENTI: "terhenti (dicoba lagi)"}
COLUMNS = ["Instansi", "Tahun", "Capaian", "Serapan", "Temuan tidak cocok", "Status", "Berkas"]
# (anchor, the column it sorts, a row's place: highest first, then by agency and year)
ORDERS = [
    ("urut-instansi", "Instansi", lambda r: _by_name(r)),
    ("urut-capaian", "Capaian", lambda r: (-_share(r), *_by_name(r))),
    ("urut-serapan", "Serapan", lambda r: (-_or_low(r.get("serapan")), *_by_name(r))),
    ("urut-temuan", "Temuan tidak cocok",
     lambda r: (-_or_low(r.get("temuan_tidak_cocok")), *_by_name(r))),
]
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 0 auto;
       padding: 1.5em 1em; color: #1b1b1b; }
h1 { color: #1F4E79; font-size: 1.6em; } h2 { color: #1F4E79; font-size: 1.2em; }
.gulir { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 0.35em 0.5em; text-align: left;
         vertical-align: top; }
td.angka { text-align: right; white-space: nowrap; }
th { background: #eef3f8; }
.urutan { display: none; } #urut-instansi { display: block; }
body:has(.urutan:target) #urut-instansi:not(:target) { display: none; }
.urutan:target { display: block; }
nav a { margin-right: 0.8em; }
.gagal { color: #9b1c1c; }
"""


PAGE_ROWS = 500
PAGES = "halaman"


def write_pages(out: Path, rows: list[dict], changed: bool = True) -> Path:
    """Write `index.html` of the collection `out` and its further pages (each whole, or not
    at all), when the collection `changed` or the page is missing; a page whose bytes are
    the same is left as it is, one the collection no longer needs removed."""
    index = out / "index.html"
    if not changed and index.is_file():
        return index
    pages = _paged(out, rows)
    for path, text in pages.items():
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_bytes(path, data)
    folder = out / PAGES
    if folder.is_dir() and not folder.is_symlink():
        for stale in folder.glob("*.html"):
            if stale not in pages and not stale.is_symlink():
                stale.unlink()
    return index


def page_path(out: Path, number: int) -> Path:
    """The file of page `number` (1: `index.html`)."""
    return out / "index.html" if number == 1 else out / PAGES / f"{number}.html"


def _paged(out: Path, rows: list[dict]) -> dict[Path, str]:
    count = max(1, -(-len(rows) // PAGE_ROWS))
    ordered = {anchor: sorted(rows, key=key) for anchor, _label, key in ORDERS}
    links = {(row["instansi"], row["tahun"]): _outputs(out, row) for row in rows}
    notes = _reading_notes(out)
    return {page_path(out, n): page_html(rows, ordered, links, notes, n, count)
            for n in range(1, count + 1)}


def page_html(rows: list[dict], ordered: dict[str, list[dict]], links: dict[tuple, list],
              notes: dict[tuple, list[str]], number: int = 1, count: int = 1) -> str:
    """Page `number` of `count` of the batch's `rows` (`ordered` by each order), each row's
    `links` to its outputs and the reader's `notes` beside it."""
    agencies = len({row["instansi"] for row in rows})
    read = sum(row["status"] == SELESAI for row in rows)
    start = (number - 1) * PAGE_ROWS
    up = "../" if number > 1 else ""
    orders = " ".join(f'<a href="#{anchor}">{escape(column.lower())}</a>'
                      for anchor, column, _key in ORDERS)
    tables = "\n".join(
        _ordered_table(ordered[anchor][start:start + PAGE_ROWS], links, up, anchor, label,
                       _page_links(up, anchor, number, count), start)
        for anchor, label, _key in ORDERS)
    unread = _unread(ordered[ORDERS[0][0]][start:start + PAGE_ROWS], notes)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Koleksi LKjIP</title><style>{STYLE}</style></head>
<body>
<h1>Koleksi LKjIP</h1>
<p>{len(rows)} laporan dari {agencies} instansi; {read} terbaca, {len(rows) - read} tidak.
Capaian: indikator yang mencapai target (100% atau lebih) dari yang capaiannya dinyatakan.
Serapan: total anggaran tabel anggaran pertama laporan. Temuan: hasil pemeriksaan ulang setiap
angka turunan yang dinyatakan laporan.</p>
<nav>Urutkan menurut: {orders}</nav>
{tables}
<h2>Yang tidak terbaca</h2>
{unread}
</body></html>
"""


def _page_links(up: str, anchor: str, number: int, count: int) -> str:
    """Links to the order's other pages, when there are others."""
    if count == 1:
        return ""
    items = [f"<strong>{n}</strong>" if n == number else
             f'<a href="{up}{"index.html" if n == 1 else f"{PAGES}/{n}.html"}#{anchor}">{n}</a>'
             for n in range(1, count + 1)]
    return f'<nav>Halaman: {" ".join(items)}</nav>'


def _ordered_table(rows: list[dict], links: dict[tuple, list], up: str, anchor: str,
                   label: str, pages: str, start: int) -> str:
    body = "\n".join(_row(row, links, up) for row in rows)
    shown = (f" (laporan {start + 1}–{start + len(rows)})" if pages else "")
    return f"""<section class="urutan" id="{anchor}">{pages}<div class="gulir"><table>
<caption>Menurut {escape(label.lower())}{shown}</caption>
<thead><tr>{_header()}</tr></thead>
<tbody>
{body}
</tbody></table></div></section>"""


def _header() -> str:
    """The column titles; a sortable one links to its order."""
    anchors = {column: anchor for anchor, column, _key in ORDERS}
    return "".join(f'<th><a href="#{anchors[c]}">{escape(c)}</a></th>' if c in anchors
                   else f"<th>{escape(c)}</th>" for c in COLUMNS)


def _row(row: dict, links: dict[tuple, list], up: str) -> str:
    status = STATUS_WORDS.get(row["status"], row["status"])
    css = "" if row["status"] == SELESAI else ' class="gagal"'
    if row["status"] != SELESAI:
        cells = '<td class="angka">–</td>' * 3
    else:
        measured, reached = row.get("indikator_diukur") or 0, row.get("indikator_tercapai") or 0
        capaian = (f"{reached} dari {measured} indikator" if measured else "tidak dinyatakan")
        serapan = _serapan(row)
        cells = (f'<td class="angka">{escape(capaian)}</td><td class="angka">{serapan}</td>'
                 f'<td class="angka">{escape(format_number(row.get("temuan_tidak_cocok")))}'
                 "</td>")
    return (f"<tr><td>{escape(_shown_name(row))}</td><td>{escape(row['tahun'] or '–')}</td>"
            f"{cells}<td{css}>{escape(status)}</td>"
            f"<td>{_links(row, links, up)}</td></tr>")


def _serapan(row: dict) -> str:
    value = row.get("serapan")
    if _missing(value):
        return "tidak dinyatakan"
    amounts = ""
    if not _missing(row.get("anggaran")):
        amounts = (f"<br><small>{escape(format_rupiah_short(row.get('realisasi')))} dari "
                   f"{escape(format_rupiah_short(row['anggaran']))}</small>")
    return (f"{escape(format_percent(value))}<br><small>{escape(row.get('tabel_anggaran'))}"
            f"</small>{amounts}")


def _outputs(out: Path, row: dict) -> list[tuple[str, str]]:
    """The report's own outputs that exist (path relative to `out`, words), looked up once."""
    if row["status"] != SELESAI:
        return []
    year = row["tahun"]
    folder = report_folder(out, agency_slug(row["instansi"]))
    candidates = [
        (folder / "reports" / str(year) / f"laporan_{year}.html", "laporan"),
        (folder / "reports" / str(year) / f"laporan_{year}_audit.html", "versi auditor"),
        (folder / "reports" / str(year) / "temuan_audit.csv", "temuan audit (CSV)"),
        (folder / "data" / "processed" / str(year) / f"lkjip_{year}.xlsx", "data (Excel)"),
    ]
    return [(p.relative_to(out).as_posix(), text) for p, text in candidates if p.is_file()]


def _links(row: dict, outputs: dict[tuple, list], up: str) -> str:
    """The file's name and links to the report's outputs, relative to a page (`up` climbs
    from a page below the collection's folder)."""
    links = [f'<a href="{up}{escape(path)}">{escape(text)}</a>'
             for path, text in outputs[(row["instansi"], row["tahun"])]]
    return escape(row["berkas"]) + ("<br>" + " · ".join(links) if row["status"] == SELESAI
                                    else "")


def _unread(rows: list[dict], notes: dict[tuple, list[str]]) -> str:
    """Per report of the page: why it was not read, the parts of an LKjIP it lacks, what the
    reader saw but could not read."""
    items = []
    for row in rows:
        said = []
        if row["status"] != SELESAI:
            said.append(escape(row.get("pesan") or STATUS_WORDS.get(row["status"], "")))
        else:
            lacking = str(row.get("dataset_tidak_ada") or "").split()
            core = [d for d in lacking if d in ("perjanjian_kinerja", "capaian_kinerja",
                                                "realisasi_anggaran")]
            if core:
                said.append("tidak ada dalam laporan: " + escape(", ".join(core)))
            key = (row["instansi"], row["tahun"])
            said += [escape(note) for note in notes.get(key, [])]
        if said:
            items.append(f"<li><strong>{escape(_shown_name(row))} {escape(row['tahun'] or '')}"
                         f"</strong><ul>{''.join(f'<li>{s}</li>' for s in said)}</ul></li>")
    return f"<ul>{''.join(items)}</ul>" if items else "<p>Semua laporan terbaca utuh.</p>"


def _reading_notes(out: Path) -> dict[tuple, list[str]]:
    try:
        notes = load_collection(out, "catatan_baca")
    except CollectionError:  # no report read: nothing to say
        return {}
    return {key: group.catatan.tolist()
            for key, group in notes.groupby(["instansi", "tahun"], sort=False)}


def _shown_name(row: dict) -> str:
    """The agency as its document names it, else (not read) the collection's key."""
    return row.get("nama_instansi") or row["instansi"]


def _by_name(row: dict) -> tuple[str, str, int]:
    return _shown_name(row).lower(), row["instansi"].lower(), row["tahun"] or 0


def _share(row: dict) -> float:
    measured = row.get("indikator_diukur") or 0
    return (row.get("indikator_tercapai") or 0) / measured if measured else -1.0


def _or_low(value) -> float:
    return -1.0 if _missing(value) else float(value)


def _missing(value) -> bool:
    if isinstance(value, str):
        return value == ""
    return value is None or bool(pd.isna(value))
