"""A family of reports read from its folder: `keluarga.yaml` (its tables, their columns and the
shape of their datasets), `narasi.yaml` (its narrative figures) and, where some table needs a
shape of its own, `bentuk.py` (`SHAPES`, and `core_budget` for its budget tables). The next
family is a folder of data; code only where its tables are shaped like no other.

Every entry is checked when the family is loaded: a typo or a wrong shape is refused, naming
the file, the table and the key, never read as something else.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..core.assemble import FamilyBudget
from ..errors import SourceError
from ..i18n import _
from ..reading import yamlfile
from . import shapes
from .spec import Build, TableSpec

DEFINITION = "keluarga.yaml"
_FAMILY_KEYS = {"nama", "narasi", "anggaran_inti", "tabel"}
_TABLE_KEYS = {"nama", "judul_kolom", "baris_judul", "kata_judul", "kolom", "hasil"}
_FIELD_KEYS = {"jenis", "kolom", "boleh_kosong", "wajar", "tertulis", "nama"}


@dataclass(frozen=True)
class Family:
    """One family of reports: its tables in report order, its narrative figures' file and
    how its budget tables become the SAKIP core's budget (None: the core reads it)."""

    key: str
    name: str
    specs: tuple[TableSpec, ...]
    narrative: Path | None
    budget_tables: tuple[str, ...]
    core_budget: FamilyBudget | None

    @property
    def checks(self):
        """The family's own audit checks (`pemeriksaan/`: `check(d, findings, facts)`), or
        None; imported on first use."""
        if not (Path(__file__).parent / self.key / "pemeriksaan" / "__init__.py").is_file():
            return None
        return importlib.import_module(f"{__package__}.{self.key}.pemeriksaan").check


def load_family(folder: Path) -> Family:
    """The family described in `folder`."""
    path = folder / DEFINITION
    data = yamlfile.read(path, _("See the format at the top of {file}").format(file=path))[0]
    check = _Checker(path)
    check.mapping(data, _FAMILY_KEYS, {"nama", "tabel"}, None)
    module = _module(folder)
    family_shapes = getattr(module, "SHAPES", {})
    specs = tuple(_spec(check, entry, family_shapes) for entry in check.entries(data["tabel"]))
    names = [spec.name for spec in specs]
    if len(set(names)) != len(names):
        raise check.refuse(_("two tables are named alike"), None, "nama")
    narrative = folder / data["narasi"] if "narasi" in data else None
    budget_tables = tuple(check.words(data.get("anggaran_inti", []), None, "anggaran_inti"))
    budget = getattr(module, "core_budget", None)
    return Family(folder.name, check.text(data["nama"], None, "nama"), specs, narrative,
                  budget_tables, partial(budget, names=budget_tables) if budget else None)


def _module(folder: Path):
    """The family's own shapes (`bentuk.py`), if it has any."""
    if not (folder / "bentuk.py").is_file():
        return None
    return importlib.import_module(f"{__package__}.{folder.name}.bentuk")


def _spec(check: _Checker, entry: dict, family_shapes: dict[str, Build]) -> TableSpec:
    check.mapping(entry, _TABLE_KEYS, {"nama", "judul_kolom", "baris_judul", "kolom", "hasil"},
                  None)
    name = check.text(entry["nama"], None, "nama")
    columns = {check.text(k, name, "kolom"): check.text(v, name, str(k))
               for k, v in check.mapping(entry["kolom"], None, set(), name).items()}
    outputs = tuple(_output(check, name, dataset, config, columns, family_shapes)
                    for dataset, config in check.mapping(entry["hasil"], None, set(),
                                                         name).items())
    rows = entry["baris_judul"]
    if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= 5:
        raise check.refuse(_("baris_judul must be a whole number from 1 to 5"), name,
                           "baris_judul")
    return TableSpec(name, tuple(check.words(entry["judul_kolom"], name, "judul_kolom")), rows,
                     columns, outputs,
                     tuple(check.words(entry.get("kata_judul", []), name, "kata_judul")))


