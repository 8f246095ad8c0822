"""The notebooks' parameters: read from their typed `parameters` cells, and `-p` values checked
against them before any kernel starts."""

from __future__ import annotations

import json
import re

from ..config import NOTEBOOKS_DIR
from ..errors import ParameterError
from ..i18n import _

# `name: type = default  # comment`, as every parameters cell writes it
_TYPED = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>int|float|str|bool)\s*=")
_TYPES = {"int": int, "float": float, "str": str, "bool": bool}
# These have flags of their own (--year, --data-dir, --reports-dir).
RESERVED = {"year": "--year", "data_dir": "--data-dir", "output_dir": "--reports-dir"}


def notebook_parameters() -> dict[str, str]:
    """Every parameter the notebooks declare, with its type name."""
    found: dict[str, str] = {}
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        book = json.loads(path.read_text(encoding="utf-8"))
        for cell in book["cells"]:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                for line in "".join(cell["source"]).splitlines():
                    if match := _TYPED.match(line):
                        found[match.group("name")] = match.group("type")
    return found


def check_parameters(values: dict) -> None:
    """Refuse a reserved, unknown or mistyped `-p` parameter, in one line."""
    declared = notebook_parameters()
    for name, value in values.items():
        if name in RESERVED:
            raise ParameterError(_("-p {name} is not allowed: use {flag}").format(
                name=name, flag=RESERVED[name]))
        if name not in declared:
            others = sorted(set(declared) - set(RESERVED))
            raise ParameterError(_("-p {name}: no notebook has this parameter; notebook "
                                   "parameters: {others}").format(
                name=name, others=", ".join(others) or _("none besides the flags")))
        wanted = _TYPES[declared[name]]
        if isinstance(value, bool) and wanted is not bool or not isinstance(value, wanted):
            raise ParameterError(_("-p {name} must be {kind}, got {value!r}").format(
                name=name, kind=declared[name], value=value))
