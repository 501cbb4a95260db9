"""Score one name against another: weighted token alignment that knows romanisation and typos.

Each token of one name is paired with at most one token (or run of adjacent tokens) of the
other: exactly, by romanisation fold key, within a small edit distance, or written together
("Namchongang" ~ "Nam Chon Gang"). The score is a weighted Dice coefficient: twice the weight of
what was paired (times how well) over the weight of both names, so a rare word that is missing
costs much and a generic one little.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import OSA

from screening.matching.comparable import ComparableName, Span
from screening.names.vocabulary import WordKind

# Same fold key, different spelling (Ryongbong ~ Ryonbong). Short words fold together by chance
# (Kia ~ Gia, Lenta ~ Renta), so the credit depends on the length of the longer word.
FOLD_SIMILARITY = 0.95  # six letters or more
FOLD_SIMILARITY_5 = 0.8
FOLD_SIMILARITY_SHORT = 0.7
# A misspelt word earns 1 - edits / length of the longer word (a transposition is one edit),
# and nothing below TYPO_FLOOR: one edit in 8 letters earns 0.875, in 5 letters 0.8.
TYPO_FLOOR = 0.75
FOLDED_TYPO_PENALTY = 0.05  # a misspelling counted on fold keys: romanisation and a typo at once
JOIN_CUTOFF = 0.85
SHORTEST_FUZZY = 5  # shorter words pair only exactly or by fold key
SHORTEST_JOINED = 3
# A name pair that shares no distinctive word (only generic, sector or common words such as
# korea, national, oil, crystal) is not the same organisation unless the names are the same
# words; and names that name different countries are not the same organisation.
NO_DISTINCTIVE_CAP = 60.0
NATION_CONFLICT_CAP = 70.0
_DISTINCTIVE = frozenset({WordKind.DISTINCTIVE, WordKind.NUMBER})
_VOWELS = frozenset("aeiouy")


class How(StrEnum):
    EXACT = "exact"
    ROMANISATION = "romanisation"
    TYPO = "typo"
    JOINED = "joined"


@dataclass(frozen=True, slots=True)
class TokenPair:
    query_start: int
    query_stop: int
    candidate_start: int
    candidate_stop: int
    similarity: float
    how: How


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float  # 0-100
    pairs: tuple[TokenPair, ...]


def _has_vowel(word: str) -> bool:
    return not _VOWELS.isdisjoint(word)


def fold_similarity(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    if longest >= 6:
        return FOLD_SIMILARITY
    return FOLD_SIMILARITY_5 if longest == 5 else FOLD_SIMILARITY_SHORT


def typo_similarity(a: str, b: str) -> float:
    """Credit for two spellings of one word that differ by a few edits; 0 when they differ more."""
    longest = max(len(a), len(b))
    most_edits = int((1.0 - TYPO_FLOOR) * longest + 1e-9)
    if most_edits < 1:
        return 0.0
    edits = OSA.distance(a, b, score_cutoff=most_edits)
    if edits > most_edits:
        return 0.0
    return 1.0 - edits / longest


def token_similarity(a: str, a_fold: str, b: str, b_fold: str) -> tuple[float, How | None]:
    """How alike two tokens are and why: the same, the same fold key (romanisation), or a
    misspelling of each other. Acronyms (no vowel) and numbers match only exactly."""
    if a == b:
        return 1.0, How.EXACT
    if a_fold == b_fold and _has_vowel(a) and _has_vowel(b):
        return fold_similarity(a, b), How.ROMANISATION
    if (
        min(len(a), len(b)) < SHORTEST_FUZZY
        or a.isdigit()
        or b.isdigit()
        or not (_has_vowel(a) and _has_vowel(b))
    ):
        return 0.0, None
    similarity = max(
        typo_similarity(a, b), typo_similarity(a_fold, b_fold) - FOLDED_TYPO_PENALTY
    )
    return (similarity, How.TYPO) if similarity >= TYPO_FLOOR else (0.0, None)


def _join_similarity(token: str, token_fold: str, span: Span) -> float:
    if token == span.text:
        return 1.0
    if token_fold == span.fold:
        return fold_similarity(token, span.text)
    if len(token) < SHORTEST_FUZZY:
        return 0.0
    similarity = typo_similarity(token, span.text)
    return similarity if similarity >= JOIN_CUTOFF else 0.0


# An option: (gain, similarity, query start, query stop, candidate start, candidate stop, how,
# the weight the query side counts with, the weight the candidate side counts with)
_Option = tuple[float, float, int, int, int, int, How, float, float]


def _join_options(
    singles: ComparableName, runs: ComparableName, best: list[float], *, singles_are_query: bool
) -> list[_Option]:
    options: list[_Option] = []
    for span in runs.spans:
        # the run counts as the one word it spells: "nam chon gang" weighs what namchongang does
        span_weight = min(span.weight, sum(runs.weights[span.start : span.stop]))
        for i, token in enumerate(singles.tokens):
            if best[i] >= 1.0 or len(token) < SHORTEST_JOINED:
                continue
            similarity = _join_similarity(token, singles.folds[i], span)
            if not similarity:
                continue
            single_weight = singles.weights[i]
            gain = 2.0 * similarity * min(single_weight, span_weight)
            if singles_are_query:
                options.append((gain, similarity, i, i + 1, span.start, span.stop, How.JOINED,
                                single_weight, span_weight))
            else:
                options.append((gain, similarity, span.start, span.stop, i, i + 1, How.JOINED,
                                span_weight, single_weight))
    return options


def score_names(query: ComparableName, candidate: ComparableName) -> NameScore:
    """How alike two names are, 0-100, with the token pairs that made the score."""
    if not query.total + candidate.total:
        return NameScore(0.0, ())
    q_tokens, q_folds, q_weights = query.tokens, query.folds, query.weights
    c_tokens, c_folds, c_weights = candidate.tokens, candidate.folds, candidate.weights
    best_query = [0.0] * len(q_tokens)
    best_candidate = [0.0] * len(c_tokens)
    options: list[_Option] = []
    for i, a in enumerate(q_tokens):
        a_fold = q_folds[i]
        for j, b in enumerate(c_tokens):
            similarity, how = token_similarity(a, a_fold, b, c_folds[j])
            if how is None:
                continue
            gain = 2.0 * similarity * min(q_weights[i], c_weights[j])
            options.append((gain, similarity, i, i + 1, j, j + 1, how, q_weights[i], c_weights[j]))
            best_query[i] = max(best_query[i], similarity)
            best_candidate[j] = max(best_candidate[j], similarity)
    if candidate.spans and min(best_query, default=1.0) < 1.0:
        options += _join_options(query, candidate, best_query, singles_are_query=True)
    if query.spans and min(best_candidate, default=1.0) < 1.0:
        options += _join_options(candidate, query, best_candidate, singles_are_query=False)
    options.sort(key=lambda option: option[0], reverse=True)
    used_query = [False] * len(q_tokens)
    used_candidate = [False] * len(c_tokens)
    pairs: list[TokenPair] = []
    matched = 0.0
    total = query.total + candidate.total  # joined runs count as one word: adjusted below
    for gain, similarity, q_start, q_stop, c_start, c_stop, how, q_weight, c_weight in options:
        if any(used_query[q_start:q_stop]) or any(used_candidate[c_start:c_stop]):
            continue
        for i in range(q_start, q_stop):
            used_query[i] = True
        for j in range(c_start, c_stop):
            used_candidate[j] = True
        matched += gain
        total += q_weight - sum(q_weights[q_start:q_stop])
        total += c_weight - sum(c_weights[c_start:c_stop])
        pairs.append(TokenPair(q_start, q_stop, c_start, c_stop, similarity, how))
    score = 100.0 * matched / total if total > 0 else 0.0
    if not _shares_distinctive(query, candidate, pairs):
        if _has_distinctive(query) or _has_distinctive(candidate):
            score = min(score, NO_DISTINCTIVE_CAP)
        else:  # both names are only everyday words: count words, and every missing one
            score = 100.0 * (_unweighted_dice(query, candidate, pairs) / 100.0) ** 2
    if query.nations and candidate.nations and query.nations.isdisjoint(candidate.nations):
        score = min(score, NATION_CONFLICT_CAP)
    return NameScore(min(100.0, score), tuple(pairs))


def _has_distinctive(name: ComparableName) -> bool:
    return any(kind in _DISTINCTIVE for kind in name.kinds)


def _shares_distinctive(
    query: ComparableName, candidate: ComparableName, pairs: list[TokenPair]
) -> bool:
    """Whether a distinctive word of each name is paired with a distinctive word of the other."""
    for pair in pairs:
        mine = query.kinds[pair.query_start : pair.query_stop]
        theirs = candidate.kinds[pair.candidate_start : pair.candidate_stop]
        if any(kind in _DISTINCTIVE for kind in mine) and any(
            kind in _DISTINCTIVE for kind in theirs
        ):
            return True
    return False


def _unweighted_dice(
    query: ComparableName, candidate: ComparableName, pairs: list[TokenPair]
) -> float:
    words = len(query.tokens) + len(candidate.tokens)
    matched = sum(
        pair.similarity
        * (pair.query_stop - pair.query_start + pair.candidate_stop - pair.candidate_start)
        for pair in pairs
    )
    return 100.0 * matched / words if words else 0.0