def _output(check: _Checker, table: str, dataset: str, config: object,
            columns: dict[str, str], family_shapes: dict[str, Build]) -> Build:
    config = check.mapping(config, None, {"bentuk"}, table)
    shape = config["bentuk"]
    if shape == "baris":
        check.mapping(config, {"bentuk", "isi"}, {"isi"}, table)
        return shapes.rows(dataset, _fields(check, table, config["isi"], columns))
    if shape == "lebar":
        check.mapping(config, {"bentuk", "isi", "tahun", "nilai", "jenis"},
                      {"isi", "tahun", "nilai"}, table)
        families = tuple(check.words(config["tahun"], table, "tahun"))
        for family in families:
            _known_column(check, table, family, columns)
        value = config["nilai"]
        if not isinstance(value, dict) or "nama" not in value:
            raise check.refuse(_("nilai needs nama and jenis"), table, "nilai")
        value_field = _field(check, table, value["nama"],
                             {k: v for k, v in value.items() if k != "nama"}, columns,
                             in_family=True)
        kind = config.get("jenis")
        return shapes.wide(dataset, _fields(check, table, config["isi"], columns), families,
                           value_field, check.text(kind, table, "jenis") if kind else None)
    if shape in family_shapes and set(config) == {"bentuk"}:
        return family_shapes[shape]
    known = ", ".join(["baris", "lebar", *family_shapes])
    raise check.refuse(_("unknown shape {shape!r} (known: {known})").format(
        shape=shape, known=known), table, "bentuk")


def _fields(check: _Checker, table: str, entries: object, columns: dict[str, str]
            ) -> tuple[shapes.Field, ...]:
    return tuple(_field(check, table, name, entry, columns)
                 for name, entry in check.mapping(entries, None, set(), table).items())


def _field(check: _Checker, table: str, name: str, entry: object, columns: dict[str, str],
           in_family: bool = False) -> shapes.Field:
    """One dataset column: a kind alone (`teks`) or its settings."""
    entry = {"jenis": entry} if isinstance(entry, str) else entry
    entry = check.mapping(entry, _FIELD_KEYS - {"nama"}, {"jenis"}, table)
    kind = entry["jenis"]
    if kind not in shapes.KINDS:
        raise check.refuse(_("unknown kind {kind!r} (known: {known})").format(
            kind=kind, known=", ".join(shapes.KINDS)), table, name)
    column = check.text(entry.get("kolom", name), table, name)
    if kind not in shapes.COLUMNLESS_KINDS and not in_family:
        _known_column(check, table, column, columns)
    numeric = kind in shapes.NUMBER_KINDS
    if not numeric and ({"boleh_kosong", "wajar"} & set(entry)):
        raise check.refuse(_("boleh_kosong and wajar are for numbers only"), table, name)
    plausible = entry.get("wajar")
    if plausible is not None:
        if (kind == "rupiah" or not isinstance(plausible, list) or len(plausible) != 2
                or not all(isinstance(v, int | float) for v in plausible)):
            raise check.refuse(_("wajar is [bawah, atas] for desimal or persen"), table, name)
        plausible = (float(plausible[0]), float(plausible[1]))
    return shapes.Field(str(name), kind, column, bool(entry.get("boleh_kosong", False)),
                        plausible, bool(entry.get("tertulis", False)))


def _known_column(check: _Checker, table: str, column: str, columns: dict[str, str]) -> None:
    if column not in columns:
        raise check.refuse(_("column {column!r} is not under kolom").format(column=column),
                           table, column)


@dataclass(frozen=True)
class _Checker:
    """The checks every entry of the family's file goes through, each refusal naming it."""

    path: Path

    def refuse(self, message: str, table: str | None, key: str) -> SourceError:
        return SourceError(message, file=self.path, table=table, column=key,
                           hint=_("See the format at the top of {file}").format(file=self.path))

    def mapping(self, value: object, allowed: set[str] | None, required: set[str],
                table: str | None) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(_("expected keys and values"), table, str(value)[:40])
        unknown = set(value) - allowed if allowed is not None else set()
        missing = required - set(value)
        if unknown or missing:
            raise self.refuse(_("unknown keys {unknown}, missing keys {missing}").format(
                unknown=sorted(unknown) or "-", missing=sorted(missing) or "-"), table,
                ", ".join(sorted(unknown | missing)))
        return value

    def entries(self, value: object) -> list:
        if not isinstance(value, list) or not value:
            raise self.refuse(_("tabel must list the family's tables"), None, "tabel")
        return value

    def text(self, value: object, table: str | None, key: str) -> str:
        if isinstance(value, bool):  # YAML reads no, No, yes, on … as true or false
            raise self.refuse(_("{value} where a text is expected: write \"no\" and \"No\" "
                                "in quotes").format(value=str(value).lower()), table, key)
        if not isinstance(value, str) or not value.strip():
            raise self.refuse(_("expected a text"), table, key)
        return value

    def words(self, value: object, table: str | None, key: str) -> list[str]:
        if not isinstance(value, list):
            raise self.refuse(_("expected a list"), table, key)
        return [self.text(str(v) if isinstance(v, int | float) else v, table, key)
                for v in value]
