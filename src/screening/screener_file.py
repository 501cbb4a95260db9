"""A Screener in a file: written once by the process that built it, opened by every process that
screens with it (the command line's cache, a server's processes and job workers).

The file is a match index file (screening.matching.index_file): the index's tables are mapped
read-only, so processes opening one file share one copy in the page cache and opening takes
milliseconds. The snapshots and risk knowledge ride along with the index's entries. The file is
stamped with the engine's code digest: a file written by other code is refused, never misread,
and its reader builds a new one.
"""

from __future__ import annotations

from pathlib import Path

from screening.engine_version import code_digest
from screening.matching.index_file import IndexFileError, open_index_file, write_index_file
from screening.screener import Screener


class ScreenerFileError(ValueError):
    """The file does not hold a Screener (cut short, or written by another version)."""


def write_screener_file(path: Path, screener: Screener) -> None:
    """Write atomically: a reader sees the whole file or none."""
    kept = (
        screener.official_snapshots,
        screener.knowledge,
        screener.engine_version,
        screener.lists,
        screener.tenant,
    )
    write_index_file(path, screener.index, stamp=code_digest(), attachment=kept)


def open_screener_file(path: Path) -> Screener:
    """The Screener in `path`, its index mapped from the file; OSError when it cannot be read,
    ScreenerFileError when it is not a Screener of this version."""
    try:
        opened = open_index_file(path, stamp=code_digest())
    except IndexFileError as error:
        raise ScreenerFileError(f"{path} does not hold a Screener: {error}") from error
    snapshots, knowledge, engine_version, lists, tenant = opened.attachment
    return Screener(snapshots, opened.index, knowledge, engine_version, lists=lists, tenant=tenant)


read_screener_file = open_screener_file  # the name its callers know
