"""Mend the words of a name that a sheet wrote apart or together: a legal form glued to the word
before it ("TRADINGco., Ltd.", "HANAag", "BANKco") and one word split in two ("INTER NATIONAL",
"SHIP PING"). Only changes the vocabulary or the letter case vouches for are made."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from screening.names.legal_forms import legal_form_table
from screening.names.vocabulary import vocabulary

LONGEST_GLUED_FORM = 4  # co, ltd, llc, inc, corp, ag, gmbh...
SHORTEST_STEM = 3
SHORTEST_MENDED_WORD = 7  # a word split in two that is read as one: "inter national"
# ... or a shorter word the lists translate, split at its syllables: "CHO SON" (Korea), "MU YOK"
SHORTEST_MENDED_TRANSLATION = 5
SHORTEST_PIECE = 2
_FORM_LENGTHS = range(LONGEST_GLUED_FORM, 1, -1)


@cache
def _glued_forms() -> frozenset[str]:
    return legal_form_table().short_spellings(LONGEST_GLUED_FORM)


# An upper-case word with a legal form glued to its end in other case: "HANAag", "SUKBAKSOLtd",
# "SINBAD.IOltd"
_CASE_GLUED = re.compile(r"\b([A-Z][A-Z0-9]{1,})([A-Z][a-z]{1,3}|[a-z]{2,4})\b")
# A legal form in capitals glued to the end of a word in lower case: "SiemensAG", "MokranLLC"
_TAIL_GLUED = re.compile(r"(?<=[a-z]{2})[A-Z]{2,4}\b")
# Words run together, told apart by a capital: "PaekmaShipping", "GuidanceDepartment"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
SHORTEST_KNOWN_TAIL = 5  # a known word read off the end of a longer one: "ansanshipping"
SHORTEST_SPLIT_WORD = 8
SHORTEST_SPLIT_STEM = 4  # "rostelecom" stays one word, not ros + telecom
# Short legal forms read off the end of a word: not those that end names and words by chance
# (Pavlichenko is not Pavliche NKO, Zindasti not Zinda STI)
GLUED_TAIL_FORMS = frozenset({"llc", "ltd", "inc", "corp", "gmbh", "plc", "jsc", "pjsc", "ojsc"})
# ... and those read off a word's end when written in capitals after lower case ("SiemensAG"):
# not SA, AS, CO, which end brands so written (PetroSA)
CAPITAL_TAIL_FORMS = GLUED_TAIL_FORMS | {"ag"}
_MOST_REMEMBERED = 200_000
_parted: dict[str, list[str]] = {}


@cache
def _tails() -> frozenset[str]:
    """Words that may end a longer word written together with them: the vocabulary's longer
    words, the longer one-word legal forms (corporation, limited) and the usual short ones."""
    vocab = vocabulary()
    words = {word for word in vocab.kinds if len(word) >= SHORTEST_KNOWN_TAIL}
    words.update(word for word in vocab.translations if len(word) >= SHORTEST_KNOWN_TAIL)
    words.update(
        word
        for word in legal_form_table().one_word_spellings()
        if len(word) >= SHORTEST_KNOWN_TAIL or word in GLUED_TAIL_FORMS
    )
    return frozenset(words)


def _part_case(match: re.Match[str]) -> str:
    stem, tail = match.group(1), match.group(2)
    if tail.lower() in _glued_forms():
        return f"{stem} {tail}"
    if len(stem) > 2 and tail.islower() and (stem[-1] + tail).lower() in _glued_forms():
        return f"{stem[:-1]} {stem[-1]}{tail}"  # the capital was the form's: "SHPGLtd"
    return match.group(0)


def _part_capital_tail(match: re.Match[str]) -> str:
    tail = match.group(0)
    return f" {tail}" if tail.lower() in CAPITAL_TAIL_FORMS else tail


@cache
def _known_words() -> frozenset[str]:
    vocab = vocabulary()
    # countries too: "Netherlands" is one word, not "nether lands"
    known = frozenset(vocab.kinds) | frozenset(vocab.translations) | frozenset(vocab.nations)
    return known | vocab.carrier_words


def _is_known(word: str) -> bool:
    return word in _known_words()


def _needs_mending(words: list[str]) -> bool:
    """Whether a word is to be parted or two joined: the fast answer for most names (no)."""
    parted = _parted
    for word in words:
        found = parted.get(word)
        if found is None:
            found = _unglued(word)
        if len(found) > 1:
            return True
    known = _known_words()
    for first, second in pairwise(words):
        if (
            len(first) + len(second) >= SHORTEST_MENDED_TRANSLATION
            and _may_join(first + second)
            and not (first in known and second in known)
        ):
            return True
    return False


def _may_join(joined: str) -> bool:
    """Whether two words written apart may be read as `joined`: a known word long enough not to
    be two short words by chance, or a word the lists translate ("choson")."""
    if len(joined) >= SHORTEST_MENDED_WORD:
        return _is_known(joined)
    return len(joined) >= SHORTEST_MENDED_TRANSLATION and joined in vocabulary().translations


def unglue_case(text: str) -> str:
    """`text` with a lower-case legal form parted from the capitals it is glued to."""
    if text.islower():  # no capital to tell words apart by
        return text
    text = _CASE_GLUED.sub(_part_case, text)
    if text.isupper():  # no lower case for a capital to follow (most sheets' names)
        return text
    return _CAMEL.sub(" ", _TAIL_GLUED.sub(_part_capital_tail, text))


@cache
def _longest_tail() -> int:
    return max(map(len, _tails()), default=0)


def _unglued(word: str) -> list[str]:
    """A word that is two written together, in two: "bankco" -> bank co (a known stem and a
    legal form), "mokranllc" -> mokran llc, "ansanshipping" -> ansan shipping (a known word at
    the end)."""
    found = _parted.get(word)
    if found is not None:
        return found
    found = [word]
    if not _is_known(word) and not word.isdigit():
        forms = _glued_forms()
        for length in _FORM_LENGTHS:
            stem, form = word[:-length], word[-length:]
            if form in forms and len(stem) >= SHORTEST_STEM and _is_known(stem):
                found = [stem, form]
                break
        else:
            if len(word) >= SHORTEST_SPLIT_WORD:
                tails = _tails()
                # only cuts that leave a tail no longer than the longest known one: a cell of a
                # million letters is tried a few dozen times, not a million
                first_cut = max(SHORTEST_SPLIT_STEM, len(word) - _longest_tail())
                for cut in range(first_cut, len(word) - 2):
                    if word[cut:] in tails:
                        found = [word[:cut], word[cut:]]
                        break
    if len(_parted) < _MOST_REMEMBERED:
        _parted[word] = found
    return found


def mend_words(words: list[str], inside: list[bool] | None) -> tuple[list[str], list[bool] | None]:
    """The words with glued legal forms parted and split words joined (see the module's doc);
    `inside` (brackets) follows them."""
    if not _needs_mending(words):
        return words, inside
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
                and min(len(word), len(following)) >= SHORTEST_PIECE
                and not (_is_known(word) and _is_known(following))
                and _may_join(joined)
            ):
                mended.append((joined, flag))
                i += 2
                continue
        mended.append((word, flag))
        i += 1
    return [word for word, _ in mended], (
        [flag for _, flag in mended] if inside is not None else None
    )
