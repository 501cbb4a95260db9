"""One report data model that every format (xlsx, CSV, JSON, PDF) is written from.

Plain data, so a report reads the same whether it is built straight from a screening (the CLI)
or from a job's stored rows (the API).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from screening.ingest.cells import column_letter
from screening.ingest.model import RowError, SheetMapping
from screening.supplier import Supplier

LEVELS: tuple[str, ...] = ("critical", "high", "medium", "low", "clear")
NOT_SCREENED = "not screened"
# A row's matches as reviewers decided them: none decided, every match cleared as a false
# positive, some cleared, or one confirmed as a true match.
DECISION_STATUSES: tuple[str, ...] = ("none", "cleared", "partly_cleared", "confirmed")
TOP_MATCHES_SHOWN = 3  # in the one-line "top matches" cell; every match is on the matches sheet


@dataclass(frozen=True, slots=True)
class ReportMatch:
    """One watchlist entry a supplier resembles, as a reviewer needs to see it."""

    list_id: str
    source_id: str
    entry_name: str  # the entry's primary name
    matched_name: str  # which of its names the supplier resembled
    score: float  # the name match, 0-100
    level: str  # the risk this match alone carries
    programs: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why this match carries its level
    kind: str = ""  # organization, person, vessel, aircraft
    notes: tuple[str, ...] = ()  # the matcher's evidence as short phrases
    explanation: Mapping[str, Any] = field(default_factory=dict)  # the matcher's detail, JSON
    # The reviewer's decision in force on this pair, shown with it (never stored with a job's
    # results: decisions come later and change): verdict, decided_by, decided_at, note.
    decision: Mapping[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "list_id": self.list_id,
            "source_id": self.source_id,
            "entry_name": self.entry_name,
            "matched_name": self.matched_name,
            "score": self.score,
            "level": self.level,
            "programs": list(self.programs),
            "reasons": list(self.reasons),
            "kind": self.kind,
            "notes": list(self.notes),
            "explanation": dict(self.explanation),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReportMatch:
        return cls(
            list_id=str(data["list_id"]),
            source_id=str(data["source_id"]),
            entry_name=str(data.get("entry_name", "")),
            matched_name=str(data.get("matched_name", "")),
            score=float(data.get("score", 0.0)),
            level=str(data.get("level", "")),
            programs=tuple(data.get("programs", ())),
            reasons=tuple(data.get("reasons", ())),
            kind=str(data.get("kind", "")),
            notes=tuple(data.get("notes", ())),
            explanation=dict(data.get("explanation", {})),
        )

    def label(self) -> str:
        """ "KOREA RYONBONG GENERAL CORPORATION (us-ofac-sdn 12345, 96.5)"; a vessel, aircraft or
        person says so: "DEVON (vessel, us-ofac-sdn 123, 95.0)"."""
        kind = f"{self.kind}, " if self.kind and self.kind != "organization" else ""
        return f"{self.entry_name} ({kind}{self.list_id} {self.source_id}, {self.score:.1f})"

    def decision_text(self) -> str:
        """ "false positive by key_1 on 2026-12-07: different company", "" when undecided."""
        if not self.decision:
            return ""
        verdict = self.decision.get("verdict", "").replace("_", " ")
        day = self.decision.get("decided_at", "")[:10]
        note = self.decision.get("note", "")
        return f"{verdict} by {self.decision.get('decided_by', '')} on {day}" + (
            f": {note}" if note else ""
        )


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One input row: where it was, its original cells, and what the screening found."""

    sheet: str
    row: int
    values: tuple[str, ...]  # aligned with the headers of its sheet
    supplier: Supplier
    level: str  # one of LEVELS, or NOT_SCREENED
    score: int = 0
    reasons: tuple[str, ...] = ()
    matches: tuple[ReportMatch, ...] = ()
    # With the reviewers' decisions in force: DECISION_STATUSES, and the level they leave.
    decision_status: str = "none"
    level_in_force: str = ""  # "" when no decision applies: the level stands

    @property
    def screened(self) -> bool:
        return self.level != NOT_SCREENED

    @property
    def level_now(self) -> str:
        """The level once decisions in force are applied."""
        return self.level_in_force or self.level

    def decisions_text(self) -> str:
        """Every decision on the row's matches: "<entry>: <decision>", joined by "; "."""
        return "; ".join(
            f"{match.entry_name}: {match.decision_text()}"
            for match in self.matches
            if match.decision
        )

    def top_matches(self) -> str:
        if not self.matches:
            return ""  # most rows
        return "; ".join(match.label() for match in self.matches[:TOP_MATCHES_SHOWN])


def reasons_text(reasons: Iterable[str]) -> str:
    """Reasons in one cell: sentences joined by "; ", without the full stop before each "; "."""
    return "; ".join(reason.rstrip(". ") for reason in reasons if reason.strip())


def summary_in_force(rows: Iterable[ReportRow]) -> dict[str, int]:
    """Rows per level in force, with "cleared" for rows cleared by a reviewer counted apart."""
    counts = dict.fromkeys((*LEVELS, "cleared"), 0)
    for row in rows:
        if row.decision_status == "cleared":
            counts["cleared"] += 1
        elif row.level_now in counts:
            counts[row.level_now] += 1
    return counts


