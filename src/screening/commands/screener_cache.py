"""A Screener for the command line, kept between runs in the data directory.

Loading the stored lists and building the match index takes seconds on the 2-core target
machine; opening the Screener's file (its index mapped, see screening.screener_file) well under
one. The cache file is keyed by the engine version
(the code, data files and scoring libraries that make a Screener, and the host-risk file; see
screening.engine_version) and the list versions, so any change makes a new one. The file is written
by this program into the user's own data directory and read only from there.

A Screener just built is written by a forked child while this process screens with it (writing
is 2-4 s of a cold run's CPU that the screening need not wait for); the command waits for the
child before it exits, so the file is there when it returns.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from screening.index_files import index_key
from screening.parallel_scoring import can_fork
from screening.screener import Screener
from screening.screener_file import ScreenerFileError, read_screener_file, write_screener_file

log = logging.getLogger(__name__)

_PREFIX = "screener-"
_SUFFIX = ".index"
_OLD_SUFFIXES = (_SUFFIX, ".pickle")  # .pickle: the files of versions before the index file


@dataclass(frozen=True, slots=True)
class CachedScreener:
    """A Screener and how it was had; `finish()` waits for its file to be written (a no-op
    when it came from the file, or was written before it was returned)."""

    screener: Screener
    was_cached: bool
    writer: int | None = None  # the forked child writing the file, if any

    def finish(self) -> None:
        if self.writer is None:
            return
        _, status = os.waitpid(self.writer, 0)
        if os.waitstatus_to_exitcode(status) != 0:  # it logged why; only time is lost
            log.warning("the screener cache was not written (status %s)", status)


def fingerprint(lists: Iterable[tuple[str, str]], host_risk: Path) -> str:
    """The cache key: the engine version (with the host-risk file) and the list versions
    ((list id, sha256) of each active snapshot) the Screener is built from."""
    return index_key(lists, host_risk.read_bytes())


def cached_screener(
    cache_dir: Path, key_now: Callable[[], str], build: Callable[[], Screener]
) -> CachedScreener:
    """The cached Screener for the current key, else a new one from `build`, cached (by a
    forked child where this process may fork, see `CachedScreener.finish`) unless the key
    changed while it was built (a file edited meanwhile)."""
    key = key_now()
    path = cache_dir / f"{_PREFIX}{key}{_SUFFIX}"
    if path.is_file():
        try:
            return CachedScreener(read_screener_file(path), was_cached=True)
        except (OSError, ScreenerFileError):  # another version's file, or cut short: build anew
            log.warning("ignoring the unreadable screener cache %s", path)
    screener = build()
    if key_now() != key:
        return CachedScreener(screener, was_cached=False)
    if not can_fork():
        _write_cache(path, screener)
        return CachedScreener(screener, was_cached=False)
    child = os.fork()
    if child == 0:  # the child: write, and leave without running the parent's exit handlers
        try:
            written = _write_cache(path, screener)
        except BaseException:
            log.exception("cannot cache the screener in %s", cache_dir)
            written = False
        os._exit(0 if written else 1)
    return CachedScreener(screener, was_cached=False, writer=child)


def _write_cache(path: Path, screener: Screener) -> bool:
    try:
        write_screener_file(path, screener)
        for suffix in _OLD_SUFFIXES:
            _remove_others(path.parent.glob(f"{_PREFIX}*{suffix}"), keep=path)
    except OSError as error:  # a read-only data directory only costs time
        log.warning("cannot cache the screener in %s: %s", path.parent, error)
        return False
    return True


def _remove_others(paths: Iterable[Path], keep: Path) -> None:
    for other in paths:
        if other != keep:
            other.unlink(missing_ok=True)
