"""The lists strip: each list's publication date, and a plain warning when a list's update fails
while its last good version serves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

UK_FILE = "ConList.xlsx"


def test_the_page_shows_each_lists_publication_date(signed_in: Page) -> None:
    strip = signed_in.get_by_role("region", name="Lists screened against")
    expect(strip).to_contain_text("un-sc: published 2026-02-27")
    expect(strip).to_contain_text("uk-ofsi: published 2025-04-14")
    expect(strip).to_contain_text("us-ofac-sdn: publication date not stated in its files")


@pytest.fixture
def failing_uk_list(live_server: Any) -> Iterator[None]:
    """The UK file taken off the mirror and an update run: the update fails, the list stays."""
    path = live_server.mirror / "uk-ofsi" / UK_FILE
    kept = path.read_bytes()
    path.unlink()
    with live_server.client() as client:
        assert client.post("/v1/admin/lists/uk-ofsi/update").status_code == 502
        yield
        path.write_bytes(kept)
        assert client.post("/v1/admin/lists/uk-ofsi/update").status_code == 200


def test_a_failing_list_is_shown_with_a_warning_that_says_what_serves(
    page: Page, live_server: Any, failing_uk_list: None
) -> None:
    page.goto("/")
    page.get_by_label("API key").fill(live_server.api_key)
    page.get_by_role("button", name="Sign in").click()

    strip = page.get_by_role("region", name="Lists screened against")
    expect(strip).to_contain_text("uk-ofsi: published 2025-04-14 update failing")
    expect(strip.get_by_role("status")).to_contain_text("uk-ofsi: the last check")
    expect(strip.get_by_role("status")).to_contain_text("version 2025-04-14-abe8ec65 serves")


def test_a_list_the_mirror_does_not_hold_is_shown_as_not_available(signed_in: Page) -> None:
    """The test mirror has no eu-fsf folder: the page still serves, and says why that list is
    not screened."""
    strip = signed_in.get_by_role("region", name="Lists screened against")
    expect(strip).to_contain_text("eu-fsf: no version yet not available")
    expect(strip.get_by_role("status")).to_contain_text(re.compile("Not screened: .*eu-fsf"))
    expect(strip.get_by_role("status")).to_contain_text("the other lists are screened without them")
    expect(strip.get_by_text("eu-fsf: no version yet")).to_have_attribute(
        "title", re.compile("not available from its source")
    )
