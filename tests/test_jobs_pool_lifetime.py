"""The job worker processes never outlive their server: killed with SIGKILL, a server cannot stop
them itself, so they notice it is gone and end (they would otherwise hold a Screener each). Nor do
they stay once the jobs are done: a server at rest holds none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from listfiles import LISTS_DIR, read_bundled
from screening.jobs.pool import ChunkPool
from screening.screener import Screener
from screening.watchlist.snapshot import build_snapshot
from support.waiting import wait_until

HANG_GUARD_SECONDS = 120  # only stops a hung test; never a speed requirement

# A stand-in for the server: a process that starts a pool for a small Screener, prints the
# workers' process ids and waits to be killed.
SERVER = """
import sys, time
from pathlib import Path
from listfiles import read_bundled
from screening.jobs.pool import ChunkPool
from screening.screener import Screener
from screening.watchlist.snapshot import build_snapshot

lists, folder = Path(sys.argv[1]), Path(sys.argv[2])
snapshot = build_snapshot("dprk-labour", read_bundled("dprk-labour"))
screener = Screener.from_snapshots([snapshot], (lists / "host-risk.toml").read_bytes())
pool = ChunkPool(f"sqlite:///{folder / 'screening.db'}", folder / "cache", 2)
pool.serve(screener)
assert pool.wait_ready(60)
workers = pool.workers_for(screener)
print(" ".join(str(pid) for pid in workers.pids), flush=True)
time.sleep(600)
"""


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child of ours that exited stays a zombie until reaped; it runs no more
    status = Path(f"/proc/{pid}/stat")
    return not status.exists() or status.read_text().split(")")[-1].split()[0] != "Z"


def test_workers_end_when_their_server_is_killed(tmp_path: Path) -> None:
    tests = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(LISTS_DIR), str(tmp_path)],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert server.stdout is not None
    pids = [int(pid) for pid in server.stdout.readline().split()]
    assert len(pids) == 2 and all(is_running(pid) for pid in pids)

    server.send_signal(signal.SIGKILL)
    server.wait()

    wait_until(
        lambda: not any(is_running(pid) for pid in pids),
        f"workers {pids} to end",
        HANG_GUARD_SECONDS,
    )


def test_workers_start_for_a_job_and_end_when_no_job_follows(tmp_path: Path) -> None:
    snapshot = build_snapshot("dprk-labour", read_bundled("dprk-labour"))
    screener = Screener.from_snapshots([snapshot], (LISTS_DIR / "host-risk.toml").read_bytes())
    pool = ChunkPool(f"sqlite:///{tmp_path / 'screening.db'}", tmp_path, 2, idle_seconds=0.5)
    try:
        pool.serve(screener)
        workers = pool.workers_for(screener)  # a job of several chunks starts them
        assert workers is not None and len(workers.pids) == 2
        assert pool.workers_for(screener) is workers  # the next job keeps them

        pool.idle()  # the executor has no job left

        wait_until(
            lambda: not any(is_running(pid) for pid in workers.pids),
            f"workers {workers.pids} to end",
            HANG_GUARD_SECONDS,
        )
        again = pool.workers_for(screener)  # a later job starts new ones
        assert again is not None and not set(again.pids) & set(workers.pids)
    finally:
        pool.close()


def test_a_job_of_few_rows_starts_no_workers(tmp_path: Path) -> None:
    """(One row more starts them: tests/api/test_jobs_pool.py, whose server starts them for
    any job of several chunks.)"""
    snapshot = build_snapshot("dprk-labour", read_bundled("dprk-labour"))
    screener = Screener.from_snapshots([snapshot], (LISTS_DIR / "host-risk.toml").read_bytes())
    pool = ChunkPool(f"sqlite:///{tmp_path / 'screening.db'}", tmp_path, 2, above_rows=100)
    try:
        pool.serve(screener)
        # the jobs thread screens it: no process starts, no Screener file is written
        assert pool.workers_for_job(screener, 100) is None
        assert not list(tmp_path.iterdir())
    finally:
        pool.close()
