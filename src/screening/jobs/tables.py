"""The job tables: an upload job, its file, its input rows in chunks, and each chunk's results.

A job is stored input rows plus chunked execution: any worker that can reach the database can
screen any chunk, and writing a chunk's results again replaces them (idempotent), so a job
interrupted anywhere is resumed without losing or doubling a row. Rows and results are kept per
chunk as compressed JSON: 100,000 single-row inserts took 2.5-4.7 s (SQLite, PostgreSQL), a few
dozen chunk rows take milliseconds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from screening.utc import utc_now


class JobRow(SQLModel, table=True):
    """One upload screened in the background; `status` is queued, running, done or failed."""

    __tablename__ = "jobs"

    id: str = Field(primary_key=True, max_length=32)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=64)
    created_by: str = Field(max_length=64)  # the uploading API key's id
    status: str = Field(index=True, max_length=16)
    created_at: datetime = Field(default_factory=utc_now, index=True)
    started_at: datetime | None = Field(default=None)
    finished_at: datetime | None = Field(default=None)

    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64)
    file_size: int
    sheet: str | None = Field(default=None, max_length=255)  # only this sheet, when asked
    threshold: float | None = Field(default=None)
    mapping_request: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # The lists the upload chose (ids); None: every list the deployment screens against.
    lists: list[str] | None = Field(default=None, sa_column=Column(JSON))

    # Filled when the file has been read:
    mapping: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    sheets: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    errors: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    chunk_count: int = 0  # 0 until the rows are stored
    rows_total: int = 0  # rows to screen
    rows_skipped: int = 0  # rows left out (no name, ...), listed in errors
    rows_done: int = 0

    # Filled when screening starts and ends:
    list_versions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    engine_version: str = Field(default="", max_length=50)
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    failure: str = Field(default="", sa_column=Column(Text, nullable=False))

    # Who is working on it: a runner holds a lease and renews it after every chunk; a job whose
    # lease has run out (its process died) is taken over by another runner.
    attempts: int = 0
    runner: str = Field(default="", max_length=100)
    lease_until: datetime | None = Field(default=None)


class JobFileRow(SQLModel, table=True):
    """The uploaded file as received, for re-reading and for its sha256 in the report."""

    __tablename__ = "job_files"

    job_id: str = Field(primary_key=True, foreign_key="jobs.id", max_length=32)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class JobChunkRow(SQLModel, table=True):
    """A run of consecutive input rows (screened and not) of one job, as compressed JSON."""

    __tablename__ = "job_chunks"

    job_id: str = Field(primary_key=True, foreign_key="jobs.id", max_length=32)
    chunk_no: int = Field(primary_key=True)
    first_seq: int  # position of the chunk's first row among all the job's input rows
    row_count: int
    rows_gz: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class JobChunkResultRow(SQLModel, table=True):
    """The results of one chunk. Written whole, replacing any earlier write of the same chunk."""

    __tablename__ = "job_chunk_results"

    job_id: str = Field(primary_key=True, foreign_key="jobs.id", max_length=32)
    chunk_no: int = Field(primary_key=True)
    # One character per input row of the chunk: its level's rank, "0" clear to "4" critical, or
    # "-" not screened. Filtering and paging by level read these few bytes, not the results.
    levels: str = Field(sa_column=Column(Text, nullable=False))
    counts: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    results_gz: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    # The chunk's report parts, made as it was screened (None if written by an older version):
    # its rows of the xlsx results sheet, compressed SpreadsheetML; its rows that have matches.
    results_xml_gz: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    matched_gz: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    written_at: datetime = Field(default_factory=utc_now)
