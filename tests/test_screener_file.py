"""A Screener written to a file and read back (the command line's cache, a server's workers)
screens exactly as the one that was written; a file that is not one is refused, not trusted."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from listfiles import LISTS_DIR
from screening.screener import Screener
from screening.screener_file import ScreenerFileError, read_screener_file, write_screener_file
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
    path = tmp_path / "screener.pickle"
    write_screener_file(path, small_screener)
    read_back = read_screener_file(path)
    suppliers = [Supplier("Korea Ryonbong General Corp", country="RU"), Supplier("Acme GmbH")]
    assert read_back.list_versions() == small_screener.list_versions()
    assert read_back.screen(suppliers) == small_screener.screen(suppliers)


def test_the_file_is_readable_by_its_owner_only(small_screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "screener.pickle"
    write_screener_file(path, small_screener)
    assert path.stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["screener.pickle"]  # no temporary left


def test_a_file_cut_short_is_refused(small_screener: Screener, tmp_path: Path) -> None:
    path = tmp_path / "screener.pickle"
    write_screener_file(path, small_screener)
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ScreenerFileError, match="does not hold a Screener"):
        read_screener_file(path)


def test_a_file_holding_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "screener.pickle"
    path.write_bytes(pickle.dumps({"not": "a screener"}))
    with pytest.raises(ScreenerFileError, match="holds a dict, not a Screener"):
        read_screener_file(path)
