"""What an audit record says about a screening: counts, list versions and content hashes.

The record holds no supplier data, only sha256 digests of the input and results as stored, so an
auditor can show that a stored screening is the one that was run without the log copying it.
`results_sha256` is the digest of the results' JSON text exactly as the screening's row holds it
(records written before 2026-12-07: of that JSON re-encoded with sorted keys, `content_sha256`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from screening.supplier import Supplier


def content_sha256(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def audit_details(
    suppliers: Sequence[Supplier],
    lists: Sequence[Mapping[str, Any]],
    results_json: bytes | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """`lists` as the API reports them: [{"list", "version", ...}]; `results_json` the results
    as the screening's row stores them (encoded once for the row, this digest and the answer)."""
    details: dict[str, Any] = {
        "suppliers": len(suppliers),
        "input_sha256": content_sha256([asdict(supplier) for supplier in suppliers]),
        "lists": {str(item["list"]): str(item["version"]) for item in lists},
    }
    if results_json is not None:
        details["results_sha256"] = hashlib.sha256(results_json).hexdigest()
    details.update(extra)
    return details


def chosen_versions(
    list_versions: Sequence[Mapping[str, Any]], lists: Collection[str] | None
) -> list[dict[str, Any]]:
    """The versions, of the lists indexed (a job's `list_versions`), of the lists its upload
    chose to be screened against (`lists`; None: every one)."""
    return [
        dict(item)
        for item in list_versions
        if lists is None or str(item.get("list_id") or item.get("list")) in lists
    ]
