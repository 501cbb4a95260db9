"""Make an evaluation set: `python -m bench.eval --set dev` (or heldout).

Writes bench/out/eval/<set>/positives.csv and negatives.csv from the lists in the shared data
directory (SCREENING_TEST_SHARED); see bench/eval/README.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bench.eval.evalset import OUT, SETS, ensure_set, summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the <set>/ folders")
    parser.add_argument("--regenerate", action="store_true", help="ignore a cached copy")
    args = parser.parse_args(argv)
    files = ensure_set(SETS[args.set], out=args.out, regenerate=args.regenerate)
    print(f"{args.set}: {files.positives.parent}")
    print(summary(files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
