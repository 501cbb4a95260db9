"""A Screener in a file: written once by the process that built it, read by processes that screen
with it (the command line's cache, a server's worker processes).

A pickle, because a Screener is a graph of plain Python objects that must come back exactly; the
file is always written by this program into its own data directory and read only from there,
never from a user. Reading pauses the garbage collector, which would otherwise walk the growing
graph of a million objects again and again (3.0 s instead of 1.3 s on the 2-core target machine).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from screening.gc_pause import paused_garbage_collection
from screening.screener import Screener


class ScreenerFileError(ValueError):
    """The file does not hold a Screener (cut short, or written by another version)."""


def write_screener_file(path: Path, screener: Screener) -> None:
    """Write atomically: a reader sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(screener, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_screener_file(path: Path) -> Screener:
    """The Screener in `path`; OSError when it cannot be read, ScreenerFileError when it is not
    a Screener of this version."""
    content = path.read_bytes()
    try:
        with paused_garbage_collection():
            loaded = pickle.loads(content)  # our own file: see the module's docstring
    except Exception as error:
        raise ScreenerFileError(f"{path} does not hold a Screener: {error}") from error
    if not isinstance(loaded, Screener):
        raise ScreenerFileError(f"{path} holds a {type(loaded).__name__}, not a Screener")
    return loaded
