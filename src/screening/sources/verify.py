"""Checks a fetched file set must pass before it may replace the version that serves."""

from __future__ import annotations

from datetime import date

from screening.sources.origins import FetchedSet
from screening.store.imports import ListImportError, parse_list_files
from screening.watchlist.formats import consistency_problems
from screening.watchlist.model import ListSnapshot

# A new version with more than this share fewer entries than the serving one is refused unless
# an operator forces it: a publisher's bad day (a cut file, an emptied list) must not silently
# take designations out of screening.
MAX_ENTRY_DROP = 0.10


class VerificationError(ValueError):
    """Files that must not become the serving version; the message says why."""


def verify_files(
    list_id: str,
    fetched: FetchedSet,
    *,
    published_fallback: date | None,
    active_entries: int | None,
    force: bool,
) -> ListSnapshot:
    """The snapshot the files make, once they parse, hang together and keep their size."""
    files = fetched.contents()
    format_id = fetched.format.format_id
    try:
        snapshot = parse_list_files(
            list_id, files, format_id=format_id, published_fallback=published_fallback
        )
    except ListImportError as error:
        raise VerificationError(f"refused: {error}") from error
    problems = consistency_problems(format_id, files)
    if problems:
        raise VerificationError(f"refused: {list_id}: {'; '.join(problems)}")
    count = len(snapshot.entries)
    if not force and active_entries and count < active_entries * (1 - MAX_ENTRY_DROP):
        drop = 1 - count / active_entries
        raise VerificationError(
            f"refused: {list_id} would fall from {active_entries:,} to {count:,} entries "
            f"({drop:.0%} fewer, more than {MAX_ENTRY_DROP:.0%}); an operator may force it "
            "(screening lists update --force, or POST /v1/admin/lists/{list}/update?force=true)"
        )
    return snapshot
