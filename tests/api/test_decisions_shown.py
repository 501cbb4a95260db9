"""Decisions in force show wherever a job's results are read: rows, summary and every report."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from test_decisions_api import NOTE, upload_one_supplier

from support.serving import Api


def decide_on_job(api: Api, key: str, job_id: str, decision: str = "false_positive") -> Any:
    response = api.post(
        "/v1/decisions",
        key,
        json={
            "job_id": job_id,
            "ref": "V-1",
            "list": "un-sc",
            "source_id": "KPe.001",
            "decision": decision,
            "note": NOTE,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def only_result(api: Api, key: str, job_id: str) -> dict[str, Any]:
    (result,) = api.get(f"/v1/jobs/{job_id}/results", key).json()["results"]
    return dict(result)


def test_an_undecided_row_shows_no_decision_and_its_own_level(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    result = only_result(api, analyst_key, job_id)
    assert result["decision_status"] == "none"
    assert result["level_in_force"] == result["risk_level"]
    assert all(match["decision"] is None for match in result["matches"])
    assert all(match["explanation_text"] for match in result["matches"])


def test_a_false_positive_shows_on_the_match_the_row_and_the_summary(
    api: Api, analyst_key: str
) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    before = api.get(f"/v1/jobs/{job_id}", analyst_key).json()
    decided = decide_on_job(api, analyst_key, job_id)
    result = only_result(api, analyst_key, job_id)
    komid = next(m for m in result["matches"] if m["source_id"] == "KPe.001")
    assert komid["decision"]["verdict"] == "false_positive"
    assert komid["decision"]["decided_by"] == decided["decided_by"]
    assert komid["decision"]["note"] == NOTE
    others = [m for m in result["matches"] if m["decision"] is None]
    assert result["decision_status"] == ("partly_cleared" if others else "cleared")
    job = api.get(f"/v1/jobs/{job_id}", analyst_key).json()
    assert job["summary"] == before["summary"]  # as screened: kept
    in_force = job["summary_in_force"]
    if not others:
        assert in_force["cleared"] == 1
        assert in_force[result["risk_level"]] == job["summary"][result["risk_level"]] - 1


def test_a_true_match_makes_the_row_critical_in_force(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    decide_on_job(api, analyst_key, job_id, "true_match")
    result = only_result(api, analyst_key, job_id)
    assert (result["decision_status"], result["level_in_force"]) == ("confirmed", "critical")


def test_another_tenants_decision_does_not_show(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    decide_on_job(api, analyst_key, job_id)
    other = api.new_tenant("other")
    other_job = upload_one_supplier(api, other.admin_key)
    assert only_result(api, other.admin_key, other_job)["decision_status"] == "none"


def test_reports_made_before_a_decision_are_made_again_with_it(api: Api, analyst_key: str) -> None:
    job_id = upload_one_supplier(api, analyst_key)
    first = api.get(f"/v1/jobs/{job_id}/report?format=csv", analyst_key)
    assert first.status_code == 200
    decide_on_job(api, analyst_key, job_id)
    report = api.get(f"/v1/jobs/{job_id}/report?format=csv", analyst_key)
    (row,) = list(csv.DictReader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert "false positive by" in row["decisions"] and NOTE in row["decisions"]
    assert ".;" not in row["reasons"]
    document = json.loads(api.get(f"/v1/jobs/{job_id}/report?format=json", analyst_key).content)
    assert document["rows"][0]["decision_status"] in ("cleared", "partly_cleared")
    assert "cleared" in document["summary_in_force"]
    workbook = api.get(f"/v1/jobs/{job_id}/report?format=xlsx", analyst_key)
    assert workbook.status_code == 200
