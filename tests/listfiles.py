"""Where the test suite finds the bundled list files and its own fixture data.

A plain module (not conftest.py) so test modules can import it: several conftest.py files exist
and `from conftest import ...` would pick whichever was imported last.
"""

from __future__ import annotations

from pathlib import Path

from screening.watchlist.registry import LIST_SOURCES

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS_DIR = REPO_ROOT / "lists"
TEST_DATA = Path(__file__).resolve().parent / "data"


def read_bundled(list_id: str) -> dict[str, bytes]:
    source = next(s for s in LIST_SOURCES if s.list_id == list_id)
    return {Path(p).name: (LISTS_DIR / p).read_bytes() for p in source.bundled}
