"""The server's log, as an operator's log shipper reads it: one JSON object a line; the request
id from X-Request-ID (or a new one) in the answer and on the lines of that request; no key and no
supplier name anywhere. The server runs in a process of its own, logging as `screening serve`."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from support.server_process import start_server, stop_server
from support.waiting import HANG_GUARD_SECONDS, wait_until

REQUEST_ID = "HEADER"


@dataclass
class LoggedServer:
    base_url: str
    operator_key: str
    log_path: Path

    def lines(self) -> list[dict[str, Any]]:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def wait_for_line(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        found = wait_until(
            lambda: [line for line in self.lines() if wanted(line)], "the server to log the line"
        )
        return found[-1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoggedServer]:
    work_dir = tmp_path_factory.mktemp("logged-server")
    process, port, key = start_server(work_dir, f"sqlite:///{work_dir / 'logs.db'}")
    try:
        yield LoggedServer(f"http://127.0.0.1:{port}", key, work_dir / "server.log")
    finally:
        stop_server(process)


def access_line_of(server: LoggedServer, request_id: str) -> dict[str, Any]:
    return server.wait_for_line(
        lambda line: line["logger"] == "uvicorn.access" and line["request_id"] == request_id
    )


def test_the_callers_request_id_comes_back_and_is_on_its_log_line(server: LoggedServer) -> None:
    request_id = f"erp-{secrets.token_hex(6)}"
    answer = httpx.get(f"{server.base_url}/healthz", headers={"X-Request-ID": request_id})
    assert answer.headers["X-Request-ID"] == request_id
    line = access_line_of(server, request_id)
    assert '"GET /healthz HTTP/1.1" 200' in line["message"]
    assert line["level"] == "INFO" and "timestamp" in line


def test_a_request_without_an_id_gets_a_new_one(server: LoggedServer) -> None:
    answer = httpx.get(f"{server.base_url}/v1/lists")  # no key: a 401 is logged too
    request_id = answer.headers["X-Request-ID"]
    assert answer.status_code == 401 and len(request_id) == 32
    assert '" 401' in access_line_of(server, request_id)["message"]


@pytest.mark.parametrize("malformed", ["has spaces in it", "x" * 200, "-starts-with-a-dash"])
def test_a_malformed_request_id_is_replaced_not_logged(
    server: LoggedServer, malformed: str
) -> None:
    answer = httpx.get(f"{server.base_url}/healthz", headers={"X-Request-ID": malformed})
    assert answer.headers["X-Request-ID"] != malformed
    access_line_of(server, answer.headers["X-Request-ID"])
    assert malformed not in server.log_path.read_text(encoding="utf-8")


def test_every_line_is_json_and_no_key_or_supplier_name_is_written(
    server: LoggedServer,
) -> None:
    canary = f"Canary{secrets.token_hex(6)}"  # stands for any supplier's name
    request_id = f"erp-{secrets.token_hex(6)}"
    headers = {"X-API-Key": server.operator_key, "X-Request-ID": request_id}
    with httpx.Client(base_url=server.base_url, timeout=HANG_GUARD_SECONDS) as client:
        screened = client.post(
            "/v1/screen", headers=headers, json={"suppliers": [{"name": f"{canary} LLC"}]}
        )
        searched = client.get("/v1/decisions", headers=headers, params={"q": canary})
    assert screened.status_code == 200, screened.text
    assert searched.headers["X-Request-ID"] == request_id
    access_line_of(server, request_id)
    lines = server.lines()  # json.loads of every line: none is plain text
    written = server.log_path.read_text(encoding="utf-8")
    assert canary not in written
    assert server.operator_key not in written
    ours = [line for line in lines if line["request_id"] == request_id]
    assert {line["logger"] for line in ours} == {"uvicorn.access"}
    assert len(ours) == 2  # one line per request, each with its id
