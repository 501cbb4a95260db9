"""GET /v1/lists and /v1/lists/{list}/entries/{source_id}: what is loaded, and whole entries."""

from __future__ import annotations

from screening.watchlist.model import ListSnapshot
from support.serving import Api


def test_lists_show_every_loaded_list_with_version_and_count(
    api: Api, auditor_key: str, bundled_snapshots: dict[str, ListSnapshot]
) -> None:
    lists = api.get("/v1/lists", auditor_key).json()["lists"]
    by_id = {item["list"]: item for item in lists}
    assert set(by_id) == set(bundled_snapshots)
    un = by_id["un-sc"]
    assert un["name"] == "United Nations Security Council Consolidated List"
    assert un["publisher"] == "United Nations Security Council"
    assert un["published"] == "2026-02-27"
    assert un["sha256"] == bundled_snapshots["un-sc"].sha256
    assert un["version"] == bundled_snapshots["un-sc"].version
    assert un["entries"] == len(bundled_snapshots["un-sc"].entries)


def test_entry_is_the_whole_entry(api: Api, auditor_key: str) -> None:
    response = api.get("/v1/lists/un-sc/entries/KPe.050", auditor_key)
    assert response.status_code == 200
    entry = response.json()
    assert entry["list"] == entry["list_id"] == "un-sc"
    assert entry["source_id"] == "KPe.050"
    assert entry["name"] == "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES"
    assert entry["kind"] == "organization"
    assert entry["remarks"]
    for field in ("aliases", "addresses", "identifiers", "programs", "links", "listed_on"):
        assert field in entry


def test_entry_of_an_older_stored_version_is_readable(api: Api, auditor_key: str) -> None:
    version = api.get("/v1/lists", auditor_key).json()["lists"][2]["version"]
    response = api.get("/v1/lists/un-sc/entries/KPe.050", auditor_key, params={"version": version})
    assert response.status_code == 200
    assert response.json()["list_version"] == version


def test_unknown_entry_is_404(api: Api, auditor_key: str) -> None:
    response = api.get("/v1/lists/un-sc/entries/KPe.999", auditor_key)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "entry_not_found"


def test_unknown_list_is_404(api: Api, auditor_key: str) -> None:
    response = api.get("/v1/lists/ch-seco/entries/1", auditor_key)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_list"


def test_versions_list_the_stored_snapshots(api: Api, auditor_key: str) -> None:
    body = api.get("/v1/lists/us-ofac-sdn/versions", auditor_key).json()
    assert body["list"] == "us-ofac-sdn"
    assert [v["active"] for v in body["versions"]].count(True) == 1
