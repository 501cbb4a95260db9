"""A page opened while the server still has no lists: it says how far the server is, tries again
by itself, and goes on once the lists are in; the console then prints one line with the address."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mirror_server import copy_mirror
from support.waiting import wait_until
from support.web import (
    READY_WAIT_SECONDS,
    WEB_MIRRORED,
    LiveServer,
    laptop_tab,
    running_server,
    sign_in,
)


@pytest.fixture(scope="module")
def cold_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose mirror is empty at start: it answers, and waits for its lists."""
    data_dir = tmp_path_factory.mktemp("cold-server")
    mirror = data_dir / "mirror"
    mirror.mkdir()
    with running_server(data_dir, mirror, ready=False) as server:
        yield server


@pytest.fixture
def cold_page(browser: Browser, cold_server: LiveServer) -> Iterator[Page]:
    with laptop_tab(browser, cold_server.base_url) as tab:
        yield tab


def test_the_page_waits_for_the_lists_and_goes_on_by_itself(
    cold_page: Page, cold_server: LiveServer
) -> None:
    cold_page.goto("/")
    sign_in(cold_page, cold_server.api_key)
    banner = cold_page.locator("#loading")
    expect(banner).to_contain_text("Getting ready: waiting for lists")
    expect(cold_page.get_by_text("see GET /readyz")).to_have_count(0)
    assert "ready: open" not in cold_server.log.read_text(errors="replace")

    shutil.rmtree(cold_server.mirror)
    copy_mirror(cold_server.mirror, WEB_MIRRORED)  # the lists arrive; nobody touches the page

    expect(banner).to_be_hidden(timeout=READY_WAIT_SECONDS * 1000)
    expect(cold_page.locator("#list-status")).to_be_visible()
    # The server prints its address once the lists serve: after /readyz first says ready (which
    # hid the banner), so wait for the line rather than read the log at that very moment.
    ready = wait_until(lambda: ready_lines(cold_server), "the server to print its address")
    assert ready == [f"ready: open {cold_server.base_url}"]


def ready_lines(server: LiveServer) -> list[str]:
    printed = server.log.read_text(errors="replace").splitlines()
    return [line for line in printed if line.startswith("ready: open ")]
