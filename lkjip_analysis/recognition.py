"""Which table of a document feeds which dataset: recognised by what the table is, not by its
number.

A table matches a spec when its first header row has the spec's signature: the same column names
once normalised (case, spacing, punctuation, `/`, a unit in parentheses, years as `#`, a name
repeated for several years counted once), each allowed a small rewording, and when its caption
holds the spec's caption words. `data/raw/<year>/tabel.yaml` (dataset -> caption label) overrides
recognition where a report is ambiguous or worded beyond that tolerance.
"""

from __future__ import annotations

import difflib
import logging
from pathlib import Path

from . import yamlfile
from .errors import DocumentError, SourceError
from .source import Caption, Document, normalise

log = logging.getLogger("lkjip")
SIMILAR = 0.8  # the least difflib ratio for two column names to count as the same
MAPPING_FORMAT = "# dataset: caption label, e.g.\n# realisasi_apbd: Tabel 15\n"


def signature(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The normalised non-empty names, a name repeated next to itself counted once."""
    found: list[str] = []
    for name in map(normalise, names):
        if name and (not found or found[-1] != name):
            found.append(name)
    return tuple(found)


def similar(found: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    """Same number of columns, each name the same or a small rewording of it."""
    return len(found) == len(expected) and all(
        a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR
        for a, b in zip(found, expected, strict=True))


def header_signature(document: Document, caption: Caption) -> tuple[str, ...]:
    """The signature of the first header row under `caption`."""
    rows = document.header_rows(caption, 1)
    return signature([c.text for c in rows[0].cells]) if rows else ()


def matches(caption: Caption, table_signature: tuple[str, ...], header: tuple[str, ...],
            caption_words: tuple[str, ...]) -> bool:
    """True when the table under `caption`, whose first header row has `table_signature`,
    has the header and caption words of a spec."""
    title = normalise(caption.title).split()
    return (all(word in title for word in caption_words)
            and similar(table_signature, signature(header)))


def load_mapping(path: Path, known: list[str]) -> dict[str, str]:
    """`tabel.yaml` as dataset -> caption label; a missing file is an empty mapping."""
    if not path.exists():
        return {}
    data = yamlfile.read(path, f"Write one line per dataset:\n{MAPPING_FORMAT}")[0] or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise SourceError("tabel.yaml must map dataset names to caption labels", file=path,
                          hint=f"Write one line per dataset:\n{MAPPING_FORMAT}")
    unknown = [k for k in data if k not in known]
    if unknown:
        raise SourceError(f"tabel.yaml names unknown dataset {unknown[0]!r}", file=path,
                          raw=str(unknown[0]), hint=f"Datasets: {', '.join(known)}")
    return {k: " ".join(v.split()).capitalize() for k, v in data.items()}


def locate(document: Document, specs, mapping: dict[str, str],
           mapping_path: Path) -> dict[str, Caption]:
    """Spec name -> its table's caption. Every spec needs exactly one table; a table that no
    spec claims is logged as skipped."""
    found = {}
    signatures = {c.line: header_signature(document, c) for c in document.captions}
    for spec in specs:
        if spec.name in mapping:
            found[spec.name] = _mapped(document, spec.name, mapping[spec.name], mapping_path)
            continue
        candidates = [c for c in document.captions
                      if matches(c, signatures[c.line], spec.header, spec.caption_words)]
        if len(candidates) != 1:
            raise _not_one(document, spec, candidates, mapping_path)
        found[spec.name] = candidates[0]
    _check_claimed_once(document, found, mapping_path)
    claimed = {c.line for c in found.values()}
    for caption in document.captions:
        if caption.line not in claimed:
            log.info("skipped %s (%s): no dataset reads this table", caption.label, caption)
    return found


def _mapped(document: Document, name: str, label: str, mapping_path: Path) -> Caption:
    same = [c for c in document.captions if c.label == label]
    if len(same) != 1:
        problem = "no caption" if not same else f"{len(same)} captions"
        raise SourceError(
            f"tabel.yaml maps {name} to {label}, but the document has {problem} {label}",
            file=mapping_path, table=label, raw=label,
            hint="Captions in the document: " + "; ".join(map(str, document.captions)))
    return same[0]


def _not_one(document: Document, spec, candidates: list[Caption],
             mapping_path: Path) -> DocumentError:
    wanted = " | ".join(spec.header)
    if candidates:
        problem = (f"{len(candidates)} tables look like {spec.name}: "
                   + "; ".join(map(str, candidates)))
    else:
        problem = f"no table looks like {spec.name} (header: {wanted})"
    words = f", caption with {' '.join(spec.caption_words)}" if spec.caption_words else ""
    return DocumentError(
        problem, file=document.path, table=spec.name,
        hint=(f"Expected a header like [{wanted}]{words}. Captions in the document: "
              + "; ".join(map(str, document.captions))
              + f". Name the table in {mapping_path} (`{spec.name}: Tabel N`)"))


def _check_claimed_once(document: Document, found: dict[str, Caption],
                        mapping_path: Path) -> None:
    by_line: dict[int, list[str]] = {}
    for name, caption in found.items():
        by_line.setdefault(caption.line, []).append(name)
    for line, names in by_line.items():
        if len(names) > 1:
            raise DocumentError(
                f"one table taken for {' and '.join(names)}", file=document.path, line=line,
                hint=f"Name each dataset's table in {mapping_path}")
