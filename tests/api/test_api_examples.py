"""The examples in api/examples work against a real server (uvicorn on a loopback port)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from screening.screener import Screener
from support.serving import OPERATOR_KEY, Api, Tenant, served_on_loopback, serving_app

EXAMPLES = Path(__file__).resolve().parents[2] / "api" / "examples"


@pytest.fixture(scope="module")
def base_url(
    api_database: str, screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    app, service = serving_app(api_database, screener, tmp_path_factory.mktemp("live"))
    with served_on_loopback(app) as server:
        yield server.base_url
    service.engine.dispose()


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_python_example_screens_the_sample_csv(base_url: str, api: Api, tenant: Tenant) -> None:
    example = load_example("screen_suppliers")
    key = api.new_key(tenant, "analyst")
    suppliers = list(example.read_suppliers(str(EXAMPLES / "suppliers.csv")))

    (answer,) = example.screen(base_url, key, suppliers)

    assert [r["ref"] for r in answer["results"]] == ["V-001", "V-002", "V-003", "V-004"]
    assert answer["results"][0]["matches"]


def test_curl_tour_runs_end_to_end(base_url: str) -> None:
    environment = {**os.environ, "BASE_URL": base_url, "SCREENING_ADMIN_KEY": OPERATOR_KEY}
    finished = subprocess.run(
        ["bash", str(EXAMPLES / "tour.sh")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "KPe.050 MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in finished.stdout
    assert "True un-sc:KPe.050 MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in finished.stdout


def test_a_yente_style_client_changes_only_its_url(base_url: str, api: Api, tenant: Tenant) -> None:
    example = load_example("match_like_yente")
    key = api.new_key(tenant, "analyst")
    queries = {
        "q1": example.company("Korea Ryonbong General Corporation", "kp"),
        "q2": example.company("Blue Meadow Stationery GmbH"),
    }

    answer = example.match(base_url, key, queries, "default", include_dataset=["un-sc", "uk-ofsi"])

    found = [result["id"] for result in answer["responses"]["q1"]["results"]]
    assert "un-sc:KPe.002" in found and all(i.split(":")[0] in ("un-sc", "uk-ofsi") for i in found)
    assert answer["responses"]["q2"]["results"] == []
    stored = api.get(f"/v1/screenings/{answer['screening_id']}", key)
    assert stored.status_code == 200
