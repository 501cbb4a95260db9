"""Locks held by processes of one machine on a file in the data directory (fcntl): one server
process leads (does the background work), and one process at a time builds an index file.

The operating system releases a process's locks when it ends, however it ends, so a killed
leader is replaced by the next process that asks, and no stale lock file ever needs removing.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ProcessLock:
    """An exclusive lock on `path` (created if missing), held until `release` or the process
    ends. Not shared between threads of one process: take it in one thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; True when this process holds it."""
        return self._acquire(blocking=False)

    def acquire(self) -> None:
        """Wait until the lock is this process's."""
        self._acquire(blocking=True)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the lock

    def _acquire(self, *, blocking: bool) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True


@contextmanager
def exclusively(path: Path) -> Iterator[None]:
    """Hold the lock on `path` for the block, waiting for any other process that holds it."""
    lock = ProcessLock(path)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
