"""A normalised name ready for scoring: its tokens' weights and the joins of adjacent tokens."""

from __future__ import annotations

from dataclasses import dataclass

from screening.names.normalise import NormalisedName
from screening.names.romanise import fold
from screening.names.vocabulary import WordKind, vocabulary
from screening.names.weights import TokenWeights

LONGEST_JOIN = 3  # "Nam Chon Gang" ~ "Namchongang": up to three words written as one
# Only short words are joined in the index: syllables written apart (Korean, pinyin) are short,
# and joining every pair of long words would only cost time and memory. A query joins longer
# words (pinyin pairs of a Chinese name: "shangyi xianda" ~ SHANGYIXIANDA).
LONGEST_JOINED_WORD = 6
LONGEST_JOINED_QUERY_WORD = 10


@dataclass(frozen=True, slots=True)
class Span:
    """Adjacent tokens run together, compared with one token of the other name."""

    start: int
    stop: int
    text: str  # the tokens run together
    fold: str
    weight: float  # the weight of the joined word, as if it were one token


@dataclass(frozen=True, slots=True)
class ComparableName:
    form: NormalisedName
    weights: tuple[float, ...]
    kinds: tuple[WordKind, ...]
    total: float
    spans: tuple[Span, ...]
    whole: str  # fold key of all tokens run together: one key for every spacing of a name
    nations: frozenset[str]  # countries the name's words name: "Korean Reinsurance" -> korea

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


def make_comparable(
    form: NormalisedName, weights: TokenWeights, *, longest_joined: int = LONGEST_JOINED_WORD
) -> ComparableName:
    """`form` with its weights; `longest_joined` limits the words that are joined to their
    neighbours (LONGEST_JOINED_QUERY_WORD for a supplier's name)."""
    nations = vocabulary().nations
    token_weights = tuple(
        weights.weight(token, key, bracketed=inside)
        for token, key, inside in zip(form.tokens, form.folds, form.bracketed, strict=True)
    )
    return ComparableName(
        form=form,
        weights=token_weights,
        kinds=tuple(weights.kind(token) for token in form.tokens),
        total=sum(token_weights),
        spans=_spans(form, weights, longest_joined),
        whole=fold("".join(form.tokens)),
        nations=frozenset(nations[token] for token in form.tokens if token in nations),
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
