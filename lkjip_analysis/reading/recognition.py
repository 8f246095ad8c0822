"""Which table of a document feeds which dataset: recognised by what the table is, not by its
number.

A table matches a spec when its first header row has the spec's signature: the same column names
in any order once normalised (case, spacing, punctuation, `/`, a unit in parentheses, years as
`#`, a name repeated for several years counted once), each allowed a small rewording, and when
its caption holds the spec's caption words. `data/raw/<year>/tabel.yaml` overrides recognition
where a report is ambiguous or worded beyond that tolerance: which caption a dataset reads
(`dataset: Tabel 3.2`), which header a column has (`kolom`), or that the report does not hold
the dataset (`dataset: tidak_ada`).

The specs come in families of reports (`families`: the Kaltim Dinas Sosial LKjIP, …). A report
is of a family when at least half its tables are found; then every table must be found or
declared absent. A report of no family has none of their tables read: its SAKIP core is read
by meaning instead (`core`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, SourceError
from ..i18n import N_, _
from . import yamlfile
from .source import Caption, Document, caption_label, normalise, same_name

log = logging.getLogger("lkjip")
MAPPING_FORMAT = N_("""# dataset: caption label, e.g.
# realisasi_apbd: Tabel 15
# or, for a dataset this report does not hold:
# realisasi_apbn: tidak_ada
# or, for a table printed without a caption, its page:
# realisasi_anggaran:
#   halaman: 79
# or, where a column's header is worded beyond recognition:
# capaian_kinerja:
#   tabel: Tabel 9
#   kolom:
#     target: Sasaran Tahun Ini
""")


@dataclass(frozen=True)
class Mapping:
    """What `tabel.yaml` says: dataset -> caption label, dataset -> column -> header text, and
    the datasets the report does not hold."""

    labels: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()
    pages: dict[str, int] = field(default_factory=dict)  # an uncaptioned table, by its page


_LABEL_START = re.compile(r"^tabel\b", re.I)
ABSENT = "tidak_ada"  # `dataset: tidak_ada`: the report does not hold it
FAMILY_QUORUM = 0.5  # the share of its tables a report of the family shows

def signature(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The normalised non-empty names, each once, in a fixed order: column order is not part
    of what a table is."""
    return tuple(sorted({name for name in map(normalise, names) if name}))


def similar(found: tuple[str, ...], expected: tuple[str, ...], extra: bool = False) -> bool:
    """The same names in any order, each the same or a small rewording of its partner (with
    `extra`, `found` may hold more names than `expected`)."""
    if len(found) < len(expected) or not extra and len(found) != len(expected):
        return False
    free = list(found)
    for name in sorted(expected, key=lambda n: n not in free):  # exact partners first
        partner = next((f for f in free if f == name), None) or next(
            (f for f in free if same_name(f, name)), None)
        if partner is None:
            return False
        free.remove(partner)
    return True


def header_signature(document: Document, caption: Caption) -> tuple[str, ...]:
    """The signature of the first header row under `caption`."""
    rows = document.header_rows(caption, 1)
    return signature([c.text for c in rows[0].cells]) if rows else ()


def matches(caption: Caption, table_signature: tuple[str, ...], header: tuple[str, ...],
            caption_words: tuple[str, ...], extra: bool = False) -> bool:
    """True when the table under `caption`, whose first header row has `table_signature`,
    has the header (with `extra`: and perhaps more columns) and caption words of a spec."""
    title = normalise(caption.title).split()
    return (all(word in title for word in caption_words)
            and similar(table_signature, signature(header), extra))


def load_mapping(path: Path, known: list[str]) -> Mapping:
    """`tabel.yaml`; a missing file is an empty mapping."""
    if not path.exists():
        return Mapping()
    hint = _("Write one entry per dataset:\n{format}").format(format=_(MAPPING_FORMAT))
    data = yamlfile.read(path, hint)[0] or {}
    if not isinstance(data, dict):
        raise SourceError(_("tabel.yaml must map dataset names to caption labels"), file=path,
                          hint=hint)
    unknown = [k for k in data if k not in known]
    if unknown:
        raise SourceError(_("tabel.yaml names unknown dataset {name!r}").format(name=unknown[0]),
                          file=path, raw=str(unknown[0]),
                          hint=_("Datasets: {names}").format(names=", ".join(known)))
    labels, columns, absent, pages = {}, {}, set(), {}
    for name, entry in data.items():
        label, kolom, page = ((entry, {}, None) if isinstance(entry, str)
                              else _entry(entry, name, path, hint))
        if label and label.strip().lower() == ABSENT:
            absent.add(name)
        elif label:
            labels[name] = _label(label)
        if kolom:
            columns[name] = kolom
        if page is not None:
            pages[name] = page
    return Mapping(labels, columns, frozenset(absent), pages)


def _label(written: str) -> str:
    """A label as tabel.yaml writes it, normalised as captions are (`tabel 3.2.` = `Tabel
    3.2`)."""
    text = " ".join(written.split()).rstrip(".")
    return caption_label(text) if _LABEL_START.match(text) else text.capitalize()


