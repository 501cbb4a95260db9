"""The API key lives in this tab's sessionStorage only: never localStorage, cookies or URLs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from screening.web.routes import STATIC_DIR


def test_api_key_is_not_in_local_storage(signed_in: Page) -> None:
    local = signed_in.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert signed_in.evaluate("localStorage.length") == 0, local


def test_api_key_is_kept_in_session_storage(signed_in: Page, api_key: str) -> None:
    assert api_key in signed_in.evaluate("Object.values(sessionStorage)")


def test_api_key_is_never_put_in_a_cookie(signed_in: Page) -> None:
    assert signed_in.context.cookies() == []


def test_api_key_never_appears_in_a_url(page: Page, api_key: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto("/")
    page.get_by_label("API key").fill(api_key)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Past jobs").click()
    expect(page.locator("#jobs-help")).not_to_be_empty()

    assert urls, "the page made requests"
    assert not [url for url in urls if api_key in url]
    assert api_key not in page.url


def test_no_page_script_touches_local_storage() -> None:
    for script in STATIC_DIR.glob("*.js"):
        assert "localStorage" not in script.read_text(), script.name


def test_sign_out_forgets_the_key(signed_in: Page) -> None:
    signed_in.get_by_role("button", name="Sign out").click()

    expect(signed_in.get_by_label("API key")).to_be_visible()
    assert signed_in.evaluate("sessionStorage.length") == 0


def test_key_survives_a_reload_of_the_same_tab(signed_in: Page) -> None:
    signed_in.reload()

    expect(signed_in.get_by_role("button", name="Sign out")).to_be_visible()


def test_wrong_key_is_refused(page: Page) -> None:
    page.goto("/")
    page.get_by_label("API key").fill("scr_not-a-real-key")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator("#sign-in-status")).to_have_text("This API key was not accepted.")
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    assert page.evaluate("sessionStorage.length") == 0
