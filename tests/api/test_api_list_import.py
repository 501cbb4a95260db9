"""POST /v1/admin/lists/{list}: a new version switches in at once; a bad file changes nothing.

Each test gets its own database and a Screener over the small UN and curated lists only, so the
rebuild after an import stays quick.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from databases import DatabaseFactory
from listfiles import mirror_folder
from screening.screener import Screener
from screening.service import ScreeningService
from screening.store.db import make_engine
from screening.store.snapshots import list_versions
from screening.watchlist.model import ListSnapshot
from support.serving import (
    DATABASE_KINDS,
    LISTS_DIR,
    OPERATOR_KEY,
    api_settings,
    build_screener,
    served_client,
    stored_lists,
)

UN_FILE = mirror_folder("un-sc") / "consolidated.xml"
MANSUDAE = {"ref": "V-1", "name": "Mansudae Overseas Project Group of Companies"}
AUTH = {"X-API-Key": OPERATOR_KEY}


def un_release_without_mansudae() -> bytes:
    """The bundled UN list as if a later release (2026-03-31) had delisted KPe.050."""
    text = UN_FILE.read_text(encoding="utf-8")
    entity = re.compile(r"\s*<ENTITY>(?:(?!</ENTITY>).)*?KPe\.050.*?</ENTITY>", re.DOTALL)
    text, removed = entity.subn("", text, count=1)
    assert removed == 1
    return text.replace('dateGenerated="2026-02-27', 'dateGenerated="2026-03-31').encode()


@pytest.fixture(scope="module")
def small_screener(bundled_snapshots: dict[str, ListSnapshot]) -> Screener:
    return build_screener([bundled_snapshots["un-sc"], bundled_snapshots["dprk-labour"]])


@pytest.fixture(params=DATABASE_KINDS)
def client(
    request: pytest.FixtureRequest,
    database_factory: DatabaseFactory,
    bundled_snapshots: dict[str, ListSnapshot],
    small_screener: Screener,
    tmp_path: Path,
) -> Iterator[TestClient]:
    snapshots = [bundled_snapshots[list_id] for list_id in ("un-sc", "dprk-labour")]
    url = stored_lists(database_factory.url(request.param), snapshots)
    engine = make_engine(url)
    service = ScreeningService(engine, LISTS_DIR)
    service.use(small_screener)
    with served_client(api_settings(url, tmp_path), service) as test_client:
        yield test_client
    engine.dispose()


def un_version(client: TestClient) -> str:
    lists = client.get("/v1/lists", headers=AUTH).json()["lists"]
    version: str = next(item["version"] for item in lists if item["list"] == "un-sc")
    return version


def un_hits(client: TestClient) -> set[str]:
    body = client.post("/v1/screen", headers=AUTH, json={"suppliers": [MANSUDAE]}).json()
    return {m["source_id"] for m in body["results"][0]["matches"] if m["list"] == "un-sc"}


def test_import_switches_screening_to_the_new_version(client: TestClient) -> None:
    old = un_version(client)
    assert "KPe.050" in un_hits(client)

    response = client.post(
        "/v1/admin/lists/un-sc",
        headers=AUTH,
        files=[("files", ("consolidated.xml", un_release_without_mansudae(), "application/xml"))],
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["version"].startswith("2026-03-31-")
    assert body["is_new_version"] is body["created"] is True  # created: the deprecated name
    assert un_version(client) == body["version"] != old
    assert "KPe.050" not in un_hits(client)


def test_import_keeps_the_old_version_for_past_results(client: TestClient) -> None:
    old = un_version(client)
    client.post(
        "/v1/admin/lists/un-sc",
        headers=AUTH,
        files=[("files", ("consolidated.xml", un_release_without_mansudae(), "application/xml"))],
    )
    engine = client.app.state.engine  # type: ignore[attr-defined]
    versions = {v.version: v.active for v in list_versions(engine, "un-sc")}
    assert versions[old] is False
    assert list(versions.values()).count(True) == 1
    entry = client.get("/v1/lists/un-sc/entries/KPe.050", headers=AUTH, params={"version": old})
    assert entry.status_code == 200


def test_file_that_does_not_parse_is_refused_and_the_old_version_keeps_serving(
    client: TestClient,
) -> None:
    old = un_version(client)
    truncated = UN_FILE.read_bytes()[:50_000]

    response = client.post(
        "/v1/admin/lists/un-sc",
        headers=AUTH,
        files=[("files", ("consolidated.xml", truncated, "application/xml"))],
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "list_format"
    assert error["details"]["file"] == "consolidated.xml"
    assert "consolidated.xml" in error["message"]
    assert un_version(client) == old
    assert "KPe.050" in un_hits(client)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    assert [v.version for v in list_versions(engine, "un-sc") if v.active] == [old]


def test_reimporting_the_serving_files_changes_nothing(client: TestClient) -> None:
    old = un_version(client)
    response = client.post(
        "/v1/admin/lists/un-sc",
        headers=AUTH,
        files=[("files", ("consolidated.xml", UN_FILE.read_bytes(), "application/xml"))],
    )
    assert response.status_code == 200
    assert response.json()["is_new_version"] is response.json()["created"] is False
    assert un_version(client) == old


def test_unknown_list_is_404(client: TestClient) -> None:
    response = client.post(
        "/v1/admin/lists/ch-seco",
        headers=AUTH,
        files=[("files", ("x.xml", b"<x/>", "application/xml"))],
    )
    assert response.status_code == 404
