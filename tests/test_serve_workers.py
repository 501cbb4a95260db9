"""Several serving processes on one port (SCREENING_SERVE_WORKERS): one leads (it holds a lock in
the data directory, loads the lists, builds and publishes the index file, runs jobs, monitoring
and retention), the others follow (they serve the index file the leader published and hand it
what their requests leave for the background), and every process maps the one index file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from listfiles import LISTS_DIR, bundled_snapshot
from mirror_server import copy_mirror
from screening.api.app import create_app
from screening.api.background import ServerRole, server_folder
from screening.index_files import IndexFiles
from screening.process_locks import ProcessLock
from screening.process_signals import LeaderSignals
from screening.screener_file import file_of
from screening.service import ScreeningService, Stage
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot
from screening.watchlist.model import ListSnapshot
from support.serving import OPERATOR_KEY, api_settings
from support.uploads import finished_csv_upload
from support.waiting import wait_until
from support.web import LiveServer, running_server

LABOUR = "dprk-labour"  # the project's own list: served at once, nothing fetched


@pytest.fixture(scope="module")
def labour_list() -> ListSnapshot:
    return bundled_snapshot(LABOUR)


@pytest.fixture
def database_url(tmp_path: Path, labour_list: ListSnapshot) -> str:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    engine = make_engine(url)
    migrate(engine)
    import_snapshot(engine, labour_list, imported_by="test")
    engine.dispose()
    return url


def new_service(
    database_url: str, data_dir: Path, *, follows: LeaderSignals | None = None
) -> ScreeningService:
    return ScreeningService(
        make_engine(database_url),
        LISTS_DIR,
        refresh_seconds=0.2,
        lists=(LABOUR,),
        index_files=IndexFiles(data_dir / "index"),
        follows=follows,
    )


@pytest.fixture
def leader_and_follower(
    database_url: str, tmp_path: Path
) -> Iterator[tuple[ScreeningService, ScreeningService]]:
    signals = LeaderSignals(server_folder(tmp_path))
    leader = new_service(database_url, tmp_path)
    follower = new_service(database_url, tmp_path, follows=signals)
    yield leader, follower
    for service in (follower, leader):
        service.stop()
        service.engine.dispose()


def another_version(snapshot: ListSnapshot) -> ListSnapshot:
    return replace(snapshot, version=f"{snapshot.version}-b", sha256="b" * 64)


# -- the processes' parts, in one process --------------------------------------------------------


def test_a_follower_waits_for_the_leader_and_builds_nothing(
    leader_and_follower: tuple[ScreeningService, ScreeningService], tmp_path: Path
) -> None:
    _, follower = leader_and_follower
    follower.start()
    readiness = follower.wait_until_settled(timeout=1.5)
    assert not readiness.ready
    assert readiness.stage == Stage.STARTING
    assert list((tmp_path / "index").glob("screener-*")) == []


def test_a_follower_serves_the_index_file_the_leader_published(
    leader_and_follower: tuple[ScreeningService, ScreeningService],
) -> None:
    leader, follower = leader_and_follower
    follower.start()
    leader.load()
    wait_until(lambda: follower.readiness().ready, "the follower to serve")
    assert follower.serving().fingerprint() == leader.serving().fingerprint()
    assert file_of(follower.screener) == file_of(leader.screener) is not None


def test_a_version_stored_by_a_follower_serves_once_the_leader_built_it(
    leader_and_follower: tuple[ScreeningService, ScreeningService],
    labour_list: ListSnapshot,
) -> None:
    leader, follower = leader_and_follower
    leader.start()  # loads, then looks for versions stored by others every 0.2 s
    follower.start()
    wait_until(lambda: follower.readiness().ready, "the follower to serve")
    newer = another_version(labour_list)
    import_snapshot(follower.engine, newer, imported_by="test")
    follower._serve_new([newer])  # what follower.import_list does once it has stored them
    assert (LABOUR, newer.sha256) in follower.serving().fingerprint()
    assert leader.serving().fingerprint() == follower.serving().fingerprint()


def test_a_follower_tells_the_leader_when_a_tenants_lists_change(
    leader_and_follower: tuple[ScreeningService, ScreeningService], tmp_path: Path
) -> None:
    leaders_signals = LeaderSignals(server_folder(tmp_path))
    _, follower = leader_and_follower
    follower.tenant_lists_changed()
    assert leaders_signals.received() == [LeaderSignals.TENANT_LISTS]
    assert leaders_signals.received() == []


def test_a_job_uploaded_to_a_follower_is_run_by_the_leader(
    database_url: str, tmp_path: Path
) -> None:
    settings = api_settings(database_url, tmp_path, screening_lists=(LABOUR,), job_workers=0)
    signals = LeaderSignals(server_folder(tmp_path))
    leader = create_app(settings, role=ServerRole(leads=True, signals=signals))
    follower = create_app(settings, role=ServerRole(leads=False, signals=signals))
    with TestClient(leader), TestClient(follower) as client:
        wait_until(lambda: client.get("/readyz").status_code == 200, "the follower to serve")
        assert follower.state.job_pool is None  # no job runs in a follower
        job_id = finished_csv_upload(
            client, OPERATOR_KEY, "name,country\nKorea Ryonbong General Corp,RU\n"
        )
        job = client.get(f"/v1/jobs/{job_id}", headers={"X-API-Key": OPERATOR_KEY}).json()
    assert job["rows_total"] == 1


# -- real processes ------------------------------------------------------------------------------


def test_one_process_at_a_time_holds_the_leader_lock(tmp_path: Path) -> None:
    path = tmp_path / "leader.lock"
    lock = ProcessLock(path)
    assert lock.try_acquire()
    assert not other_process_takes(path)
    lock.release()
    assert other_process_takes(path)


def other_process_takes(path: Path) -> bool:
    code = (
        "import sys; from pathlib import Path; from screening.process_locks import ProcessLock;"
        "print(ProcessLock(Path(sys.argv[1])).try_acquire())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip() == "True"


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`screening serve` with two serving processes, on the UN list and the labour list."""
    data_dir = tmp_path_factory.mktemp("two-processes")
    mirror = copy_mirror(data_dir / "mirror", ("un-sc",))
    lists = {"SCREENING_LISTS": f"un-sc,{LABOUR}", "SCREENING_JOB_WORKERS": "0"}
    with running_server(data_dir, mirror, workers=2, environment=lists) as server:
        wait_until(lambda: len(serving_processes(server)) == 2, "both processes to start")
        yield server


