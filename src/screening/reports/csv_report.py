"""The report as one CSV table: every input row with its original columns and its result.

UTF-8 with a byte-order mark, so Excel opens Cyrillic, Hangul and Chinese names correctly. A CSV
holds one table, so each row also carries the provenance an auditor needs to trace it (job, time,
list versions, engine, threshold, the input file's sha256); the matches of a row are in one cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from screening.reports.cell_safety import csv_safe
from screening.reports.model import ReportData, ReportRow, reasons_text

RESULT_COLUMNS = (
    "risk_level",
    "risk_score",
    "top_matches",
    "decisions",
    "level_in_force",
    "reasons",
    "matches",
)
PROVENANCE_COLUMNS = (
    "job_id",
    "screened_at",
    "lists",
    "engine_version",
    "match_threshold",
    "input_sha256",
)


def write_csv(report: ReportData, out: IO[bytes]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    try:
        writer = csv.writer(text)
        for record in csv_records(report):
            writer.writerow([csv_safe(cell) for cell in record])
        text.flush()
    finally:
        text.detach()  # leave `out` open for the caller


def csv_bytes(report: ReportData) -> bytes:
    out = io.BytesIO()
    write_csv(report, out)
    return out.getvalue()


def csv_records(report: ReportData) -> Iterator[list[str]]:
    """The heading record, then one record per input row, every cell as text."""
    columns = report.columns()
    yield ["sheet", "row", *columns.names, *RESULT_COLUMNS, *PROVENANCE_COLUMNS]
    provenance = report.provenance
    constant = [
        provenance.job_id,
        provenance.finished_at.isoformat(timespec="seconds"),
        "; ".join(
            f"{v.list_id} {v.version} (published "
            f"{v.published.isoformat() if v.published else 'not stated'}, "
            f"age {v.age_text(provenance.started_at)})"
            for v in provenance.lists
        ),
        provenance.engine_version,
        f"{provenance.match_threshold:g}",
        provenance.input_sha256,
    ]
    for row in report.rows:
        yield [
            row.sheet,
            str(row.row),
            *columns.spread(row),
            row.level,
            str(row.score) if row.screened else "",
            row.top_matches(),
            row.decisions_text(),
            row.level_now if row.screened else "",
            reasons_text(row.reasons),
            _all_matches(row),
            *constant,
        ]


def _all_matches(row: ReportRow) -> str:
    return " | ".join(
        f"{m.list_id} {m.source_id} {m.entry_name} [{m.kind}] ~ {m.matched_name} "
        f"({m.score:.1f}, {m.level})"
        for m in row.matches
    )
