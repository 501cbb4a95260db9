"""Worker processes that screen the chunks of a server's jobs on every core, without a queue.

A server's jobs thread alone would screen on one core, and a threaded server must not fork. So
the pool's processes are spawned fresh when a job of several chunks starts; each maps the
serving Screener's file (the server's index file, or one written for the workers) and screens
whole chunks: reads the chunk from the database, screens it with the tenant's decisions and
writes its results, the very step a queue worker runs (screening.jobs.runner.screen_chunk). The
database stays the only place results travel through, so a worker that dies mid-chunk loses
nothing: the job's runner sees the pool broken, the job is retried, and chunks already written
are not screened again.

The workers end soon after the last job (ChunkPool.idle): each costs ~150 MB of its own
(imports, heap) beside the index pages it shares, which a server at rest should not hold.
Workers holding a Screener of other lists are replaced, never updated.

Nor do they start for a job of up to 20,000 rows (ChunkPool.workers_for_job): a worker's start
(~2 s CPU importing, its ~150 MB) buys less than it costs there. A 2,000-row chunk takes ~0.7 s
CPU, so two workers could finish a 20,000-row job at best ~1.3 s sooner than the jobs thread
alone, for ~4 s more CPU (taken from the requests on a machine of two cores) and ~300 MB more
memory; on a shared machine they were slower (docs/benchmarks.md, "mem").
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

from screening.gc_pause import return_freed_memory
from screening.jobs.runner import screen_chunk
from screening.processes import is_running
from screening.screener import Screener
from screening.screener_file import file_of, read_screener_file, write_screener_file
from screening.store.db import make_engine

log = logging.getLogger(__name__)

SCREENER_FILE_PREFIX = "serving-screener-"
SCREENER_FILE_SUFFIX = ".index"
SERVER_WATCH_SECONDS = 1.0  # how often a worker checks that its server still runs
IDLE_SECONDS = 10.0  # workers end this long after the last job: a server at rest holds none
# A job of no more rows than this is screened in the jobs thread (docs/benchmarks.md, "mem").
WORKERS_ABOVE_ROWS = 20_000

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
    return_freed_memory()  # the chunk's rows and results
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

    def __init__(self, screener: Screener, executor: ProcessPoolExecutor, size: int) -> None:
        self.screener = screener
        self.size = size
        self._executor = executor
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


class ChunkPool:
    """The worker processes of one server's jobs, started when a job needs them; thread-safe.

    `serve(screener)` names the Screener of the jobs to come (jobs run one at a time, on the
    executor's thread). The first job of several chunks starts the workers (`workers_for`: a
    second or two, while they import and map the index file) and they stay for the jobs that
    follow; `idle()` (the executor has no job left) ends them `idle_seconds` later, so a server
    between uploads holds no worker processes. Workers that cannot start leave the job to the
    jobs thread, on one core.
    """

    def __init__(
        self,
        database_url: str,
        folder: Path,
        size: int,
        *,
        idle_seconds: float = IDLE_SECONDS,
        above_rows: int = WORKERS_ABOVE_ROWS,
    ) -> None:
        self.database_url = database_url
        self.folder = folder
        self.size = size
        self.idle_seconds = idle_seconds
        self.above_rows = above_rows
        self._lock = threading.Lock()
        self._starting = threading.Lock()
        self._current: ChunkWorkers | None = None
        self._wanted: Screener | None = None
        # The file the workers load the wanted Screener from, and whether it was written for
        # them (removed when another Screener is served) or is the server's mapped index file.
        self._file: tuple[Screener, Path, bool] | None = None
        self._idle_timer: threading.Timer | None = None
        self._ready = threading.Event()
        self._closed = False
        remove_orphaned_screener_files(folder)

    def serve(self, screener: Screener) -> None:
        """The Screener the workers of the next job hold (no process starts here)."""
        with self._lock:
            if self._closed:
                return
            self._wanted = screener
        self._ready.set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the pool has a Screener to serve (tests, benchmarks)."""
        return self._ready.wait(timeout)

    def workers_for_job(self, screener: Screener, rows: int) -> ChunkWorkers | None:
        """Workers for a job with `rows` rows left to screen: None for a job of no more than
        `above_rows` rows (the jobs thread screens it, without the workers' start), else
        `workers_for(screener)`."""
        if rows <= self.above_rows:
            return None
        return self.workers_for(screener)

    def workers_for(self, screener: Screener) -> ChunkWorkers | None:
        """Workers holding `screener`, the one served: those of the last job if they are sound,
        else new ones, started now. None when the pool serves another Screener, is closed or
        its workers cannot start (the job then screens in the jobs thread)."""
        with self._starting:  # two callers at once (a test beside the jobs thread) start one set
            return self._workers_for(screener)

    def _workers_for(self, screener: Screener) -> ChunkWorkers | None:
        with self._lock:
            if self._closed or screener is not self._wanted:
                return None
            self._cancel_idle_timer()
            current = self._current
            if current is not None and (current.broken or current.screener is not screener):
                self._current = None
        if current is not None and not current.broken and current.screener is screener:
            return current
        if current is not None:  # broken, or of older lists: no job holds it now
            current.shutdown(wait_for_chunks=False)
            if current.broken:
                log.warning("jobs: a worker process died; starting new ones")
        try:
            workers = self._start_workers(screener)
        except Exception:
            log.exception("the job worker processes could not be started; jobs use one core")
            return None
        with self._lock:
            if self._closed:
                workers.shutdown(wait_for_chunks=False)
                return None
            self._current = workers
        log.info("jobs: %d worker processes ready", workers.size)
        return workers

    def idle(self) -> None:
        """No job is left: the workers end `idle_seconds` from now unless a job needs them."""
        with self._lock:
            self._cancel_idle_timer()
            if self._closed or self._current is None:
                return
            timer = threading.Timer(self.idle_seconds, self._end_idle, args=(self._current,))
            timer.name = "screening-pool-idle"
            timer.daemon = True
            self._idle_timer = timer
        timer.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._cancel_idle_timer()
            current, self._current = self._current, None
            kept, self._file = self._file, None
        if current is not None:
            current.shutdown(wait_for_chunks=False)
        if kept is not None and kept[2]:
            kept[1].unlink(missing_ok=True)

    def _cancel_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _end_idle(self, workers: ChunkWorkers) -> None:
        with self._lock:
            if self._current is not workers or self._idle_timer is None:
                return  # a job took them meanwhile, or they were replaced
            self._current = None
            self._idle_timer = None
        workers.shutdown(wait_for_chunks=False)
        log.info("jobs: worker processes ended (no job for %.0f s)", self.idle_seconds)

    def _screener_path(self, screener: Screener) -> Path:
        """The file workers load `screener` from: the server's mapped index file, or one
        written for them (once per Screener served; the last one's removed)."""
        with self._lock:
            kept = self._file
        if kept is not None and kept[0] is screener:
            return kept[1]
        served_from = file_of(screener)
        path = served_from or (
            self.folder
            / f"{SCREENER_FILE_PREFIX}{os.getpid()}-{id(screener):x}{SCREENER_FILE_SUFFIX}"
        )
        if served_from is None:
            write_screener_file(path, screener)
        with self._lock:
            self._file = (screener, path, served_from is None)
        if kept is not None and kept[2]:
            kept[1].unlink(missing_ok=True)
        return path

    def _start_workers(self, screener: Screener) -> ChunkWorkers:
        path = self._screener_path(screener)
        # Fresh processes (the server has threads: no fork), importing the jobs' modules only,
        # not the web stack; nothing stays behind them (a fork server would, ~100 MB).
        executor = ProcessPoolExecutor(
            max_workers=self.size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_worker,
            initargs=(self.database_url, str(path), os.getpid()),
        )
        workers = ChunkWorkers(screener, executor, self.size)
        try:
            workers.wait_until_loaded()
        except BaseException:
            workers.shutdown(wait_for_chunks=False)
            raise
        return workers
