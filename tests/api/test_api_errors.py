"""Errors share one JSON shape, including FastAPI's own (unknown path, wrong method)."""

from __future__ import annotations

from support.serving import Api


def test_unknown_path_is_a_json_404(api: Api) -> None:
    response = api.client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "no such resource", "details": None}
    }


def test_wrong_method_is_a_json_405(api: Api, analyst_key: str) -> None:
    response = api.client.get("/v1/screen", headers={"X-API-Key": analyst_key})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_body_over_the_size_limit_is_a_json_413_before_it_is_read(
    api: Api, analyst_key: str
) -> None:
    too_big = b" " * (33 * 1024 * 1024)
    response = api.client.post(
        "/v1/screen",
        content=too_big,
        headers={"X-API-Key": analyst_key, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
