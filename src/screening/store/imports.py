"""Importing a list from publishers' files: parse, store, activate; a bad file changes nothing."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import ParseError

from sqlalchemy.engine import Engine

from screening.gc_pause import paused_garbage_collection
from screening.store.snapshots import ImportOutcome, import_snapshot
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import list_source
from screening.watchlist.snapshot import build_snapshot

# What a loader may raise on bytes that are not the publisher's format, besides ListFormatError.
_PARSE_FAILURES = (ValueError, KeyError, IndexError, zipfile.BadZipFile, ParseError, SyntaxError)


class ListImportError(ValueError):
    """Files that cannot become a snapshot of the list; names the file (and line) when known."""

    def __init__(self, list_id: str, message: str, *, file: str = "", line: int | None = None):
        self.list_id = list_id
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if file and line is not None else file
        super().__init__(f"{list_id}: {where + ': ' if where else ''}{message}")


@dataclass(frozen=True, slots=True)
class ListImport:
    snapshot: ListSnapshot
    outcome: ImportOutcome


def parse_list_files(
    list_id: str,
    files: Mapping[str, bytes],
    *,
    published: date | None = None,
    format_id: str | None = None,
    published_fallback: date | None = None,
) -> ListSnapshot:
    """A snapshot of `list_id` from `files` (base name -> bytes), or ListImportError."""
    list_source(list_id)  # UnknownListError before any parsing
    if not files:
        raise ListImportError(list_id, "no files given")
    try:
        # a list's parse makes hundreds of thousands of objects, none in a cycle
        with paused_garbage_collection():
            snapshot = build_snapshot(
                list_id,
                files,
                published=published,
                format_id=format_id,
                published_fallback=published_fallback,
            )
    except ListFormatError as error:
        raise ListImportError(list_id, error.message, file=error.file, line=error.line) from error
    except _PARSE_FAILURES as error:
        only = next(iter(files)) if len(files) == 1 else ""
        raise ListImportError(list_id, f"not in the publisher's format ({error})", file=only) from (
            error
        )
    if not snapshot.entries:
        raise ListImportError(list_id, "the files hold no entries")
    return snapshot


def import_list_files(
    engine: Engine,
    list_id: str,
    files: Mapping[str, bytes],
    *,
    published: date | None = None,
    imported_by: str,
) -> ListImport:
    """Parse `files`, store the snapshot and make it active; nothing changes if parsing fails."""
    snapshot = parse_list_files(list_id, files, published=published)
    return ListImport(snapshot, import_snapshot(engine, snapshot, imported_by=imported_by))
