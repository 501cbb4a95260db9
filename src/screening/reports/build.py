"""Turn screening results and input rows into report rows, and a Screener into provenance."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any

from screening.gc_pause import paused_garbage_collection
from screening.ingest.model import InputRow, SheetMapping
from screening.reports.model import NOT_SCREENED, ListVersionInfo, ReportMatch, ReportRow
from screening.risk.model import MatchRisk, RiskLevel
from screening.risk.weights import DEFAULT_BANDS, LEVEL_SCORES
from screening.screener import Screener, ScreeningResult
from screening.supplier import Supplier
from screening.watchlist.registry import LIST_SOURCES

MAX_MATCHES_KEPT = 10  # per supplier; generic names can resemble hundreds of entries


def report_matches(result: ScreeningResult) -> tuple[ReportMatch, ...]:
    """The supplier's matches, best per entry, most serious first, with the risk each carries."""
    if not result.matches:
        return ()  # most suppliers
    risks: dict[tuple[str, str], MatchRisk] = {
        (risk.list_id, risk.source_id): risk for risk in result.risk.match_risks
    }
    best: dict[tuple[str, str], ReportMatch] = {}
    for match in result.matches:
        key = match.entry.key
        risk = risks.get(key)
        candidate = ReportMatch(
            list_id=match.entry.list_id,
            source_id=match.entry.source_id,
            entry_name=match.entry.name,
            matched_name=match.matched_name,
            score=round(float(match.score), 1),
            level=str(risk.level) if risk is not None else str(RiskLevel.CLEAR),
            programs=match.entry.programs,
            reasons=risk.reasons if risk is not None else (),
            kind=str(match.entry.kind.value),
            notes=match.notes,
            explanation=_json_safe(match.explanation),
        )
        current = best.get(key)
        if current is None or candidate.score > current.score:
            best[key] = candidate
    ordered = sorted(
        best.values(),
        key=lambda m: (-RiskLevel(m.level).rank, -m.score, m.list_id, m.source_id),
    )
    return tuple(ordered[:MAX_MATCHES_KEPT])


def _json_safe(value: Mapping[str, Any]) -> dict[str, Any]:
    """The matcher's explanation as plain JSON (it may hold tuples, enums or dataclasses)."""
    safe: dict[str, Any] = json.loads(json.dumps(dict(value), default=_plain))
    return safe


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value.value) if hasattr(value, "value") else str(value)


def report_row(row: InputRow, result: ScreeningResult) -> ReportRow:
    risk = result.risk
    # Positional: one of these per input row, and keywords cost a third more.
    return ReportRow(
        row.sheet,
        row.row,
        row.values,
        row.supplier,
        str(risk.level),
        int(risk.score),
        tuple(risk.reasons),
        report_matches(result),
    )


def report_rows(rows: Sequence[InputRow], results: Sequence[ScreeningResult]) -> list[ReportRow]:
    """report_row of each input row and its result, in order."""
    # One object per row that lives until the report is written, and no reference cycle among
    # them: collections on the way would walk all the rows built so far again and again.
    with paused_garbage_collection():
        return [report_row(row, result) for row, result in zip(rows, results, strict=True)]


def unscreened_row(sheet: str, row: int, values: tuple[str, ...], reason: str) -> ReportRow:
    """A row left out of the screening (no name, a heading inside the table...), kept in the
    report so its rows add up to the input's."""
    return ReportRow(sheet, row, values, Supplier(name=""), NOT_SCREENED, 0, (reason,))


def list_versions(screener: Screener) -> tuple[ListVersionInfo, ...]:
    sources = {source.list_id: source for source in LIST_SOURCES}
    infos = []
    for snapshot in screener.screened_snapshots():
        source = sources.get(snapshot.list_id)
        infos.append(
            ListVersionInfo(
                list_id=snapshot.list_id,
                version=snapshot.version,
                published=snapshot.published,
                sha256=snapshot.sha256,
                name=source.name if source else "",
                publisher=source.publisher if source else "",
                entries=len(snapshot.entries),
            )
        )
    return tuple(infos)


def risk_bands() -> dict[str, Any]:
    """The cut-offs that turn match scores into risk levels, as the risk model has them now."""
    return {
        "levels": {str(level): list(limits) for level, limits in LEVEL_SCORES.items()},
        "match_bands": {
            "confident": DEFAULT_BANDS.confident,
            "probable": DEFAULT_BANDS.probable,
            "possible": DEFAULT_BANDS.possible,
        },
    }


def header_rows(sheets: Sequence[SheetMapping]) -> dict[str, int]:
    return {sheet.sheet: sheet.header_row for sheet in sheets}


def merge_in_sheet_order(
    sheets: Sequence[SheetMapping], rows: Sequence[ReportRow], skipped: Sequence[ReportRow]
) -> list[ReportRow]:
    """Screened and unscreened rows together, in workbook order then row order."""
    order: Mapping[str, int] = {sheet.sheet: index for index, sheet in enumerate(sheets)}
    if not skipped:
        return list(rows)
    return sorted([*rows, *skipped], key=lambda r: (order.get(r.sheet, len(order)), r.row))
