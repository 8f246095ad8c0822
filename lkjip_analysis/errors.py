"""One base error, with subclasses that say where the problem is and what to do."""

from __future__ import annotations

from pathlib import Path

from .i18n import _


class LkjipError(Exception):
    """Base class of every error the suite raises on purpose."""


class SourceError(LkjipError):
    """A problem in an input file, located as precisely as the input allows."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        table: str | None = None,
        column: str | None = None,
        raw: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.table = table
        self.column = column
        self.raw = raw
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [
            f"{label} {value}"
            for label, value in (
                (_("file"), self.file),
                (_("line"), self.line),
                (_("table"), self.table),
                (_("column"), self.column),
            )
            if value is not None
        ]
        text = self.message
        if where:
            text += " (" + ", ".join(where) + ")"
        if self.raw is not None:
            text += _("; written: {raw!r}").format(raw=self.raw)
        if self.hint:
            text += f". {self.hint}"
        return text


class NumberFormatError(LkjipError, ValueError):
    """A text that is not a number in the expected Indonesian format."""

    def __init__(self, raw: str, expected: str) -> None:
        self.raw = raw
        self.expected = expected
        super().__init__(_("{raw!r} is not {expected}").format(raw=raw, expected=expected))


class DocumentError(SourceError):
    """The report document cannot be read or lacks what it must have."""


class TableFormatError(SourceError):
    """A table's cells do not have the shape or values its spec expects."""


class CorrectionError(SourceError):
    """`koreksi.yaml` is malformed or does not match the document."""


class WorkbookError(SourceError):
    """An input workbook lacks a sheet or column, or holds a bad value."""


class ValidationError(SourceError):
    """A dataset breaks its schema."""


class ParameterError(LkjipError, ValueError):
    """A notebook or command parameter is invalid."""


class NotebookError(LkjipError):
    """A notebook failed while running."""

    def __init__(self, notebook: str, message: str, kept_at: Path | None = None) -> None:
        self.notebook = notebook
        self.kept_at = kept_at
        text = _("notebook {notebook} failed: {message}").format(notebook=notebook,
                                                                 message=message)
        if kept_at is not None:
            text += _(" (partly executed notebook kept at {path})").format(path=kept_at)
        super().__init__(text)
