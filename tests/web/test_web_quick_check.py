"""The quick-check form screens one supplier typed in by an analyst."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def quick_check(page: Page) -> None:
    page.get_by_role("button", name="Quick check").click()
    expect(page.get_by_role("heading", name="Quick check", exact=True)).to_be_focused()


def test_quick_check_flags_a_listed_entity(signed_in: Page) -> None:
    quick_check(signed_in)
    form = signed_in.locator("#quick-form")
    form.get_by_label("Supplier name").fill("Korea Ryonbong General Corporation")
    form.get_by_label("Country (two-letter code)").fill("kp")
    form.get_by_role("button", name="Check").click()

    row = signed_in.locator("#quick-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".level")).to_have_text("Critical")
    expect(row.locator(".top-match")).to_contain_text("RYONBONG")
    expect(signed_in.locator("#quick-lists")).to_contain_text("un-sc")


def test_quick_check_clears_an_unlisted_company(signed_in: Page) -> None:
    quick_check(signed_in)
    form = signed_in.locator("#quick-form")
    form.get_by_label("Supplier name").fill("Bavarian Precision Tools GmbH")
    form.get_by_label("Country (two-letter code)").fill("DE")
    form.get_by_role("button", name="Check").click()

    expect(signed_in.locator("#quick-table tbody tr .level")).to_have_text("Clear")


def test_quick_check_result_opens_with_the_details_typed_in(signed_in: Page) -> None:
    quick_check(signed_in)
    form = signed_in.locator("#quick-form")
    form.get_by_label("Supplier name").fill("Mansudae Overseas Project Group of Companies")
    form.get_by_label("Your reference").fill("ADHOC-7")
    form.get_by_role("button", name="Check").click()
    signed_in.locator("#quick-table").get_by_role("button", name="Open").click()

    supplier = signed_in.get_by_role("dialog").locator(".supplier-side").first
    expect(supplier).to_contain_text("ADHOC-7")


def test_quick_check_asks_for_a_name_first(signed_in: Page) -> None:
    quick_check(signed_in)
    signed_in.locator("#quick-form").get_by_role("button", name="Check").click()

    expect(signed_in.locator("#quick-status")).to_have_text("Enter the supplier name.")
    expect(signed_in.locator("#quick-name")).to_be_focused()


def test_decision_on_a_match_is_recorded(signed_in: Page) -> None:
    quick_check(signed_in)
    form = signed_in.locator("#quick-form")
    form.get_by_label("Supplier name").fill("Korea Ryonbong General Corporation")
    form.get_by_label("Your reference").fill("DECIDE-1")
    form.get_by_role("button", name="Check").click()
    signed_in.locator("#quick-table").get_by_role("button", name="Open").click()

    match = signed_in.get_by_role("dialog").locator("section.match").first
    match.get_by_label("True match").check()
    match.get_by_label("Note").fill("Same company: the listed Pyongyang conglomerate")
    match.get_by_role("button", name="Record decision").click()

    expect(match.locator("form.decision [role=status]")).to_contain_text(
        "Decision recorded: True match."
    )
    expect(match.locator(".previous-decision")).to_contain_text("Same company")


def test_decision_needs_a_note(signed_in: Page) -> None:
    quick_check(signed_in)
    form = signed_in.locator("#quick-form")
    form.get_by_label("Supplier name").fill("Korea Ryonbong General Corporation")
    form.get_by_role("button", name="Check").click()
    signed_in.locator("#quick-table").get_by_role("button", name="Open").click()

    match = signed_in.get_by_role("dialog").locator("section.match").first
    match.get_by_label("False positive").check()
    match.get_by_role("button", name="Record decision").click()

    expect(match.locator("form.decision [role=status]")).to_have_text("Write a note saying why.")
    expect(match.get_by_label("Note")).to_be_focused()
