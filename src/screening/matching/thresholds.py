"""Score cut-offs of the matching engine, chosen on the labelled evaluation set (bench/eval).

How they were chosen (docs/matching.md, `python -m bench.evaluate`): DEFAULT_THRESHOLD is the
threshold with the highest recall whose false-positive rate on the clean look-alikes stays
within 1%; it gave the same recall on a second set of renderings made with another seed.
"""

from __future__ import annotations

# A match at or above this is reported: recall 0.984, false-positive rate 0.007 on the
# committed evaluation set (0.981 and 0.007 on the held-out one).
DEFAULT_THRESHOLD: float = 83.0

# A match at or above this is very likely the listed organisation: the look-alikes' only score
# this high is an exact name collision (Hana Bank with HANA BANKING CORPORATION), and the
# renderings that reach it are those with a romanisation, spacing or legal-form change only.
CONFIDENT_SCORE: float = 92.0
