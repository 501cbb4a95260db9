"""A Screener written to a file and opened again (the command line's cache, a server's processes
and workers) screens exactly as the one that was written; a file that is not one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from listfiles import LISTS_DIR
from screening.screener import Screener
from screening.screener_file import (
    ScreenerFileError,
    open_screener_file,
    read_screener_file,
    write_screener_file,
)
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE


@pytest.fixture(scope="module")
def small_screener(bundled_snapshots: dict[str, ListSnapshot]) -> Screener:
    """The curated labour list alone: small enough to build in a moment."""
    host_risk = (LISTS_DIR / HOST_RISK_FILE).read_bytes()
    return Screener.from_snapshots([bundled_snapshots["dprk-labour"]], host_risk)


def test_a_screener_read_back_screens_like_the_one_written(
    small_screener: Screener, tmp_path: Path
) -> None:
    path = tmp_path / "screener.index"
    write_screener_file(path, small_screener)
    read_back = read_screener_file(path)
    suppliers = [Supplier("Korea Ryonbong General Corp", country="RU"), Supplier("Acme GmbH")]
    assert read_back.list_versions() == small_screener.list_versions()
    assert read_back.screen(suppliers) == small_screener.screen(suppliers)


def test_the_file_is_readable_by_its_owner_only(small_screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "screener.index"
    write_screener_file(path, small_screener)
    assert path.stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["screener.index"]  # no temporary left


def test_a_file_cut_short_is_refused(small_screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "screener.index"
    write_screener_file(path, small_screener)
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ScreenerFileError, match="does not hold a Screener"):
        open_screener_file(path)


def test_a_file_holding_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "screener.index"
    path.write_bytes(b"\x80\x05 a pickle of something else")
    with pytest.raises(ScreenerFileError, match="does not hold a Screener"):
        open_screener_file(path)


def test_a_screener_opened_from_its_file_keeps_its_chosen_lists(
    small_screener: Screener, tmp_path: Path
) -> None:
    path = tmp_path / "screener.index"
    narrowed = small_screener.narrowed([])  # no list chosen: none screened
    write_screener_file(path, narrowed)
    assert open_screener_file(path).lists == narrowed.lists


def test_a_screener_opened_from_a_file_can_be_written_again(
    small_screener: Screener, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.index", tmp_path / "second.index"
    write_screener_file(first, small_screener)
    write_screener_file(second, open_screener_file(first))
    suppliers = [Supplier("Korea Ryonbong General Corp", country="RU"), Supplier("Acme GmbH")]
    again = open_screener_file(second)
    assert again.screen(suppliers) == small_screener.screen(suppliers)
    assert [len(s.entries) for s in again.snapshots] == [
        len(s.entries) for s in small_screener.snapshots
    ]
