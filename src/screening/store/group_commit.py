"""Group commit: the writes of many requests in one transaction, each caller answered once durable.

A screening's row and its audit record must be committed before the API answers 200. Committed
one request at a time, concurrent requests queue for the database's write lock (SQLite's busy
handler sleeps up to 100 ms between tries) and each pays its own durable commit. Here one writer
thread takes every item waiting, writes them together in one transaction and commits once; while
it commits, the next items gather. No item waits on a timer: a lone request is committed at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from screening.process_locks import ProcessLock
from screening.store.db import writers_lock_path

Item = TypeVar("Item")
Result = TypeVar("Result")

# Enough to absorb a burst from every connection at once; a larger group only holds the
# write lock longer while answering no one sooner.
MAX_GROUP = 256


@dataclass(slots=True)
class _Pending(Generic[Item, Result]):
    item: Item
    done: Future[Result] = field(default_factory=Future)


class GroupCommitter(Generic[Item, Result]):
    """Writes items on one thread, many to a transaction, with `write_group(session, items)`
    (which adds them and returns one result per item, in order; the committer commits).
    `commit(item)` blocks until its item is committed (returns its result) or failed (raises)."""

    def __init__(
        self,
        engine: Engine,
        write_group: Callable[[Session, list[Item]], list[Result]],
        *,
        max_group: int = MAX_GROUP,
    ) -> None:
        self._engine = engine
        self._write_group = write_group
        self._max_group = max_group
        self._waiting: queue.SimpleQueue[_Pending[Item, Result] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        # Other processes' committers write the same SQLite file: taken in turn (see
        # writers_lock_path), and while one writes the next one's group grows.
        lock_path = writers_lock_path(engine)
        self._writers_lock = None if lock_path is None else ProcessLock(lock_path)

    def commit(self, item: Item) -> Result:
        """Write `item` in a transaction shared with other callers' items; return once committed."""
        self._ensure_started()
        pending: _Pending[Item, Result] = _Pending(item)
        self._waiting.put(pending)
        return pending.done.result()

    def stop(self) -> None:
        """Commit what is waiting, then end the writer thread (a later `commit` starts it again)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._waiting.put(None)
        thread.join()

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="group-commit", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._waiting.get()
            if first is None:
                return
            group = [first]
            while len(group) < self._max_group:
                try:
                    pending = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if pending is None:
                    stopping = True
                    break
                group.append(pending)
            self._commit_group(group)

    def _commit_group(self, group: list[_Pending[Item, Result]]) -> None:
        try:
            results = self._write_in_one_transaction([pending.item for pending in group])
        except BaseException as error:
            if len(group) == 1:
                group[0].done.set_exception(error)  # raised again in the caller's thread
                return
            # One item's failure must not fail the others: alone, each stands on its own.
            for pending in group:
                self._commit_group([pending])
            return
        for pending, result in zip(group, results, strict=True):
            pending.done.set_result(result)

    def _write_in_one_transaction(self, items: list[Item]) -> list[Result]:
        if self._writers_lock is not None:
            self._writers_lock.acquire()
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                try:
                    results = self._write_group(session, items)
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            if self._writers_lock is not None:
                self._writers_lock.release()
        return results
