"""A Screener in a file: written once by the process that built it, opened by every process that
screens with it (the command line's cache, a server's processes and job workers).

The file is a match index file (screening.matching.index_file): the index's tables, entries
included, are mapped read-only, so processes opening one file share one copy in the page cache
and opening takes milliseconds. The snapshots ride along without their entries, which they read
from the index's. The file is stamped with the engine's code digest: a file written by other
code is refused, never misread, and its reader builds a new one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast, overload
from weakref import WeakKeyDictionary

from screening.engine_version import code_digest
from screening.gc_pause import paused_garbage_collection
from screening.matching.index_file import IndexFileError, open_index_file, write_index_file
from screening.screener import Screener
from screening.watchlist.model import Entry, ListSnapshot

# The file each Screener opened here was mapped from: other processes can open the same file.
_OPENED_FROM: WeakKeyDictionary[Screener, Path] = WeakKeyDictionary()


class ScreenerFileError(ValueError):
    """The file does not hold a Screener (cut short, or written by another version)."""


class EntrySlice(Sequence[Entry]):
    """A snapshot's entries: its part of the index's entries, read from the file as needed."""

    def __init__(self, entries: Sequence[Entry], start: int, stop: int) -> None:
        self._entries, self._start, self._stop = entries, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        positions = range(self._start, self._stop)[index]
        if isinstance(positions, range):
            return [self._entries[i] for i in positions]
        return self._entries[positions]

    def __iter__(self) -> Iterator[Entry]:
        entries = self._entries
        return (entries[i] for i in range(self._start, self._stop))


def _kept(screener: Screener) -> tuple[Any, ...]:
    """What the file keeps beside the index: the snapshots without their entries when the index
    holds them in the snapshots' order (a Screener built from its snapshots), else whole."""
    entries = screener.index.entries
    bare: list[tuple[ListSnapshot, int, int]] = []  # (snapshot, its entries' range or -1, -1)
    start = 0
    for snapshot in screener.official_snapshots:
        stop = start + len(snapshot.entries)
        same = stop <= len(entries) and all(
            ours is theirs
            for ours, theirs in zip(snapshot.entries, entries[start:stop], strict=True)
        )
        bare.append((replace(snapshot, entries=()), start, stop) if same else (snapshot, -1, -1))
        start = stop
    return (bare, screener.knowledge, screener.engine_version, screener.lists, screener.tenant)


def write_screener_file(path: Path, screener: Screener) -> None:
    """Write atomically: a reader sees the whole file or none."""
    # a million short-lived records, none in a cycle: collections meanwhile would only walk
    # the index again and again (2.7 s of a 4.2 s write on the 2-core machine)
    with paused_garbage_collection():
        write_index_file(path, screener.index, stamp=code_digest(), attachment=_kept(screener))


def open_screener_file(path: Path) -> Screener:
    """The Screener in `path`, its index mapped from the file; OSError when it cannot be read,
    ScreenerFileError when it is not a Screener of this version."""
    try:
        # what is not mapped is a few objects (weights, risk knowledge): no collection meanwhile
        with paused_garbage_collection():
            opened = open_index_file(path, stamp=code_digest())
    except IndexFileError as error:
        raise ScreenerFileError(f"{path} does not hold a Screener: {error}") from error
    bare, knowledge, engine_version, lists, tenant = opened.attachment
    entries = opened.index.entries
    snapshots = [
        snapshot
        if start < 0
        else replace(
            snapshot,
            # a read-only Sequence where the model says tuple: the file's entries, read lazily
            entries=cast(tuple[Entry, ...], EntrySlice(entries, start, stop)),
        )
        for snapshot, start, stop in bare
    ]
    screener = Screener(
        snapshots, opened.index, knowledge, engine_version, lists=lists, tenant=tenant
    )
    _OPENED_FROM[screener] = path
    return screener


def file_of(screener: Screener) -> Path | None:
    """The file `screener` was opened from (None: built in this process, or narrowed or given
    a tenant's lists since: another Screener)."""
    return _OPENED_FROM.get(screener)


read_screener_file = open_screener_file  # the name its callers know
