"""Which column of a table is which, by its header's name, never by its position.

A column's name is its path through the header rows, top to bottom: `Anggaran > Realisasi`
for a "Realisasi" under a spanning "Anggaran" (in the text format a spanning header is written
once, in the leftmost column it covers, so a blank header cell with a named cell below it takes
the nearest name to its left). The numbering row (`1 2 3 …`, `6 (4-5)`) is not a name. Names
are compared normalised, each allowed a small rewording (`source.same_name`).

A spec asks for each dataset column by such a path (`"Kinerja > Target"`; alternatives with
`|`). A path whose last name holds a year (`Nilai #`) asks for a family of year columns, one
ending in `*` for every column under its group (`Golongan > *`). Every
single column must be found exactly once: a column missing, or two columns answering one name,
stops the extraction with the table, the header expected and the headers found, and the way out
(`tabel.yaml`). Columns nobody asks for are logged and ignored.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..i18n import _
from .source import Row, Table, normalise, same_name

log = logging.getLogger("lkjip")
# a column's number: "1", "(1)", "6 (4-5)", "8 = (7-6) / 5*100%"; not "2. Persentase …", "47,08%"
_NUMBERING = re.compile(r"^\(?(\d{1,2})\)?(?=\s*(?:$|[(=]))")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
YEARS = "#"  # in a path, the place of a year
ANY = "*"  # in a path, any last name: a family of the columns under a group


@dataclass(frozen=True)
class Layout:
    """Where each asked-for column stands in one table: a single column per name, and for each
    family (a path ending in a year `#` or in any name `*`) its (column, last header name as
    written) pairs, in document order."""

    single: dict[str, int]
    families: dict[str, list[tuple[int, str]]]


def is_numbering(row: Row) -> bool:
    """True for the header row that numbers the columns (`1 2 3 …`, each number once): a data
    row's numbered item and its values (`2. Persentase …`, `47,08%`) are not."""
    found = [_NUMBERING.match(c.text) for c in row.cells if c.text]
    numbers = [int(m.group(1)) for m in found if m]
    return bool(found) and len(numbers) == len(found) == len(set(numbers))


def header_paths(table: Table) -> list[tuple[str, ...]]:
    """Each column's header names as written, top to bottom (the numbering row left out)."""
    rows = [row for row in table.header if not is_numbering(row)]
    width = len(table.header[0].cells)
    paths = []
    for column in range(width):
        path = []
        for depth, row in enumerate(rows):
            text = row.text(column)
            if not text and any(lower.text(column) for lower in rows[depth + 1:]):
                text = _spanning(rows, depth, column)
            if text:
                path.append(text)
        paths.append(tuple(path))
    return paths


def _spanning(rows: list[Row], depth: int, column: int) -> str:
    """The name of a header cell spanning over `column` from its left: one with a name of
    its own column under it (`Realisasi` over `2015`, `2016`); a name with none under it (its
    own words going on lower down, `Indikator Kinerja` / … / `Utama (IKU)`) spans nothing."""
    row = rows[depth]
    for left in range(column - 1, -1, -1):
        if row.text(left):
            below = rows[depth + 1] if depth + 1 < len(rows) else None
            return row.text(left) if below is None or below.text(left) else ""
    return ""


def parse_path(text: str) -> tuple[tuple[str, ...], ...]:
    """`"Kinerja > Target | Sasaran"` -> ((`kinerja`,), (`target`, `sasaran`)), normalised."""
    return tuple(tuple(alt.strip() if alt.strip() == ANY else normalise(alt)
                       for alt in part.split("|")) for part in text.split(">"))


def matches(path: tuple[str, ...], wanted: tuple[tuple[str, ...], ...]) -> bool:
    """True when the header `path` (as written) answers to the `wanted` path: its last name is
    the wanted last name, and each wanted group name is among the names above it."""
    names = [normalise(name) for name in path]
    if not names:
        return False
    *groups, leaf = wanted
    if leaf == (ANY,):
        return len(names) > 1 and all(
            any(same_name(name, alt) for name in names[:-1] for alt in group) for group in groups)
    return (any(same_name(names[-1], alt) for alt in leaf)
            and all(any(same_name(name, alt) for name in names[:-1] for alt in group)
                    for group in groups))


