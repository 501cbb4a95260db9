"""One match index over all bundled lists, built once per test session for the matching tests."""

from __future__ import annotations

from collections.abc import Mapping

from screening.gc_pause import paused_garbage_collection
from screening.matching.index import MatchIndex
from screening.watchlist.model import ListSnapshot

_BUILT: list[MatchIndex] = []


def shared_index(snapshots: Mapping[str, ListSnapshot]) -> MatchIndex:
    """The index of `snapshots` (the session's bundled snapshots), built on first use."""
    if not _BUILT:
        with paused_garbage_collection():  # as the service builds it
            _BUILT.append(MatchIndex.build(list(snapshots.values())))
    return _BUILT[0]
