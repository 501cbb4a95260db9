"""A job's stored rows and results: compressed JSON whose layout stays as it was, so rows stored
by an earlier version read back the same."""

from __future__ import annotations

import json
import zlib

from screening.jobs.codec import (
    StoredResult,
    StoredRow,
    decode_results,
    decode_rows,
    encode_results,
    encode_rows,
    unpack,
)
from screening.reports.model import ReportMatch
from screening.supplier import Supplier

ROWS = [
    StoredRow("Поставщики", 5, ("1", "ООО Ромашка", "RU"), Supplier("ООО Ромашка", "1", "RU")),
    StoredRow("Поставщики", 6, ("2", "", "DE"), None, "no supplier name in column B"),
]
MATCH = ReportMatch(
    list_id="un-sc",
    source_id="KPe.002",
    entry_name="KOREA RYONBONG GENERAL CORPORATION",
    matched_name="KOREA RYONBONG GENERAL CORPORATION",
    score=96.5,
    level="critical",
    programs=("DPRK",),
    reasons=("Name matches UN-listed KOREA RYONBONG GENERAL CORPORATION (KPe.002)",),
    kind="organization",
    notes=("exact",),
    explanation={"country": {"result": "match"}},
)
RESULTS = [
    StoredResult("clear", 0, ("No match.",), ()),
    None,
    StoredResult("critical", 99, ("Hit.",), (MATCH,)),
]


def earlier_version_blob(data: object) -> bytes:
    """How rows were stored before: json.dumps of lists, UTF-8, zlib level 1."""
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)


def test_rows_are_stored_in_the_same_layout_as_before() -> None:
    assert unpack(encode_rows(ROWS)) == [
        ["Поставщики", 5, ["1", "ООО Ромашка", "RU"], ["ООО Ромашка", "1", "RU", "", "", ""], ""],
        ["Поставщики", 6, ["2", "", "DE"], None, "no supplier name in column B"],
    ]


def test_rows_and_results_read_back_as_written() -> None:
    assert decode_rows(encode_rows(ROWS)) == ROWS
    assert decode_results(encode_results(RESULTS)) == RESULTS


def test_a_persons_date_of_birth_and_nationality_are_stored_and_read_back() -> None:
    person = Supplier("KIM Chol Ho", "C-7", "RU", date_of_birth="1975-03-02", nationality="KP")
    rows = [StoredRow("Contractors", 2, ("KIM Chol Ho", "1975-03-02", "KP"), person)]
    assert decode_rows(encode_rows(rows)) == rows


def test_rows_and_results_stored_by_an_earlier_version_read_back() -> None:
    rows = earlier_version_blob(
        [
            [
                "Поставщики",
                5,
                ["1", "ООО Ромашка", "RU"],
                ["ООО Ромашка", "1", "RU", "", "", ""],
                "",
            ],
            ["Поставщики", 6, ["2", "", "DE"], None, "no supplier name in column B"],
        ]
    )
    results = earlier_version_blob(
        [["clear", 0, ["No match."], []], None, ["critical", 99, ["Hit."], [MATCH.as_dict()]]]
    )
    assert decode_rows(rows) == ROWS
    assert decode_results(results) == RESULTS
    assert encode_rows(ROWS) == rows
    assert encode_results(RESULTS) == results
