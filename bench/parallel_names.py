"""Names in other scripts read against the lists' Latin forms, measured on the publishers' own
parallel names: `.venv/bin/python -m bench.parallel_names`.

Many entries are published with both a Latin name and one in another script (UK OFSI's "Name
Non-Latin Script", UN's original-script names, OFAC's Cyrillic, Hangul and Chinese aliases).
Nobody here wrote those pairs, so they measure reading a script without the bias of our own
generator. Every such non-Latin name is screened against an index built from the same lists
with every non-Latin name left out: a hit can only come from reading the script. A name is found
when an entry it names is among the hits at the default threshold; the entries it names are its
own and every entry of any list the lists show to be the same body (a shared name or identifier).

    .venv/bin/python -m bench.parallel_names             # recall by script and kind, and misses
    .venv/bin/python -m bench.parallel_names --quiet     # the table only
    .venv/bin/python -m bench.parallel_names --script Cyrillic --kind organization
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bench.evaluate import load_snapshots
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_suppliers
from screening.names.scripts import detect_script
from screening.parallel_scoring import forked_scorer
from screening.supplier import Supplier
from screening.watchlist.model import Entry, ListSnapshot

EntryKey = tuple[str, str]  # (list id, the publisher's id)


@dataclass(frozen=True, slots=True)
class ParallelName:
    """A name in another script, the entries it names, and the Latin name it was published with."""

    text: str
    script: str
    kind: str  # organization, person, vessel...: the kind of the entry publishing it
    latin: str
    entries: frozenset[EntryKey]


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def _is_latin(name: str) -> bool:
    return detect_script(name) in {"Latin", "Common"}


def _names(entry: Entry) -> list[str]:
    return [entry.name, *(alias.name for alias in entry.aliases)]


def _same_bodies(snapshots: Sequence[ListSnapshot]) -> dict[EntryKey, set[EntryKey]]:
    """Each entry with every entry of any list that is the same body as far as the lists say:
    one publishes a Latin name of two words or more, a non-Latin name or an identifier the other
    publishes too (OFAC's JSC MTSST is UK's MCST JSC: both write АО МЦСТ)."""
    parent: dict[EntryKey, EntryKey] = {}

    def root(key: EntryKey) -> EntryKey:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    first_with: dict[str, EntryKey] = {}
    for snapshot in snapshots:
        for entry in snapshot.entries:
            key = (entry.list_id, entry.source_id)
            marks = [
                f"name:{_folded(name)}"
                for name in _names(entry)
                if not _is_latin(name) or len(name.split()) > 1
            ]
            for identifier in entry.identifiers:
                value = "".join(char for char in identifier.value.upper() if char.isalnum())
                if len(value) >= 6:
                    marks.append(f"id:{identifier.kind.value}:{value}")
            for mark in marks:
                other = first_with.setdefault(mark, key)
                parent[root(key)] = root(other)
    groups: dict[EntryKey, set[EntryKey]] = defaultdict(set)
    for key in list(parent):
        groups[root(key)].add(key)
    return {key: groups[root(key)] for key in parent}


def parallel_names(snapshots: Sequence[ListSnapshot]) -> list[ParallelName]:
    """Every distinct non-Latin name of an entry that also has a Latin one, with the entries it
    names (its own, and every entry that is the same body)."""
    bodies = _same_bodies(snapshots)
    found: dict[tuple[str, str], tuple[str, str, set[EntryKey]]] = {}
    for snapshot in snapshots:
        for entry in snapshot.entries:
            latin = [name for name in _names(entry) if _is_latin(name)]
            if not latin:
                continue
            key = (entry.list_id, entry.source_id)
            named = bodies.get(key, {key})
            for name in _names(entry):
                if _is_latin(name):
                    continue
                text = " ".join(name.split())
                found_key = (entry.kind.value, text)
                if found_key in found:
                    found[found_key][2].update(named)
                else:
                    found[found_key] = (detect_script(text), latin[0], set(named))
    return [
        ParallelName(text, script, kind, latin, frozenset(named))
        for (kind, text), (script, latin, named) in sorted(found.items())
    ]


def latin_only(snapshots: Sequence[ListSnapshot]) -> list[ListSnapshot]:
    """The snapshots with every non-Latin name left out (an entry whose primary name is in
    another script keeps it: only its aliases are dropped)."""
    return [
        dataclasses.replace(
            snapshot,
            entries=tuple(
                dataclasses.replace(
                    entry,
                    aliases=tuple(alias for alias in entry.aliases if _is_latin(alias.name)),
                )
                for entry in snapshot.entries
            ),
        )
        for snapshot in snapshots
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the table only")
    parser.add_argument("--script", help="only names in this script (Cyrillic, Hangul, Han...)")
    parser.add_argument("--kind", help="only names of entries of this kind (organization...)")
    args = parser.parse_args(argv)
    snapshots = load_snapshots()
    names = [
        name
        for name in parallel_names(snapshots)
        if (args.script is None or name.script == args.script)
        and (args.kind is None or name.kind == args.kind)
    ]
    index = MatchIndex.build(latin_only(snapshots))
    results = screen_suppliers(
        index, [Supplier(name=name.text) for name in names], score_apart=forked_scorer()
    )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    for name, matches in zip(names, results, strict=True):
        tally = counts[(name.script, name.kind)]
        tally[0] += 1
        hit = [m for m in matches if (m.entry.list_id, m.entry.source_id) in name.entries]
        if hit:
            tally[1] += 1
            continue
        if matches:
            tally[2] += 1
        best = (
            f"{matches[0].matched_name!r} {matches[0].score:.1f} (wrong entry)" if matches else "-"
        )
        misses.append(f"{name.script}/{name.kind}: {name.text!r} = {name.latin!r} -> {best}")
    if not args.quiet:
        print("\n".join(misses))
        print()
    print(f"{'script':<12}{'kind':<14}{'names':>7}{'found':>7}{'recall':>8}{'wrong':>7}")
    total = [0, 0, 0]
    for (script, kind), (count, hits, wrong) in sorted(counts.items()):
        total = [total[0] + count, total[1] + hits, total[2] + wrong]
        print(f"{script:<12}{kind:<14}{count:>7}{hits:>7}{hits / count:>8.3f}{wrong:>7}")
    if total[0]:
        print(f"{'all':<26}{total[0]:>7}{total[1]:>7}{total[1] / total[0]:>8.3f}{total[2]:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
