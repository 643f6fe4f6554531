"""The application's own exceptions; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (a file, an id, a value): the message says what, where and how to fix it."""


class NotFound(KeyError):
    """A missing assessment, invitation, commitment or user in the store."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"
