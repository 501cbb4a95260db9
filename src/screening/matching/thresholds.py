"""Score cut-offs of the matching engine, chosen on the labelled evaluation set (bench/eval)."""

from __future__ import annotations

# Provisional until the evaluation in bench/evaluate.py sets them (see docs/matching.md).
DEFAULT_THRESHOLD: float = 80.0
CONFIDENT_SCORE: float = 92.0
