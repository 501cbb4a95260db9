"""Score one name against another, as screening would score a supplier against a listed entry
of that name, with no list entry needed: for benchmarks of name pairs and for trying a name."""

from __future__ import annotations

from screening.matching.comparable import make_comparable
from screening.matching.index import MatchIndex, name_variants
from screening.matching.persons import score_person, supplier_queries
from screening.matching.score import NameScore, score_names
from screening.names.normalise import normalise_name, normalise_person_name
from screening.watchlist.model import EntryKind


def score_pair(
    index: MatchIndex,
    supplier_name: str,
    listed_name: str,
    kind: EntryKind,
    *,
    korean: bool = False,
) -> NameScore:
    """The name score screening gives a supplier named `supplier_name` against an entry of
    `kind` named `listed_name` (`korean`: an entry tied to the DPRK), with the word weights of
    the lists in `index`. Country and identifiers are not compared."""
    org_query, person_query = supplier_queries(index, normalise_name(supplier_name))
    is_person = kind is EntryKind.PERSON
    if is_person and person_query is None:
        return NameScore(0.0, ())  # screening looks for persons only under a person's name
    listed = normalise_person_name(listed_name) if is_person else normalise_name(listed_name)
    weights = index.person_weights if is_person else index.org_weights
    best = NameScore(0.0, ())
    for variant in name_variants(listed):
        candidate = make_comparable(variant, weights, korean=korean)
        if person_query is not None and is_person:
            found = score_person(person_query, candidate)
        else:
            found = score_names(org_query, candidate)
        if found.score > best.score:
            best = found
    return best
