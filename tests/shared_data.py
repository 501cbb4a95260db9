"""The shared real data beside the repository (real supplier lists, publishers' list files), read
by tests through one setting, SCREENING_TEST_SHARED (default <repo>/../shared), which
bench/shared_data.py reads for benchmarks and tests alike.

Its files are never copied into the repository; a test that needs them fails, and says why, when
the folder is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.shared_data import SHARED, SHARED_SETTING


def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(
            f"the shared data folder {SHARED} is missing: set {SHARED_SETTING} to the folder "
            "that holds real_suppliers/ and watchlists/",
            pytrace=False,
        )
    return SHARED


def shared_file(*parts: str) -> Path:
    """A file under the shared folder; the test fails naming it when it is not there."""
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        pytest.fail(f"the shared data file {path} is missing ({SHARED_SETTING})", pytrace=False)
    return path


def read_shared(relative: str) -> dict[str, bytes]:
    """{file name: bytes} of one real file under the shared folder, e.g.
    "watchlists/au-dfat/regulation8_consolidated.xlsx"."""
    path = shared_file(relative)
    return {path.name: path.read_bytes()}
