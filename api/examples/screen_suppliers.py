"""Screen a CSV of suppliers through the screening REST API; standard library only.

    python3 screen_suppliers.py suppliers.csv --url http://127.0.0.1:8000 --key "$ANALYST_KEY"

The CSV needs a `name` column; `ref`, `country`, `sector`, `registration_id` and `address` are
used when present. Rows go in batches of up to 10,000 (the API's limit per call); a 429 (rate
limit) or 503 (lists still loading) is retried after the Retry-After the server sends. Prints one
line per supplier with a match, and the stored screening ids to read back later.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

BATCH = 10_000
FIELDS = ("ref", "name", "country", "sector", "registration_id", "address")


def read_suppliers(path: str) -> Iterator[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            supplier = {f: (row.get(f) or "").strip() for f in FIELDS}
            if supplier["name"]:
                yield supplier


def call(url: str, key: str, body: dict[str, Any], attempts: int = 5) -> dict[str, Any]:
    """POST JSON with the key; waits and retries on 429 and 503."""
    data = json.dumps(body).encode("utf-8")
    for attempt in range(attempts):
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "X-API-Key": key},
        )
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                answer: dict[str, Any] = json.load(response)
                return answer
        except urllib.error.HTTPError as error:
            if error.code in (429, 503) and attempt + 1 < attempts:
                time.sleep(float(error.headers.get("Retry-After", "5")))
                continue
            problem = json.load(error).get("error", {})
            message = f"HTTP {error.code} {problem.get('code')}: {problem.get('message')}"
            raise SystemExit(message) from None
    raise SystemExit("gave up after repeated 429/503 answers")


def screen(
    base_url: str, key: str, suppliers: list[dict[str, str]], threshold: float | None = None
) -> list[dict[str, Any]]:
    """Screen every supplier, batch by batch; returns one API answer per batch."""
    answers = []
    for start in range(0, len(suppliers), BATCH):
        body: dict[str, Any] = {"suppliers": suppliers[start : start + BATCH]}
        if threshold is not None:
            body["threshold"] = threshold
        answers.append(call(f"{base_url.rstrip('/')}/v1/screen", key, body))
    return answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_file")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="an analyst key of your tenant")
    parser.add_argument("--threshold", type=float, help="match threshold 0-100")
    args = parser.parse_args()
    suppliers = list(read_suppliers(args.csv_file))
    for answer in screen(args.url, args.key, suppliers, args.threshold):
        for result in answer["results"]:
            if result["matches"]:
                best = result["matches"][0]
                print(
                    f"{result['ref']}\t{result['risk_level']}\t{result['name']}\t"
                    f"{best['list']} {best['source_id']} {best['entry_name']} ({best['score']})"
                )
        print(
            f"screening {answer['screening_id']}: {len(answer['results'])} suppliers, lists "
            + ", ".join(f"{v['list']} {v['version']}" for v in answer["lists"]),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
