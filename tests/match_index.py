"""One Screener over all bundled lists, built once per test session (per xdist worker): the API
tests serve it and the matching tests use its match index, so a worker that runs both builds the
index of every list once, not twice."""

from __future__ import annotations

from collections.abc import Mapping

from screening.matching.index import MatchIndex
from screening.screener import Screener
from screening.watchlist.model import ListSnapshot
from support.serving import build_screener

_BUILT: list[Screener] = []


def shared_screener(snapshots: Mapping[str, ListSnapshot]) -> Screener:
    """The Screener of `snapshots` (the session's bundled snapshots), built on first use."""
    if not _BUILT:
        _BUILT.append(build_screener(list(snapshots.values())))
    return _BUILT[0]


def shared_index(snapshots: Mapping[str, ListSnapshot]) -> MatchIndex:
    """The match index of `snapshots` (the session's bundled snapshots), built on first use."""
    return shared_screener(snapshots).index
