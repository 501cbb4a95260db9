"""A name as the matcher compares it: Latin words without legal forms, translated and folded."""

from __future__ import annotations

from dataclasses import dataclass

from screening.names.legal_forms import LegalForm, legal_form_table
from screening.names.romanise import fold
from screening.names.scripts import Script
from screening.names.tokens import latin_words
from screening.names.transliterate import to_latin
from screening.names.vocabulary import vocabulary


@dataclass(frozen=True, slots=True)
class NormalisedName:
    """Parallel tuples, one item per word that names the organisation or person."""

    original: str
    latin: str  # the name in Latin letters, lower case, as transliterated
    scripts: tuple[str, ...]  # non-Latin scripts it was written in: Cyrillic, Hangul, Han...
    tokens: tuple[str, ...]  # canonical words: "choson" -> "korea", "banking" -> "bank"
    folds: tuple[str, ...]  # romanisation fold key of each token
    sources: tuple[str, ...]  # each token as written (after transliteration)
    bracketed: tuple[bool, ...]  # inside brackets: "(Vladivostok branch)"
    legal_forms: tuple[LegalForm, ...]
    words: tuple[str, ...]  # every word, legal forms and stopwords included (for acronyms)

    @property
    def is_empty(self) -> bool:
        return not self.tokens


# word -> its tokens and their fold keys, for each stopword list: most words recur across names
_MEANINGS: dict[tuple[str, frozenset[str]], tuple[tuple[str, str], ...]] = {}
_MAX_CACHED = 1_000_000


def _meanings(tokens: tuple[str, ...], stopwords: frozenset[str]) -> tuple[tuple[str, str], ...]:
    return tuple((token, fold(token)) for token in tokens if token not in stopwords)


def _word_meanings(word: str, stopwords: frozenset[str]) -> tuple[tuple[str, str], ...]:
    found = _MEANINGS.get((word, stopwords))
    if found is None:
        found = () if word in stopwords else _meanings(vocabulary().translate(word), stopwords)
        if len(_MEANINGS) < _MAX_CACHED:
            _MEANINGS[(word, stopwords)] = found
    return found


def _segments(words: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """Runs of words that are all inside, or all outside, brackets."""
    segments: list[list[tuple[str, bool]]] = []
    for word in words:
        if segments and segments[-1][0][1] == word[1]:
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


def normalise_name(text: str) -> NormalisedName:
    """Normalise an organisation's name (or a name that may be one): `normalise_name("ООО «Корея
    Рёнбон»")` has tokens korea, ryonbon, the legal form OOO (llc) and the script Cyrillic."""
    latin, scripts = to_latin(text)
    words = latin_words(latin)
    table = legal_form_table()
    forms: list[LegalForm] = []
    kept: list[tuple[str, bool]] = []
    trailing = vocabulary().trailing_words
    for segment in _segments(words):
        indexes, found = table.split([word for word, _ in segment], trailing)
        forms.extend(found)
        kept.extend(segment[i] for i in indexes)
    if not kept:  # a name made only of legal-form words is compared as it is
        kept = words
    return _finish(text, latin, scripts, words, kept, forms, vocabulary().organisation_stopwords)


def normalise_person_name(text: str) -> NormalisedName:
    """Normalise a person's name: like `normalise_name`, but no word is taken for a legal form
    (a surname may be spelled like one: Ao, Sa, As)."""
    latin, scripts = to_latin(text)
    words = latin_words(latin)
    return _finish(text, latin, scripts, words, words, [], vocabulary().stopwords)


def _finish(
    text: str,
    latin: str,
    scripts: tuple[Script, ...],
    words: list[tuple[str, bool]],
    kept: list[tuple[str, bool]],
    forms: list[LegalForm],
    stopwords: frozenset[str],
) -> NormalisedName:
    vocab = vocabulary()
    tokens: list[str] = []
    folds: list[str] = []
    sources: list[str] = []
    bracketed: list[bool] = []
    skip_next = False
    for position, (word, inside) in enumerate(kept):
        if skip_next:
            skip_next = False
            continue
        if position + 1 < len(kept) and (word, kept[position + 1][0]) in vocab.phrases:
            meanings = _meanings(vocab.phrases[(word, kept[position + 1][0])], stopwords)
            skip_next = True
        else:
            found = _MEANINGS.get((word, stopwords))
            meanings = found if found is not None else _word_meanings(word, stopwords)
        for token, key in meanings:
            tokens.append(token)
            folds.append(key)
            sources.append(word)
            bracketed.append(inside)
    return NormalisedName(
        original=text,
        latin=latin.lower().strip(),
        scripts=tuple(str(script) for script in scripts),
        tokens=tuple(tokens),
        folds=tuple(folds),
        sources=tuple(sources),
        bracketed=tuple(bracketed),
        legal_forms=tuple(forms),
        words=tuple(word for word, _ in words),
    )
