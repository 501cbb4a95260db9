"""The real list files for benchmarks and tests: read from the shared folder beside the checkout,
laid out like a mirror (`<shared>/watchlists/<list-id>/<file>`), through ONE setting,
SCREENING_TEST_SHARED (default `<repo>/../shared`). The repository holds no publisher's file."""

from __future__ import annotations

import os
from pathlib import Path

from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES, list_source
from screening.watchlist.snapshot import build_snapshot

REPO_ROOT = Path(__file__).resolve().parents[1]
LISTS_DIR = REPO_ROOT / "lists"  # the project's own list data (curated list, host risk)
SHARED_SETTING = "SCREENING_TEST_SHARED"
SHARED = Path(os.environ.get(SHARED_SETTING, str(REPO_ROOT.parent / "shared"))).resolve()
WATCHLISTS = SHARED / "watchlists"


def read_list_files(list_id: str) -> dict[str, bytes]:
    """A list's files as the service fetches them: the mirror's files of a publisher's list, the
    repository's file of a project list (dprk-labour); file name -> bytes."""
    source = list_source(list_id)
    if source.is_project_data:
        return {name: (LISTS_DIR / name).read_bytes() for name in source.formats[0].file_names}
    folder = WATCHLISTS / list_id
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (set {SHARED_SETTING})")
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def mirrored_list_ids() -> tuple[str, ...]:
    """The lists with files here, in the catalogue's order: the project's own, and every list
    the shared mirror has a folder for (it has none for uk-sanctions-list and eu-fsf: no copy
    could be had; their loaders are tested on files written to the documented layout)."""
    return tuple(
        s.list_id for s in LIST_SOURCES if s.is_project_data or (WATCHLISTS / s.list_id).is_dir()
    )


def all_snapshots() -> list[ListSnapshot]:
    """Every list with files here (mirrored_list_ids) parsed from them, in the catalogue's order."""
    return [build_snapshot(list_id, read_list_files(list_id)) for list_id in mirrored_list_ids()]
