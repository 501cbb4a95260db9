"""First start: import the list files shipped under lists/ for every list not stored yet."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.store.snapshots import ImportOutcome, import_snapshot, stored_list_ids
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES, list_source
from screening.watchlist.snapshot import build_snapshot

log = logging.getLogger(__name__)

MANIFEST = "manifest.toml"
IMPORTED_BY = "bundled"


class BundledListError(FileNotFoundError):
    def __init__(self, list_id: str, path: Path) -> None:
        super().__init__(f"bundled file of {list_id} is missing: {path}")
        self.list_id = list_id
        self.path = path


def bundled_published_dates(lists_dir: Path) -> dict[str, date]:
    """List id -> publication date, from lists/manifest.toml (for files that carry no date)."""
    path = lists_dir / MANIFEST
    if not path.exists():
        return {}
    published = tomllib.loads(path.read_text(encoding="utf-8")).get("published", {})
    return {list_id: value for list_id, value in published.items() if isinstance(value, date)}


def read_bundled_files(lists_dir: Path, list_id: str) -> dict[str, bytes]:
    """The shipped files of `list_id`, keyed by base name as the loaders expect."""
    files: dict[str, bytes] = {}
    for relative in list_source(list_id).bundled:
        path = lists_dir / relative
        if not path.is_file():
            raise BundledListError(list_id, path)
        files[path.name] = path.read_bytes()
    return files


def build_bundled_snapshot(lists_dir: Path, list_id: str) -> ListSnapshot:
    published = bundled_published_dates(lists_dir).get(list_id)
    return build_snapshot(list_id, read_bundled_files(lists_dir, list_id), published=published)


def import_missing_bundled_lists(
    engine: Engine,
    lists_dir: Path,
    *,
    on_list: Callable[[str], None] | None = None,
) -> list[ImportOutcome]:
    """Import and activate the bundled snapshot of every known list that has none stored."""
    stored = stored_list_ids(engine)
    outcomes: list[ImportOutcome] = []
    for source in LIST_SOURCES:
        if source.list_id in stored:
            continue
        if on_list is not None:
            on_list(source.list_id)
        snapshot = build_bundled_snapshot(lists_dir, source.list_id)
        outcome = import_snapshot(engine, snapshot, imported_by=IMPORTED_BY)
        log.info(
            "imported bundled %s %s (%d entries)",
            source.list_id,
            outcome.info.version,
            outcome.info.entry_count,
        )
        outcomes.append(outcome)
    return outcomes
