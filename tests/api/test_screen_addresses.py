"""The supplier's address as evidence, end to end (SQLite and PostgreSQL): POST /v1/screen with
an address in Hangul raises the OFAC match and says why in its explanation, notes and reasons; an
uploaded sheet's address column does the same in the job's results and its csv report."""

from __future__ import annotations

from typing import Any

from support.serving import Api
from support.uploads import finished_csv_upload

NAME = "Korea Ryongbong General Corp"
PYONGYANG_STREET = "평양시 보통강구역 락원동"  # Pyongyang, Pothonggang District, Rakwon-dong
SENTENCE = "the supplier's address has the street of a listed address"


OFAC_RYONBONG = ("us-ofac-sdn", "9347")


def ofac_match(result: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in result["matches"] if (m["list"], m["source_id"]) == OFAC_RYONBONG)


def test_the_same_street_raises_the_match_and_the_explanation_says_so(
    api: Api, analyst_key: str
) -> None:
    plain = api.screen(analyst_key, {"name": NAME}).json()["results"][0]
    body = api.screen(analyst_key, {"name": NAME, "address": PYONGYANG_STREET}).json()
    (result,) = body["results"]
    match = ofac_match(result)
    assert match["score"] > ofac_match(plain)["score"]
    assert match["explanation"]["address"]["result"] == "same_street"
    assert any(note.startswith(SENTENCE) for note in match["notes"])
    assert SENTENCE in " ".join(result["reasons"])


def test_an_address_in_another_country_lowers_the_match(api: Api, analyst_key: str) -> None:
    plain = ofac_match(api.screen(analyst_key, {"name": NAME}).json()["results"][0])
    body = api.screen(analyst_key, {"name": NAME, "address": "Gangnam-gu, Seoul, South Korea"})
    result = body.json()["results"][0]
    lowered = [m for m in result["matches"] if m["source_id"] == "9347"]
    assert not lowered or lowered[0]["score"] < plain["score"]
    if lowered:
        assert any("address is in KR" in note for note in lowered[0]["notes"])


def test_an_uploaded_address_column_is_evidence_in_the_results_and_report(
    api: Api, analyst_key: str
) -> None:
    job_id = finished_csv_upload(
        api.client, analyst_key, f"name,address\n{NAME},{PYONGYANG_STREET}\n"
    )
    page = api.get(f"/v1/jobs/{job_id}/results?limit=10", analyst_key).json()
    (row,) = page["results"]
    assert any(SENTENCE in note for m in row["matches"] for note in m["notes"])
    report = api.get(f"/v1/jobs/{job_id}/report?format=csv", analyst_key).text
    assert SENTENCE in report
