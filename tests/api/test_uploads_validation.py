"""What an upload refuses before any job is made, and who may upload."""

from __future__ import annotations

import pytest
from api_support import Api
from job_support import SUPPLIERS, upload


def test_a_mapping_that_is_not_json_is_a_422(api: Api, analyst_key: str) -> None:
    response = upload(api, analyst_key, "messy_suppliers.xlsx", mapping="{name: Vendor")
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("mapping: not JSON")


def test_a_mapping_without_a_name_column_is_a_422(api: Api, analyst_key: str) -> None:
    response = upload(api, analyst_key, "messy_suppliers.xlsx", mapping='{"country": "Страна"}')
    assert response.status_code == 422
    assert "supplier names" in response.json()["error"]["message"]


def test_an_unknown_sheet_is_a_422_that_lists_the_sheets(api: Api, analyst_key: str) -> None:
    response = upload(api, analyst_key, "messy_suppliers.xlsx", sheet="Lieferanten")
    assert response.status_code == 422
    assert "Поставщики" in response.json()["error"]["details"]["sheets"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", b"%PDF-1.7"), ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)],
)
def test_a_file_that_is_not_xlsx_or_csv_is_a_422(
    api: Api, analyst_key: str, name: str, content: bytes
) -> None:
    response = api.post("/v1/uploads", analyst_key, files={"file": (name, content)})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unreadable_file"


def test_an_auditor_may_not_upload(api: Api, auditor_key: str) -> None:
    response = upload(api, auditor_key, "suppliers_utf8_bom.csv")
    assert response.status_code == 403


def test_an_upload_needs_a_key(api: Api) -> None:
    path = SUPPLIERS / "suppliers_utf8_bom.csv"
    response = api.client.post("/v1/uploads", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 401


def test_preview_shows_the_mapping_without_making_a_job(api: Api, analyst_key: str) -> None:
    before = api.get("/v1/jobs", analyst_key).json()["total"]
    path = SUPPLIERS / "suppliers_cp1251_semicolon.csv"
    response = api.post(
        "/v1/uploads/preview", analyst_key, files={"file": (path.name, path.read_bytes())}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["header_row"] == 3 and body["encoding"] == "cp1251"
    assert body["mapping"]["registration_id"] == "ИНН"
    assert body["rows"][0]["supplier"]["name"] == "ООО Ромашка"
    assert api.get("/v1/jobs", analyst_key).json()["total"] == before