def serving_processes(server: LiveServer) -> list[int]:
    """The processes uvicorn started for the server (its children that serve)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == server.pid and b"spawn_main" in cmdline:
            children.append(int(stat.parent.name))
    return sorted(children)


def mapped_index_files(pid: int) -> set[str]:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return {line.split()[-1] for line in maps.splitlines() if line.endswith(".index")}


def holds_leader_lock(pid: int) -> bool:
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).endswith("/server/leader.lock"):
                return True
        except OSError:
            continue
    return False


def test_every_serving_process_maps_the_one_index_file(two_processes: LiveServer) -> None:
    def one_file() -> bool:
        files = [mapped_index_files(pid) for pid in serving_processes(two_processes)]
        return len(files) == 2 and all(len(f) == 1 for f in files) and files[0] == files[1]

    wait_until(one_file, "both processes to map one index file")


def test_one_serving_process_leads(two_processes: LiveServer) -> None:
    leaders = [pid for pid in serving_processes(two_processes) if holds_leader_lock(pid)]
    assert len(leaders) == 1


def test_uploads_finish_whichever_process_takes_them(two_processes: LiveServer) -> None:
    for _ in range(4):  # a new connection each: either process may accept it
        with httpx.Client(base_url=two_processes.base_url, timeout=60.0) as client:
            finished_csv_upload(
                client, two_processes.api_key, "name,country\nKorea Ryonbong General Corp,RU\n"
            )


def test_a_process_that_dies_is_replaced_and_a_leader_found(two_processes: LiveServer) -> None:
    """Last in this file: it kills the leader."""
    [leader] = [pid for pid in serving_processes(two_processes) if holds_leader_lock(pid)]
    os.kill(leader, signal.SIGKILL)

    def new_leader() -> bool:
        pids = serving_processes(two_processes)
        return leader not in pids and len(pids) == 2 and any(map(holds_leader_lock, pids))

    wait_until(new_leader, "uvicorn to start a process that leads in its place")
    with httpx.Client(base_url=two_processes.base_url, timeout=60.0) as client:
        finished_csv_upload(client, two_processes.api_key, "name\nAcme GmbH\n")
