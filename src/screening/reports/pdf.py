"""The signed-off summary for the file: one or two pages with the counts per risk level, the
critical and high suppliers, the provenance, and lines for the reviewer's name, date and signature.

Font: Noto Sans CJK, one face for Latin, Cyrillic, Hangul and Chinese, embedded with the glyphs
the report uses (screening.reports.fonts), so Korean names read the same on any machine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from io import BytesIO
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from screening.ingest.cells import clean_text
from screening.reports.fonts import report_fonts
from screening.reports.model import LEVELS, ReportData, ReportRow
from screening.reports.xlsx import LEVEL_COLOURS

MAX_LISTED = 40  # critical and high suppliers named on the summary; the workbook has all


def _markup(text: str) -> str:
    """Paragraph markup: the text cleaned and escaped."""
    return escape(clean_text(text))


def _flagged_rows(rows: Sequence[ReportRow]) -> list[ReportRow]:
    flagged = [row for row in rows if row.level in ("critical", "high")]
    flagged.sort(key=lambda row: (LEVELS.index(row.level), -row.score, row.sheet, row.row))
    # Rows a reviewer decided stay listed, with the decision: the summary is what was signed off.
    return flagged


def _strings(value: object) -> Iterator[str]:
    """Every string inside a report value: the characters its font must hold."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _strings(getattr(value, item.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def write_pdf(report: ReportData, out: IO[bytes]) -> None:
    printed = [report.title, report.provenance, _flagged_rows(report.rows)[:MAX_LISTED]]
    regular, bold = report_fonts(_strings(printed))
    styles = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=styles["BodyText"], fontName=regular, fontSize=9, leading=11.5
    )
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    heading = ParagraphStyle(
        "heading",
        parent=styles["Heading2"],
        fontName=bold,
        fontSize=12,
        spaceBefore=8,
        spaceAfter=4,
    )
    title = ParagraphStyle("title", parent=styles["Title"], fontName=bold, fontSize=16)
    p = report.provenance

    story: list[object] = [
        Paragraph(_markup(report.title), title),
        Paragraph(
            _markup(
                f"Input file: {p.input_file} ({p.input_size:,} bytes). "
                f"Screened {p.finished_at:%Y-%m-%d %H:%M} UTC by {p.run_by}."
            ),
            body,
        ),
        Paragraph(f"Input file sha256: {p.input_sha256}", small),
        Spacer(1, 4 * mm),
        Paragraph("Suppliers per risk level", heading),
        _counts_table(report, regular, bold),
        Spacer(1, 2 * mm),
        Paragraph(
            f"{len(report.rows) - report.not_screened:,} rows screened, "
            f"{report.not_screened:,} not screened, {len(report.errors):,} row errors "
            "(listed in the workbook's Row errors sheet).",
            body,
        ),
        Paragraph("Critical and high suppliers", heading),
        *_flagged(report.rows, body, small, bold),
        Paragraph("Provenance", heading),
        Paragraph(
            _markup(
                f"Engine {p.engine_version}; match threshold {p.match_threshold:g}; "
                f"job {p.job_id or 'run from the command line'}; "
                f"started {p.started_at:%Y-%m-%d %H:%M:%S} UTC."
            ),
            body,
        ),
        _lists_table(report, small, bold),
        Spacer(1, 8 * mm),
        Paragraph("Review and sign-off", heading),
        Paragraph(
            "I have reviewed the critical and high results above and the decisions taken on them.",
            body,
        ),
        Spacer(1, 4 * mm),
        _sign_off_table(regular),
    ]
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=report.title,
        author=p.run_by,
        subject=f"Supplier screening of {p.input_file}",
    )
    document.build(story)


def pdf_bytes(report: ReportData) -> bytes:
    out = BytesIO()
    write_pdf(report, out)
    return out.getvalue()


def _counts_table(report: ReportData, regular: str, bold: str) -> Table:
    counts = report.summary()
    in_force = report.summary_in_force()
    data = [
        ["Risk level", "Suppliers", "With decisions in force"],
        *[[level, f"{counts[level]:,}", f"{in_force[level]:,}"] for level in LEVELS],
        ["cleared by a reviewer", "", f"{in_force['cleared']:,}"],
        ["total", f"{sum(counts.values()):,}", f"{sum(in_force.values()):,}"],
    ]
    table = Table(data, colWidths=(40 * mm, 30 * mm, 44 * mm), hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("FONTNAME", (0, -1), (-1, -1), bold),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ]
    for index, level in enumerate(LEVELS, start=1):
        style.append(
            ("BACKGROUND", (0, index), (-1, index), colors.HexColor(f"#{LEVEL_COLOURS[level]}"))
        )
    table.setStyle(TableStyle(style))
    return table


def _flagged(
    rows: Sequence[ReportRow], body: ParagraphStyle, small: ParagraphStyle, bold: str
) -> list[object]:
    flagged = _flagged_rows(rows)
    if not flagged:
        return [Paragraph("None.", body)]
    data = [["Level", "Supplier", "Where", "Best match"]]
    for row in flagged[:MAX_LISTED]:
        best = row.matches[0].label() if row.matches else "; ".join(row.reasons[:1])
        decided = row.decisions_text()
        if decided:
            best += f" — decided: {decided}"
        level = row.level if row.level_now == row.level else f"{row.level} → {row.level_now}"
        data.append(
            [
                Paragraph(_markup(level), small),
                Paragraph(_markup(row.supplier.name), small),
                Paragraph(_markup(f"{row.sheet}, row {row.row}"), small),
                Paragraph(_markup(best), small),
            ]
        )
    table = Table(data, colWidths=(16 * mm, 54 * mm, 40 * mm, 68 * mm), hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("FONTSIZE", (0, 0), (-1, 0), 8),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    more: list[object] = []
    if len(flagged) > MAX_LISTED:
        more = [Paragraph(f"… and {len(flagged) - MAX_LISTED:,} more in the workbook.", body)]
    return [table, *more]


def _lists_table(report: ReportData, small: ParagraphStyle, bold: str) -> Table:
    data: list[list[object]] = [["List", "Version", "Published", "Age", "sha256"]]
    started = report.provenance.started_at
    for version in report.provenance.lists:
        age = version.age_days(started)
        data.append(
            [
                Paragraph(_markup(version.name or version.list_id), small),
                Paragraph(escape(version.version), small),
                version.published.isoformat() if version.published else "not stated",
                f"{age:,} d" if age is not None else "unknown",
                Paragraph(version.sha256, small),
            ]
        )
    widths = (52 * mm, 38 * mm, 18 * mm, 14 * mm, 56 * mm)
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _sign_off_table(regular: str) -> Table:
    line = "_" * 38
    data = [["Reviewer name", line], ["Role", line], ["Date", line], ["Signature", line]]
    table = Table(data, colWidths=(35 * mm, 90 * mm), rowHeights=10 * mm, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table
