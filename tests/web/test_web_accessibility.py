"""The page works from the keyboard alone, labels every control and fits a laptop screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

MAX_TABS = 60

UNLABELLED_CONTROLS = """() => [
  ...document.querySelectorAll('input, select, textarea, button, progress')]
  .filter((el) => {
    if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
    if (el.labels && el.labels.length > 0) return false;
    if (el.tagName === 'BUTTON' && el.textContent.trim()) return false;
    return true;
  })
  .map((el) => el.outerHTML.slice(0, 120))"""


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `selector` has the focus; fail if it never does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with {key}")


def test_sign_in_and_quick_check_with_the_keyboard_only(page: Page, api_key: str) -> None:
    page.goto("/")
    tab_to(page, "#api-key")
    page.keyboard.type(api_key)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Screen a spreadsheet")).to_be_focused()

    tab_to(page, "#main-nav button[data-view=quick]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Quick check", exact=True)).to_be_focused()
    tab_to(page, "#quick-name")
    page.keyboard.type("Korea Ryonbong General Corporation")
    page.keyboard.press("Enter")
    expect(page.locator("#quick-table tbody tr")).to_have_count(1)

    tab_to(page, "#quick-table button.open")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#quick-table button.open")).to_be_focused()


def test_results_controls_are_reachable_by_keyboard(job_page: Page) -> None:
    for selector in (
        "#filter-level",
        "#filter-search",
        "#job-reports button[data-format=xlsx]",
        "#results-table button.sort",
        "#results-table button.open",
    ):
        tab_to(job_page, selector)


def test_focus_is_always_visible(job_page: Page) -> None:
    invisible = []
    for _ in range(25):
        job_page.keyboard.press("Tab")
        style = job_page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                 return {tag: el.tagName, outline: s.outlineStyle, width: s.outlineWidth}; }"""
        )
        if style["tag"] != "BODY" and (style["outline"] == "none" or style["width"] == "0px"):
            invisible.append(style)
    assert invisible == []


def test_every_control_has_a_label(job_page: Page) -> None:
    job_page.get_by_role("button", name="Open Mansudae Overseas Project Group of Companies").click()
    expect(job_page.get_by_role("dialog")).to_be_visible()

    assert job_page.evaluate(UNLABELLED_CONTROLS) == []


def test_progress_is_labelled_and_announced(job_page: Page) -> None:
    expect(job_page.get_by_label("Screening progress")).to_have_attribute("max", "5")
    expect(job_page.locator("#job-progress-text")).to_have_attribute("aria-live", "polite")
    expect(job_page.locator("#job-progress-text")).to_have_text("Screening finished: 5 rows.")


def test_results_table_headers_have_scope(job_page: Page) -> None:
    headers = job_page.locator("#results-table thead th")
    expect(headers).to_have_count(9)  # Sheet and Row first
    assert set(headers.evaluate_all("(ths) => ths.map((th) => th.scope)")) == {"col"}


def test_results_page_fits_a_laptop_screen_without_sideways_scrolling(job_page: Page) -> None:
    assert job_page.evaluate("document.documentElement.scrollWidth") <= 1366
    job_page.get_by_role("button", name="Open Mansudae Overseas Project Group of Companies").click()
    expect(job_page.get_by_role("dialog")).to_be_visible()
    assert job_page.evaluate("document.documentElement.scrollWidth") <= 1366
