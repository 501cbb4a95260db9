"""A normalised name ready for scoring: its tokens' weights and the joins of adjacent tokens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from screening.names.normalise import NormalisedName
from screening.names.romanise import fold
from screening.names.vocabulary import WordKind, vocabulary
from screening.names.weights import BRACKETED_FACTOR, TokenWeights

LONGEST_JOIN = 3  # "Nam Chon Gang" ~ "Namchongang": up to three words written as one
# Only short words are joined in the index: syllables written apart (Korean, pinyin) are short,
# and joining every pair of long words would only cost time and memory. A query joins longer
# words (pinyin pairs of a Chinese name: "shangyi xianda" ~ SHANGYIXIANDA).
LONGEST_JOINED_WORD = 6
LONGEST_JOINED_QUERY_WORD = 10


DISTINCTIVE_KINDS = frozenset({WordKind.DISTINCTIVE, WordKind.NUMBER})
QUALIFYING_KINDS = frozenset({WordKind.PLACE, WordKind.QUALIFIER})
GENERIC_WORD_COUNT = 0.5  # what a generic word counts in a name of everyday words
_NO_NATIONS: frozenset[str] = frozenset()


# NamedTuples rather than frozen dataclasses: made for every name screened, and a tuple is made
# several times faster.


class Span(NamedTuple):
    """Adjacent tokens run together, compared with one token of the other name."""

    start: int
    stop: int
    text: str  # the tokens run together
    fold: str
    weight: float  # the weight of the joined word, as if it were one token


class ComparableName(NamedTuple):
    form: NormalisedName
    weights: tuple[float, ...]
    plain_weights: tuple[float, ...]  # the weights as if no word were in brackets
    kinds: tuple[WordKind, ...]
    # words that say where or which part, not who: qualifiers ("branch"), bracketed words, and
    # places next to a qualifier ("Moscow office"); a place elsewhere is part of the name
    qualifying: tuple[bool, ...]
    total: float
    spans: tuple[Span, ...]
    whole: str  # fold key of all tokens run together: one key for every spacing of a name
    nations: frozenset[str]  # countries the name's words name: "Korean Reinsurance" -> korea
    # a Korean name (of a DPRK-tied entry): its spellings vary by romanisation rule, so short
    # words that fold together are the same word, not a coincidence
    korean: bool = False

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.form.tokens

    @property
    def folds(self) -> tuple[str, ...]:
        return self.form.folds


def _spans(form: NormalisedName, weights: TokenWeights, longest_word: int) -> tuple[Span, ...]:
    spans: list[Span] = []
    tokens, bracketed = form.tokens, form.bracketed
    short = [len(token) <= longest_word for token in tokens]
    if short.count(True) < 2:  # no two short words, so no two adjacent ones
        return ()
    for start in range(len(tokens)):
        if not short[start]:
            continue
        for stop in range(start + 2, min(start + LONGEST_JOIN, len(tokens)) + 1):
            if bracketed[stop - 1] != bracketed[start] or not short[stop - 1]:
                break
            text = "".join(tokens[start:stop])
            key = fold(text)
            spans.append(Span(start, stop, text, key, weights.weight(text, key)))
    return tuple(spans)


def _qualifying(
    kinds: tuple[WordKind, ...], bracketed: tuple[bool, ...], supplier: bool = False
) -> tuple[bool, ...]:
    if QUALIFYING_KINDS.isdisjoint(kinds) and True not in bracketed:
        return (False,) * len(kinds)  # the usual name: nothing says where or which part
    return tuple(
        kind is WordKind.QUALIFIER
        or inside
        or (
            kind is WordKind.PLACE
            and (
                # a supplier's city written after its first word says where it is, wherever
                # the sheet put it: "LIBERTY Dandong SHIPPING CO LTD"
                (supplier and i > 0)
                or (i > 0 and kinds[i - 1] is WordKind.QUALIFIER)
                or (i + 1 < len(kinds) and kinds[i + 1] is WordKind.QUALIFIER)
            )
        )
        for i, (kind, inside) in enumerate(zip(kinds, bracketed, strict=True))
    )


def make_comparable(
    form: NormalisedName,
    weights: TokenWeights,
    *,
    longest_joined: int = LONGEST_JOINED_WORD,
    korean: bool = False,
    supplier: bool = False,
) -> ComparableName:
    """`form` with its weights; `longest_joined` limits the words that are joined to their
    neighbours (LONGEST_JOINED_QUERY_WORD for a supplier's name); `supplier`: the name is a
    supplier's, whose place words after its first word only say where it is."""
    nations = vocabulary().nations
    tokens, bracketed = form.tokens, form.bracketed
    described = weights.describe_all(tokens, form.folds)
    plain_weights: tuple[float, ...] = tuple([weight for weight, _ in described])
    kinds: tuple[WordKind, ...] = tuple([kind for _, kind in described])
    token_weights = plain_weights
    if True in bracketed:
        token_weights = tuple(
            [
                weight * BRACKETED_FACTOR if inside else weight
                for weight, inside in zip(plain_weights, bracketed, strict=True)
            ]
        )
    return ComparableName(
        form=form,
        weights=token_weights,
        plain_weights=plain_weights,
        kinds=kinds,
        qualifying=_qualifying(kinds, bracketed, supplier),
        total=sum(token_weights),
        spans=_spans(form, weights, longest_joined),
        whole=form.folds[0] if len(tokens) == 1 else fold("".join(tokens)),
        nations=_nations(nations, tokens, form.words),
        korean=korean,
    )


def _nations(
    nations: Mapping[str, str], tokens: tuple[str, ...], words: tuple[str, ...]
) -> frozenset[str]:
    """The countries a name's words name, in brackets or not: the form "X" of a listed
    "X (Netherlands)" still names the Netherlands, and is not "X (Spain)"."""
    if nations.keys().isdisjoint(tokens) and nations.keys().isdisjoint(words):
        return _NO_NATIONS
    return frozenset(nations[word] for word in (*tokens, *words) if word in nations)


def kind_count(kind: WordKind) -> float:
    """What a word counts in a name of everyday words: the generic ones (korea, trading) half."""
    return GENERIC_WORD_COUNT if kind is WordKind.GENERIC else 1.0


def word_count(name: ComparableName) -> float:
    """The words a name of everyday words counts, its qualifying words aside."""
    return sum(
        kind_count(kind)
        for kind, qualifying in zip(name.kinds, name.qualifying, strict=True)
        if not qualifying
    )


def without_brackets(form: NormalisedName, *, inside: bool) -> NormalisedName:
    """The tokens outside (or inside) the brackets of a name, as a name of their own: a list name
    "KOREA KWANGSON BANKING CORPORATION (KKBC)" is indexed as the name and as "KKBC"."""
    keep = [i for i, flag in enumerate(form.bracketed) if flag == inside]
    return NormalisedName(
        original=form.original,
        latin=form.latin,
        scripts=form.scripts,
        tokens=tuple(form.tokens[i] for i in keep),
        folds=tuple(form.folds[i] for i in keep),
        sources=tuple(form.sources[i] for i in keep),
        bracketed=tuple(False for _ in keep),
        legal_forms=form.legal_forms,
        words=form.words,
    )
