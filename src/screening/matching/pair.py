"""Score one name against another, as screening would score a supplier against a listed entry
of that name, with no list entry needed: for benchmarks of name pairs and for trying a name."""

from __future__ import annotations

from typing import NamedTuple

from screening.matching.basis import Basis, match_basis, person_basis
from screening.matching.comparable import ComparableName, make_comparable
from screening.matching.index import MatchIndex, name_variants
from screening.matching.model import NO_COUNTRY_EFFECT
from screening.matching.persons import score_person, supplier_queries
from screening.matching.score import NameScore, score_names
from screening.matching.screen import _capped
from screening.names.cell_noise import read_name_cell
from screening.names.normalise import normalise_name, normalise_person_name
from screening.watchlist.model import EntryKind


class PairJudgement(NamedTuple):
    """The score screening reports for a pair, and what the match rests on."""

    score: float  # 0-100, to one decimal, as screening reports it
    basis: Basis | None  # None when no word of the names pairs


class _Best(NamedTuple):
    name_score: NameScore
    query: ComparableName | None  # the supplier's name as scored
    candidate: ComparableName | None  # the form of the listed name that scored best


def _best(
    index: MatchIndex, supplier_name: str, listed_name: str, kind: EntryKind, korean: bool
) -> _Best:
    org_query, person_query = supplier_queries(index, normalise_name(supplier_name))
    is_person = kind is EntryKind.PERSON
    if is_person and person_query is None:
        return _Best(NameScore(0.0, ()), None, None)  # persons are looked for under a person's name
    listed = normalise_person_name(listed_name) if is_person else normalise_name(listed_name)
    weights = index.person_weights if is_person else index.org_weights
    best = _Best(NameScore(0.0, ()), None, None)
    for variant in name_variants(listed):
        candidate = make_comparable(variant, weights, korean=korean)
        if person_query is not None and is_person:
            found = score_person(person_query, candidate)
            query = person_query
        else:
            found = score_names(org_query, candidate)
            query = org_query
        if found.score > best.name_score.score:
            best = _Best(found, query, candidate)
    return best


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
    return _best(index, supplier_name, listed_name, kind, korean).name_score


def judge_pair(
    index: MatchIndex,
    supplier_name: str,
    listed_name: str,
    kind: EntryKind,
    *,
    korean: bool = False,
) -> PairJudgement:
    """The score screening reports for a supplier whose name cell is `supplier_name` (read as a
    sheet's cell is) against an entry of `kind` named `listed_name`, knowing nothing else of
    either (no country, no identifier): the name score, held below the threshold when the match
    rests on a short word alone (see basis.py). Both names are taken to be of `kind`: the rule
    that a company does not match a vessel by name (screen.py) does not apply. Unlike
    `screen_suppliers`, a bracketed part of the cell ("CHAM (AL SHAM COMPANY)") is not also
    judged as a name of its own."""
    cell = read_name_cell(supplier_name).name
    best = _best(index, cell, listed_name, kind, korean)
    if best.query is None or best.candidate is None:
        return PairJudgement(0.0, None)
    if kind is EntryKind.PERSON:
        basis = person_basis(best.query, best.candidate, best.name_score)
    else:
        basis = match_basis(best.query, best.candidate, best.name_score)
    score = max(0.0, min(100.0, best.name_score.score))
    return PairJudgement(round(_capped(score, basis, NO_COUNTRY_EFFECT), 1), basis)
