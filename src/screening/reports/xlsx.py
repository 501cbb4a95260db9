"""The auditor's workbook: summary with a chart, every input row with its result, the matches, the
row errors and the provenance of the screening.

Results and matches are coloured by risk level with conditional formats (one rule per level, not
a fill per cell), have filters on and a frozen heading row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import DataPoint
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from screening.ingest.cells import clean_text, column_letter
from screening.reports.cell_safety import is_formula_like
from screening.reports.model import (
    LEVELS,
    NOT_SCREENED,
    RenderedResults,
    ReportColumns,
    ReportData,
    ReportRow,
    reasons_text,
)
from screening.reports.rows_xml import (
    QUOTE_STYLE_PLACEHOLDER,
    ROWS_PER_BLOCK,
    Cell,
    column_blocks_xml,
)
from screening.reports.xlsx_stream import StreamedRows, stream_rows_into

SUMMARY = "Summary"
RESULTS = "Results"
MATCHES = "Matches"
ERRORS = "Row errors"
PROVENANCE = "Provenance"

# Fills a reviewer reads at a glance: red, orange, yellow, blue, green; grey for not screened.
LEVEL_COLOURS: dict[str, str] = {
    "critical": "F4B6B6",
    "high": "F9D3A8",
    "medium": "FCEFA1",
    "low": "D6E4F5",
    "clear": "DDEFD9",
    NOT_SCREENED: "E4E4E4",
}
_CHART_COLOURS = {
    "critical": "C0392B",
    "high": "E67E22",
    "medium": "F1C40F",
    "low": "5D8AC7",
    "clear": "5E9E50",
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
_TITLE_FONT = Font(bold=True, size=14)

# The results sheet's own columns, the verdict first; the row's input columns follow.
VERDICT_HEADINGS = (
    "Sheet",
    "Row",
    "Risk level",
    "Risk score",
    "Top matches",
    "Decisions",  # the reviewers' decisions in force: verdict, who, when, note
    "Level in force",  # the level those decisions leave
    "Reasons",
)
INPUT_SUFFIX = " (input)"  # an input heading that repeats one of ours: "Row (input)"

MATCH_HEADINGS = (
    "Sheet",
    "Row",
    "Supplier",
    "Supplier ref",
    "Supplier country",
    "Supplier date of birth",  # a person's, as read: what a reviewer weighs a person match by
    "Supplier nationality",
    "Risk level",
    "List",
    "Entry id",
    "Entry name",
    "Entry kind",  # organization, person, vessel or aircraft: a company is not a ship
    "Matched name",
    "Match score",
    "Match risk",
    "Programs",
    "Reasons",
    "Decision",
)
ERROR_HEADINGS = ("Sheet", "Row", "Column", "Problem", "Screened", "Code")
RESULTS_FIRST_ROW = 2  # below the results sheet's one heading row


def write_xlsx(report: ReportData, out: IO[bytes], rendered: RenderedResults | None = None) -> None:
    """Write the workbook to a binary stream.

    `rendered`: the results sheet made ahead (results_rows_xml); `report.rows` is then not read.
    """
    columns = report.columns()
    result_headings = results_headings(columns)
    rows = _RowFacts.of(report, rendered)
    match_count = sum(len(row.matches) for row in rows.matched)
    workbook = Workbook()
    _summary_sheet(workbook.active, report, rows)
    _table_sheet(
        workbook.create_sheet(RESULTS),
        result_headings,
        rows.count,
        level_column=VERDICT_HEADINGS.index("Risk level"),
        widths={
            VERDICT_HEADINGS.index(heading): width
            for heading, width in (
                ("Sheet", 14),
                ("Row", 7),
                ("Top matches", 60),
                ("Decisions", 50),
                ("Reasons", 80),
            )
        },
    )
    _table_sheet(
        workbook.create_sheet(MATCHES),
        MATCH_HEADINGS,
        match_count,
        level_column=MATCH_HEADINGS.index("Match risk"),
        widths={
            MATCH_HEADINGS.index(heading): width
            for heading, width in (
                ("Supplier", 36),
                ("Entry name", 40),
                ("Matched name", 36),
                ("Reasons", 60),
            )
        },
    )
    _table_sheet(
        workbook.create_sheet(ERRORS),
        ERROR_HEADINGS,
        len(report.errors),
        level_column=None,
        widths={3: 90},
    )
    _provenance_sheet(workbook.create_sheet(PROVENANCE), report)
    frame = BytesIO()
    workbook.save(frame)

    if rendered is not None:
        results = StreamedRows(
            (),
            rows.count,
            len(result_headings),
            rendered=rendered.blocks,
            rendered_from=RESULTS_FIRST_ROW,
        )
    else:
        blocks = _result_columns(report.rows, columns)
        results = StreamedRows((), rows.count, len(result_headings), column_blocks=blocks)
    stream_rows_into(
        frame.getvalue(),
        out,
        {
            RESULTS: results,
            MATCHES: StreamedRows(_match_rows(rows.matched), match_count, len(MATCH_HEADINGS)),
            ERRORS: StreamedRows(_error_rows(report), len(report.errors), len(ERROR_HEADINGS)),
        },
    )


def results_headings(columns: ReportColumns) -> tuple[str, ...]:
    """The verdict's headings, then the input's; an input heading equal to one of ours (a sheet
    with its own "Row" column) is told apart so no two columns share a heading."""
    ours = {heading.casefold() for heading in VERDICT_HEADINGS}
    return (
        *VERDICT_HEADINGS,
        *(name + INPUT_SUFFIX if name.casefold() in ours else name for name in columns.names),
    )


def results_rows_xml(rows: Sequence[ReportRow], columns: ReportColumns, first_seq: int) -> bytes:
    """The results sheet's `<row>` elements for `rows`, the report's rows from the `first_seq`-th
    (0 = the first), made before the workbook: for write_xlsx's `rendered`."""
    blocks = _result_columns(rows, columns)
    first_row = RESULTS_FIRST_ROW + first_seq
    return b"".join(column_blocks_xml(blocks, first_row, QUOTE_STYLE_PLACEHOLDER))


