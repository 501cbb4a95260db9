"""False positives on real companies: `.venv/bin/python -m bench.real_suppliers`.

Screens the real supplier lists in `<shared>/real_suppliers/` (set SCREENING_TEST_SHARED) against
every list in `<shared>/watchlists/` at the default threshold: Korea Exchange and A-share short
names (Hangul, Chinese), Moscow Exchange issuers (cp1251, read from `e_full_name`) and apparel
factory lists. None was checked entry by entry, so a flagged name is to be read, not assumed
wrong: each is printed with the words its match rests on.

    .venv/bin/python -m bench.real_suppliers            # summary and every flagged name
    .venv/bin/python -m bench.real_suppliers --quiet    # summary only
"""

from __future__ import annotations

import argparse
import csv
import io
from collections import Counter
from collections.abc import Sequence

from bench.eval.sources import real_companies, shared_dir
from bench.evaluate import load_snapshots
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.screen import screen_suppliers
from screening.parallel_scoring import forked_scorer
from screening.supplier import Supplier

# Korean and Chinese exchange names: the target is at most this share flagged (issue 15)
EAST_ASIAN_TARGET = 0.002
_EAST_ASIAN_FILES = frozenset({"kr_krx_codes_2018.csv", "cn_ashare_stock_basic.csv"})


def apparel_suppliers() -> list[tuple[Supplier, str]]:
    """The apparel factory lists' names (country left out: written as names or codes)."""
    found: list[tuple[Supplier, str]] = []
    folder = shared_dir() / "real_suppliers" / "oar_facility_lists"
    for path in sorted(folder.glob("*.csv")):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        for row in csv.DictReader(io.StringIO(text)):
            name = " ".join((row.get("name") or "").split())
            if name:
                found.append((Supplier(name=name), f"oar/{path.name}"))
    return found


def real_suppliers() -> list[tuple[Supplier, str]]:
    """Every real supplier with the file it came from."""
    found = [
        (Supplier(name=company.name, country=company.country), company.source)
        for company in real_companies()
    ]
    return found + apparel_suppliers()


def _resting_on(match: Match) -> str:
    """What a match rests on, as its explanation says."""
    basis = match.explanation.get("basis") or {}
    words = ", ".join(basis.get("words", ())) if isinstance(basis, dict) else ""
    return f"{basis.get('kind', '?')}: {words}" if isinstance(basis, dict) else str(basis)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args(argv)
    rows = real_suppliers()
    index = MatchIndex.build(load_snapshots())
    results = screen_suppliers(
        index, [supplier for supplier, _ in rows], score_apart=forked_scorer()
    )
    screened: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for (supplier, source), matches in zip(rows, results, strict=True):
        screened[source] += 1
        if not matches:
            continue
        flagged[source] += 1
        if not args.quiet:
            best = matches[0]
            print(
                f"{source}: {supplier.name!r} -> {best.matched_name!r} "
                f"[{best.entry.kind.value}, {best.entry.list_id}] {best.score:.1f} "
                f"({_resting_on(best)}) {'; '.join(best.notes)}"
            )
    print()
    for source in sorted(screened):
        print(f"{source}: {flagged[source]} of {screened[source]} flagged")
    east_screened = sum(screened[name] for name in _EAST_ASIAN_FILES)
    east_flagged = sum(flagged[name] for name in _EAST_ASIAN_FILES)
    share = east_flagged / east_screened if east_screened else 0.0
    print(
        f"Korean + Chinese exchange names: {east_flagged} of {east_screened} flagged "
        f"({share:.2%}; target <= {EAST_ASIAN_TARGET:.1%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
