"""An admin keeps the organisation's own lists on the page: upload, replace, delete; a quick
check then matches them. A refused file shows each problem by sheet, row and column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from support.waiting import HANG_GUARD_SECONDS

# Names no official list carries (other browser tests share this server's tenant).
FIRST = "Name,Notes\nQuillfeather Brassworks Ltd,failed our audit\n"
SECOND = FIRST + "Marrowdale Ceramics Oy,forged certificates\n"


@pytest.fixture(autouse=True)
def no_list_left(live_server_url: str, api_key: str) -> Iterator[None]:
    """Other browser tests share this server's tenant: a failed test leaves no list behind."""
    yield
    httpx.delete(
        f"{live_server_url}/v1/tenant-lists/tenant-web-blocklist", headers={"X-API-Key": api_key}
    )


def own_lists(page: Page) -> None:
    page.get_by_role("button", name="Own lists").click()
    expect(page.get_by_role("heading", name="Own lists", exact=True)).to_be_focused()


def upload(page: Page, title: str, path: Path) -> None:
    form = page.locator("#own-list-form")
    form.get_by_label("Title").fill(title)
    form.get_by_label("List file").set_input_files(str(path))
    form.get_by_role("button", name="Upload list").click()


def quick_check_level(page: Page, name: str) -> str:
    page.get_by_role("button", name="Quick check").click()
    form = page.locator("#quick-form")
    form.get_by_label("Supplier name").fill(name)
    form.get_by_role("button", name="Check").click()  # the status says "Checking…" at once
    expect(page.locator("#quick-status")).to_contain_text(f"Checked {name}")
    level = page.locator("#quick-table tbody tr .level")
    expect(level).to_have_count(1)
    return level.inner_text()


def test_an_admin_uploads_replaces_and_deletes_an_own_list(signed_in: Page, tmp_path: Path) -> None:
    first, second = tmp_path / "blocklist.csv", tmp_path / "blocklist-v2.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    own_lists(signed_in)
    expect(signed_in.locator("#own-lists-table")).to_contain_text("No own lists yet.")

    upload(signed_in, "Web blocklist", first)
    status = signed_in.locator("#own-lists-status")
    expect(status).to_contain_text("tenant-web-blocklist version")
    row = signed_in.locator("#own-lists-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Web blocklist")
    expect(row.locator("td.num")).to_have_text("1")
    assert quick_check_level(signed_in, "Marrowdale Ceramics Oy") == "Clear"

    own_lists(signed_in)
    signed_in.get_by_role("button", name="Replace Web blocklist with a new file").click()
    expect(signed_in.locator("#own-list-file")).to_be_focused()
    signed_in.locator("#own-list-file").set_input_files(str(second))
    signed_in.get_by_role("button", name="Upload list").click()
    expect(row.locator("td.num")).to_have_text("2")
    assert quick_check_level(signed_in, "Marrowdale Ceramics Oy") != "Clear"
    expect(signed_in.locator("#quick-lists")).to_contain_text("tenant-web-blocklist")

    own_lists(signed_in)
    signed_in.get_by_role("button", name="Delete Web blocklist").click()
    expect(status).to_contain_text("Web blocklist is no longer screened.")
    expect(signed_in.locator("#own-lists-table")).to_contain_text("No own lists yet.")
    assert quick_check_level(signed_in, "Marrowdale Ceramics Oy") == "Clear"


def test_a_refused_list_file_shows_every_problem_where_it_is(
    signed_in: Page, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Country\nQuillfeather Brassworks Ltd,Narnia\n", encoding="utf-8")
    own_lists(signed_in)
    upload(signed_in, "Broken list", bad)
    problems = signed_in.locator("#own-list-errors li")
    # a hang guard, not a time limit: a loaded machine reads the file in its own time
    expect(problems).to_have_count(1, timeout=HANG_GUARD_SECONDS * 1000)
    expect(problems).to_contain_text("bad.csv, row 2, column B:")
    expect(signed_in.locator("#own-lists-table")).not_to_contain_text("Broken list")