@dataclass(frozen=True, slots=True)
class ListVersionInfo:
    list_id: str
    version: str
    published: date | None
    sha256: str
    name: str = ""  # "OFAC Specially Designated Nationals and Blocked Persons List"
    publisher: str = ""
    entries: int | None = None

    def age_days(self, at: datetime) -> int | None:
        """Days from the publication date to `at` (the screening), None when the files state
        no date."""
        return None if self.published is None else (at.date() - self.published).days

    def age_text(self, at: datetime) -> str:
        days = self.age_days(at)
        return "unknown (no date in the files)" if days is None else f"{days:,} days"


@dataclass(frozen=True, slots=True)
class Provenance:
    """What an auditor needs to reproduce the screening."""

    engine_version: str
    match_threshold: float
    lists: tuple[ListVersionInfo, ...]
    run_by: str
    started_at: datetime
    finished_at: datetime
    input_file: str
    input_sha256: str
    input_size: int
    job_id: str = ""  # "" for a screening run from the command line
    risk_bands: Mapping[str, Any] = field(default_factory=dict)  # level -> score range etc.
    mapping: Mapping[str, Any] = field(default_factory=dict)  # the column mapping used
    header_rows: Mapping[str, int] = field(default_factory=dict)  # sheet -> heading row


@dataclass(frozen=True, slots=True)
class ReportData:
    provenance: Provenance
    sheets: tuple[SheetMapping, ...]
    rows: Sequence[ReportRow]  # every input row, in sheet order
    errors: Sequence[RowError]
    title: str = "Supplier screening report"

    def summary(self) -> dict[str, int]:
        """Suppliers per risk level; every level present, rows not screened left out."""
        counts = dict.fromkeys(LEVELS, 0)
        for row in self.rows:
            if row.level in counts:
                counts[row.level] += 1
        return counts

    def summary_in_force(self) -> dict[str, int]:
        """Suppliers per risk level with the decisions in force applied, and "cleared": rows
        whose every match a reviewer cleared (counted apart, not as clear)."""
        return summary_in_force(self.rows)

    @property
    def not_screened(self) -> int:
        return sum(1 for row in self.rows if row.level == NOT_SCREENED)  # no property call a row

    def columns(self) -> ReportColumns:
        return ReportColumns.of(self.sheets)


@dataclass(frozen=True, slots=True)
class ReportColumns:
    """The original columns of every sheet read, merged by heading, in order of first appearance.

    Sheets of one template share their columns; a heading seen twice in one sheet, or a blank
    heading, gets its own column ("Name (2)", "Column F").
    """

    names: tuple[str, ...]
    positions: Mapping[str, tuple[int, ...]]  # sheet -> report position of each of its columns
    # Sheets whose columns are the report's first ones, in order, with how many they have: their
    # rows are spread by copying (the usual one-sheet workbook).
    in_order: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, sheets: Sequence[SheetMapping]) -> ReportColumns:
        names: list[str] = []
        index_of: dict[str, int] = {}
        positions: dict[str, tuple[int, ...]] = {}
        for sheet in sheets:
            seen: dict[str, int] = {}
            mine: list[int] = []
            for column, heading in enumerate(sheet.headers):
                label = heading or f"Column {column_letter(column)}"
                seen[label] = seen.get(label, 0) + 1
                if seen[label] > 1:
                    label = f"{label} ({seen[label]})"
                if label not in index_of:
                    index_of[label] = len(names)
                    names.append(label)
                mine.append(index_of[label])
            positions[sheet.sheet] = tuple(mine)
        in_order = {
            sheet: len(mine) for sheet, mine in positions.items() if mine == tuple(range(len(mine)))
        }
        return cls(tuple(names), positions, in_order)

    def spread_block(self, rows: Sequence[ReportRow]) -> list[Sequence[str]]:
        """The report's columns over `rows`: spread, then a list per column."""
        width = len(self.names)
        if all(self.in_order.get(row.sheet) == width == len(row.values) for row in rows):
            cells: Iterable[Sequence[str]] = [row.values for row in rows]  # as spread would
        else:
            cells = map(self.spread, rows)
        return list(zip(*cells, strict=True)) if rows else [() for _ in self.names]

    def spread(self, row: ReportRow) -> list[str]:
        """The row's values placed under the report's columns."""
        width = self.in_order.get(row.sheet)
        if width is not None:
            if len(row.values) == width == len(self.names):
                return list(row.values)
            cells = list(row.values[:width])
            cells += [""] * (len(self.names) - len(cells))
            return cells
        cells = [""] * len(self.names)
        for position, value in zip(self.positions.get(row.sheet, ()), row.values, strict=False):
            cells[position] = value
        return cells


@dataclass(frozen=True, slots=True)
class RenderedResults:
    """A report's results sheet rendered ahead, in blocks of consecutive rows (a job renders each
    chunk's rows as it screens them), and what the other sheets need to know of those rows."""

    row_count: int
    counts: Mapping[str, int]  # rows per level of LEVELS, and NOT_SCREENED
    matched_rows: Sequence[ReportRow]  # the rows with matches, in order, for the matches sheet
    blocks: Iterable[bytes]  # results_rows_xml of every row, the first block first
