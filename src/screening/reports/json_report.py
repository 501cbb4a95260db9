"""The report as one JSON document: provenance, summary, sheets, every row and every row error.

Written row by row, so a report of 100,000 rows is never one string in memory.
"""

from __future__ import annotations

import io
import json
from typing import IO, Any

from screening.ingest.model import supplier_json
from screening.reports.model import ReportColumns, ReportData, ReportRow

FORMAT_VERSION = 1


def write_json(report: ReportData, out: IO[bytes]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", write_through=False)
    try:
        head = {
            "format_version": FORMAT_VERSION,
            "title": report.title,
            "provenance": provenance_dict(report),
            "summary": report.summary(),
            "summary_in_force": report.summary_in_force(),
            "not_screened": report.not_screened,
            "sheets": [
                {
                    "sheet": sheet.sheet,
                    "header_row": sheet.header_row,
                    "headers": list(sheet.headers),
                    "columns": {f: i for f, i in sheet.columns.items()},
                }
                for sheet in report.sheets
            ],
        }
        encoded = json.dumps(head, ensure_ascii=False, indent=1)
        text.write(encoded[: encoded.rindex("}")].rstrip() + ',\n "rows": [\n')
        columns = report.columns()
        for index, row in enumerate(report.rows):
            separator = ",\n" if index else ""
            text.write(separator + json.dumps(row_dict(row, columns), ensure_ascii=False))
        text.write('\n ],\n "errors": [\n')
        for index, error in enumerate(report.errors):
            separator = ",\n" if index else ""
            entry = {**error.as_dict(), "screened": error.screened}
            text.write(separator + json.dumps(entry, ensure_ascii=False))
        text.write("\n ]\n}\n")
        text.flush()
    finally:
        text.detach()


def json_bytes(report: ReportData) -> bytes:
    out = io.BytesIO()
    write_json(report, out)
    return out.getvalue()


def provenance_dict(report: ReportData) -> dict[str, Any]:
    p = report.provenance
    return {
        "job_id": p.job_id or None,
        "run_by": p.run_by,
        "started_at": p.started_at.isoformat(),
        "finished_at": p.finished_at.isoformat(),
        "input_file": p.input_file,
        "input_sha256": p.input_sha256,
        "input_size": p.input_size,
        "engine_version": p.engine_version,
        "match_threshold": p.match_threshold,
        "risk_bands": dict(p.risk_bands),
        "mapping": dict(p.mapping),
        "header_rows": dict(p.header_rows),
        "lists": [
            {
                "list_id": v.list_id,
                "name": v.name,
                "publisher": v.publisher,
                "version": v.version,
                "published": v.published.isoformat() if v.published else None,
                "age_days_at_screening": v.age_days(p.started_at),
                "sha256": v.sha256,
                "entries": v.entries,
            }
            for v in p.lists
        ],
    }


def row_dict(row: ReportRow, columns: ReportColumns) -> dict[str, Any]:
    values = columns.spread(row)
    mine = set(columns.positions.get(row.sheet, ()))
    return {
        "sheet": row.sheet,
        "row": row.row,
        "values": {columns.names[i]: values[i] for i in sorted(mine)},
        "supplier": supplier_json(row.supplier),
        "level": row.level,
        "score": row.score if row.screened else None,
        "reasons": list(row.reasons),
        "matches": [
            {**match.as_dict(), "decision": dict(match.decision) if match.decision else None}
            for match in row.matches
        ],
        "decision_status": row.decision_status,
        "level_in_force": row.level_now,
    }
