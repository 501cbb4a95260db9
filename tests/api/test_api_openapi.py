"""api/openapi.json is the published contract: it must be exactly what the app serves."""

from __future__ import annotations

from screening.api.openapi_export import OPENAPI_FILE, current_openapi, render


def test_published_openapi_file_matches_the_app() -> None:
    # If this fails: python -m screening.api.openapi_export, then review the diff of the contract.
    assert OPENAPI_FILE.read_text(encoding="utf-8") == render(current_openapi())


def test_contract_names_the_fixed_paths() -> None:
    paths = current_openapi()["paths"]
    for path, method in [
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/v1/screen", "post"),
        ("/v1/lists", "get"),
        ("/v1/lists/{list_id}/entries/{source_id}", "get"),
        ("/v1/screenings/{screening_id}", "get"),
        ("/v1/admin/tenants", "post"),
        ("/v1/admin/keys", "post"),
        ("/v1/admin/lists/{list_id}", "post"),
    ]:
        assert method in paths[path], (path, method)


def test_contract_documents_both_ways_to_send_the_key() -> None:
    schemes = current_openapi()["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": schemes["ApiKey"]["description"],
    }
    assert schemes["Bearer"]["scheme"] == "bearer"
