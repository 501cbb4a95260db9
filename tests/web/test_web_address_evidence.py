"""A supplier's address shows as evidence in the match's "Why it matched": an uploaded sheet
with a Hangul address on the street of a listed address of Korea Ryonbong General Corporation."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page, expect

SHEET = "name,address\nKorea Ryongbong General Corp,평양시 보통강구역 락원동\n"
SENTENCE = "the supplier's address has the street of a listed address"
JOB_WAIT_SECONDS = 180  # only stops a hung test


def finished_job(live_server: Any) -> str:
    with live_server.client() as client:
        response = client.post(
            "/v1/uploads", files={"file": ("addresses.csv", SHEET.encode(), "text/csv")}
        )
        assert response.status_code == 202, response.text
        job_id: str = response.json()["job_id"]
        deadline = time.monotonic() + JOB_WAIT_SECONDS
        while client.get(f"/v1/jobs/{job_id}").json()["status"] != "done":
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.2)
    return job_id


def test_the_address_evidence_shows_in_why_it_matched(page: Page, live_server: Any) -> None:
    job_id = finished_job(live_server)
    page.goto(f"/#job={job_id}")
    page.get_by_label("API key").fill(live_server.api_key)
    page.get_by_role("button", name="Sign in").click()
    rows = page.locator("#results-table tbody tr")
    expect(rows.first).to_be_visible(timeout=JOB_WAIT_SECONDS * 1000)
    page.get_by_role("button", name="Open Korea Ryongbong General Corp").click()

    expect(page.get_by_role("dialog")).to_contain_text(SENTENCE)
