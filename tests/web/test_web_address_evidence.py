"""A supplier's address shows as evidence in the match's "Why it matched": an uploaded sheet
with a Hangul address on the street of a listed address of Korea Ryonbong General Corporation."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from support.uploads import finished_csv_upload
from support.web import JOB_WAIT_MS, LiveServer

SHEET = "name,address\nKorea Ryongbong General Corp,평양시 보통강구역 락원동\n"
SENTENCE = "the supplier's address has the street of a listed address"


def finished_job(live_server: LiveServer) -> str:
    with live_server.client() as client:
        return finished_csv_upload(client, None, SHEET)


def test_the_address_evidence_shows_in_why_it_matched(page: Page, live_server: LiveServer) -> None:
    job_id = finished_job(live_server)
    page.goto(f"/#job={job_id}")
    page.get_by_label("API key").fill(live_server.api_key)
    page.get_by_role("button", name="Sign in").click()
    rows = page.locator("#results-table tbody tr")
    expect(rows.first).to_be_visible(timeout=JOB_WAIT_MS)
    page.get_by_role("button", name="Open Korea Ryongbong General Corp").click()

    expect(page.get_by_role("dialog")).to_contain_text(SENTENCE)
