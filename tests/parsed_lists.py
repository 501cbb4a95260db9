"""The bundled official lists, parsed by their own loaders once per test session.

The loader tests call the loaders directly (not through the registry or the shared
`bundled_snapshots` fixture) and share one parse of each big file between test modules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from listfiles import read_bundled
from screening.watchlist.model import ListSnapshot, ParsedList
from screening.watchlist.ofac import load_ofac_cons, load_ofac_sdn
from screening.watchlist.uk import load_uk_ofsi
from screening.watchlist.un import load_un_consolidated

LOADERS: dict[str, Callable[[Mapping[str, bytes]], ParsedList]] = {
    "us-ofac-sdn": load_ofac_sdn,
    "us-ofac-cons": load_ofac_cons,
    "un-sc": load_un_consolidated,
    "uk-ofsi": load_uk_ofsi,
}


@cache
def parsed(list_id: str) -> ParsedList:
    return LOADERS[list_id](read_bundled(list_id))


@cache
def snapshot(list_id: str) -> ListSnapshot:
    """A bare snapshot of a parsed list, for code that works on snapshots."""
    result = parsed(list_id)
    return ListSnapshot(
        list_id=list_id,
        version="test",
        published=result.published,
        sha256="",
        files=(),
        entries=result.entries,
    )
