"""Upload a messy workbook, follow the job, page through results, download every report format."""

from __future__ import annotations

import csv
import io
import json
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from support.jobs import wait_for_job
from support.serving import Api, Tenant
from support.uploads import finished_upload, sheet_file, upload

LEVELS = {"critical", "high", "medium", "low", "clear"}


@pytest.fixture(scope="module")
def owner(api: Api) -> tuple[Tenant, str]:
    tenant = api.new_tenant("uploads")
    return tenant, api.new_key(tenant, "analyst")


@pytest.fixture(scope="module")
def messy_job(api: Api, owner: tuple[Tenant, str]) -> dict[str, Any]:
    _tenant, key = owner
    return finished_upload(api.client, key, *sheet_file("messy_suppliers.xlsx"))


def test_upload_answers_202_with_a_job_id_and_its_location(
    api: Api, owner: tuple[Tenant, str]
) -> None:
    response = upload(api.client, owner[1], *sheet_file("suppliers_utf8_bom.csv"))
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"job_id", "status"} and body["status"] == "queued"
    assert response.headers["location"] == f"/v1/jobs/{body['job_id']}"
    wait_for_job(api.client, owner[1], body["job_id"])


def test_job_reports_progress_summary_errors_and_mapping(messy_job: dict[str, Any]) -> None:
    assert messy_job["status"] == "done"
    assert messy_job["rows_total"] == messy_job["rows_done"] == 15
    assert messy_job["rows_skipped"] == 5
    assert set(messy_job["summary"]) == LEVELS
    assert sum(messy_job["summary"].values()) == 15
    assert messy_job["summary"]["critical"] >= 2
    assert messy_job["mapping"]["sheets"]["Поставщики"]["name"] == "Наименование"
    assert messy_job["mapping"]["sheets"]["협력업체"]["registration_id"] == "사업자등록번호"


def test_bad_rows_are_errors_with_sheet_row_and_column(messy_job: dict[str, Any]) -> None:
    errors = messy_job["errors"]
    assert all({"sheet", "row", "column", "message"} <= set(e) for e in errors)
    located = {(e["sheet"], e["row"], e["column"]) for e in errors}
    assert ("Поставщики", 9, "B") in located  # no name
    assert ("Поставщики", 11, "B") in located  # formula
    assert ("Поставщики", 12, "B") in located  # name too long
    assert ("Notes", None, None) in located  # a sheet without suppliers


def test_job_names_the_list_versions_it_used(messy_job: dict[str, Any]) -> None:
    lists = {entry["list"] for entry in messy_job["lists"]}
    assert {"us-ofac-sdn", "un-sc", "uk-ofsi", "dprk-labour"} <= lists
    assert all(len(entry["sha256"]) == 64 for entry in messy_job["lists"])