def _entry(entry: object, name: str, path: Path, hint: str
           ) -> tuple[str | None, dict, int | None]:
    """A dataset's entry written as a mapping: `tabel` or, for a table printed without a
    caption, `halaman` (its page), and `kolom`; each optional."""
    if not isinstance(entry, dict) or set(entry) - {"tabel", "kolom", "halaman"}:
        raise SourceError(_("tabel.yaml: the entry of {name} must be a caption label or hold "
                            "'tabel' (or 'halaman') and/or 'kolom'").format(name=name),
                          file=path, table=name, hint=hint)
    page = entry.get("halaman")
    if page is not None and (isinstance(page, bool) or not isinstance(page, int)
                             or not 1 <= page <= 10_000 or "tabel" in entry):
        raise SourceError(_("tabel.yaml: {name}: 'halaman' is the page number of a table "
                            "printed without a caption, instead of 'tabel'").format(name=name),
                          file=path, table=name, raw=str(page), hint=hint)
    label, kolom = entry.get("tabel"), entry.get("kolom") or {}
    if label is not None and not isinstance(label, str) or not isinstance(kolom, dict) or \
            not all(isinstance(k, str) and isinstance(v, str) for k, v in kolom.items()):
        raise SourceError(_("tabel.yaml: {name}: 'tabel' is a caption label and 'kolom' maps "
                            "column names to header texts").format(name=name), file=path,
                          table=name, hint=hint)
    return label, kolom, page


def locate(document: Document, families, mapping: Mapping,
           mapping_path: Path) -> tuple[object | None, dict[str, Caption]]:
    """The first of `families` the report is of, and spec name -> its table's caption (None
    and no tables for a report of none)."""
    for family in families:
        found = locate_family(document, family, mapping, mapping_path)
        if found:
            return family, found
    log.info(_("%s: a report of no known family: its SAKIP core is read by meaning"),
             document.path)
    return None, {}


def locate_family(document: Document, family, mapping: Mapping,
                  mapping_path: Path) -> dict[str, Caption]:
    """Spec name -> its table's caption, for a report of `family` (none for another report).
    In the family, every spec not declared absent needs exactly one table: one with its
    columns, else the one table (not another spec's) with its columns and more, whose extra
    columns are then ignored. A table that no spec claims is logged as skipped."""
    signatures = {c.line: header_signature(document, c) for c in document.captions}

    def tables_like(spec, extra: bool = False) -> list[Caption]:
        return [c for c in document.captions
                if matches(c, signatures[c.line], spec.header, spec.caption_words, extra)]

    wanted = [spec for spec in family.specs if spec.name not in mapping.absent]
    found = {spec.name: _mapped(document, spec.name, mapping.labels[spec.name], mapping_path)
             for spec in wanted if spec.name in mapping.labels}
    exact = {spec.name: tables_like(spec) for spec in wanted if spec.name not in found}
    taken = {c.line for c in found.values()} | {
        cs[0].line for cs in exact.values() if len(cs) == 1}
    candidates = {spec.name: exact[spec.name] or [c for c in tables_like(spec, extra=True)
                                                  if c.line not in taken]
                  for spec in wanted if spec.name not in found}
    seen = len(found) + sum(len(cs) == 1 for cs in candidates.values())
    if not wanted or seen < FAMILY_QUORUM * len(wanted):
        log.info(_("%s: %d of the %d tables of the family %s found: not a report of that "
                   "family"), document.path, seen, len(wanted), family.name)
        return {}
    for spec in wanted:
        if spec.name not in found:
            if len(candidates[spec.name]) != 1:
                raise _not_one(document, spec, candidates[spec.name], mapping_path)
            found[spec.name] = candidates[spec.name][0]
    found = {spec.name: found[spec.name] for spec in wanted}
    _check_claimed_once(document, found, mapping_path)
    claimed = {c.line for c in found.values()}
    for caption in document.captions:
        if caption.line not in claimed:
            log.info(_("%s skipped (%s): no dataset reads this table"), caption.label, caption)
    return found


def _mapped(document: Document, name: str, label: str, mapping_path: Path) -> Caption:
    same = [c for c in document.captions if c.label == label]
    if len(same) != 1:
        problem = (_("there is no caption") if not same
                   else _("there are {count} captions").format(count=len(same)))
        raise SourceError(
            _("tabel.yaml names {label} for {name}, but in the document {problem} "
              "{label}").format(label=label, name=name, problem=problem),
            file=mapping_path, table=label, raw=label,
            hint=_("Table captions in the document: {captions}").format(
                captions="; ".join(map(str, document.captions))))
    return same[0]


def _not_one(document: Document, spec, candidates: list[Caption],
             mapping_path: Path) -> DocumentError:
    wanted = " | ".join(spec.header)
    if candidates:
        problem = _("{count} tables like {name}: {captions}").format(
            count=len(candidates), name=spec.name, captions="; ".join(map(str, candidates)))
    else:
        problem = _("no table like {name} (column headers: {wanted})").format(name=spec.name,
                                                                              wanted=wanted)
    words = (_(", the caption holding {words}").format(words=" ".join(spec.caption_words))
             if spec.caption_words else "")
    return DocumentError(
        problem, file=document.path, table=spec.name,
        hint=_("Expected column headers like [{wanted}]{words}, in any order. Table captions in "
               "the document: {captions}. Write its table in {file} (`{name}: Tabel N`), or "
               "`{name}: tidak_ada` if this report does not hold it").format(
                   wanted=wanted, words=words, captions="; ".join(map(str, document.captions)),
                   file=mapping_path, name=spec.name))


def _check_claimed_once(document: Document, found: dict[str, Caption],
                        mapping_path: Path) -> None:
    by_line: dict[int, list[str]] = {}
    for name, caption in found.items():
        by_line.setdefault(caption.line, []).append(name)
    for line, names in by_line.items():
        if len(names) > 1:
            raise DocumentError(
                _("one table is read for {names}").format(names=_(" and ").join(names)),
                file=document.path, line=line,
                hint=_("Write each dataset's table in {file} (`<dataset>: Tabel N`)").format(
                    file=mapping_path))
