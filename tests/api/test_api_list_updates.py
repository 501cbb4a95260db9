"""The server and its lists' sources, end to end over a real HTTP mirror on loopback: a first
start fetches every list and becomes healthy, POST /v1/admin/lists/{list}/update serves a new
version (an entity added on the mirror is then screened, monitored lists alert), a truncated file
is refused while the last good version serves, and an unreachable mirror is named in /readyz."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from list_update_support import (
    NEW_ENTITY_NAME,
    UN_FILE,
    monitor_suppliers,
    un_screener,
    un_snapshot,
    updated_un_xml,
)
from listfiles import LISTS_DIR, TEST_DATA
from mirror_server import MirrorServer, copy_mirror, serving_mirror
from screening.monitoring.tables import AlertRow, WebhookEventRow, WebhookRow
from screening.service import ScreeningService
from screening.sources.download import FetchPolicy
from screening.sources.update import ListUpdater, UpdateConfig
from screening.store.db import make_engine
from support.serving import OPERATOR_KEY, api_settings, served_client, stored_lists
from support.waiting import wait_until

OPERATOR = {"X-API-Key": OPERATOR_KEY}
EU_TEST_FILE = TEST_DATA / "lists" / "xmlFullSanctionsList_1_1.xml"
READY_WAIT_SECONDS = 600  # only stops a hung test; parsing every list takes a while under load


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MirrorServer]:
    """The shared mirror's real files, and the EU file written to its documented layout
    (tests/data/lists/README.md: no complete EU file could be had); no UK Sanctions List."""
    root = copy_mirror(tmp_path_factory.mktemp("mirror"))
    (root / "eu-fsf").mkdir()
    shutil.copyfile(EU_TEST_FILE, root / "eu-fsf" / EU_TEST_FILE.name)
    with serving_mirror(root) as server:
        yield server


# -- a fresh server: every list from the mirror ------------------------------------------------


@dataclass
class FreshServer:
    client: TestClient
    mirror: MirrorServer


@pytest.fixture(scope="module")
def fresh(mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshServer]:
    """`create_app` as `screening serve` makes it, on an empty database, SCREENING_LISTS_MIRROR
    set to the loopback mirror: the first start fetches every list."""
    data_dir = tmp_path_factory.mktemp("fresh")
    url = f"sqlite:///{data_dir / 'screening.db'}"
    settings = api_settings(url, data_dir, lists_mirror=mirror.url)
    with served_client(settings) as client:
        wait_until(
            lambda: client.get("/healthz").status_code == 200,
            "the first start",
            READY_WAIT_SECONDS,
        )
        yield FreshServer(client, mirror)


def test_a_fresh_server_fetches_every_list_from_the_mirror_and_becomes_healthy(
    fresh: FreshServer,
) -> None:
    ready = fresh.client.get("/readyz").json()
    assert ready["ready"] is True
    status = {s["list"]: s["status"] for s in ready["list_status"]}
    assert status == {
        "us-ofac-sdn": "current",
        "us-ofac-cons": "current",
        "un-sc": "current",
        "uk-sanctions-list": "unavailable",  # no copy in the mirror
        "uk-ofsi": "current",
        "eu-fsf": "current",
        "au-dfat": "current",
        "ca-sema": "current",
        "dprk-labour": "current",
    }


def test_a_list_the_mirror_does_not_hold_is_unavailable_and_named_in_readyz(
    fresh: FreshServer,
) -> None:
    ready = fresh.client.get("/readyz").json()
    (line,) = ready["attention"]
    assert line.startswith("uk-sanctions-list is unavailable")
    assert "SCREENING_LISTS_MIRROR" in line and "UK-Sanctions-List.csv: not found" in line
    assert "the other lists are screened without it" in line
    missing = fresh.client.get("/v1/lists", headers=OPERATOR).json()["missing"]
    assert [(m["list"], m["status"]) for m in missing] == [("uk-sanctions-list", "unavailable")]


def test_the_mirror_ofac_folder_without_xml_falls_back_to_the_csv_set(
    fresh: FreshServer,
) -> None:
    by_id = {
        item["list"]: item
        for item in fresh.client.get("/v1/lists", headers=OPERATOR).json()["lists"]
    }
    assert by_id["us-ofac-sdn"]["format"] == "ofac-sdn-csv"
    assert by_id["us-ofac-cons"]["format"] == "ofac-cons-csv"
    asked = fresh.mirror.paths_requested()
    assert "/us-ofac-sdn/SDN_ENHANCED.XML" in asked and "/us-ofac-sdn/SDN.XML" in asked
    assert (by_id["au-dfat"]["entries"], by_id["ca-sema"]["entries"]) == (3062, 4759)


def test_a_fresh_server_screens_ryonbong_on_every_list_that_lists_it(fresh: FreshServer) -> None:
    response = fresh.client.post(
        "/v1/screen",
        headers=OPERATOR,
        json={"suppliers": [{"name": "Korea Ryonbong General Corporation", "country": "CN"}]},
    )
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["risk_level"] == "critical"
    # Canada's SEMA list does not list it; the UK Sanctions List is not on this mirror.
    lists = {"us-ofac-sdn", "un-sc", "uk-ofsi", "eu-fsf", "au-dfat"}
    assert {m["list"] for m in result["matches"]} >= lists
    assert "Listed by UN, US, UK, EU and Australia" in " ".join(result["reasons"])


def test_lists_show_their_source_fetch_time_and_status(fresh: FreshServer) -> None:
    body = fresh.client.get("/v1/lists", headers=OPERATOR).json()
    by_id = {item["list"]: item for item in body["lists"]}
    un = by_id["un-sc"]
    assert un["source"] == f"{fresh.mirror.url}/un-sc/"
    assert un["fetched_at"] and un["checked_at"]
    assert (un["status"], un["published"], un["format"]) == ("current", "2026-02-27", "un-sc-xml")
    assert "Closed by its publisher" in by_id["uk-ofsi"]["status_detail"]
    assert by_id["us-ofac-sdn"]["warnings"]  # companion rows of a newer release, ignored


# -- updates of a serving server ---------------------------------------------------------------


@dataclass
class Serving:
    client: TestClient
    service: ScreeningService
    mirror: MirrorServer
    monitored_id: str


@pytest.fixture()
def serving(tmp_path: Path) -> Iterator[Serving]:
    """A server serving the UN list as the mirror first held it, with a monitored supplier
    list and a tenant webhook; the mirror is this test's own copy, to alter."""
    root = copy_mirror(tmp_path / "mirror", ("un-sc",))
    url = stored_lists(f"sqlite:///{tmp_path / 'screening.db'}", [un_snapshot()])
    engine = make_engine(url)
    monitored_id = monitor_suppliers(engine)
    with Session(engine) as session:
        hook = WebhookRow(
            tenant_id="acme",
            url="http://127.0.0.1:9/",
            secret="s" * 20,
            created_by="k",
            created=datetime.now(UTC),
        )
        session.add(hook)
        session.commit()
    with serving_mirror(root) as mirror:
        config = UpdateConfig.of(api_settings(url, tmp_path, lists_mirror=mirror.url))
        quick = FetchPolicy(timeout=5.0, tries=1)
        updater = ListUpdater(engine, dataclasses.replace(config, policy=quick))
        service = ScreeningService(engine, LISTS_DIR, updater=updater)
        service.use(un_screener())
        with served_client(api_settings(url, tmp_path), service) as client:
            yield Serving(client, service, mirror, monitored_id)
    engine.dispose()


