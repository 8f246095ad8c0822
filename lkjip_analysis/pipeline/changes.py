"""What changed since a year's last build, for the log a scheduled job mails: which inputs
(from the manifest's hashes) and which findings (from the published `temuan_audit.csv`): a
disagreement that appeared, one that went away, a check whose figures moved. A first build has
nothing to compare and says so."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from ..limits import TABLE_BYTES
from ..markup import printable

_TIDAK_COCOK = "tidak_cocok"


@dataclass
class Changes:
    """The differences between the last build and this one."""

    first: bool = False
    unreadable: bool = False  # the last build's manifest or findings cannot be read
    inputs: list[str] = field(default_factory=list)
    appeared: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The log lines, one per kind of change; one line when nothing changed."""
        if self.first:
            return [_("since the last build: none (first build of this year)")]
        if self.unreadable:
            return [_("since the last build: its manifest or findings cannot be read; nothing "
                      "compared")]
        parts = [(_("inputs changed: {items}"), self.inputs),
                 (_("new disagreements: {items}"), self.appeared),
                 (_("disagreements gone: {items}"), self.resolved),
                 (_("figures changed: {items}"), self.moved)]
        lines = [_("since the last build: ") + text.format(items=", ".join(items))
                 for text, items in parts if items]
        return [printable(line) for line in lines] or [
            _("since the last build: no input and no finding changed")]


def since(previous: dict | None, inputs: dict[str, str], old_findings: bytes | None,
          new_findings: bytes) -> Changes:
    """The changes between the last build (its manifest record and findings CSV) and this
    one (its input hashes and findings CSV)."""
    if previous is None or old_findings is None:
        return Changes(first=True)
    before = previous.get("inputs")
    try:
        old = _checks(old_findings)
    except (KeyError, TypeError, ValueError, csv.Error):
        old = None
    if not isinstance(before, dict) or old is None:
        return Changes(unreadable=True)
    changed = sorted({key for key in {*before, *inputs} if before.get(key) != inputs.get(key)})
    new = _checks(new_findings)
    appeared = [_name(row) for key, row in new.items() if row["status"] == _TIDAK_COCOK
                and old.get(key, {}).get("status") != _TIDAK_COCOK]
    resolved = [_name(row) for key, row in old.items() if row["status"] == _TIDAK_COCOK
                and new.get(key, {}).get("status") != _TIDAK_COCOK]
    moved = [_name(row) for key, row in new.items() if key in old
             and row["status"] == old[key]["status"]
             and (row["dilaporkan"], row["dihitung"]) != (old[key]["dilaporkan"],
                                                          old[key]["dihitung"])]
    return Changes(inputs=changed, appeared=appeared, resolved=resolved, moved=moved)


def last_findings(path: Path) -> bytes | None:
    """The last build's findings CSV, or None when there is none (or one too large to be a
    build's: it is not read)."""
    if not path.is_file() or path.stat().st_size > TABLE_BYTES:
        return None
    return path.read_bytes()


def _checks(data: bytes) -> dict[tuple[str, str, str], dict]:
    """A findings CSV by check (table, what was checked, line): ids move when checks are added."""
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return {(row["tabel"], row["uraian"], row["baris_sumber"]): {
        name: row[name] for name in ("id", "tabel", "baris_sumber", "status", "dilaporkan",
                                     "dihitung")} for row in rows}


def _name(row: dict) -> str:
    return f"{row['id']} ({row['tabel']}, baris {row['baris_sumber']})"
