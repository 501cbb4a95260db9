"""The audit hash chain, without a database: what verification catches and what it reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from screening.audit.chain import (
    GENESIS_HASH,
    AuditEvent,
    AuditRecord,
    ChainHead,
    Problem,
    canonical_time,
    recompute_hash,
    seal,
    verify_records,
)

START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def build_chain(length: int, chain: str = "acme") -> list[AuditRecord]:
    records: list[AuditRecord] = []
    prev_hash = GENESIS_HASH
    for number in range(1, length + 1):
        event = AuditEvent(
            chain=chain,
            actor="key-1",
            role="analyst",
            action="screening",
            subject=f"job-{number}",
            details={"suppliers": number, "lists": ["un-sc@2026-02-27-1a2b3c4d"]},
        )
        record = seal(event, number, START + timedelta(minutes=number), prev_hash)
        records.append(record)
        prev_hash = record.hash
    return records


def head_of(records: list[AuditRecord]) -> ChainHead:
    return ChainHead(last_seq=records[-1].seq, last_hash=records[-1].hash)


def test_untouched_chain_is_valid_and_names_its_head_hash() -> None:
    records = build_chain(5)
    verdict = verify_records("acme", records, head_of(records))
    assert verdict.valid
    assert verdict.records == 5
    assert verdict.head_hash == records[-1].hash


def test_empty_chain_is_valid() -> None:
    verdict = verify_records("acme", [])
    assert verdict.valid
    assert verdict.head_hash == GENESIS_HASH


def test_first_record_links_to_genesis_and_each_next_to_the_one_before() -> None:
    records = build_chain(3)
    assert records[0].prev_hash == GENESIS_HASH
    assert records[1].prev_hash == records[0].hash
    assert records[2].prev_hash == records[1].hash


def test_edited_details_are_reported_as_edited_at_that_record() -> None:
    records = build_chain(5)
    records[2] = replace(records[2], details={"suppliers": 999, "lists": []})
    verdict = verify_records("acme", records, head_of(records))
    assert not verdict.valid
    assert verdict.problem is Problem.EDITED
    assert verdict.seq == 3


def test_edited_actor_is_reported_as_edited() -> None:
    records = build_chain(3)
    records[0] = replace(records[0], actor="someone-else")
    verdict = verify_records("acme", records)
    assert (verdict.problem, verdict.seq) == (Problem.EDITED, 1)


def test_edited_record_with_recomputed_hash_breaks_the_next_link() -> None:
    records = build_chain(4)
    forged = replace(records[1], subject="job-forged")
    records[1] = replace(forged, hash=recompute_hash(forged))
    verdict = verify_records("acme", records)
    assert (verdict.problem, verdict.seq) == (Problem.BROKEN_LINK, 3)


def test_deleted_record_in_the_middle_is_reported_with_its_number() -> None:
    records = build_chain(5)
    del records[1]
    verdict = verify_records("acme", records)
    assert (verdict.problem, verdict.seq) == (Problem.DELETED, 2)
    assert "record 2 missing" in verdict.detail


def test_deleted_last_record_is_caught_by_the_chain_head() -> None:
    records = build_chain(5)
    head = head_of(records)
    verdict = verify_records("acme", records[:-1], head)
    assert (verdict.problem, verdict.seq) == (Problem.DELETED, 5)


def test_deleted_and_renumbered_records_break_the_link() -> None:
    records = build_chain(4)
    renumbered = [records[0]] + [replace(r, seq=r.seq - 1) for r in records[2:]]
    verdict = verify_records("acme", renumbered)
    assert not verdict.valid
    assert verdict.seq == 2


def test_records_whose_numbers_were_swapped_are_reported_as_edited() -> None:
    records = build_chain(4)
    swapped = [records[0], replace(records[2], seq=2), replace(records[1], seq=3), records[3]]
    verdict = verify_records("acme", swapped)
    assert (verdict.problem, verdict.seq) == (Problem.EDITED, 2)


def test_naive_and_aware_utc_times_hash_alike() -> None:
    aware = datetime(2025, 3, 1, 9, 30, 5, 123456, tzinfo=UTC)
    assert canonical_time(aware) == canonical_time(aware.replace(tzinfo=None))
    assert canonical_time(aware) == "2025-03-01T09:30:05.123456Z"


def test_verdict_serialises_for_the_api() -> None:
    records = build_chain(2)
    records[1] = replace(records[1], role="admin")
    data = verify_records("acme", records).to_dict()
    assert data["valid"] is False
    assert data["problem"] == "edited"
    assert data["seq"] == 2
