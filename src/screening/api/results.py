"""Screening results as the API's JSON: what POST /v1/screen answers and the database keeps."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from urllib.parse import quote

import orjson

from screening.matching.explanation_text import explanation_text
from screening.matching.model import Match
from screening.screener import ListVersion, ScreeningResult


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, dates, tuples and sets as plain JSON values."""
    # Most values of an explanation are plain scalars: answered before the dataclass test (a
    # call each). The exact types only: a str or int Enum still answers its value below.
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


_PLAIN = frozenset((str, int, float, bool))


def entry_path(list_id: str, source_id: str) -> str:
    return f"/v1/lists/{quote(list_id, safe='')}/entries/{quote(source_id, safe='')}"


def match_json(match: Match) -> dict[str, Any]:
    entry = match.entry
    return {
        "list": entry.list_id,
        "source_id": entry.source_id,
        "entry_name": entry.name,
        "matched_name": match.matched_name,
        "score": round(float(match.score), 2),
        "programs": list(entry.programs),
        "kind": str(entry.kind.value),
        "explanation": jsonable(match.explanation),
        "notes": list(match.notes),
        "explanation_text": explanation_text(
            match.explanation, entry_name=entry.name, matched_name=match.matched_name
        ),
        "entry_url": entry_path(entry.list_id, entry.source_id),
    }


def result_json(result: ScreeningResult) -> dict[str, Any]:
    matches = sorted(result.matches, key=lambda m: -m.score)
    risk = result.risk
    return {
        "ref": result.supplier.ref,
        "name": result.supplier.name,
        "risk_score": round(float(risk.score), 2),
        "risk_level": jsonable(risk.level),
        "reasons": jsonable(list(risk.reasons)),
        "matches": [match_json(match) for match in matches],
    }


def list_version_json(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A list version as the API shows it, from the form it is stored in (ListVersion.as_json)."""
    return {
        "list": stored["list_id"],
        "version": stored["version"],
        "published": stored.get("published"),
        "sha256": stored["sha256"],
    }


def list_versions_json(versions: Iterable[ListVersion]) -> list[dict[str, Any]]:
    return [list_version_json(v.as_json()) for v in versions]


def json_bytes(value: Any) -> bytes:
    """Plain JSON values (as `result_json` gives them) as compact UTF-8 JSON, spelt as pydantic
    writes the API's responses: the same floats, escapes and UTC times ("...Z"), so bytes
    encoded once serve the stored row, the audit record's hash and the answer alike."""
    return orjson.dumps(value, option=orjson.OPT_UTC_Z)


def screen_response_json(
    results: bytes,
    lists: bytes,
    screened_at: datetime,
    screening_id: str,
    threshold: float,
    engine_version: str,
) -> bytes:
    """POST /v1/screen's answer (schemas.ScreenResponse, its fields in their order) around the
    results and list versions already encoded: byte for byte what validating the answer with
    the model and serialising it would give, without doing either."""
    return b"".join(
        (
            b'{"results":',
            results,
            b',"lists":',
            lists,
            b',"screened_at":',
            json_bytes(screened_at),
            b',"screening_id":',
            json_bytes(screening_id),
            b',"threshold":',
            json_bytes(float(threshold)),
            b',"engine_version":',
            json_bytes(engine_version),
            b"}",
        )
    )