def screen_new_entity(client: TestClient) -> list[dict[str, Any]]:
    response = client.post(
        "/v1/screen", headers=OPERATOR, json={"suppliers": [{"name": NEW_ENTITY_NAME}]}
    )
    matches: list[dict[str, Any]] = response.json()["results"][0]["matches"]
    return matches


def test_an_entity_added_on_the_mirror_is_screened_after_an_update(serving: Serving) -> None:
    assert screen_new_entity(serving.client) == []
    serving.mirror.replace("un-sc", UN_FILE, updated_un_xml())

    response = serving.client.post("/v1/admin/lists/un-sc/update", headers=OPERATOR)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["result"], body["version"]) == ("updated", un_snapshot(updated=True).version)
    assert body["status"]["status"] == "current"
    (match,) = screen_new_entity(serving.client)
    assert match["source_id"] == "KPe.999"


def test_a_new_version_alerts_monitored_lists_and_tells_the_webhook(serving: Serving) -> None:
    serving.mirror.replace("un-sc", UN_FILE, updated_un_xml())
    serving.client.post("/v1/admin/lists/un-sc/update", headers=OPERATOR)

    runner = serving.client.app.state.monitoring.runner  # type: ignore[attr-defined]
    assert runner.wait_until_idle(timeout=60)
    engine = serving.service.engine
    with Session(engine) as session:
        kinds = session.exec(select(AlertRow.kind).order_by(col(AlertRow.id))).all()
        bodies = session.exec(select(WebhookEventRow.body)).all()
    assert list(kinds) == ["changed_match", "match_gone", "new_match"]
    assert sorted('"type":"alerts"' in b for b in bodies) == [False, True]
    assert any('"type":"list.updated"' in b for b in bodies)


