"""The audit hash chain: each record's hash covers its content and the hash of the record before.

Pure functions over plain records, so the rule that makes the log tamper-evident can be read and
tested without a database. Editing a record changes its hash; deleting one leaves a gap in the
sequence and breaks the link of the record after it; only someone who rewrites every later record
and the chain head can hide a change, which is why verify reports the head hash for an auditor to
note down and compare next time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from screening.utc import as_utc

GENESIS_HASH = "0" * 64  # the "previous hash" of the first record of every chain


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """What happened, before it is placed in a chain."""

    chain: str  # the tenant id, or SYSTEM_CHAIN for events that belong to no tenant
    actor: str  # API key id, "cli" or "system"
    role: str  # admin, analyst, auditor, or "system"
    action: str  # e.g. "screening", "upload", "report.download", "decision", "list.import"
    subject: str  # what it acted on: job id, decision id, list id and version, key id
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One record as stored: the event, its place in its chain and the two hashes."""

    chain: str
    seq: int  # 1, 2, 3... within the chain
    at: datetime  # UTC
    actor: str
    role: str
    action: str
    subject: str
    details: Mapping[str, Any]
    prev_hash: str
    hash: str


SYSTEM_CHAIN = ""  # list imports and other events no tenant owns


def canonical_time(at: datetime) -> str:
    """UTC, microseconds, always the same spelling: databases return naive or aware datetimes."""
    return as_utc(at).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_content(
    chain: str,
    seq: int,
    at: datetime,
    actor: str,
    role: str,
    action: str,
    subject: str,
    details: Mapping[str, Any],
) -> bytes:
    """The bytes a record's hash covers, apart from the previous hash: sorted-key compact JSON."""
    content = {
        "chain": chain,
        "seq": seq,
        "at": canonical_time(at),
        "actor": actor,
        "role": role,
        "action": action,
        "subject": subject,
        "details": details,
    }
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content).hexdigest()


def seal(event: AuditEvent, seq: int, at: datetime, prev_hash: str) -> AuditRecord:
    """The record that follows a chain whose last record has hash `prev_hash` and number seq-1."""
    details = json.loads(json.dumps(dict(event.details), allow_nan=False))  # JSON-able, copied
    content = canonical_content(
        event.chain, seq, at, event.actor, event.role, event.action, event.subject, details
    )
    return AuditRecord(
        chain=event.chain,
        seq=seq,
        at=at,
        actor=event.actor,
        role=event.role,
        action=event.action,
        subject=event.subject,
        details=details,
        prev_hash=prev_hash,
        hash=chain_hash(prev_hash, content),
    )


def recompute_hash(record: AuditRecord) -> str:
    content = canonical_content(
        record.chain,
        record.seq,
        record.at,
        record.actor,
        record.role,
        record.action,
        record.subject,
        record.details,
    )
    return chain_hash(record.prev_hash, content)


class Problem(StrEnum):
    EDITED = "edited"  # the record's content no longer gives its stored hash
    DELETED = "deleted"  # a number is missing from the sequence, or the head counts more records
    BROKEN_LINK = "broken_link"  # prev_hash is not the hash of the record before: reordered/forged
    HEAD_MISMATCH = "head_mismatch"  # the last record is not the one the chain head names


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    chain: str
    valid: bool
    records: int  # how many records were read
    head_hash: str  # hash of the last record read (GENESIS_HASH for an empty chain)
    problem: Problem | None = None
    seq: int | None = None  # the first record found broken (for DELETED: the first missing number)
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "chain": self.chain,
            "valid": self.valid,
            "records": self.records,
            "head_hash": self.head_hash,
            "problem": self.problem.value if self.problem else None,
            "seq": self.seq,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class ChainHead:
    """What the chain head row says: how many records the chain has had and the last hash."""

    last_seq: int
    last_hash: str


def verify_records(
    chain: str, records: Iterable[AuditRecord], head: ChainHead | None = None
) -> ChainVerdict:
    """Check one chain's records, in seq order, and report the first one that is broken.

    `head` is the chain head row, when there is one: it catches records deleted from the end,
    which leave no gap behind them.
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    for record in records:
        count += 1
        if record.seq > expected_seq:
            missing = (
                f"record {expected_seq}"
                if record.seq == expected_seq + 1
                else f"records {expected_seq}-{record.seq - 1}"
            )
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.DELETED,
                expected_seq,
                f"{missing} missing before record {record.seq}",
            )
        if record.seq < expected_seq:
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.BROKEN_LINK,
                record.seq,
                f"record {record.seq} appears again after record {expected_seq - 1}",
            )
        if recompute_hash(record) != record.hash:
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.EDITED,
                record.seq,
                f"record {record.seq} ({record.action}) does not match its hash",
            )
        if record.prev_hash != prev_hash:
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.BROKEN_LINK,
                record.seq,
                f"record {record.seq} does not follow record {record.seq - 1}",
            )
        prev_hash = record.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None:
        if head.last_seq > last_seq:
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.DELETED,
                last_seq + 1,
                f"the chain head counts {head.last_seq} records, {last_seq} remain",
            )
        if head.last_seq != last_seq or head.last_hash != prev_hash:
            return _broken(
                chain,
                count,
                prev_hash,
                Problem.HEAD_MISMATCH,
                last_seq,
                "the last record is not the one the chain head names",
            )
    return ChainVerdict(chain=chain, valid=True, records=count, head_hash=prev_hash)


def _broken(
    chain: str, count: int, head_hash: str, problem: Problem, seq: int, detail: str
) -> ChainVerdict:
    return ChainVerdict(
        chain=chain,
        valid=False,
        records=count,
        head_hash=head_hash,
        problem=problem,
        seq=seq,
        detail=detail,
    )
