"""A name as the matcher compares it: Latin words without legal forms, translated and folded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from screening.names.legal_forms import LegalForm, legal_form_table
from screening.names.mend import mend_words, unglue_case
from screening.names.romanise import fold
from screening.names.scripts import Script
from screening.names.tokens import split_words
from screening.names.transliterate import to_latin
from screening.names.vocabulary import vocabulary


class NormalisedName(NamedTuple):
    """Parallel tuples, one item per word that names the organisation or person.

    A NamedTuple rather than a frozen dataclass: one is made per name screened, and a tuple is
    made several times faster."""

    original: str
    latin: str  # the name in Latin letters, lower case, as transliterated
    scripts: tuple[str, ...]  # non-Latin scripts it was written in: Cyrillic, Hangul, Han...
    tokens: tuple[str, ...]  # canonical words: "choson" -> "korea", "banking" -> "bank"
    folds: tuple[str, ...]  # romanisation fold key of each token
    sources: tuple[str, ...]  # each token as written (after transliteration)
    bracketed: tuple[bool, ...]  # inside brackets: "(Vladivostok branch)"
    legal_forms: tuple[LegalForm, ...]
    words: tuple[str, ...]  # every word, legal forms and stopwords included (for acronyms)
    # words as written that were cut in two or joined to read the name ("toplivobunkering",
    # "elektro pribor"): a match on them rests on a reading, not on what was written
    mended: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.tokens


# stopwords -> word -> its tokens and their fold keys: most words recur across names
_MEANINGS: dict[frozenset[str], dict[str, tuple[tuple[str, str], ...]]] = {}
_MAX_CACHED = 1_000_000


def _meanings(tokens: tuple[str, ...], stopwords: frozenset[str]) -> tuple[tuple[str, str], ...]:
    return tuple((token, fold(token)) for token in tokens if token not in stopwords)


def _word_meanings(
    word: str, stopwords: frozenset[str], known: dict[str, tuple[tuple[str, str], ...]]
) -> tuple[tuple[str, str], ...]:
    """The tokens of one word and their fold keys; `known` remembers them for `stopwords`."""
    found = known.get(word)
    if found is None:
        found = () if word in stopwords else _meanings(vocabulary().translate(word), stopwords)
        if len(known) < _MAX_CACHED:
            known[word] = found
    return found


def _segments(inside: list[bool]) -> list[range]:
    """The positions of the runs of words that are all inside, or all outside, brackets."""
    starts = [i for i in range(len(inside)) if i == 0 or inside[i] != inside[i - 1]]
    return [
        range(start, stop) for start, stop in zip(starts, [*starts[1:], len(inside)], strict=True)
    ]


def normalise_name(text: str) -> NormalisedName:
    """Normalise an organisation's name (or a name that may be one): `normalise_name("ООО «Корея
    Рёнбон»")` has tokens korea, ryonbon, the legal form OOO (llc) and the script Cyrillic."""
    latin, scripts = to_latin(text)
    written = split_words(unglue_case(latin))
    words, inside = mend_words(*written)
    kept, forms = _without_legal_forms(words, inside)
    return _marked(
        _finish(
            text, latin, scripts, words, inside, kept, forms, vocabulary().organisation_stopwords
        ),
        written[0],
        words,
    )


def normalise_names(texts: Sequence[str]) -> list[NormalisedName]:
    """`normalise_name` of each text, done a stage at a time for all of them: each stage then
    runs with its code and data warm in the processor's caches (a batch takes ~10% less time)."""
    latins = [to_latin(text) for text in texts]
    written = [split_words(unglue_case(latin)) for latin, _ in latins]
    splits = [mend_words(*words) for words in written]
    found = [_without_legal_forms(words, inside) for words, inside in splits]
    stopwords = vocabulary().organisation_stopwords
    return [
        _marked(_finish(text, latin, scripts, words, inside, kept, forms, stopwords), before, words)
        for text, (latin, scripts), (before, _), (words, inside), (kept, forms) in zip(
            texts, latins, written, splits, found, strict=True
        )
    ]


def _marked(form: NormalisedName, written: list[str], words: list[str]) -> NormalisedName:
    """`form` with the words `mend_words` cut or joined (`written` before, `words` after)."""
    if words is written:  # nothing mended: the usual name
        return form
    kept = set(words)
    return form._replace(mended=tuple(word for word in written if word not in kept))


def _without_legal_forms(
    words: list[str], inside: list[bool] | None
) -> tuple[list[int], list[LegalForm]]:
    """The positions of the words that are not part of a legal form, and the forms found."""
    table = legal_form_table()
    trailing = vocabulary().trailing_words
    if inside is None:  # one segment: the whole name
        kept, forms = table.split(words, trailing)
    else:
        kept, forms = [], []
        for segment in _segments(inside):
            indexes, found = table.split(words[segment.start : segment.stop], trailing)
            kept.extend([segment.start + i for i in indexes])
            forms.extend(found)
    if not kept:  # a name made only of legal-form words is compared as it is
        kept = list(range(len(words)))
    return kept, forms


def normalise_person_name(text: str) -> NormalisedName:
    """Normalise a person's name: like `normalise_name`, but no word is taken for a legal form
    (a surname may be spelled like one: Ao, Sa, As)."""
    latin, scripts = to_latin(text)
    words, inside = split_words(latin)
    return _finish(
        text, latin, scripts, words, inside, list(range(len(words))), [], vocabulary().stopwords
    )


def _finish(
    text: str,
    latin: str,
    scripts: tuple[Script, ...],
    words: list[str],
    inside: list[bool] | None,
    kept: list[int],
    forms: list[LegalForm],
    stopwords: frozenset[str],
) -> NormalisedName:
    """The name of the `kept` words (positions in `words`), each translated and folded."""
    vocab = vocabulary()
    phrases, phrase_starts = vocab.phrases, vocab.phrase_starts
    known = _MEANINGS.get(stopwords)
    if known is None:
        known = _MEANINGS[stopwords] = {}
    # (token, fold key, word as written, in brackets) of each token
    entries: list[tuple[str, str, str, bool]] = []
    skip_next = False
    last = len(kept) - 1
    for position, at in enumerate(kept):
        if skip_next:
            skip_next = False
            continue
        word = words[at]
        if (
            word in phrase_starts
            and position < last
            and (word, words[kept[position + 1]]) in phrases
        ):
            meanings = _meanings(phrases[(word, words[kept[position + 1]])], stopwords)
            skip_next = True
        else:
            found = known.get(word)
            meanings = found if found is not None else _word_meanings(word, stopwords, known)
        bracketed = inside is not None and inside[at]
        for token, key in meanings:
            entries.append((token, key, word, bracketed))
    tokens, folds, sources, brackets = zip(*entries, strict=True) if entries else ((), (), (), ())
    return NormalisedName(
        original=text,
        latin=latin.lower().strip(),
        scripts=tuple(map(str, scripts)) if scripts else (),
        tokens=tokens,
        folds=folds,
        sources=sources,
        bracketed=brackets,
        legal_forms=tuple(forms),
        words=tuple(words),
    )
