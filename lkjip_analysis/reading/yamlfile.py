"""YAML inputs (`koreksi.yaml`, `tabel.yaml`) read safely and with limits.

Safe YAML constructs no objects, but it still expands aliases, so a few hundred bytes of
nested aliases can grow into gigabytes. These files hold plain values written by a person:
aliases are refused, and so are a file past a size or a number of values, and a key written
twice (which YAML would otherwise let silently win). Each refusal is one error naming the file
and line, found before anything is built.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import SourceError
from ..i18n import _
from ..limits import YAML_BYTES, check_size

MAX_NODES = 50_000


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, duplicate keys and documents past `MAX_NODES`."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, _("an alias (*name) is not accepted: write its value"),
                self.peek_event().start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise yaml.composer.ComposerError(
                None, None, _("more than {count} values").format(
                    count=f"{MAX_NODES:,}".replace(",", ".")),
                self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = getattr(key_node, "value", None)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, _("key {key!r} is written twice").format(key=key),
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def read(path: Path, hint: str) -> tuple[object, yaml.Node | None]:
    """The content of the YAML file `path` and its node tree (for line numbers); `hint` says
    how to fix the file. Raises `SourceError` naming the file and line."""
    check_size(path, YAML_BYTES, path.name)
    text = path.read_text(encoding="utf-8")
    loader = _LimitedLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(_("{file} cannot be read as safe YAML: {problem}").format(
            file=path.name, problem=problem), file=path, line=mark.line + 1 if mark else None,
            hint=hint) from None
    except RecursionError:
        raise SourceError(_("{file} is nested too deeply").format(file=path.name), file=path,
                          hint=hint) from None
    finally:
        loader.dispose()


def scalar(text: str) -> object:
    """One YAML scalar typed by a person (a `-p` value): 2020 is a number, abc a text."""
    loader = _LimitedLoader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise yaml.YAMLError(_("the value is nested too deeply")) from None
    finally:
        loader.dispose()
