"""SCREENING_LISTS: a deployment screens against the lists it chose, and only those.

The deployment here chooses the UN list and the curated DPRK labour list: its service loads
them from the database (which holds every bundled list) and builds a small index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from listfiles import read_bundled
from screening.api.app import create_app
from screening.config import load_settings
from screening.queue.screeners import active_refs
from screening.service import ScreeningService
from screening.store.db import make_engine
from screening.watchlist.registry import UnknownListsSettingError
from support.serving import LISTS_DIR, Api, api_settings, served_client

CHOSEN = ("un-sc", "dprk-labour")
RYONBONG = {"ref": "V-1", "name": "Korea Ryonbong General Corporation", "country": "KP"}


@pytest.fixture(scope="module")
def deployment(api_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    service = ScreeningService(make_engine(api_database), LISTS_DIR, lists=CHOSEN)
    service.load()
    settings = api_settings(api_database, tmp_path_factory.mktemp("var"), screening_lists=CHOSEN)
    with served_client(settings, service) as client:
        yield Api(client, service)
    service.engine.dispose()


@pytest.fixture()
def key(deployment: Api) -> str:
    return deployment.new_key(deployment.new_tenant("deployment"), "analyst")


def test_the_setting_is_read_as_comma_separated_list_ids() -> None:
    settings = load_settings({"SCREENING_LISTS": " un-sc, uk-ofsi,,un-sc "})
    assert settings.screening_lists == ("un-sc", "uk-ofsi")
    assert load_settings({}).screening_lists == ()


def test_a_setting_naming_an_unknown_list_stops_the_app(api_database: str, tmp_path: Path) -> None:
    settings = api_settings(api_database, tmp_path, screening_lists=("un-sc", "un_sc"))
    with pytest.raises(UnknownListsSettingError, match="un_sc"):
        create_app(settings)


def test_only_the_chosen_lists_are_served(deployment: Api, key: str) -> None:
    lists = deployment.get("/v1/lists", key).json()["lists"]
    assert sorted(item["list"] for item in lists) == sorted(CHOSEN)
    body = deployment.screen(key, RYONBONG).json()
    assert sorted(item["list"] for item in body["lists"]) == sorted(CHOSEN)
    assert {m["list"] for m in body["results"][0]["matches"]} <= set(CHOSEN)
    assert "un-sc" in {m["list"] for m in body["results"][0]["matches"]}


def test_a_list_the_deployment_left_out_is_422_naming_it(deployment: Api, key: str) -> None:
    response = deployment.screen(key, RYONBONG, lists=["un-sc", "uk-ofsi"])
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["details"] == [
        {
            "field": "lists[1]",
            "message": "list 'uk-ofsi' is not screened by this deployment",
            "type": "list_not_screened",
        }
    ]
    queries = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Acme"]}}}}
    as_dataset = deployment.post("/match/uk-ofsi", key, json=queries)
    assert as_dataset.status_code == 404
    assert "not screened by this deployment" in as_dataset.json()["error"]["message"]
    included = deployment.post("/match/default?include_dataset=uk-ofsi", key, json=queries)
    assert included.status_code == 422


def test_a_default_match_screens_the_chosen_lists(deployment: Api, key: str) -> None:
    queries = {"q": {"schema": "Company", "properties": {"name": [RYONBONG["name"]]}}}
    body = deployment.post("/match/default", key, json={"queries": queries}).json()
    assert sorted(item["list"] for item in body["lists"]) == sorted(CHOSEN)
    assert {r["datasets"][0] for r in body["responses"]["q"]["results"]} <= set(CHOSEN)


def test_an_unchanged_database_is_not_reloaded(deployment: Api) -> None:
    assert deployment.service.refresh_if_changed() is False


def test_a_list_left_out_is_stored_on_import_but_not_served(deployment: Api) -> None:
    service = deployment.service
    before = service.serving()
    done = service.import_list("uk-ofsi", read_bundled("uk-ofsi"), imported_by="test")
    assert done.snapshot.list_id == "uk-ofsi"
    assert service.serving() is before


def test_queue_workers_build_their_index_from_the_chosen_lists(api_database: str) -> None:
    engine = make_engine(api_database)
    try:
        assert sorted(ref.list_id for ref in active_refs(engine, set(CHOSEN))) == sorted(CHOSEN)
        assert len(active_refs(engine)) == 5
    finally:
        engine.dispose()