def locate(table: Table, dataset: str, wanted: dict[str, str], overrides: dict[str, str],
           mapping_file: str) -> Layout:
    """The `Layout` of `table` for the columns of `dataset` that it asks for (`wanted`: name ->
    header path); `overrides` (tabel.yaml) give a header text for a column worded beyond
    tolerance."""
    paths = header_paths(table)
    _check_overrides(table, dataset, wanted, overrides, mapping_file)
    single, families = {}, {}
    for name, path_text in wanted.items():
        wanted_path = parse_path(overrides.get(name, path_text))
        found = [i for i, path in enumerate(paths) if matches(path, wanted_path)]
        if YEARS in wanted_path[-1][0] or wanted_path[-1] == (ANY,):
            families[name] = [(i, paths[i][-1]) for i in found]
            if found:
                continue
        elif len(found) == 1:
            single[name] = found[0]
            continue
        raise _not_one(table, dataset, name, overrides.get(name, path_text), found, paths,
                       mapping_file)
    _check_claimed_once(table, single, families, paths, mapping_file)
    claimed = {*single.values(), *(i for family in families.values() for i, _ in family)}
    for index, path in enumerate(paths):
        if index not in claimed and path:
            log.info(_("%s: column %r is not read"), table.label, " > ".join(path))
    return Layout(single, families)


def _check_overrides(table: Table, dataset: str, wanted: dict[str, str],
                     overrides: dict[str, str], mapping_file: str) -> None:
    """A `kolom` entry of tabel.yaml names a column the dataset reads; a typo is refused."""
    unknown = sorted(set(overrides) - set(wanted))
    if unknown:
        raise table.error(
            _("{file}: {dataset} has no column {name!r} to map").format(
                file=mapping_file, dataset=dataset, name=unknown[0]), column=unknown[0],
            hint=_("Its columns: {names}").format(names=", ".join(wanted)))


def _check_claimed_once(table: Table, single: dict[str, int], families: dict,
                        paths: list[tuple[str, ...]], mapping_file: str) -> None:
    """No column of the table is read as two dataset columns (`realisasi` read from the
    target's column would agree with the target by construction)."""
    owners: dict[int, list[str]] = {}
    for name, index in single.items():
        owners.setdefault(index, []).append(name)
    for name, family in families.items():
        for index, _header in family:
            owners.setdefault(index, []).append(name)
    for index, names in owners.items():
        if len(names) > 1:
            raise table.error(
                _("{table} (line {line}): the column {header!r} would be read as {names}: one "
                  "column is one value").format(
                      table=table.label, line=table.caption_line,
                      header=" > ".join(paths[index]), names=_(" and ").join(names)),
                column=names[1],
                hint=_("Give each its own header in {file} (`kolom:`)").format(
                    file=mapping_file))


def year_in(header: str) -> int:
    """The year a header names (`Nilai 2019` -> 2019)."""
    return int(_YEAR.search(header).group(1))


def _not_one(table: Table, dataset: str, name: str, wanted: str, found: list[int],
             paths: list[tuple[str, ...]], mapping_file: str):
    headers = " | ".join(" > ".join(p) for p in paths if p)
    problem = (_("no column") if not found else _("{count} columns ({names}) match").format(
        count=len(found), names=", ".join(" > ".join(paths[i]) for i in found)))
    example = (f"{dataset}:\n  tabel: {table.label}\n  kolom:\n"
               f"    {name}: " + _("<column header as written>"))
    return table.error(
        _("{table} (line {line}): {problem} for column '{name}' (header expected: "
          "'{wanted}'); the column headers there: {headers}").format(
              table=table.label, line=table.caption_line, problem=problem, name=name,
              wanted=wanted, headers=headers),
        column=name,
        hint=_("If that column is there under another header, write it in {file}:\n"
               "{example}").format(file=mapping_file, example=example))
