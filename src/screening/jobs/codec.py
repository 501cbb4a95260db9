"""A chunk's input rows and results as compressed JSON, and the one-character level codes.

Encoding and decoding pause the garbage collector: a chunk is a few hundred thousand small lists
and strings, none of them in a reference cycle, and collections walking them again and again
made decoding twice as slow.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from screening.gc_pause import paused_garbage_collection
from screening.reports.model import NOT_SCREENED, ReportMatch
from screening.supplier import Supplier

# Level -> the character stored per row in JobChunkResultRow.levels (its rank, clear lowest).
LEVEL_CODES: dict[str, str] = {
    "clear": "0",
    "low": "1",
    "medium": "2",
    "high": "3",
    "critical": "4",
    NOT_SCREENED: "-",
}

_COMPRESSION = 1  # fast: the rows of a 100,000-row upload are compressed in about 0.3 s


@dataclass(frozen=True, slots=True)
class StoredRow:
    """One input row of a job: a supplier to screen, or a row left out with the reason why."""

    sheet: str
    row: int
    values: tuple[str, ...]
    supplier: Supplier | None  # None: not screened
    reason: str = ""  # why it is not screened


@dataclass(frozen=True, slots=True)
class StoredResult:
    level: str
    score: int
    reasons: tuple[str, ...]
    matches: tuple[ReportMatch, ...]


def pack(data: Any) -> bytes:
    """JSON (tuples written as arrays, as lists are), UTF-8, compressed."""
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), _COMPRESSION)


def unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def encode_rows(rows: Sequence[StoredRow]) -> bytes:
    with paused_garbage_collection():
        return pack([_row_data(row) for row in rows])


def decode_rows(blob: bytes) -> list[StoredRow]:
    with paused_garbage_collection():
        return [_row_from(item) for item in unpack(blob)]


def _row_data(row: StoredRow) -> tuple[Any, ...]:
    if row.supplier is None:
        return (row.sheet, row.row, row.values, None, row.reason)
    s = row.supplier
    supplier: tuple[str, ...] = (s.name, s.ref, s.country, s.sector, s.registration_id, s.address)
    if s.date_of_birth or s.nationality:
        # A person's fields only when given: a company's row is stored as it always was.
        supplier += (s.date_of_birth, s.nationality)
    return (row.sheet, row.row, row.values, supplier, "")


def _row_from(item: list[Any]) -> StoredRow:
    sheet, row, values, supplier, reason = item
    return StoredRow(
        sheet, row, tuple(values), Supplier(*supplier) if supplier is not None else None, reason
    )


def encode_results(results: Sequence[StoredResult | None]) -> bytes:
    with paused_garbage_collection():
        return pack([None if result is None else _result_data(result) for result in results])


def _result_data(result: StoredResult) -> tuple[Any, ...]:
    matches = [match.as_dict() for match in result.matches]
    return (result.level, result.score, result.reasons, matches)


def encode_matched(pairs: Sequence[tuple[StoredRow, StoredResult]]) -> bytes:
    """Rows with their results (the rows of a chunk that have matches, for a report)."""
    with paused_garbage_collection():
        return pack([(_row_data(row), _result_data(result)) for row, result in pairs])


def decode_matched(blob: bytes) -> list[tuple[StoredRow, StoredResult]]:
    with paused_garbage_collection():
        pairs = unpack(blob)
        rows = [_row_from(row) for row, _ in pairs]
        results = _results_from([result for _, result in pairs])
    return [(row, result) for row, result in zip(rows, results, strict=True) if result is not None]


def decode_results(blob: bytes) -> list[StoredResult | None]:
    with paused_garbage_collection():
        return _results_from(unpack(blob))


def _results_from(items: list[Any]) -> list[StoredResult | None]:
    decoded: list[StoredResult | None] = []
    for item in items:
        if item is None:
            decoded.append(None)
            continue
        level, score, reasons, matches = item
        # Positional and without a generator for the usual row with no match: 100,000 of these
        # are decoded for every report.
        decoded.append(
            StoredResult(
                level,
                score,
                tuple(reasons),
                tuple(map(ReportMatch.from_dict, matches)) if matches else (),
            )
        )
    return decoded
