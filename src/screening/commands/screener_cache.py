"""A Screener for the command line, kept between runs in the data directory.

Loading the stored lists and building the match index takes seconds on the 2-core target
machine; opening the Screener's file (its index mapped, see screening.screener_file) well under
one. The cache file is keyed by the engine version
(the code, data files and scoring libraries that make a Screener, and the host-risk file; see
screening.engine_version) and the list versions, so any change makes a new one. The file is written
by this program into the user's own data directory and read only from there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from screening.index_files import index_key
from screening.screener import Screener
from screening.screener_file import ScreenerFileError, read_screener_file, write_screener_file

log = logging.getLogger(__name__)

_PREFIX = "screener-"
_SUFFIX = ".index"
_OLD_SUFFIXES = (_SUFFIX, ".pickle")  # .pickle: the files of versions before the index file


def fingerprint(lists: Iterable[tuple[str, str]], host_risk: Path) -> str:
    """The cache key: the engine version (with the host-risk file) and the list versions
    ((list id, sha256) of each active snapshot) the Screener is built from."""
    return index_key(lists, host_risk.read_bytes())


def cached_screener(
    cache_dir: Path, key_now: Callable[[], str], build: Callable[[], Screener]
) -> tuple[Screener, bool]:
    """The cached Screener for the current key, else a new one from `build`, cached unless the
    key changed while it was built (a file edited meanwhile); returns (it, was cached)."""
    key = key_now()
    path = cache_dir / f"{_PREFIX}{key}{_SUFFIX}"
    if path.is_file():
        try:
            return read_screener_file(path), True
        except (OSError, ScreenerFileError):  # another version's file, or cut short: build anew
            log.warning("ignoring the unreadable screener cache %s", path)
    screener = build()
    if key_now() != key:
        return screener, False
    try:
        write_screener_file(path, screener)
        for suffix in _OLD_SUFFIXES:
            _remove_others(cache_dir.glob(f"{_PREFIX}*{suffix}"), keep=path)
    except OSError as error:  # a read-only data directory only costs time
        log.warning("cannot cache the screener in %s: %s", cache_dir, error)
    return screener, False


def _remove_others(paths: Iterable[Path], keep: Path) -> None:
    for other in paths:
        if other != keep:
            other.unlink(missing_ok=True)
