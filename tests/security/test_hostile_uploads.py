"""Hostile supplier sheets uploaded to a real server process: each is refused with a clear 4xx
or read with its problem reported on the row, the server keeps serving, and its memory stays
bounded (the peak resident size of the server process, read from /proc, grows by less than
MEMORY_BOUND_BYTES over the whole run; a bound on behaviour, not a speed).

The server runs apart (served_app.py) with an 8 MB upload limit, so that an over-limit upload
can be seen refused before it has all been sent.
"""

from __future__ import annotations

import functools
import secrets
import select
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from support import hostile_sheets as sheets
from support.jobs import wait_for_job
from support.server_process import start_server
from support.waiting import HANG_GUARD_SECONDS

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MEMORY_BOUND_BYTES = 500 * 1024 * 1024
UPLOAD_PATHS = ("/v1/uploads", "/v1/uploads/preview")


def peak_rss_bytes(pid: int) -> int:
    """The process's peak resident set size so far (VmHWM in /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc status")


@dataclass
class UploadServer:
    process: subprocess.Popen[bytes]
    port: int
    analyst_key: str
    baseline_peak: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"X-API-Key": self.analyst_key},
            timeout=HANG_GUARD_SECONDS,
        )

    def upload(self, path: str, file_name: str, content: bytes) -> httpx.Response:
        with self.client() as client:
            return client.post(path, files={"file": (file_name, content)})

    def finished_job(self, job_id: str) -> dict[str, Any]:
        with self.client() as client:
            return wait_for_job(client, None, job_id)

    def result_names(self, job_id: str) -> list[str]:
        with self.client() as client:
            page = client.get(f"/v1/jobs/{job_id}/results", params={"limit": 1000}).json()
        return [result["name"] for result in page["results"]]

    def is_serving(self) -> bool:
        with httpx.Client(base_url=self.base_url, timeout=HANG_GUARD_SECONDS) as client:
            return self.process.poll() is None and client.get("/healthz").status_code == 200

    def memory_growth(self) -> int:
        return peak_rss_bytes(self.process.pid) - self.baseline_peak


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UploadServer]:
    work_dir = tmp_path_factory.mktemp("upload-server")
    process, port, admin_key = start_server(
        work_dir, f"sqlite:///{work_dir / 'uploads.db'}", max_upload_bytes=MAX_UPLOAD_BYTES
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            operator = {"X-API-Key": admin_key}
            tenant = client.post("/v1/admin/tenants", headers=operator, json={"name": "hostile"})
            created = client.post(
                "/v1/admin/keys",
                headers={"X-API-Key": tenant.json()["api_key"]},
                json={"role": "analyst"},
            )
        running = UploadServer(process, port, created.json()["api_key"])
        # The working set of an ordinary upload, job and report is the baseline.
        accepted = running.upload("/v1/uploads", "suppliers.xlsx", sheets.workbook())
        assert running.finished_job(accepted.json()["job_id"])["status"] == "done"
        running.baseline_peak = peak_rss_bytes(process.pid)
        yield running
    finally:
        process.terminate()
        process.wait(HANG_GUARD_SECONDS)


def cached(make: Callable[[], bytes]) -> Callable[[], bytes]:
    return functools.cache(make)


REFUSED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "zip bomb (2 MB inflating to 2 GiB)": ("suppliers.xlsx", cached(sheets.zip_bomb), "inflates"),
    "zip bomb whose headers understate its size": (
        "suppliers.xlsx",
        cached(sheets.lying_zip_bomb),
        "damaged",
    ),
    "sharedStrings.xml zip bomb (2 MB inflating to 2 GiB)": (
        "suppliers.xlsx",
        cached(sheets.shared_strings_bomb),
        "xl/sharedStrings.xml inflates",
    ),
    "sharedStrings.xml zip bomb whose headers understate its size": (
        "suppliers.xlsx",
        cached(functools.partial(sheets.shared_strings_bomb, lying=True)),
        "damaged",
    ),
    "one cell at XFD1048576": (
        "suppliers.xlsx",
        sheets.far_corner_cell,
        "reaches row 1,048,576 and column 16,384",
    ),
    "ten thousand merged blocks down 200,000 rows": (
        "suppliers.xlsx",
        sheets.merge_bomb,
        "merged cells cover",
    ),
    "a binary renamed .xlsx": ("suppliers.xlsx", sheets.renamed_binary, "not an xlsx workbook"),
    "an empty .xlsx": ("suppliers.xlsx", lambda: b"", "empty"),
    "an empty .csv": ("suppliers.csv", lambda: b"", "empty"),
}


@pytest.mark.parametrize("path", UPLOAD_PATHS)
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_hostile_file_is_refused_with_a_clear_422(
    server: UploadServer, case: str, path: str
) -> None:
    file_name, make, reason = REFUSED[case]
    response = server.upload(path, file_name, make())
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "unreadable_file"
    assert reason in error["message"]
    assert server.is_serving()
    assert server.memory_growth() < MEMORY_BOUND_BYTES


@dataclass(frozen=True)
class Accepted:
    file_name: str
    make: Callable[[], bytes]
    errors: set[tuple[str, int | None]]  # (code, row) each expected among the job's errors
    names: set[str]  # each expected among the screened names


ACCEPTED: dict[str, Accepted] = {
    "a million empty rows under a declared A1:Z1048576": Accepted(
        "suppliers.xlsx",
        cached(sheets.million_empty_rows),
        set(),
        {sheets.LISTED, "Acme Office Supplies GmbH"},
    ),
    "an .xlsm with a VBA project": Accepted(
        "suppliers.xlsm", sheets.with_macros, {("macros", None)}, {sheets.LISTED}
    ),
    "formula cells": Accepted(
        "suppliers.xlsx", sheets.formula_workbook, {("formula", 3)}, {sheets.LISTED}
    ),
    "a CSV with NUL bytes": Accepted(
        "suppliers.csv",
        sheets.csv_with_nul_bytes,
        set(),
        {"Acme Office Supplies GmbH", sheets.LISTED},
    ),
    "a CSV mixing Windows-1251, UTF-8 and Windows-1252": Accepted(
        "suppliers.csv",
        sheets.csv_with_mixed_encodings,
        {("encoding", 4), ("encoding", 5)},
        {"ООО Лютик", "ООО Ромашка", "Société Générale", "Müller GmbH", "ЗАО Василёк"},
    ),
    "a CSV with a 1 MB cell": Accepted(
        "suppliers.csv", sheets.csv_with_a_huge_cell, {("too_long", 2)}, {sheets.LISTED}
    ),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_a_hostile_file_is_read_with_its_problems_reported_on_their_rows(
    server: UploadServer, case: str
) -> None:
    expected = ACCEPTED[case]
    response = server.upload("/v1/uploads", expected.file_name, expected.make())
    assert response.status_code == 202, response.text
    job = server.finished_job(response.json()["job_id"])
    assert job["status"] == "done", job
    assert expected.errors <= {(e["code"], e["row"]) for e in job["errors"]}
    names = set(server.result_names(job["job_id"]))
    assert expected.names <= names
    assert not any("\x00" in name for name in names)
    assert server.is_serving()
    assert server.memory_growth() < MEMORY_BOUND_BYTES


def test_a_file_just_over_the_limit_is_refused_with_413(server: UploadServer) -> None:
    content = sheets.CSV_HEADING + b"A" * MAX_UPLOAD_BYTES
    response = server.upload("/v1/uploads", "suppliers.csv", content)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert response.json()["error"]["details"]["max_bytes"] == MAX_UPLOAD_BYTES
    assert server.is_serving()


def _multipart_head(boundary: str) -> bytes:
    return (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="suppliers.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()


def _status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def send_until_answered(
    server: UploadServer, body_bytes: int, *, declare_length: bool
) -> tuple[int, int]:
    """POST an upload of `body_bytes` over a raw socket, a piece at a time, and stop sending as
    soon as the server answers. Returns the status and the body bytes sent by then."""
    boundary = "hostile" + secrets.token_hex(8)
    framing = (
        f"Content-Length: {body_bytes}\r\n" if declare_length else "Transfer-Encoding: chunked\r\n"
    )
    headers = (
        "POST /v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"X-API-Key: {server.analyst_key}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n{framing}\r\n"
    ).encode()
    piece = (b"Acme Office Supplies GmbH,DE\r\n" * 2200)[: 64 * 1024]
    sent = 0
    answer = b""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(headers)
        if declare_length:  # the length alone is reason enough: wait for the answer first
            select.select([sock], [], [], HANG_GUARD_SECONDS)
        first = _multipart_head(boundary)
        while sent < body_bytes and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 1.0)
            if readable:
                break
            if not writable:
                continue
            data = first + piece if sent == 0 else piece
            framed = data if declare_length else f"{len(data):x}\r\n".encode() + data + b"\r\n"
            try:
                sock.sendall(framed)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(data)
        sock.settimeout(HANG_GUARD_SECONDS)
        while b"\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return _status_of(answer), sent


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(
    server: UploadServer,
) -> None:
    status, sent = send_until_answered(server, 64 * 1024 * 1024, declare_length=True)
    assert (status, sent) == (413, 0)
    assert server.is_serving()


def test_a_streamed_upload_over_the_limit_is_refused_while_it_streams(
    server: UploadServer,
) -> None:
    total = 256 * 1024 * 1024
    status, sent = send_until_answered(server, total, declare_length=False)
    assert status == 413
    # The server stopped reading near its limit: what was sent beyond it sat in socket buffers.
    assert sent < total // 4
    assert server.is_serving()
    assert server.memory_growth() < MEMORY_BOUND_BYTES
