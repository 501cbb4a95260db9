"""Worker processes that screen the chunks of a server's jobs on every core, without a queue.

A server's jobs thread alone would screen on one core, and a threaded server must not fork. So
the pool's processes come from a fork server (a fresh single-threaded process started for the
purpose), each loads the serving Screener from a file the server writes whenever it starts
serving new lists, and screens whole chunks: reads the chunk from the database, screens it with
the tenant's decisions and writes its results, the very step a queue worker runs
(screening.jobs.runner.screen_chunk). The database stays the only place results travel through,
so a worker that dies mid-chunk loses nothing: the job's runner sees the pool broken, the job is
retried, and chunks already written are not screened again.

Each worker holds a whole Screener (about 500 MB); a pool with a Screener of other lists is
replaced, never updated, and a job keeps the workers it started with.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

from screening.jobs.runner import screen_chunk
from screening.processes import is_running
from screening.screener import Screener
from screening.screener_file import file_of, read_screener_file, write_screener_file
from screening.store.db import make_engine

log = logging.getLogger(__name__)

SCREENER_FILE_PREFIX = "serving-screener-"
SCREENER_FILE_SUFFIX = ".index"
SERVER_WATCH_SECONDS = 1.0  # how often a worker checks that its server still runs

# What a worker process holds: its own database engine and the Screener it loaded.
_held: tuple[Engine, Screener] | None = None


def _load_worker(database_url: str, screener_file: str, server_pid: int) -> None:
    global _held
    threading.Thread(
        target=_exit_after, args=(server_pid,), name="screening-server-watch", daemon=True
    ).start()
    screener = read_screener_file(Path(screener_file))
    # The Screener lives as long as the process: the collector need never walk it again.
    gc.freeze()
    _held = (make_engine(database_url), screener)


def _exit_after(server_pid: int) -> None:
    """End this worker once the server is gone: a server that was killed cannot stop it, and
    the pool's pipes, which every worker holds both ends of, never tell it."""
    while is_running(server_pid):
        time.sleep(SERVER_WATCH_SECONDS)
    os._exit(0)


def _worker_pid() -> int:
    return os.getpid()


def _screen_chunk_in_worker(job_id: str, chunk_no: int) -> int:
    assert _held is not None, "the pool's initializer loads the Screener first"
    engine, screener = _held
    screen_chunk(engine, screener, job_id, chunk_no)
    return chunk_no


def can_share_database(database_url: str) -> bool:
    """Whether other processes can open this database: not an in-memory SQLite one."""
    url = make_url(database_url)
    return url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")


def remove_orphaned_screener_files(folder: Path) -> None:
    """Remove the Screener files of server processes that are gone (killed before cleaning up).
    Files are named after the process that wrote them."""
    for path in folder.glob(f"{SCREENER_FILE_PREFIX}*{SCREENER_FILE_SUFFIX}"):
        pid_text = path.name.removeprefix(SCREENER_FILE_PREFIX).split("-", 1)[0]
        if pid_text.isdigit() and not is_running(int(pid_text)):
            path.unlink(missing_ok=True)


class PoolBrokenError(RuntimeError):
    """A worker process died (killed, out of memory); the chunks in flight were not written."""


class ChunkWorkers:
    """Processes that hold one Screener and screen chunks with it."""

    def __init__(
        self,
        screener: Screener,
        executor: ProcessPoolExecutor,
        size: int,
        screener_file: Path,
        *,
        owns_file: bool = True,
    ) -> None:
        """`owns_file`: the file was written for these workers (removed with them); else it is
        the file the server serves from, which outlives them."""
        self.screener = screener
        self.size = size
        self._executor = executor
        self._screener_file = screener_file  # kept while they live: a late worker loads it
        self._owns_file = owns_file
        self.broken = False
        self.pids: list[int] = []
        self.chunks_screened = 0

    def screen(
        self, job_id: str, chunk_nos: Sequence[int], should_stop: Callable[[], bool]
    ) -> Iterator[int]:
        """Screen the job's chunks (with this pool's Screener: the one the job records), a few
        in flight per worker; yield each chunk number once its results are written. When
        `should_stop` turns true, no more chunks start and those in flight are waited for."""
        waiting = list(chunk_nos)
        running: set[Future[int]] = set()
        try:
            while waiting or running:
                while waiting and len(running) < 2 * self.size and not should_stop():
                    running.add(
                        self._executor.submit(_screen_chunk_in_worker, job_id, waiting.pop(0))
                    )
                if not running:
                    return
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk_no = future.result()
                    self.chunks_screened += 1
                    yield chunk_no
        except BrokenProcessPool as error:
            self.broken = True
            raise PoolBrokenError(str(error)) from error
        finally:
            for future in running:
                future.cancel()

    def wait_until_loaded(self, rounds: int = 100) -> list[int]:
        """Start every worker and wait until each holds the Screener; their process ids (fewer
        when some worker is still loading after `rounds` rounds of asking)."""
        pids: set[int] = set()
        for _ in range(rounds):
            futures = [self._executor.submit(_worker_pid) for _ in range(self.size)]
            pids.update(future.result() for future in futures)
            if len(pids) >= self.size:
                break
            time.sleep(0.05)  # a worker still loading: the others answered for it
        self.pids = sorted(pids)
        return self.pids

    def shutdown(self, *, wait_for_chunks: bool) -> None:
        """Stop the workers; without `wait_for_chunks`, chunks not yet started are dropped but
        those in flight still finish (a job holding these workers gets their results)."""
        self._executor.shutdown(wait=wait_for_chunks, cancel_futures=not wait_for_chunks)
        if self._owns_file:
            self._screener_file.unlink(missing_ok=True)


