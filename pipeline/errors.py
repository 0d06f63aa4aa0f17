"""Specific exceptions. The CLI turns `InputError` into exit code 2, anything else into 1."""

from __future__ import annotations


class SignaaliError(Exception):
    """Base class of Signaali's own errors."""


class InputError(SignaaliError):
    """Bad input or usage: a file that cannot be read, a missing column, a bad option (exit code 2)."""


class UnreadableFileError(InputError):
    """A file that cannot be read at all."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot read file: {reason}")
        self.path = path
        self.reason = reason


class RowError(InputError):
    """One row of an input file failed validation; names the file, row and field."""

    def __init__(self, path: str, row: int, field: str, reason: str) -> None:
        super().__init__(f"{path}, row {row}, field '{field}': {reason}")
        self.path = path
        self.row = row
        self.field = field
        self.reason = reason


class ModelNotAvailableError(SignaaliError):
    """A configured model or backend cannot be loaded; the message says how to provision it."""
