"""The public name-matching yardstick: OpenSanctions' 826 labelled name pairs, scored with the
engine. `.venv/bin/python -m bench.name_bench`

    .venv/bin/python -m bench.name_bench              # figures, and logic-v2's beside them
    .venv/bin/python -m bench.name_bench --failures   # also the dev half's pairs got wrong

The pairs are split once, by a hash of each pair, into two fixed halves: "dev", whose failures
may be read to find their causes, and "held-out", which is only ever counted (the engine is not
tuned on it). Figures are given for all pairs and for each half.

Each pair is scored as screening scores a supplier whose name cell is `name1` against a listed
entry named `name2` of the pair's schema, knowing nothing else of either
(`screening.matching.pair.judge_pair`, word weights of all bundled lists): the cell read as a
sheet's is, both names normalised as screening does, and a match resting on one short word held
below the threshold as screening holds it when no country or identifier speaks for it. It
counts as a match at the default threshold. The cases are read from the shared folder
(../shared/benchmarks/opensanctions-name-bench/, see bench/shared_data.py), never copied.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.eval.sources import load_snapshots
from bench.shared_data import SHARED
from screening.matching.index import MatchIndex
from screening.matching.pair import PairJudgement, judge_pair
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.watchlist.model import EntryKind

BENCH_DIR = SHARED / "benchmarks" / "opensanctions-name-bench"
CASES = BENCH_DIR / "name_bench_cases.csv"
LOGIC_V2 = BENCH_DIR / "name_bench_logicv2-frozen.csv"
LOGIC_V2_THRESHOLD = 0.70  # yente's default cut-off for logic-v2
# The benchmark's schemas as the lists' kinds of entry (a LegalEntity may be either: as an
# organisation, since only a name that may be a person's is compared with persons anyway).
KINDS = {
    "Person": EntryKind.PERSON,
    "Company": EntryKind.ORGANIZATION,
    "Organization": EntryKind.ORGANIZATION,
    "LegalEntity": EntryKind.ORGANIZATION,
    "Vessel": EntryKind.VESSEL,
}


@dataclass(frozen=True, slots=True)
class Case:
    group: str
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str

    @property
    def half(self) -> str:
        """The fixed half the pair is in: "dev" or "held-out" (see the module's docstring)."""
        key = f"{self.schema}|{self.name1}|{self.name2}".encode()
        return "dev" if hashlib.sha256(key).digest()[0] % 2 == 0 else "held-out"


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected:
            self.tp, self.fn = self.tp + predicted, self.fn + (not predicted)
        else:
            self.fp, self.tn = self.fp + predicted, self.tn + (not predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        n = self.tp + self.fp + self.fn + self.tn
        return (
            f"{label:<26} {n:>4}  P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (TP {self.tp} FP {self.fp} FN {self.fn} TN {self.tn})"
        )


def read_cases(text: str) -> list[Case]:
    return [
        Case(
            group=row["case_group"],
            schema=row["schema"],
            name1=row["name1"],
            name2=row["name2"],
            is_match=row["is_match"].strip().lower() == "true",
            quality=row["quality"],
            category=row["category"],
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


def read_logic_v2(text: str) -> dict[tuple[str, str, str], bool]:
    """logic-v2's prediction at its default threshold, by (schema, name1, name2)."""
    return {
        (row["schema"], row["name1"], row["name2"]): float(row["score"]) >= LOGIC_V2_THRESHOLD
        for row in csv.DictReader(io.StringIO(text))
    }


def judge_cases(index: MatchIndex, cases: Iterable[Case]) -> list[PairJudgement]:
    return [
        judge_pair(index, case.name1, case.name2, KINDS.get(case.schema, EntryKind.ORGANIZATION))
        for case in cases
    ]


def report(cases: Sequence[Case], predicted: Sequence[bool], label: str) -> dict[str, Counts]:
    """Print overall, per-schema and per-quality counts; return them by group label."""
    groups: dict[str, Counts] = defaultdict(Counts)
    for case, guess in zip(cases, predicted, strict=True):
        kind = "person" if case.schema == "Person" else "non-person"
        for key in (
            "all",
            f"half {case.half}",
            f"half {case.half} {kind}",
            f"schema {case.schema}",
            f"quality {case.quality}",
        ):
            groups[key].add(case.is_match, guess)
    print(f"== {label}")
    for key in sorted(groups, key=lambda key: (key != "all", key)):
        print(groups[key].line(key))
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument(
        "--failures", action="store_true", help="print the dev half's pairs got wrong"
    )
    args = parser.parse_args(argv)
    cases = read_cases(CASES.read_text(encoding="utf-8"))
    index = MatchIndex.build(load_snapshots())
    judged = judge_cases(index, cases)
    predicted = [judgement.score >= args.threshold for judgement in judged]
    report(cases, predicted, f"screening, threshold {args.threshold:g} ({len(cases)} pairs)")
    logic_v2 = read_logic_v2(LOGIC_V2.read_text(encoding="utf-8"))
    scored = [
        (case, logic_v2[key])
        for case in cases
        if (key := (case.schema, case.name1, case.name2)) in logic_v2
    ]
    report(
        [case for case, _ in scored],
        [guess for _, guess in scored],
        f"logic-v2, threshold {LOGIC_V2_THRESHOLD} ({len(scored)} pairs it scored)",
    )
    if args.failures:
        print("== dev pairs the engine gets wrong (expected, score, basis, schema, quality, group)")
        for case, judgement, guess in zip(cases, judged, predicted, strict=True):
            if guess != case.is_match and case.half == "dev":
                basis = judgement.basis.kind.value if judgement.basis else "-"
                print(
                    f"{'MATCH' if case.is_match else 'NO   '} {judgement.score:5.1f} {basis:<17}"
                    f" {case.schema:<12} {case.quality:<6} {case.group:<20}"
                    f" {case.name1!r} ~ {case.name2!r} {case.category}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
