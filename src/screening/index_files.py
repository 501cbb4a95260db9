"""The index files of a server's data directory: one per set of list versions, built once, mapped
by every process that screens with it (a server's processes, its job workers).

`open_or_build` opens the file of a set of lists, building it first under a lock when no process
has yet, so several processes starting at once build it once. The process that starts serving a
new set writes its file's name to the stamp `current`; the other processes of the server follow
the stamp (`current`, read about once a second) and open the same file.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from screening.engine_version import engine_version_for
from screening.process_locks import exclusively
from screening.screener import Screener
from screening.screener_file import ScreenerFileError, read_screener_file, write_screener_file

log = logging.getLogger(__name__)

PREFIX, SUFFIX = "screener-", ".index"
CURRENT = "current"  # the stamp: the name of the file the server serves now
_BUILD_LOCK = "build.lock"
FILES_KEPT = 3  # the newest files stay for processes still mapping or about to open them


def index_key(lists: Iterable[tuple[str, str]], host_risk: bytes) -> str:
    """What names a Screener: the engine version (the code, data and libraries that score, and
    the host-risk file) and the list versions ((list id, sha256) of each snapshot)."""
    digest = hashlib.sha256(engine_version_for(host_risk).encode())
    for list_id, sha256 in sorted(lists):
        digest.update(f"{list_id} {sha256}".encode())
    return digest.hexdigest()[:32]


class IndexFiles:
    """The index files in one folder (`<data dir>/index`); safe across processes and threads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_of(self, key: str) -> Path:
        return self.folder / f"{PREFIX}{key}{SUFFIX}"

    def open(self, key: str) -> Screener | None:
        """The Screener of `key` if its file exists and is sound (else None: build it)."""
        path = self.path_of(key)
        if not path.is_file():
            return None
        try:
            return read_screener_file(path)
        except (OSError, ScreenerFileError) as error:  # cut short, or another version's
            log.warning("ignoring the index file %s: %s", path, error)
            return None

    def open_or_build(self, key: str, build: Callable[[], Screener]) -> Screener:
        """The Screener of `key` mapped from its file, built and written first (once, under a
        lock shared by every process of this data directory) when there is none."""
        return self.open_or_write(key, lambda path: write_screener_file(path, build()))

    def open_or_write(self, key: str, write: Callable[[Path], None]) -> Screener:
        """As `open_or_build`, with `write` writing the file at the path given (perhaps in
        another process: see screening.index_builder)."""
        opened = self.open(key)
        if opened is not None:
            return opened
        self.folder.mkdir(parents=True, exist_ok=True)
        with exclusively(self.folder / _BUILD_LOCK):
            opened = self.open(key)  # another process built it while this one waited
            if opened is not None:
                return opened
            write(self.path_of(key))
        # what serves is the mapped file, shared with the other processes
        return read_screener_file(self.path_of(key))

    def publish(self, key: str) -> None:
        """Say that the server now serves `key`'s file (atomically: readers see old or new)."""
        stamp = self.folder / CURRENT
        temporary = stamp.with_name(f".{CURRENT}.{os.getpid()}")
        temporary.write_text(key + "\n", encoding="ascii")
        os.replace(temporary, stamp)
        self._remove_old(keep=self.path_of(key))

    def current(self) -> str | None:
        """The key last published, if any."""
        try:
            return (self.folder / CURRENT).read_text(encoding="ascii").strip() or None
        except FileNotFoundError:
            return None

    def _remove_old(self, keep: Path) -> None:
        """Remove all but the newest few files (a process mapping a removed file keeps it)."""
        files = sorted(self.folder.glob(f"{PREFIX}*{SUFFIX}"), key=_modified, reverse=True)
        for path in [p for p in files if p != keep][FILES_KEPT - 1 :]:
            path.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed by another process meanwhile
        return 0.0
