"""Mend the words of a name that a sheet wrote apart or together: a legal form glued to the word
before it ("TRADINGco., Ltd.", "HANAag", "BANKco") and one word split in two ("INTER NATIONAL",
"SHIP PING"). Only changes the vocabulary or the letter case vouches for are made."""

from __future__ import annotations

import re
from functools import cache

from screening.names.legal_forms import legal_form_table
from screening.names.vocabulary import vocabulary

LONGEST_GLUED_FORM = 4  # co, ltd, llc, inc, corp, ag, gmbh...
SHORTEST_STEM = 3
SHORTEST_MENDED_WORD = 7  # a word split in two that is read as one: "inter national"
SHORTEST_PIECE = 2
_FORM_LENGTHS = range(LONGEST_GLUED_FORM, 1, -1)


@cache
def _glued_forms() -> frozenset[str]:
    return legal_form_table().short_spellings(LONGEST_GLUED_FORM)


@cache
def _case_glued() -> re.Pattern[str]:
    """An upper-case word with a lower-case legal form glued to its end: "HANAag", "TRADINGco"."""
    forms = "|".join(sorted(_glued_forms(), key=len, reverse=True))
    return re.compile(rf"\b([A-Z][A-Z0-9]{{{SHORTEST_STEM - 1},}})({forms})\b")


def _is_known(word: str) -> bool:
    vocab = vocabulary()
    return word in vocab.kinds or word in vocab.translations or word in vocab.carrier_words


def unglue_case(text: str) -> str:
    """`text` with a lower-case legal form parted from the capitals it is glued to."""
    if not any(char.isupper() for char in text):
        return text
    return _case_glued().sub(r"\1 \2", text)


def _unglued(word: str) -> list[str]:
    """A word of known stem and legal-form ending in two: "bankco" -> bank co."""
    if _is_known(word):
        return [word]
    forms = _glued_forms()
    for length in _FORM_LENGTHS:
        stem, form = word[:-length], word[-length:]
        if form in forms and len(stem) >= SHORTEST_STEM and _is_known(stem):
            return [stem, form]
    return [word]


def mend_words(words: list[str], inside: list[bool] | None) -> tuple[list[str], list[bool] | None]:
    """The words with glued legal forms parted and split words joined (see the module's doc);
    `inside` (brackets) follows them."""
    flags = inside if inside is not None else [False] * len(words)
    parted: list[tuple[str, bool]] = []
    for word, flag in zip(words, flags, strict=True):
        parted.extend((piece, flag) for piece in _unglued(word))
    mended: list[tuple[str, bool]] = []
    i = 0
    while i < len(parted):
        word, flag = parted[i]
        if i + 1 < len(parted):
            following, following_flag = parted[i + 1]
            joined = word + following
            if (
                flag == following_flag
                and len(joined) >= SHORTEST_MENDED_WORD
                and min(len(word), len(following)) >= SHORTEST_PIECE
                and not (_is_known(word) and _is_known(following))
                and _is_known(joined)
            ):
                mended.append((joined, flag))
                i += 2
                continue
        mended.append((word, flag))
        i += 1
    if len(mended) == len(words) and all(m[0] == w for m, w in zip(mended, words, strict=True)):
        return words, inside
    return [word for word, _ in mended], (
        [flag for _, flag in mended] if inside is not None else None
    )
