"""Data flows one way (issue 35): each layer of the package imports only the foundation and
the layers before it, imports placed inside functions included, and no two parts of the
package import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from lkjip_analysis.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "lkjip_analysis"
# importable from anywhere; import only each other
FOUNDATION = {"errors", "i18n", "config", "markup", "numbers", "number_forms", "metrics",
              "analysis", "limits", "captions", "audiences", "safety"}
# the layers in the order data flows (DESIGN.md's package layout), then the commands over them
ORDER = ["impor", "reading", "core", "families", "data", "audit", "plots", "pipeline",
         "lintas_tahun", "newyear", "importing", "notebook", "jelajah", "batch", "cli",
         "__init__"]


def _part(module: str) -> str:
    """The package part of `lkjip_analysis.x.y…`: `x` (a subpackage or top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, root: Path = PROJECT_ROOT) -> list[tuple[str, int]]:
    """The package modules `path` imports (anywhere in it, functions included), with their
    lines."""
    module = list(path.relative_to(root).with_suffix("").parts)
    package = module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            found += [(name, node.lineno) for name in names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(name, line) for name, line in found
            if name == "lkjip_analysis" or name.startswith("lkjip_analysis.")]


def _edges() -> dict[tuple[str, str], str]:
    """(importer part, imported part) -> one place it happens."""
    edges = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _part(".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts))
        if path.name == "__init__.py" and path.parent == PACKAGE:
            source = "__init__"
        for name, line in _imports(path):
            target = _part(name) if name != "lkjip_analysis" else "__init__"
            if target != source:
                edges.setdefault((source, target), f"{path.relative_to(PROJECT_ROOT)}:{line}")
    return edges


def test_every_part_of_the_package_has_its_place():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    assert parts <= FOUNDATION | set(ORDER)


def test_each_layer_imports_only_the_foundation_and_the_layers_before_it():
    wrong = []
    for (source, target), where in sorted(_edges().items()):
        if source in FOUNDATION:
            allowed = target in FOUNDATION
        else:
            allowed = target in FOUNDATION or ORDER.index(target) <= ORDER.index(source)
        if not allowed:
            wrong.append(f"{source} -> {target} ({where})")
    assert wrong == []


def test_no_two_parts_of_the_package_import_each_other():
    edges = _edges()
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo += graph.get(node, ())
        return False

    cycles = [f"{a} -> {b} ({where}) and back" for (a, b), where in sorted(edges.items())
              if reaches(b, a)]
    assert cycles == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    """A cycle hidden behind an import placed inside a function is still seen."""
    module = tmp_path / "lkjip_analysis" / "core" / "contoh.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..numbers import parse\n\n\ndef f():\n"
                      "    from ..audit.findings import Findings\n"
                      "    from . import read\n", encoding="utf-8")
    assert _imports(module, tmp_path) == [
        ("lkjip_analysis.numbers", 1), ("lkjip_analysis.audit.findings", 5),
        ("lkjip_analysis.core.read", 6)]
