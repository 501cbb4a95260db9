"""Group commit: the writes of many requests in one transaction, each caller answered once durable.

A screening's row and its audit record must be committed before the API answers 200. Committed
one request at a time, concurrent requests queue for the database's write lock (SQLite's busy
handler sleeps up to 100 ms between tries) and each pays its own durable commit. Here one writer
thread takes every item waiting, writes them together in one transaction and commits once; while
it commits, the next items gather. No item waits on a timer: a lone request is committed at once.

The writer keeps one connection of its own (no pool checkout, no ping a group). On SQLite it
takes its turn with other processes' writers on a file lock (`writers_lock_path`), and its
commits never checkpoint the WAL: a thread of its own does, beside the writes, so no caller
waits for the pages copied into the database and its fsync (bench.tail_trace: a commit that
checkpointed took 12-31 ms against 5-8).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from screening.process_locks import ProcessLock
from screening.store.db import writers_lock_path

_log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")

# Enough to absorb a burst from every connection at once; a larger group only holds the
# write lock longer while answering no one sooner.
MAX_GROUP = 256
# SQLite: a checkpoint asked for after this many groups (a few pages each; SQLite's own
# automatic checkpoint comes at 1,000 pages).
CHECKPOINT_EVERY_GROUPS = 64


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
        self._connection: Connection | None = None  # the writer thread's own
        self._checkpoints = _Checkpoints(engine) if engine.dialect.name == "sqlite" else None

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
                if self._checkpoints is not None:
                    self._checkpoints.start()

    def _run(self) -> None:
        try:
            self._take_groups()
        finally:
            self._drop_connection()
            if self._checkpoints is not None:
                self._checkpoints.stop()

    def _take_groups(self) -> None:
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
            try:
                results = self._write_on_own_connection(items)
            except DBAPIError as error:
                if not error.connection_invalidated:
                    raise
                # The connection was cut (a restart, a terminated backend) since the last
                # group: once more on a new one, as a pooled checkout's ping would have done.
                # (Had the cut come after the commit, the screenings' ids refuse the rerun.)
                results = self._write_on_own_connection(items)
        finally:
            if self._writers_lock is not None:
                self._writers_lock.release()
        if self._checkpoints is not None:
            self._checkpoints.count_group()
        return results

    def _write_on_own_connection(self, items: list[Item]) -> list[Result]:
        if self._connection is None:
            self._connection = self._engine.connect()
            if self._checkpoints is not None:
                self._connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
                self._connection.commit()
        connection = self._connection
        try:
            # The transaction is the connection's (begin raises if one were left open), the
            # session only writes in it: committed when the block ends, rolled back on a raise.
            with (
                connection.begin(),
                Session(bind=connection, expire_on_commit=False) as session,
            ):
                results = self._write_group(session, items)
                session.flush()
        except BaseException:
            self._drop_connection()
            raise
        return results

    def _drop_connection(self) -> None:
        """The writer's connection closed, never handed back to the pool: after a failure it
        may be broken, and on SQLite it never checkpoints, which no other user may inherit."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.invalidate()
            connection.close()


class _Checkpoints:
    """SQLite's WAL checkpointed on a thread and connection of their own, every
    CHECKPOINT_EVERY_GROUPS groups: PASSIVE, so writers (of any process) go on meanwhile."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._groups = 0
        self._due = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping = True
        self._due.set()
        thread.join()

    def count_group(self) -> None:
        """Called by the writer after each group it committed."""
        self._groups += 1
        if self._groups >= CHECKPOINT_EVERY_GROUPS:
            self._groups = 0
            self._due.set()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            # Read before the checkpoint: a stop asked for while it runs (after the last
            # groups it may not have seen) sets `_due` again, so one more runs after it.
            stopping = self._stopping
            try:
                with self._engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except DBAPIError:  # the next one catches up
                _log.exception("WAL checkpoint failed")
            if stopping:  # the last one: what every group wrote is in the database file
                return
