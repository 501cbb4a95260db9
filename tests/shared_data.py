"""The shared real data beside the repository (real supplier lists, publishers' list files), read
by tests through one setting: SCREENING_TEST_SHARED, by default <repo>/../shared.

Its files are never copied into the repository; a test that needs them fails, and says why, when
the folder is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    folder = Path(os.environ.get("SCREENING_TEST_SHARED") or REPOSITORY.parent / "shared")
    if not folder.is_dir():
        pytest.fail(
            f"the shared data folder {folder} is missing: set SCREENING_TEST_SHARED to the folder "
            "that holds real_suppliers/ and watchlists/",
            pytrace=False,
        )
    return folder


def shared_file(*parts: str) -> Path:
    """A file under the shared folder; the test fails naming it when it is not there."""
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        pytest.fail(f"the shared data file {path} is missing", pytrace=False)
    return path
