"""Where the test suite finds the bundled list files and its own fixture data.

A plain module (not conftest.py) so test modules can import it: several conftest.py files exist
and `from conftest import ...` would pick whichever was imported last.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from screening.watchlist.registry import LIST_SOURCES

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS_DIR = REPO_ROOT / "lists"
TEST_DATA = Path(__file__).resolve().parent / "data"
# The shared read-only folder of real publishers' files (watchlists/<list-id>/<file>), beside
# the checkout unless this setting names another. Tests read it; the repository never copies it.
SHARED_SETTING = "SCREENING_TEST_SHARED"


def shared_dir() -> Path:
    """$SCREENING_TEST_SHARED, else <repo>/../shared; the test fails, saying so, when absent."""
    path = Path(os.environ.get(SHARED_SETTING) or REPO_ROOT.parent / "shared")
    if not path.is_dir():
        pytest.fail(
            f"the shared data folder {path} is missing: set {SHARED_SETTING} to the folder "
            "holding watchlists/ (the publishers' real files)"
        )
    return path


def read_shared(relative: str) -> dict[str, bytes]:
    """{file name: bytes} of one real file under the shared folder, e.g.
    "watchlists/au-dfat/regulation8_consolidated.xlsx"."""
    path = shared_dir() / relative
    if not path.is_file():
        pytest.fail(f"{path} is missing from the shared data folder ({SHARED_SETTING})")
    return {path.name: path.read_bytes()}


def read_bundled(list_id: str) -> dict[str, bytes]:
    source = next(s for s in LIST_SOURCES if s.list_id == list_id)
    return {Path(p).name: (LISTS_DIR / p).read_bytes() for p in source.bundled}
