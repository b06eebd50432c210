"""Errors that end a run (or skip one input) with exit code 2 and one clear line."""

from __future__ import annotations


class YblintError(Exception):
    """A problem with the user's input, config or command line: reported as one line, exit 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class InputError(YblintError):
    """One input file cannot be read; the other files are still linted."""


class ConfigError(YblintError):
    """The configuration file, a rule definition or an option is wrong."""
