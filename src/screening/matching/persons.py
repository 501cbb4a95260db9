"""People: when a supplier's name may be a person's, and how a person's name is scored against a
listed person's (every part of the name, not one shared surname)."""

from __future__ import annotations

from screening.matching.comparable import (
    LONGEST_JOINED_QUERY_WORD,
    LONGEST_JOINED_WORD,
    ComparableName,
    make_comparable,
)
from screening.matching.index import MatchIndex
from screening.matching.score import NameScore, score_names
from screening.names.normalise import NormalisedName
from screening.names.vocabulary import WordKind

PERSON_PAIR_SIMILARITY = 0.8  # how closely each part of a person's name must match
_ORGANISATION_KINDS = frozenset({WordKind.GENERIC, WordKind.SECTOR, WordKind.QUALIFIER})
_PERSON_LEGAL_FORMS = frozenset({"sole-trader"})
_NO_SCORE = NameScore(0.0, ())


def may_be_person(query: ComparableName) -> bool:
    """Whether a supplier's name could be a person's (a sole trader): no company legal form, no
    word that only organisations use, at least two words."""
    if len(query.kinds) < 2 or not _ORGANISATION_KINDS.isdisjoint(query.kinds):
        return False
    return all(form.form_id in _PERSON_LEGAL_FORMS for form in query.form.legal_forms)


def supplier_queries(
    index: MatchIndex, form: NormalisedName
) -> tuple[ComparableName, ComparableName | None]:
    """A supplier's name made comparable with the organisations' weights, and with the persons'
    when it may be a person's name (else None)."""
    # pinyin words of a Chinese name join into longer words than syllables written apart
    longest = LONGEST_JOINED_QUERY_WORD if "Han" in form.scripts else LONGEST_JOINED_WORD
    org_query = make_comparable(form, index.org_weights, longest_joined=longest)
    if not may_be_person(org_query):
        return org_query, None
    return org_query, make_comparable(form, index.person_weights, longest_joined=longest)


def covers_person(name_score: NameScore, candidate: ComparableName) -> bool:
    """A person matches only when most parts of their name do, not on one shared surname."""
    close = sum(1 for pair in name_score.pairs if pair.similarity >= PERSON_PAIR_SIMILARITY)
    return close >= min(2, len(candidate.tokens))


def score_person(query: ComparableName, candidate: ComparableName) -> NameScore:
    """A supplier's name (made with the persons' weights) against a listed person's name: 0
    unless enough parts of the name match."""
    name_score = score_names(query, candidate)
    return name_score if covers_person(name_score, candidate) else _NO_SCORE
