"""Errors a loader raises when a publisher's file cannot be read; they name the file and place."""

from __future__ import annotations


class ListFormatError(ValueError):
    """A list file that is missing, truncated or not in the publisher's format."""

    def __init__(self, file: str, message: str, *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")
