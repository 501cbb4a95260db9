"""Shared fixtures: the bundled lists, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES
from screening.watchlist.snapshot import build_snapshot

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS_DIR = REPO_ROOT / "lists"
TEST_DATA = Path(__file__).resolve().parent / "data"


def read_bundled(list_id: str) -> dict[str, bytes]:
    source = next(s for s in LIST_SOURCES if s.list_id == list_id)
    return {Path(p).name: (LISTS_DIR / p).read_bytes() for p in source.bundled}


@pytest.fixture(scope="session")
def bundled_snapshots() -> dict[str, ListSnapshot]:
    """Every bundled list parsed from the shipped publishers' files, keyed by list id."""
    return {s.list_id: build_snapshot(s.list_id, read_bundled(s.list_id)) for s in LIST_SOURCES}