class ChunkPool:
    """The worker processes of one server, ready for the Screener it serves; thread-safe.

    `serve(screener)` prepares new workers in the background (writing the Screener's file takes
    about a second, each worker loading it about 1.3 s); until they are loaded `workers_for`
    answers None and jobs screen in the jobs thread, as they do for a Screener the pool was
    never asked to serve.
    """

    def __init__(self, database_url: str, folder: Path, size: int) -> None:
        self.database_url = database_url
        self.folder = folder
        self.size = size
        self._lock = threading.Lock()
        self._current: ChunkWorkers | None = None
        self._wanted: Screener | None = None
        self._ready = threading.Event()
        self._closed = False
        remove_orphaned_screener_files(folder)

    def serve(self, screener: Screener) -> None:
        """Prepare workers for `screener` (returns at once; see the class docstring)."""
        with self._lock:
            if self._closed or self._wanted is screener:
                return
            self._wanted = screener
            self._ready.clear()
        threading.Thread(
            target=self._prepare, args=(screener,), name="screening-pool", daemon=True
        ).start()

    def workers_for(self, screener: Screener) -> ChunkWorkers | None:
        """The workers holding `screener`, if they are loaded and sound."""
        with self._lock:
            current = self._current
        if current is None or current.screener is not screener:
            return None
        if current.broken:
            self._replace_broken(current)
            return None
        return current

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until workers for the Screener last asked for are loaded (tests, benchmarks)."""
        return self._ready.wait(timeout)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            current, self._current = self._current, None
        if current is not None:
            current.shutdown(wait_for_chunks=False)

    def _prepare(self, screener: Screener) -> None:
        try:
            workers = self._start_workers(screener)
        except Exception:
            log.exception("the job worker processes could not be started; jobs use one core")
            return
        with self._lock:
            if self._closed or self._wanted is not screener:  # closed, or newer lists meanwhile
                workers.shutdown(wait_for_chunks=False)
                return
            old, self._current = self._current, workers
            self._ready.set()
        if old is not None:
            old.shutdown(wait_for_chunks=False)  # a job holding it finishes its chunks first
        log.info("jobs: %d worker processes ready", workers.size)

    def _start_workers(self, screener: Screener) -> ChunkWorkers:
        # A Screener mapped from the server's index file: the workers map that file too.
        served_from = file_of(screener)
        path = served_from or (
            self.folder
            / f"{SCREENER_FILE_PREFIX}{os.getpid()}-{id(screener):x}{SCREENER_FILE_SUFFIX}"
        )
        if served_from is None:
            write_screener_file(path, screener)
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])  # imported once, in the fork server
        executor = ProcessPoolExecutor(
            max_workers=self.size,
            mp_context=context,
            initializer=_load_worker,
            initargs=(self.database_url, str(path), os.getpid()),
        )
        workers = ChunkWorkers(screener, executor, self.size, path, owns_file=served_from is None)
        try:
            workers.wait_until_loaded()
        except BaseException:
            workers.shutdown(wait_for_chunks=False)
            raise
        return workers

    def _replace_broken(self, broken: ChunkWorkers) -> None:
        with self._lock:
            if self._current is not broken:
                return
            self._current = None
            self._wanted = None
        broken.shutdown(wait_for_chunks=False)
        log.warning("jobs: a worker process died; starting new ones")
        self.serve(broken.screener)