def test_results_page_through_in_input_order(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    base = f"/v1/jobs/{messy_job['job_id']}/results"
    first = api.get(f"{base}?offset=0&limit=4", owner[1]).json()
    second = api.get(f"{base}?offset=4&limit=4", owner[1]).json()
    assert first["total"] == 15
    assert [r["row"] for r in first["results"]] == [5, 6, 7, 11]
    assert [r["sheet"] for r in second["results"]][-1] == "협력업체"
    assert first["results"][1]["values"]["Наименование"] == "Korea Ryonbong General Corporation"


def test_results_filter_by_level(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    page = api.get(
        f"/v1/jobs/{messy_job['job_id']}/results?level=critical&limit=50", owner[1]
    ).json()
    assert page["total"] == messy_job["summary"]["critical"]
    names = [r["name"] for r in page["results"]]
    assert "Korea Ryonbong General Corporation" in names
    ryonbong = page["results"][names.index("Korea Ryonbong General Corporation")]
    assert {m["list"] for m in ryonbong["matches"]} >= {"un-sc", "us-ofac-sdn"}
    assert ryonbong["matches"][0]["entry_url"].startswith("/v1/lists/")


def test_an_unknown_level_filter_is_a_422(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    response = api.get(f"/v1/jobs/{messy_job['job_id']}/results?level=severe", owner[1])
    assert response.status_code == 422
    assert "severe" in response.json()["error"]["message"]


def test_xlsx_report_downloads_as_the_auditor_workbook(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    response = api.get(f"/v1/jobs/{messy_job['job_id']}/report?format=xlsx", owner[1])
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Results", "Matches", "Row errors", "Provenance"]
    provenance = [v for row in workbook["Provenance"].iter_rows(values_only=True) for v in row]
    assert messy_job["file"]["sha256"] in provenance
    assert messy_job["job_id"] in provenance


def test_csv_and_json_reports_carry_the_same_rows(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    base = f"/v1/jobs/{messy_job['job_id']}/report?format="
    text = api.get(base + "csv", owner[1]).content.decode("utf-8-sig")
    csv_rows = list(csv.DictReader(io.StringIO(text)))
    document = json.loads(api.get(base + "json", owner[1]).content)
    assert len(csv_rows) == len(document["rows"]) == 20  # 15 screened, 5 not
    assert [r["risk_level"] for r in csv_rows] == [r["level"] for r in document["rows"]]
    assert document["summary"] == messy_job["summary"]


def test_pdf_report_is_the_signed_off_summary(
    api: Api, owner: tuple[Tenant, str], messy_job: dict[str, Any]
) -> None:
    response = api.get(f"/v1/jobs/{messy_job['job_id']}/report?format=pdf", owner[1])
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Korea Ryonbong General Corporation" in text and "Signature" in text


def test_windows_1251_csv_goes_through_upload_job_and_report(
    api: Api, owner: tuple[Tenant, str]
) -> None:
    job = finished_upload(api.client, owner[1], *sheet_file("suppliers_cp1251_semicolon.csv"))
    assert (job["status"], job["rows_total"], job["rows_skipped"]) == ("done", 4, 1)
    assert job["mapping"]["name"] == "Наименование контрагента"
    report = api.get(f"/v1/jobs/{job['job_id']}/report?format=xlsx", owner[1])
    results = load_workbook(BytesIO(report.content))["Results"]
    name = [cell.value for cell in results[1]].index("Наименование контрагента")
    names = [row[name] for row in results.iter_rows(min_row=2, values_only=True)]
    assert "ИП Ёлкин Пётр Семёнович" in names


def test_a_corrected_mapping_is_used_on_the_next_upload(
    api: Api, owner: tuple[Tenant, str]
) -> None:
    first = finished_upload(api.client, owner[1], *sheet_file("suppliers_cp1251_semicolon.csv"))
    corrected = {**first["mapping"], "name": "Юридический адрес"}
    second = finished_upload(
        api.client,
        owner[1],
        *sheet_file("suppliers_cp1251_semicolon.csv"),
        mapping=json.dumps(corrected),
    )
    assert second["mapping"]["name"] == "Юридический адрес"
    page = api.get(f"/v1/jobs/{second['job_id']}/results?limit=1", owner[1]).json()
    assert page["results"][0]["name"] == "г. Москва, ул. Ленина, д. 1"


def test_a_mapping_naming_only_the_name_keeps_every_other_detected_column(
    api: Api, owner: tuple[Tenant, str]
) -> None:
    job = finished_upload(
        api.client,
        owner[1],
        *sheet_file("suppliers_cp1251_semicolon.csv"),
        mapping=json.dumps({"name": "Наименование контрагента"}),
    )
    assert (job["mapping"]["registration_id"], job["mapping"]["country"]) == (
        "ИНН",
        "Страна регистрации",
    )
    page = api.get(f"/v1/jobs/{job['job_id']}/results?limit=1", owner[1]).json()
    supplier = page["results"][0]["supplier"]
    assert (supplier["registration_id"], supplier["country"]) == ("9909000101", "RU")


def test_only_the_sheet_asked_for_is_screened(api: Api, owner: tuple[Tenant, str]) -> None:
    job = finished_upload(
        api.client, owner[1], *sheet_file("messy_suppliers.xlsx"), sheet="Vendors"
    )
    assert [s["sheet"] for s in job["sheets"]] == ["Vendors"]
    assert job["rows_total"] == 3


def test_formula_injection_values_come_back_as_text(api: Api, owner: tuple[Tenant, str]) -> None:
    job = finished_upload(api.client, owner[1], *sheet_file("injection.xlsx"))
    report = api.get(f"/v1/jobs/{job['job_id']}/report?format=xlsx", owner[1])
    results = load_workbook(BytesIO(report.content))["Results"]
    cell = results["I2"]  # the first input column, after the verdict's eight
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s" and cell.quotePrefix
    text = api.get(f"/v1/jobs/{job['job_id']}/report?format=csv", owner[1]).content
    assert b"'=HYPERLINK" in text and b",=HYPERLINK" not in text


def test_jobs_are_listed_newest_first(api: Api, owner: tuple[Tenant, str]) -> None:
    job = finished_upload(api.client, owner[1], *sheet_file("suppliers_utf16_tab.csv"))
    listed = api.get("/v1/jobs?limit=5", owner[1]).json()
    assert listed["jobs"][0]["job_id"] == job["job_id"]
    assert listed["total"] >= 1