@dataclass(frozen=True, slots=True)
class _RowFacts:
    """What the summary and matches sheets need of a report's rows."""

    count: int
    counts: dict[str, int]  # per level of LEVELS
    not_screened: int
    matched: Sequence[ReportRow]
    in_force: dict[str, int]  # per level with decisions in force, and "cleared"; {}: none known

    @classmethod
    def of(cls, report: ReportData, rendered: RenderedResults | None) -> _RowFacts:
        if rendered is None:
            matched = [row for row in report.rows if row.matches]
            return cls(
                len(report.rows),
                report.summary(),
                report.not_screened,
                matched,
                report.summary_in_force(),
            )
        # Rendered while screening, before any decision on these rows could be made.
        counts = {level: rendered.counts.get(level, 0) for level in LEVELS}
        not_screened = rendered.counts.get(NOT_SCREENED, 0)
        return cls(
            rendered.row_count,
            counts,
            not_screened,
            rendered.matched_rows,
            {**counts, "cleared": 0},
        )


def xlsx_bytes(report: ReportData) -> bytes:
    out = BytesIO()
    write_xlsx(report, out)
    return out.getvalue()


def _result_columns(
    rows: Sequence[ReportRow], columns: ReportColumns
) -> Iterator[list[Sequence[Cell]]]:
    """The results sheet's rows, a block at a time as columns: one list per column rather than
    one tuple per row of 100,000."""
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        block = rows[start : start + ROWS_PER_BLOCK]
        yield [
            [row.sheet for row in block],
            [row.row for row in block],
            [row.level for row in block],
            [row.score if row.screened else None for row in block],
            [row.top_matches() for row in block],
            [row.decisions_text() for row in block],
            [row.level_now if row.screened else "" for row in block],
            [reasons_text(row.reasons) for row in block],
            *columns.spread_block(block),
        ]


def _match_rows(rows: Sequence[ReportRow]) -> Iterator[Sequence[Cell]]:
    for row in rows:
        for match in row.matches:
            yield (
                row.sheet,
                row.row,
                row.supplier.name,
                row.supplier.ref,
                row.supplier.country,
                row.supplier.date_of_birth,
                row.supplier.nationality,
                row.level,
                match.list_id,
                match.source_id,
                match.entry_name,
                match.kind,
                match.matched_name,
                round(match.score, 1),
                match.level,
                ", ".join(match.programs),
                reasons_text(match.reasons),
                match.decision_text(),
            )


