"""What an upload refuses before any job is made, and who may upload."""

from __future__ import annotations

import pytest

from shared_data import shared_file
from support.serving import Api
from support.uploads import TEST_SHEETS, sheet_file, upload


def test_a_mapping_that_is_not_json_is_a_422(api: Api, analyst_key: str) -> None:
    response = upload(
        api.client, analyst_key, *sheet_file("messy_suppliers.xlsx"), mapping="{name: Vendor"
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("mapping: not JSON")


def test_a_mapping_that_leaves_out_the_name_column_is_a_422(api: Api, analyst_key: str) -> None:
    response = upload(
        api.client, analyst_key, *sheet_file("messy_suppliers.xlsx"), mapping='{"name": null}'
    )
    assert response.status_code == 422
    assert "supplier names cannot be left out" in response.json()["error"]["message"]


def test_a_csv_whose_encoding_cannot_be_told_is_a_422_naming_the_file(
    api: Api, analyst_key: str
) -> None:
    content = "名称\r\n丹东\r\n".encode("gb18030")
    response = api.post("/v1/uploads", analyst_key, files={"file": ("丹东.csv", content)})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unreadable_file"
    assert error["message"].startswith("丹东.csv: cannot tell which encoding")


def test_an_unknown_sheet_is_a_422_that_lists_the_sheets(api: Api, analyst_key: str) -> None:
    response = upload(
        api.client, analyst_key, *sheet_file("messy_suppliers.xlsx"), sheet="Lieferanten"
    )
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
    response = upload(api.client, auditor_key, *sheet_file("suppliers_utf8_bom.csv"))
    assert response.status_code == 403


def test_an_upload_needs_a_key(api: Api) -> None:
    path = TEST_SHEETS / "suppliers_utf8_bom.csv"
    response = api.client.post("/v1/uploads", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 401


def test_preview_shows_the_mapping_without_making_a_job(api: Api, analyst_key: str) -> None:
    before = api.get("/v1/jobs", analyst_key).json()["total"]
    path = TEST_SHEETS / "suppliers_cp1251_semicolon.csv"
    response = api.post(
        "/v1/uploads/preview", analyst_key, files={"file": (path.name, path.read_bytes())}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["header_row"] == 3 and body["encoding"] == "cp1251"
    assert body["mapping"]["registration_id"] == "ИНН"
    assert body["rows"][0]["supplier"]["name"] == "ООО Ромашка"
    assert api.get("/v1/jobs", analyst_key).json()["total"] == before


def test_preview_shows_the_name_column_chosen_and_its_runner_up(api: Api, analyst_key: str) -> None:
    path = shared_file("real_suppliers", "ru_moex_listing_2018_cp1251.csv")
    response = api.post(
        "/v1/uploads/preview", analyst_key, files={"file": (path.name, path.read_bytes())}
    )
    body = response.json()
    assert body["mapping"]["name"] == "e_full_name"
    chosen, runner_up = body["name_choice"]["chosen"], body["name_choice"]["runner_up"]
    assert (chosen["column"], chosen["heading"]) == ("C", "e_full_name")
    assert chosen["reason"].startswith("e_full_name: 567 distinct values in 623 rows, legal forms")
    assert runner_up["heading"] != "e_full_name" and runner_up["reason"]
    assert body["sheets_read"][0]["name_choice"] == body["name_choice"]


def test_a_mapping_that_names_the_name_keeps_the_detected_tax_and_reference_columns(
    api: Api, analyst_key: str
) -> None:
    # As the README suggests: correct the name column only; the INN column stays the tax id.
    path = shared_file("real_suppliers", "ru_moex_listing_2018_cp1251.csv")
    response = api.post(
        "/v1/uploads/preview",
        analyst_key,
        files={"file": (path.name, path.read_bytes())},
        data={"mapping": '{"name": "e_full_name"}'},
    )
    body = response.json()
    assert body["mapping"]["registration_id"] == "e_INN_code"
    assert body["mapping"]["ref"] == "s_RTS_code"
    assert body["rows"][1]["supplier"]["registration_id"] == "2540088194"
    assert body["name_choice"] is None  # the mapping named it
