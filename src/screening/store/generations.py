"""The database's read generation: one counter, moved by triggers in the same transaction as any
change to API keys, case decisions or tenant lists, so that values read on every request can be
kept in a process and trusted while the counter stays where it was.

Read by every serving process (several on one machine, or several machines on one PostgreSQL):
a key revoked by any of them is committed with the counter moved, and the next request anywhere
reads the new number and asks the database again. The counter is moved by the database itself
(migration 0009), so no writer can forget it: the CLI, an admin route, a migration alike.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import Session

from screening.store.db import session_reads
from screening.store.tables import ReadGenerationRow

# The tables whose rows values kept per process are read from (migration 0009 adds a trigger
# to each).
WATCHED_TABLES = ("api_keys", "case_decisions", "tenant_list_versions", "tenant_lists")

_ROW = ReadGenerationRow.__table__  # type: ignore[attr-defined]
_CURRENT = core_select(_ROW.c.generation).where(_ROW.c.id == bindparam("id"))
ROW_ID = 1

Value = TypeVar("Value")
# More than this many values kept (a flood of unknown keys): all are let go, and read again.
MAX_KEPT = 20_000


def read_generation(connection: Connection) -> int:
    """The counter as committed now (one indexed read of one row)."""
    return int(connection.execute(_CURRENT, {"id": ROW_ID}).scalar_one())


def session_generation(session: Session) -> int:
    """The counter, read where the session's reads go (store.db.session_reads)."""
    with session_reads(session) as connection:
        return read_generation(connection)


@dataclass(slots=True)
class _Kept:
    generation: int
    values: dict[Hashable, object] = field(default_factory=dict)


class GenerationCache:
    """Values read from the database, each kept while the generation it was read under is
    current. A value must be read after the generation it is kept under: a change committed
    between the two moves the counter, so the value is asked for again at the next request."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self._kept = _Kept(-1)
        self._max_kept = max_kept

    def value(self, generation: int, key: Hashable, read: Callable[[], Value]) -> Value:
        """The value kept under `key` at `generation`, else `read()` (kept for the next)."""
        kept = self._kept
        if kept.generation != generation:
            if generation < kept.generation:  # a request that read the counter before another
                return read()
            kept = self._kept = _Kept(generation)  # one assignment: safe between threads
        if key in kept.values:
            return kept.values[key]  # type: ignore[return-value]
        value = read()
        if len(kept.values) >= self._max_kept:
            kept.values.clear()
        kept.values[key] = value
        return value
