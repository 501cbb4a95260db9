"""How the reviewer's sentences read over a real screening: every match of a JSON report (from
`screening screen -o report.json`) turned into explanation_text, counted and checked.

    .venv/bin/python -m bench.explanation_text report.json

Prints the matches read, sentences per match, matches whose explanation gave no sentence, and any
sentence holding a raw key, an empty value or no full stop (all should be 0), then a few samples.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from screening.matching.explanation_text import explanation_text

RAW = ("missing_in_supplier", "extra_in_supplier", "romanisation:", "acronym:", "None", "null")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="a JSON report of `screening screen`")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    samples: list[list[str]] = []
    for row in report["rows"]:
        for match in row["matches"]:
            sentences = explanation_text(
                match.get("explanation") or {},
                entry_name=match["entry_name"],
                matched_name=match["matched_name"],
            )
            counts["matches"] += 1
            counts["sentences"] += len(sentences)
            counts["no sentence"] += not sentences
            counts["raw or empty"] += sum(
                any(key in s for key in RAW) or "()" in s or not s.endswith(".") for s in sentences
            )
            counts[
                f"first: {sentences[0].split(' the listed')[0]}" if sentences else "first: -"
            ] += 1
            sample = [f"{row['supplier']['name']} ~ {match['matched_name']}", *sentences]
            if len(samples) < args.samples and len(sentences) > 1 and sample not in samples:
                samples.append(sample)
    per_match = counts["sentences"] / counts["matches"] if counts["matches"] else 0.0
    print(f"matches {counts['matches']:,}, sentences per match {per_match:.2f}")
    for key in ("no sentence", "raw or empty"):
        print(f"{key}: {counts[key]}")
    for key, value in sorted(counts.items()):
        if key.startswith("first: "):
            print(f"{key[7:]}: {value}")
    for sample in samples:
        print("\n" + "\n  ".join(sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