def test_a_truncated_file_is_refused_while_the_last_good_version_serves(
    serving: Serving,
) -> None:
    whole = updated_un_xml()
    serving.mirror.replace("un-sc", UN_FILE, whole[: len(whole) - 5000])

    response = serving.client.post("/v1/admin/lists/un-sc/update", headers=OPERATOR)

    assert response.status_code == 502
    error = response.json()["error"]
    assert error["code"] == "list_update_failed"
    assert error["details"]["serving_version"] == un_snapshot().version
    assert "keeps serving" in error["message"]
    listed = serving.client.get("/v1/lists", headers=OPERATOR).json()["lists"]
    (un,) = listed
    assert (un["version"], un["status"]) == (un_snapshot().version, "failed")
    assert screen_new_entity(serving.client) == []


def test_only_the_operator_may_update_a_list(serving: Serving) -> None:
    tenant = serving.client.post(
        "/v1/admin/tenants", headers=OPERATOR, json={"name": "other"}
    ).json()
    response = serving.client.post(
        "/v1/admin/lists/un-sc/update", headers={"X-API-Key": tenant["api_key"]}
    )
    assert response.status_code == 403


def test_an_unknown_list_is_404(serving: Serving) -> None:
    response = serving.client.post("/v1/admin/lists/ch-seco/update", headers=OPERATOR)
    assert response.status_code == 404


# -- nothing to fetch from ---------------------------------------------------------------------


def test_an_unreachable_mirror_is_named_in_readyz_while_the_server_retries(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    settings = api_settings(url, tmp_path, lists_mirror="http://127.0.0.1:9")  # nothing there
    engine = make_engine(url)
    config = UpdateConfig.of(settings)
    quick = dataclasses.replace(config, policy=FetchPolicy(timeout=5.0, tries=1))
    service = ScreeningService(engine, LISTS_DIR, updater=ListUpdater(engine, quick))
    with served_client(settings, service) as client:
        service.wait_until_settled()
        ready = client.get("/readyz")
        health = client.get("/healthz")
    service.stop()
    engine.dispose()
    body = ready.json()
    assert ready.status_code == 503 and health.status_code == 503
    assert body["stage"] == "waiting for lists"
    assert "http://127.0.0.1:9" in body["detail"] and "SCREENING_LISTS_MIRROR" in body["detail"]
    assert "trying again" in body["detail"]
    status = {s["list"]: s["status"] for s in body["list_status"]}
    assert status == {
        "us-ofac-sdn": "failed",
        "us-ofac-cons": "failed",
        "un-sc": "failed",
        "uk-sanctions-list": "failed",
        "uk-ofsi": "failed",
        "eu-fsf": "failed",
        "au-dfat": "failed",
        "ca-sema": "failed",
        "dprk-labour": "current",  # the project's own list, read from the package
    }
    assert len(body["attention"]) == 8