def _error_rows(report: ReportData) -> Iterator[Sequence[Cell]]:
    for error in report.errors:
        yield (
            error.sheet,
            error.row,
            error.column,
            error.message,
            "yes" if error.screened else "no",
            error.code,
        )


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """One cell written by openpyxl, never as a formula (it reads any text starting "=" as one)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = clean_text(value)  # a control character in a file name would make openpyxl fail
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, str) and is_formula_like(value):
        cell.quotePrefix = True


def _heading_row(sheet: Worksheet, headings: Sequence[str], row: int = 1) -> None:
    for column, heading in enumerate(headings, start=1):
        _put(sheet, row, column, heading)
        cell = sheet.cell(row=row, column=column)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL


def _table_sheet(
    sheet: Worksheet,
    headings: Sequence[str],
    rows: int,
    *,
    level_column: int | None,
    widths: dict[int, float],
) -> None:
    """The heading row, frozen, with filters over the rows streamed in later and level colours."""
    _heading_row(sheet, headings)
    last = column_letter(len(headings) - 1)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    for index in range(len(headings)):
        sheet.column_dimensions[column_letter(index)].width = widths.get(index, 18)
    if level_column is None or rows == 0:
        return
    level = column_letter(level_column)
    area = f"A2:{last}{rows + 1}"
    for name, colour in LEVEL_COLOURS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
        sheet.conditional_formatting.add(
            area, FormulaRule(formula=[f'${level}2="{name}"'], fill=fill, stopIfTrue=True)
        )


def _summary_sheet(sheet: Worksheet, report: ReportData, rows: _RowFacts) -> None:
    sheet.title = SUMMARY
    provenance = report.provenance
    not_screened = rows.not_screened  # counted over every row
    _put(sheet, 1, 1, report.title)
    sheet.cell(row=1, column=1).font = _TITLE_FONT
    facts = (
        ("Input file", provenance.input_file),
        ("Screened", f"{provenance.finished_at:%Y-%m-%d %H:%M} UTC by {provenance.run_by}"),
        ("Rows screened", rows.count - not_screened),
        ("Rows not screened", not_screened),
        ("Row errors", len(report.errors)),
    )
    for offset, (label, value) in enumerate(facts, start=3):
        _put(sheet, offset, 1, label)
        sheet.cell(row=offset, column=1).font = _HEADER_FONT
        _put(sheet, offset, 2, value)
    table = 9
    _heading_row(sheet, ("Risk level", "Suppliers", "With decisions in force"), row=table)
    counts = rows.counts
    in_force = rows.in_force
    for offset, level in enumerate(LEVELS, start=1):
        _put(sheet, table + offset, 1, level)
        _put(sheet, table + offset, 2, counts[level])
        _put(sheet, table + offset, 3, in_force.get(level, counts[level]))
    # Below the chart's rows: the chart reads the levels only.
    total_row = table + len(LEVELS) + 2
    _put(sheet, total_row - 1, 1, "cleared by a reviewer")
    _put(sheet, total_row - 1, 3, in_force.get("cleared", 0))
    _put(sheet, total_row, 1, "total")
    _put(sheet, total_row, 2, sum(counts.values()))
    _put(sheet, total_row, 3, sum(in_force.values()) if in_force else sum(counts.values()))
    sheet.cell(row=total_row, column=1).font = _HEADER_FONT
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 24

    chart = BarChart()
    chart.type = "col"
    chart.title = "Suppliers per risk level"
    chart.y_axis.title = "Suppliers"
    chart.legend = None
    data = Reference(sheet, min_col=2, min_row=table, max_row=table + len(LEVELS))
    categories = Reference(sheet, min_col=1, min_row=table + 1, max_row=table + len(LEVELS))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    series = chart.series[0]
    for index, level in enumerate(LEVELS):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = _CHART_COLOURS[level]
        series.dPt.append(point)
    chart.height = 8
    chart.width = 16
    sheet.add_chart(chart, "D3")


def _provenance_sheet(sheet: Worksheet, report: ReportData) -> None:
    provenance = report.provenance
    _put(sheet, 1, 1, "Provenance of this screening")
    sheet.cell(row=1, column=1).font = _TITLE_FONT
    facts: list[tuple[str, object]] = [
        ("Job", provenance.job_id or "command line"),
        ("Run by", provenance.run_by),
        ("Started (UTC)", f"{provenance.started_at:%Y-%m-%d %H:%M:%S}"),
        ("Finished (UTC)", f"{provenance.finished_at:%Y-%m-%d %H:%M:%S}"),
        ("Input file", provenance.input_file),
        ("Input file sha256", provenance.input_sha256),
        ("Input file size (bytes)", provenance.input_size),
        ("Engine version", provenance.engine_version),
        ("Match threshold (0-100)", provenance.match_threshold),
        ("Risk score bands", json.dumps(dict(provenance.risk_bands), ensure_ascii=False)),
        ("Column mapping", json.dumps(dict(provenance.mapping), ensure_ascii=False)),
        ("Heading rows", ", ".join(f"{s}: row {r}" for s, r in provenance.header_rows.items())),
    ]
    for offset, (label, value) in enumerate(facts, start=3):
        _put(sheet, offset, 1, label)
        sheet.cell(row=offset, column=1).font = _HEADER_FONT
        _put(sheet, offset, 2, value)
        sheet.cell(row=offset, column=2).alignment = Alignment(wrap_text=False)
    # A plain text cell with the quote prefix: the row streamer needs that format to exist.
    marker = len(facts) + 3
    _put(sheet, marker, 1, "Text cells starting with = + - @ are shown as text, never run.")
    sheet.cell(row=marker, column=1).quotePrefix = True

    table = marker + 2
    _heading_row(
        sheet,
        (
            "List",
            "Name",
            "Publisher",
            "Version",
            "Published",
            "Age at screening (days)",
            "Entries",
            "sha256",
        ),
        table,
    )
    for offset, version in enumerate(provenance.lists, start=1):
        values = (
            version.list_id,
            version.name,
            version.publisher,
            version.version,
            version.published.isoformat() if version.published else "not stated",
            age if (age := version.age_days(provenance.started_at)) is not None else "unknown",
            version.entries if version.entries is not None else "",
            version.sha256,
        )
        for column, value in enumerate(values, start=1):
            _put(sheet, table + offset, column, value)
    for letter, width in zip("ABCDEFGH", (26, 50, 40, 24, 12, 12, 10, 68), strict=True):
        sheet.column_dimensions[letter].width = width
