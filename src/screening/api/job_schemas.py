"""Response bodies of the upload and job routes: part of the published contract (api/openapi.json).

Field names are fixed once published: add fields, never rename them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from screening.api.schemas import ListVersionOut, MatchOut

JobStatusName = Literal["queued", "running", "done", "failed"]


class UploadAccepted(BaseModel):
    job_id: str = Field(description="Follow the job at GET /v1/jobs/{job_id}.")
    status: JobStatusName


class LevelCounts(BaseModel):
    critical: int
    high: int
    medium: int
    low: int
    clear: int


class LevelCountsInForce(LevelCounts):
    cleared: int = Field(
        description="Rows whose every match a reviewer cleared as a false positive: counted "
        "here, not under `clear`."
    )


class JobError(BaseModel):
    sheet: str = Field(description="Sheet name; for a CSV file, the file's name.")
    row: int | None = Field(description="Row number as the spreadsheet shows it; null: the sheet.")
    column: str | None = Field(description="Column letter; null: the whole row or sheet.")
    message: str
    code: str = Field(
        description="no_name, merged_cell, section_heading, formula, too_long, unknown_country, "
        "sheet_skipped, mapping, encoding or more_errors."
    )


class JobSheet(BaseModel):
    sheet: str
    header_row: int = Field(description="The heading row found (or given), from 1.")
    headers: list[str] = Field(description="Every heading of that row, in column order.")
    mapping: dict[str, str] = Field(description="Supplier field -> heading of its column.")


class JobFile(BaseModel):
    name: str
    sha256: str
    size: int


class JobLinks(BaseModel):
    self_: str = Field(alias="self")
    results: str
    reports: dict[str, str] = Field(description="Report format -> its download path.")


class JobOut(BaseModel):
    job_id: str
    status: JobStatusName
    rows_total: int = Field(description="Rows to screen (known once the file has been read).")
    rows_done: int = Field(description="Rows screened so far.")
    rows_skipped: int = Field(description="Rows left out (no name...); each is in `errors`.")
    summary: LevelCounts = Field(description="Suppliers per risk level, so far.")
    summary_in_force: LevelCountsInForce | None = Field(
        default=None,
        description="Suppliers per risk level once the tenant's decisions in force are applied "
        "(level_in_force), cleared rows apart; null until the job is done.",
    )
    errors: list[JobError] = Field(description="Row errors: the rows stay, the job goes on.")
    mapping: dict[str, Any] = Field(
        description='The column mapping used, as POST /v1/uploads takes it: {"name": "<heading>",'
        ' ..., "sector": null}, every field with its column or null when not read; or {"sheets": '
        '{"<sheet>": {...}}} when sheets differ. Correct a field and upload again: a correction '
        "changes only the fields it names."
    )
    columns: list[str] = Field(description="The headings of every sheet read, without repeats.")
    sheets: list[JobSheet]
    file: JobFile
    sheet: str | None = Field(description="The one sheet asked for, if any.")
    threshold: float | None = Field(description="The match threshold applied (set at the start).")
    created_by: str = Field(description="Id of the API key that uploaded (never the key).")
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    failure: str | None = Field(description="Why the job failed, when it did.")
    engine_version: str | None
    lists: list[ListVersionOut] = Field(description="The list versions screened against.")
    links: JobLinks


class JobSummaryOut(BaseModel):
    job_id: str
    status: JobStatusName
    file_name: str
    created_at: datetime | None
    finished_at: datetime | None
    rows_total: int
    rows_done: int
    summary: LevelCounts


class JobsPage(BaseModel):
    jobs: list[JobSummaryOut] = Field(description="Newest first.")
    total: int
    limit: int
    offset: int


class DecisionShown(BaseModel):
    id: str = Field(description="The decision's id (GET /v1/decisions).")
    verdict: Literal["true_match", "false_positive"]
    decided_by: str = Field(description="Id of the API key that decided (never the key).")
    decided_at: datetime
    note: str


class JobMatchOut(MatchOut):
    level: str = Field(description="The risk this match alone carries, as screened.")
    reasons: list[str] = Field(description="Why this match carries that risk.")
    decision: DecisionShown | None = Field(
        default=None,
        description="The reviewer's decision in force on this supplier-entry pair, if any: it "
        "holds while the supplier's name, country and registration id are those decided on.",
    )


class SupplierRead(BaseModel):
    name: str
    ref: str
    country: str = Field(description="ISO 3166-1 alpha-2, or empty.")
    sector: str
    registration_id: str
    address: str
    date_of_birth: str = Field(
        default="", description="A person's: ISO 8601 date, month or year, or empty."
    )
    nationality: str = Field(default="", description="A person's: ISO 3166-1 alpha-2, or empty.")


class JobResultOut(BaseModel):
    seq: int = Field(description="Position among all input rows of the job, from 0.")
    sheet: str
    row: int
    ref: str
    name: str
    supplier: SupplierRead = Field(description="The supplier as read from the row.")
    values: dict[str, str] = Field(description="The row's cells, by heading.")
    risk_level: str = Field(description="clear, low, medium, high or critical, as screened.")
    risk_score: float = Field(description="0-100.")
    reasons: list[str]
    matches: list[JobMatchOut] = Field(description="Most serious first.")
    decision_status: Literal["none", "cleared", "partly_cleared", "confirmed"] = Field(
        default="none",
        description="The decisions in force on the row's matches: none, cleared (every match a "
        "false positive), partly_cleared, or confirmed (a true match).",
    )
    level_in_force: str = Field(
        default="",
        description="The level once those decisions apply (confirmed: critical; cleared: clear; "
        "partly cleared: the highest undecided match); the same as risk_level when none does.",
    )


class JobResultsPage(BaseModel):
    job_id: str
    status: JobStatusName
    total: int = Field(description="Results matching `level` so far, for counting pages.")
    offset: int
    limit: int
    level: str | None
    results: list[JobResultOut]


class PreviewRow(BaseModel):
    sheet: str
    row: int
    values: list[str]
    supplier: SupplierRead


class NameColumnOut(BaseModel):
    column: str = Field(description="The column's letter, e.g. `C`.")
    heading: str
    reason: str = Field(
        description='What its cells hold: "e_full_name: 567 distinct values in 623 rows, '
        'legal forms in 92%".'
    )


class NameChoiceOut(BaseModel):
    """Why this column was read as the supplier names rather than the next best one."""

    chosen: NameColumnOut
    runner_up: NameColumnOut | None = Field(description="The next best column, if any.")


class PreviewSheet(BaseModel):
    sheet: str
    header_row: int
    columns: list[str]
    mapping: dict[str, Any]
    name_choice: NameChoiceOut | None = Field(
        default=None,
        description="How the name column was chosen, by heading and content; null when the "
        "mapping names it.",
    )


class PreviewOut(BaseModel):
    file_name: str
    sheets: list[str] = Field(description="Every worksheet of the file.")
    sheet: str = Field(description="The first sheet read; `columns` and `mapping` are its.")
    header_row: int
    columns: list[str]
    mapping: dict[str, Any] = Field(
        description="The first sheet's mapping, ready to correct: every field with its column "
        "or null. A correction changes only the fields it names."
    )
    name_choice: NameChoiceOut | None = Field(
        default=None, description="The first sheet's name column: the choice and its runner-up."
    )
    sheets_read: list[PreviewSheet] = Field(description="Every sheet that would be read.")
    rows_total: int
    rows_skipped: int
    rows: list[PreviewRow] = Field(description="The first rows as they would be read.")
    errors: list[JobError] = Field(description="The first row errors.")
    encoding: str | None = Field(description="CSV: the encoding found.")
    delimiter: str | None = Field(description="CSV: the separator found.")
