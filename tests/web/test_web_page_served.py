"""The page is served by the app itself, under a strict CSP, with every string in strings.js."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from screening.web.routes import STATIC_DIR

STRINGS_JS = STATIC_DIR / "strings.js"


def defined_string_keys() -> set[str]:
    return set(re.findall(r'^\s*"([\w.]+)":', STRINGS_JS.read_text(), re.MULTILINE))


class PageParser(HTMLParser):
    """Collects what the checks below need from index.html."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.in_script = False
        self.script_body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(attrs)
        if tag == "script":
            self.scripts.append(dict(attrs))
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_body if self.in_script else self.text).append(data)


def parsed_index() -> PageParser:
    parser = PageParser()
    parser.feed((STATIC_DIR / "index.html").read_text())
    return parser


def test_root_serves_the_page_under_a_strict_content_security_policy(
    live_server_url: str,
) -> None:
    response = httpx.get(f"{live_server_url}/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("app.js", "text/javascript"), ("strings.js", "text/javascript"), ("app.css", "text/css")],
)
def test_static_files_are_served_with_their_content_type(
    live_server_url: str, name: str, content_type: str
) -> None:
    response = httpx.get(f"{live_server_url}/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", ["routes.py", "..%2Froutes.py", "%2Eapp.js", "missing.js"])
def test_static_route_serves_nothing_outside_the_page_files(
    live_server_url: str, name: str
) -> None:
    assert httpx.get(f"{live_server_url}/static/{name}").status_code == 404


def test_page_needs_no_api_key(live_server_url: str) -> None:
    assert httpx.get(f"{live_server_url}/").status_code == 200
    assert httpx.get(f"{live_server_url}/static/app.js").status_code == 200


def test_page_has_no_inline_script_style_or_event_handler() -> None:
    page = parsed_index()
    assert page.scripts, "the page loads its script from a file"
    assert all(script.get("src") for script in page.scripts)
    assert "".join(page.script_body).strip() == ""
    names = {name for name, _ in page.attributes}
    assert "style" not in names
    assert not any(name.startswith("on") for name in names)


def test_page_scripts_never_write_html() -> None:
    for script in STATIC_DIR.glob("*.js"):
        source = script.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_index_html_holds_no_text_of_its_own() -> None:
    assert "".join(parsed_index().text).strip() == ""


def test_every_string_key_the_page_uses_is_defined_in_strings_js() -> None:
    defined = defined_string_keys()
    used = set(re.findall(r'data-i18n[\w-]*="([\w.]+)"', (STATIC_DIR / "index.html").read_text()))
    for script in STATIC_DIR.glob("*.js"):
        used |= set(re.findall(r'\bt\(\s*"([\w.]+)"', script.read_text()))
    assert used, "the page uses string keys"
    assert used - defined == set()


def test_static_folder_holds_only_page_files() -> None:
    allowed = {".html", ".js", ".css"}
    assert {path.suffix for path in Path(STATIC_DIR).iterdir()} <= allowed
