"""Score one name against another: weighted token alignment that knows romanisation and typos.

Each token of one name is paired with at most one token (or run of adjacent tokens) of the
other: exactly, by romanisation fold key, within a small edit distance, or written together
("Namchongang" ~ "Nam Chon Gang"). The score is a weighted Dice coefficient: twice the weight of
what was paired (times how well) over the weight of both names, so a rare word that is missing
costs much and a generic one little.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import OSA, Levenshtein

from screening.matching.comparable import (
    LONGEST_JOIN,
    LONGEST_JOINED_WORD,
    ComparableName,
    Span,
    kind_count,
)
from screening.names.brackets import parts_differ
from screening.names.cyrillic import acronym_readings
from screening.names.han import translated_words
from screening.names.romanise import fold
from screening.names.vocabulary import WordKind

# Same fold key, different spelling (Ryongbong ~ Ryonbong). Short words fold together by chance
# (Kia ~ Gia, Lenta ~ Renta), so the credit depends on the length of the longer word.
FOLD_SIMILARITY = 0.95  # a Korean name, or a name written in Hangul
FOLD_SIMILARITY_6 = 0.9  # other names: six letters or more
FOLD_SIMILARITY_5 = 0.75
FOLD_SIMILARITY_SHORT = 0.7
# A misspelt word earns 1 - edits / length of the longer word, and nothing below TYPO_FLOOR: one
# edit in 8 letters earns 0.875, in 5 letters 0.8. Two letters swapped (Kelvo ~ KEVLO) count
# TRANSPOSITION_EDITS: every letter is there, the commonest slip of typing.
TYPO_FLOOR = 0.75
TRANSPOSITION_EDITS = 0.5
FOLDED_TYPO_PENALTY = 0.05  # a misspelling counted on fold keys: romanisation and a typo at once
JOIN_CUTOFF = 0.85
SHORTEST_FUZZY = 5  # shorter words pair only exactly or by fold key
SHORTEST_JOINED = 3
LONGEST_SYLLABLE_RUN = 7  # shortest run of syllables compared with another run
# A name pair that shares no distinctive word (only generic, sector or common words such as
# korea, national, oil, crystal) is not the same organisation unless the names are the same
# words; and names that name different countries are not the same organisation.
NO_DISTINCTIVE_CAP = 60.0
GENERIC_WORD_COUNT = 0.5
DESCRIPTOR_DIFFERENCE_FACTOR = 0.95
# A name of everyday words scores its share of words matched to this power: a missing word
# costs more than in a name with a distinctive word (Korea Development Bank is not Korea United
# Development Bank), a little less than its share squared would.
UNWEIGHTED_EXPONENT = 1.5
NATION_CONFLICT_CAP = 70.0
# A word of the supplier's name that says where ("Vladivostok", "branch") beside the whole listed
# name weighs this share of its weight, as a word in brackets does
QUALIFYING_FACTOR = 0.4
_DISTINCTIVE = frozenset({WordKind.DISTINCTIVE, WordKind.NUMBER})
# A place shared by both names identifies as well (TANCHON Commercial Bank); a place only one
# name has is a qualifier ("... Moscow office").
_IDENTIFYING = _DISTINCTIVE | {WordKind.PLACE}
_QUALIFYING = frozenset({WordKind.PLACE, WordKind.QUALIFIER})
_VOWELS = frozenset("aeiouy")


class How(StrEnum):
    EXACT = "exact"
    ROMANISATION = "romanisation"
    TYPO = "typo"
    JOINED = "joined"
    INITIAL = "initial"  # a person's initial for a name that begins with it
    SHORT_FORM = "short form"  # a short form of a person's given name (Ted ~ Theodore)


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


def _is_vocabulary_word(name: ComparableName, i: int) -> bool:
    """Whether the name's i-th word is a word of the vocabulary (everyday, generic, sector, a
    place...), weighed by its kind rather than by how rare it is in the lists."""
    return name.kinds[i] is not WordKind.DISTINCTIVE


def fold_similarity(a: str, b: str, *, korean: bool = False) -> float:
    """Credit for two spellings with one fold key: full for Korean, less for short other words."""
    if korean:
        return FOLD_SIMILARITY
    longest = max(len(a), len(b))
    if longest >= 6:
        return FOLD_SIMILARITY_6
    return FOLD_SIMILARITY_5 if longest == 5 else FOLD_SIMILARITY_SHORT


def typo_similarity(a: str, b: str) -> float:
    """Credit for two spellings of one word that differ by a few edits; 0 when they differ more."""
    longest = max(len(a), len(b))
    most_edits = int((1.0 - TYPO_FLOOR) * longest + 1e-9)
    if most_edits < 1:
        return 0.0
    edits: float = OSA.distance(a, b, score_cutoff=most_edits)
    if edits > most_edits:
        return 0.0
    if edits and len(a) == len(b):
        # each swap of two letters is two edits apart from OSA's one
        swaps = Levenshtein.distance(a, b, score_cutoff=2 * most_edits) - edits
        edits -= swaps * (1.0 - TRANSPOSITION_EDITS)
    return 1.0 - edits / longest


def token_similarity(
    a: str, a_fold: str, b: str, b_fold: str, *, korean: bool = False
) -> tuple[float, How | None]:
    """How alike two tokens are and why: the same, the same fold key (romanisation), or a
    misspelling of each other. Acronyms (no vowel) and numbers match only exactly.
    `korean`: one of the names is Korean (a DPRK entry's, or written in Hangul), where words
    differ in spelling by rule rather than by chance: a fold match earns full credit."""
    if a == b:
        return 1.0, How.EXACT
    if a_fold == b_fold and _has_vowel(a) and _has_vowel(b):
        return fold_similarity(a, b, korean=korean), How.ROMANISATION
    if (
        min(len(a), len(b)) < SHORTEST_FUZZY - 1
        or max(len(a), len(b)) < SHORTEST_FUZZY
        or a.isdigit()
        or b.isdigit()
        or not (_has_vowel(a) or _has_vowel(b))
    ):
        return 0.0, None
    similarity = max(typo_similarity(a, b), typo_similarity(a_fold, b_fold) - FOLDED_TYPO_PENALTY)
    return (similarity, How.TYPO) if similarity >= TYPO_FLOOR else (0.0, None)


def _pair_similarity(
    query: ComparableName, i: int, candidate: ComparableName, j: int, korean: bool
) -> tuple[float, How | None]:
    """Token similarity, also on the words as written when a translation changed one
    ("Abnking" misspells "banking", which reads as "bank")."""
    a, b = query.tokens[i], candidate.tokens[j]
    found = token_similarity(a, query.folds[i], b, candidate.folds[j], korean=korean)
    if found[1] is not None and found[0] >= 1.0:
        return found
    a_source, b_source = query.form.sources[i], candidate.form.sources[j]
    if a_source != a or b_source != b:
        similarity = typo_similarity(a_source, b_source) if a_source != b_source else 1.0
        if similarity >= TYPO_FLOOR and similarity > found[0]:
            return similarity, How.TYPO if similarity < 1.0 else How.EXACT
    return found


def _join_similarity(
    token: str, source: str, token_fold: str, span: Span, *, korean: bool
) -> float:
    if token == span.text or source == span.text:
        return 1.0
    if token_fold == span.fold or fold(source) == span.fold:
        return fold_similarity(token, span.text, korean=korean)
    if len(token) < SHORTEST_FUZZY:
        return 0.0
    similarity = typo_similarity(token, span.text)
    return similarity if similarity >= JOIN_CUTOFF else 0.0


# An option: (gain, similarity, query start, query stop, candidate start, candidate stop, how,
# the weight the query side counts with, the weight the candidate side counts with)
_Option = tuple[float, float, int, int, int, int, How, float, float]


def _join_options(
    singles: ComparableName,
    spans: Iterable[Span],
    best: list[float],
    *,
    singles_are_query: bool,
    korean: bool,
) -> list[_Option]:
    """Words of `singles` that `spans` (words of the other name run together) spell."""
    options: list[_Option] = []
    for span in spans:
        # the run counts as the one word it spells: "nam chon gang" weighs what namchongang does
        span_weight = span.weight
        span_length = len(span.text)
        for i, token in enumerate(singles.tokens):
            if best[i] >= 1.0 or len(token) < SHORTEST_JOINED:
                continue
            if (
                abs(len(token) - span_length) > span_length // 4
                and singles.form.sources[i] == token
            ):
                continue
            similarity = _join_similarity(
                token, singles.form.sources[i], singles.folds[i], span, korean=korean
            )
            if not similarity:
                continue
            single_weight = singles.weights[i]
            gain = 2.0 * similarity * min(single_weight, span_weight)
            if singles_are_query:
                options.append(
                    (
                        gain,
                        similarity,
                        i,
                        i + 1,
                        span.start,
                        span.stop,
                        How.JOINED,
                        single_weight,
                        span_weight,
                    )
                )
            else:
                options.append(
                    (
                        gain,
                        similarity,
                        span.start,
                        span.stop,
                        i,
                        i + 1,
                        How.JOINED,
                        span_weight,
                        single_weight,
                    )
                )
    return options


def _long_spans(singles: ComparableName, runs: ComparableName, best: list[float]) -> list[Span]:
    """Adjacent words of `runs` run together, one of them too long to be joined in advance
    (`runs.spans`), as long as an unpaired long word of `singles` give or take a quarter: that word
    may be them written as one, exactly or misspelt ("Belmorska Neft" ~ BELMORSKNEFT). A run
    weighs what its rarest word does. A word of one or two letters beside a long one is an
    initial or a legal form (AVTODOR GK), not a piece of a word."""
    tokens = runs.tokens
    lengths = [
        len(token)
        for i, token in enumerate(singles.tokens)
        if best[i] < 1.0 and len(token) > LONGEST_JOINED_WORD
    ]
    if not lengths or len(tokens) < 2:
        return []
    bracketed, weights = runs.form.bracketed, runs.weights
    joined = {(span.start, span.stop) for span in runs.spans}
    shortest = min(lengths) - min(lengths) // 4
    longest = max(lengths) + max(lengths) // 4
    spans: list[Span] = []
    for start in range(len(tokens) - 1):
        run_length = len(tokens[start])
        if run_length < SHORTEST_JOINED:
            continue
        for stop in range(start + 2, min(start + LONGEST_JOIN, len(tokens)) + 1):
            piece = len(tokens[stop - 1])
            run_length += piece
            if (
                piece < SHORTEST_JOINED
                or run_length > longest
                or bracketed[stop - 1] != bracketed[start]
            ):
                break
            if run_length < shortest or (start, stop) in joined:
                continue
            text = "".join(tokens[start:stop])
            spans.append(Span(start, stop, text, fold(text), max(weights[start:stop])))
    return spans


def _is_syllable_run(name: ComparableName, span: Span) -> bool:
    """A run long enough to be a name spelled syllable by syllable (Tae Dong Gang), not an
    initial and a word (M Video)."""
    return len(span.text) >= LONGEST_SYLLABLE_RUN and all(
        len(token) >= 2 for token in name.tokens[span.start : span.stop]
    )


def _span_options(
    query: ComparableName, candidate: ComparableName, *, korean: bool
) -> list[_Option]:
    """Runs of syllables on both sides that spell the same word: Tae Dong Gang ~ Dae Dong Kang."""
    by_fold: dict[str, list[Span]] = {}
    for span in candidate.spans:
        if _is_syllable_run(candidate, span):
            by_fold.setdefault(span.fold, []).append(span)
    options: list[_Option] = []
    for mine in query.spans:
        if not _is_syllable_run(query, mine):
            continue
        for theirs in by_fold.get(mine.fold, ()):
            similarity = (
                1.0
                if mine.text == theirs.text
                else fold_similarity(mine.text, theirs.text, korean=korean)
            )
            q_weight, c_weight = mine.weight, theirs.weight
            gain = 2.0 * similarity * min(q_weight, c_weight)
            options.append(
                (
                    gain,
                    similarity,
                    mine.start,
                    mine.stop,
                    theirs.start,
                    theirs.stop,
                    How.JOINED,
                    q_weight,
                    c_weight,
                )
            )
    return options


def _read_joined_options(
    query: ComparableName, candidate: ComparableName, best: list[float], *, korean: bool
) -> list[_Option]:
    """A name read from Hangul written without spaces is one long word (장광시녕 reads
    changgwangsinyong), and the index joins only short listed words: here the listed words are
    run together whatever their length and compared by fold key with that reading (CHANGGWANG
    SINYONG). The run weighs what the supplier's word does: it is that one word."""
    options: list[_Option] = []
    tokens, bracketed = candidate.tokens, candidate.form.bracketed
    for i, token in enumerate(query.tokens):
        if best[i] >= 1.0 or len(token) <= LONGEST_JOINED_WORD or not _is_pinyin(query, i):
            continue
        for start in range(len(tokens) - 1):
            for stop in range(start + 2, min(start + LONGEST_JOIN, len(tokens)) + 1):
                if bracketed[stop - 1] != bracketed[start]:
                    break
                text = "".join(tokens[start:stop])
                if len(text) > len(token) + 2:
                    break
                if text != token and fold(text) != query.folds[i]:
                    continue
                similarity = 1.0 if text == token else fold_similarity(token, text, korean=korean)
                weight = query.weights[i]
                gain = 2.0 * similarity * weight
                options.append(
                    (gain, similarity, i, i + 1, start, stop, How.JOINED, weight, weight)
                )
    return options


_NO_WORDS: frozenset[str] = frozenset()


def _is_pinyin(name: ComparableName, i: int) -> bool:
    """Whether the name's i-th word was read from Chinese characters or Hangul (not written in
    Latin)."""
    return name.form.sources[i] not in name.form.original.lower()


def score_names(query: ComparableName, candidate: ComparableName) -> NameScore:
    """How alike two names are, 0-100, with the token pairs that made the score."""
    if not query.total + candidate.total:
        return NameScore(0.0, ())
    q_tokens, q_weights = query.tokens, query.weights
    c_tokens, c_weights = candidate.tokens, candidate.weights
    best_query = [0.0] * len(q_tokens)
    best_candidate = [0.0] * len(c_tokens)
    options: list[_Option] = []
    # Korean romanised by rule differs from a list's romanisation by rule, not by chance
    # (only a Korean entry's: a Hangul name folded onto an English word is a coincidence, Taewon
    # is not Devon)
    korean = candidate.korean
    # a pinyin syllable spelt one letter off, or folded, is another character, not a misspelling;
    # a word translated from Chinese is English and may be inflected (材料 materials ~ MATERIAL)
    from_han = "Han" in query.form.scripts
    # a listed name in characters too gives its reading: 银信 yinxin is not 银星 yinxing
    korean_spelling = korean and "Han" not in candidate.form.scripts
    english = translated_words() if from_han else _NO_WORDS
    from_hangul = "Hangul" in query.form.scripts
    # a short word in Cyrillic capitals may spell a Latin acronym (УГЦ: UGC) as well
    acronyms = acronym_readings(query.form.original) if "Cyrillic" in query.form.scripts else {}
    q_folds, c_folds = query.folds, candidate.folds
    q_sources, c_sources = query.form.sources, candidate.form.sources
    for i, a in enumerate(q_tokens):
        a_fold, a_length = q_folds[i], len(a)
        a_translated = q_sources[i] != a
        for j, b in enumerate(c_tokens):
            how: How | None = How.EXACT
            similarity = 1.0
            if a != b and (not acronyms or acronyms.get(a) != b):
                b_length = len(b)
                longest = a_length if a_length > b_length else b_length
                if (
                    a_fold != c_folds[j]
                    and not a_translated
                    and c_sources[j] == b
                    and (longest < SHORTEST_FUZZY or abs(a_length - b_length) > longest // 4)
                    and abs(len(a_fold) - len(c_folds[j])) > longest // 4
                ):
                    continue  # too different in length to be one word misspelt
                similarity, how = _pair_similarity(query, i, candidate, j, korean)
                if (
                    from_han
                    and (how is How.TYPO or (how is How.ROMANISATION and not korean_spelling))
                    and _is_pinyin(query, i)
                    and a not in english
                ):
                    continue
                # so is a Hangul syllable: 림경수 (rim gyong su) is not RIMYONGSU
                if from_hangul and how is How.TYPO and _is_pinyin(query, i):
                    continue
            if how is None:
                continue
            # a misspelt or differently romanised word is the word it stands for: it weighs no
            # more than that word does; and a word the listed name puts in brackets ("(KKBC)")
            # weighs as little in the supplier's name
            q_weight = q_weights[i]
            limit = c_weights[j] if how is How.EXACT else candidate.plain_weights[j]
            if limit < q_weight:
                q_weight = limit
            c_weight = c_weights[j]
            if how is How.TYPO and c_weight > q_weight and _is_vocabulary_word(query, i):
                # a misspelling of a word of the language is that word (Summit ~ SUMMET): the
                # listed spelling weighs no more, as the supplier's weighs no more than the
                # listed word's (Mountain ~ MOUNTEIN)
                c_weight = q_weight
            gain = 2.0 * similarity * min(q_weight, c_weight)
            options.append((gain, similarity, i, i + 1, j, j + 1, how, q_weight, c_weight))
            best_query[i] = max(best_query[i], similarity)
            best_candidate[j] = max(best_candidate[j], similarity)
    if min(best_query, default=1.0) < 1.0:
        spans = [*candidate.spans, *_long_spans(query, candidate, best_query)]
        if spans:
            options += _join_options(
                query, spans, best_query, singles_are_query=True, korean=korean
            )
    if min(best_candidate, default=1.0) < 1.0:
        spans = [*query.spans, *_long_spans(candidate, query, best_candidate)]
        if spans:
            options += _join_options(
                candidate, spans, best_candidate, singles_are_query=False, korean=korean
            )
        if query.spans and candidate.spans:
            options += _span_options(query, candidate, korean=korean)
    if from_hangul and min(best_query, default=1.0) < 1.0:
        options += _read_joined_options(query, candidate, best_query, korean=korean)
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
    if True in query.qualifying and all(
        used or qualifying
        for used, qualifying in zip(used_candidate, candidate.qualifying, strict=True)
    ):
        # the whole listed name, and a place beside it: the place says where the supplier is
        total -= _unpaired_qualifying_weight(query, used_query) * (1.0 - QUALIFYING_FACTOR)
    score = 100.0 * matched / total if total > 0 else 0.0
    if not _shares_distinctive(query, candidate, pairs):
        if _has_distinctive(query, candidate, pairs) or any(
            kind in _DISTINCTIVE for kind in candidate.kinds
        ):
            score = min(score, NO_DISTINCTIVE_CAP)
        else:  # both names are only everyday words: count words, and every missing one
            score = 100.0 * _unweighted_dice(query, candidate, pairs) ** UNWEIGHTED_EXPONENT
    if query.nations and candidate.nations and query.nations.isdisjoint(candidate.nations):
        score = min(score, NATION_CONFLICT_CAP)
    elif parts_differ(query.form.latin, candidate.form.latin):
        score = min(score, NATION_CONFLICT_CAP)  # ICBC (Asia) is not ICBC (London)
    if _differ_in_descriptors(query, used_query, candidate, used_candidate):
        score *= DESCRIPTOR_DIFFERENCE_FACTOR
    return NameScore(min(100.0, score), tuple(pairs))


def _unpaired_qualifying_weight(query: ComparableName, used: list[bool]) -> float:
    """The weight of the supplier's unpaired words that say where, not who (a city after its
    first word: "COMERCIAL Vladivostok JINAN"), outside brackets (those weigh less already)."""
    return sum(
        weight
        for i, (weight, plain) in enumerate(zip(query.weights, query.plain_weights, strict=True))
        if query.qualifying[i] and not used[i] and weight == plain
    )


def _unpaired_descriptors(name: ComparableName, used: list[bool]) -> list[WordKind] | None:
    """Kinds of the name's unpaired words that name it (not places, qualifiers or bracketed
    words), or None if one of them is distinctive."""
    kinds = []
    for i, kind in enumerate(name.kinds):
        if used[i] or name.qualifying[i]:
            continue
        if kind in _DISTINCTIVE:
            return None
        kinds.append(kind)
    return kinds


def _differ_in_descriptors(
    query: ComparableName,
    used_query: list[bool],
    candidate: ComparableName,
    used_candidate: list[bool],
) -> bool:
    """Whether both names have a descriptive word the other lacks (MCS Group ~ MCS
    International, Etalon Group ~ Etalon Pro): the sign of two organisations sharing a word,
    where a dropped word ("Hunjin Co" ~ "Hunjin Trading Co") leaves only one side with more."""
    mine = _unpaired_descriptors(query, used_query)
    theirs = _unpaired_descriptors(candidate, used_candidate)
    return bool(mine) and bool(theirs)


def _has_distinctive(
    query: ComparableName, candidate: ComparableName, pairs: list[TokenPair]
) -> bool:
    """Whether the query has a distinctive word, judging a paired word by the candidate word it
    was paired with (a misspelt "Secnd" is the generic "second")."""
    paired = [False] * len(query.tokens)
    for pair in pairs:
        for i in range(pair.query_start, pair.query_stop):
            paired[i] = True
        theirs = candidate.kinds[pair.candidate_start : pair.candidate_stop]
        if any(kind in _DISTINCTIVE for kind in theirs):
            return True
    return any(kind in _DISTINCTIVE and not paired[i] for i, kind in enumerate(query.kinds))


def _shares_distinctive(
    query: ComparableName, candidate: ComparableName, pairs: list[TokenPair]
) -> bool:
    """Whether a word that identifies the candidate (distinctive, or a place) is paired."""
    for pair in pairs:
        theirs = candidate.kinds[pair.candidate_start : pair.candidate_stop]
        if any(kind in _IDENTIFYING for kind in theirs):
            return True
    return False


def _unweighted_dice(
    query: ComparableName, candidate: ComparableName, pairs: list[TokenPair]
) -> float:
    """Share of words paired, each word counting one (a generic one half); unpaired qualifying
    words ("Moscow office", bracketed words) do not count."""
    paired_query = [False] * len(query.tokens)
    paired_candidate = [False] * len(candidate.tokens)
    matched = 0.0
    for pair in pairs:
        for i in range(pair.query_start, pair.query_stop):
            paired_query[i] = True
        for j in range(pair.candidate_start, pair.candidate_stop):
            paired_candidate[j] = True
        matched += pair.similarity * (
            sum(kind_count(kind) for kind in query.kinds[pair.query_start : pair.query_stop])
            + sum(
                kind_count(kind)
                for kind in candidate.kinds[pair.candidate_start : pair.candidate_stop]
            )
        )
    words = sum(
        kind_count(kind)
        for name, paired in ((query, paired_query), (candidate, paired_candidate))
        for i, kind in enumerate(name.kinds)
        if paired[i] or not name.qualifying[i]
    )
    return min(1.0, matched / words) if words else 0.0
