"""Jobs survive a restart: a queued job is run by the next process, a job whose runner died is
resumed from its last written chunk, and a job interrupted across a list update is screened again.

The "crashed process" is a runner that claims the job with a short lease, screens one chunk and
stops without releasing it: from the database's side, exactly what a killed process leaves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from screening.jobs.executor import InProcessExecutor
from screening.jobs.runner import RunnerIdentity, list_versions_json, prepare, screen_chunk
from screening.jobs.store import claim_job, release_job, start_screening
from screening.jobs.tables import JobChunkResultRow
from screening.screener import Screener
from support.jobs import wait_for_job
from support.serving import Api
from support.uploads import sheet_file, upload


@pytest.fixture()
def stopped_server(api: Api) -> Iterator[InProcessExecutor]:
    """The app's executor stopped, as if its process had died; started again afterwards."""
    executor: InProcessExecutor = api.client.app.state.job_executor  # type: ignore[attr-defined]
    executor.stop()
    yield executor
    executor.start()


def restarted_process(api: Api) -> InProcessExecutor:
    executor = InProcessExecutor(
        api.service.engine, lambda: api.service.screener, sweep_seconds=0.2, chunk_rows=4
    )
    executor.start()
    return executor


def crash_after_one_chunk(api: Api, job_id: str, list_versions: list[dict[str, object]]) -> None:
    engine, screener = api.service.engine, api.service.screener
    dying = RunnerIdentity("crashed-runner", lease=timedelta(seconds=1))
    assert claim_job(engine, job_id, dying.name, dying.lease)
    prepare(engine, job_id, chunk_rows=4)
    start_screening(
        engine,
        job_id,
        list_versions=list_versions,
        engine_version=screener.engine_version,
        threshold=screener.default_threshold,
    )
    screen_chunk(engine, screener, job_id, 0)


def chunk_writes(api: Api, job_id: str) -> dict[int, object]:
    with Session(api.service.engine) as session:
        rows = session.exec(
            select(JobChunkResultRow).where(JobChunkResultRow.job_id == job_id)
        ).all()
        return {row.chunk_no: row.written_at for row in rows}


def current_lists(screener: Screener) -> list[dict[str, object]]:
    return list_versions_json(screener)


def test_a_job_queued_when_the_server_stopped_runs_after_the_restart(
    api: Api, analyst_key: str, stopped_server: InProcessExecutor
) -> None:
    job_id = upload(api.client, analyst_key, *sheet_file("suppliers_utf16_tab.csv")).json()[
        "job_id"
    ]
    assert api.get(f"/v1/jobs/{job_id}", analyst_key).json()["status"] == "queued"
    process = restarted_process(api)
    try:
        job = wait_for_job(api.client, analyst_key, job_id)
    finally:
        process.stop()
    assert (job["status"], job["rows_done"]) == ("done", 3)


def test_a_job_whose_runner_died_is_resumed_from_its_last_chunk(
    api: Api, analyst_key: str, stopped_server: InProcessExecutor
) -> None:
    job_id = upload(api.client, analyst_key, *sheet_file("messy_suppliers.xlsx")).json()["job_id"]
    crash_after_one_chunk(api, job_id, current_lists(api.service.screener))
    interrupted = api.get(f"/v1/jobs/{job_id}", analyst_key).json()
    assert interrupted["status"] == "running"
    assert 0 < interrupted["rows_done"] < interrupted["rows_total"]
    first_chunk = chunk_writes(api, job_id)[0]

    process = restarted_process(api)
    try:
        job = wait_for_job(api.client, analyst_key, job_id)
    finally:
        process.stop()
    assert job["status"] == "done"
    assert job["rows_done"] == job["rows_total"] == 15
    writes = chunk_writes(api, job_id)
    assert len(writes) == 5  # 20 input rows in chunks of 4, each written once
    assert writes[0] == first_chunk  # the chunk done before the crash was not screened again
    page = api.get(f"/v1/jobs/{job_id}/results?limit=100", analyst_key).json()
    assert page["total"] == 15
    assert len({(r["sheet"], r["row"]) for r in page["results"]}) == 15


def test_a_job_held_by_a_live_runner_is_left_to_it(
    api: Api, analyst_key: str, stopped_server: InProcessExecutor
) -> None:
    job_id = upload(api.client, analyst_key, *sheet_file("suppliers_utf8_bom.csv")).json()["job_id"]
    assert claim_job(api.service.engine, job_id, "busy-runner", timedelta(hours=1))
    process = InProcessExecutor(api.service.engine, lambda: api.service.screener)
    assert job_id not in process.sweep()
    release_job(api.service.engine, job_id, "busy-runner")  # so the server finishes it later


def test_a_job_interrupted_across_a_list_update_is_screened_again(
    api: Api, analyst_key: str, stopped_server: InProcessExecutor
) -> None:
    job_id = upload(api.client, analyst_key, *sheet_file("messy_suppliers.xlsx")).json()["job_id"]
    older_lists = [
        {**v, "version": "2000-01-01-00000000"} for v in current_lists(api.service.screener)
    ]
    crash_after_one_chunk(api, job_id, older_lists)
    first_chunk = chunk_writes(api, job_id)[0]

    process = restarted_process(api)
    try:
        job = wait_for_job(api.client, analyst_key, job_id)
    finally:
        process.stop()
    assert job["status"] == "done" and job["rows_done"] == 15
    assert chunk_writes(api, job_id)[0] != first_chunk
    assert {v["version"] for v in job["lists"]}.isdisjoint({"2000-01-01-00000000"})
