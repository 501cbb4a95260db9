"""People's names in Arabic script against their Latin spellings, by consonant skeleton.

Arabic writes consonants and long vowels, not short ones: محمد reads "mhmd", which meets no
Latin spelling letter by letter (MUHAMMAD, MOHAMMED). Both sides are reduced to the consonants
Arabic writes: vowels, and w and y inside a word (long vowels), dropped; the Latin renderings
of one Arabic letter folded (kh/h, dh/z, th/s, sh/s, gh/g, q/k); doubled letters (shadda is not
written) and a final h (ta marbuta, Fatima/Fatimah) dropped; the article (al-, el-) and the
particles bin, ibn left out; Abd before a name apart (Abdulrahman ~ عبد الرحمن)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_DIGRAPHS = (("kh", "h"), ("gh", "g"), ("sh", "s"), ("th", "s"), ("dh", "z"), ("ph", "f"))
_FOLDED = str.maketrans({"q": "k", "x": "ks", "v": "f", "p": "b"})
_INNER_VOWELS = re.compile(r"(?<=.)[aeiouwy]+")
_VOWELS = re.compile(r"[aeiou]+")
_LONG_VOWELS = re.compile(r"[aeiouwy]+")
_DOUBLED = re.compile(r"(.)\1+")
# the article written onto its noun, as Arabic writes it (الرحمن, alrahman, elsayed)
_ARTICLE = re.compile(r"^[ae]l(?=[a-z]{3})")
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ul"})
_PARTICLES = frozenset({"bin", "ibn", "ben", "bn", "bint", "binti"})
SHORTEST_SKELETON = 3  # a pair of names needs one part with this many consonants
LEAST_PAIRED = 2  # ... and this many parts paired
ABD = "bd"  # Abd (servant of), which begins a name of two words: Abd al-Rahman


# Arabic and Persian letters as their Latin consonants, alif, waw and ya (long vowels and
# their seats) as a, w, y; ayn and hamza as nothing (a vowel or an apostrophe in Latin)
_LETTERS = str.maketrans(
    {
        **dict.fromkeys("اأإآٱى", "a"),
        **dict.fromkeys("ءع", ""),
        **dict.fromkeys("وؤ", "w"),
        **dict.fromkeys("يیئې", "y"),
        **dict.fromkeys("هةۀە", "h"),
        **dict.fromkeys("كک", "k"),
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
        "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "غ": "gh", "ف": "f", "ق": "q", "ل": "l", "م": "m", "ن": "n", "پ": "p", "چ": "ch",
        "ژ": "zh", "گ": "g",
    }
)  # fmt: skip
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u06d5]+")


def arabic_words(text: str) -> tuple[str, ...]:
    """The words of a name in Arabic script, each in Latin letters with its long vowels
    (سلمان: "salman", which anyascii reads "slmn"); diacritics and other letters left out."""
    return tuple(word.translate(_LETTERS) for word in _ARABIC_WORD.findall(text))


def is_arabic(text: str) -> bool:
    """Whether `text` has a letter of the Arabic script."""
    return _ARABIC.search(text) is not None


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonants Arabic writes of one lower-case ASCII word (muhammad, mohammed and mhmd:
    "mhmd"); "" for what has none."""
    word = "".join(char for char in word if char.isalpha())
    word = _ARTICLE.sub("", word)
    for written, letter in _DIGRAPHS:
        word = word.replace(written, letter)
    word = word.translate(_FOLDED)
    if word[:1] in {"w", "y"}:  # an initial w or y is a consonant (Walid, Yusuf)
        word = word[0] + _LONG_VOWELS.sub("", word[1:])
    else:
        word = _INNER_VOWELS.sub("", _VOWELS.sub("", word[:1]) + word[1:])
        word = _VOWELS.sub("", word)
    word = _DOUBLED.sub(r"\1", word)
    if len(word) > 2 and word.endswith("h"):
        word = word[:-1]
    if len(word) > 4 and word[0] == "l":  # the article as anyascii reads it (الرحمن: lrhmn)
        word = word[1:]
    return word


@lru_cache(maxsize=65536)
def name_skeletons(tokens: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """The skeletons of a person's name parts, each with the index of its token: articles and
    bin/ibn left out, Abd one part with the name after it, however written (abd al-rahman,
    abdul rahman, abdulrahman: "bdrhmn")."""
    parts: list[tuple[int, str]] = []
    abd = False
    for i, token in enumerate(tokens):
        if token in _ARTICLES or token in _PARTICLES:
            continue
        bare = skeleton(token)
        if abd:
            parts[-1] = (
                i,
                ABD + (bare[1:] if len(bare) > SHORTEST_SKELETON and bare[0] == "l" else bare),
            )
            abd = False
            continue
        if bare in {ABD, ABD + "l"} and i < len(tokens) - 1:
            abd = True  # Abd, Abdul before the name it joins
            bare = ABD
        elif bare.startswith(ABD) and len(bare) > SHORTEST_SKELETON + 1 and bare[2] == "l":
            bare = ABD + bare[3:]  # Abdulrahman, Abdelaziz
        if bare:
            parts.append((i, bare))
    return tuple(parts)


def _latin_letters(word: str) -> str:
    """A Latin word with the renderings of one Arabic letter folded, vowels kept."""
    word = _ARTICLE.sub("", "".join(char for char in word if char.isalpha()))
    for written, letter in (*_DIGRAPHS, ("dj", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i")):
        word = word.replace(written, letter)
    return _DOUBLED.sub(r"\1", word.translate(_FOLDED))


_SHORT = "[aeiou]?"  # a short vowel, which Arabic does not write
_LONG = {"a": "[aeiou]{1,2}", "w": "(?:w|u|o|aw|ow|uw)", "y": "(?:y|i|e|ai|ay|ei|ey|iy)"}
_FIRST = {"a": "[aeiou]", "w": "(?:w|u|o)", "y": "(?:y|i|j)"}


@lru_cache(maxsize=65536)
def _arabic_pattern(word: str) -> re.Pattern[str]:
    """The Latin spellings of a word written in Arabic script (read by anyascii: consonants, a
    w y for long vowels and their seats) as a pattern on _latin_letters: a short vowel or none
    between letters, a long vowel written, a final h (ta marbuta) as a vowel or h or nothing."""
    word = _DOUBLED.sub(r"\1", _latin_letters(word).replace("i", "y").replace("u", "w"))
    units = []
    for i, char in enumerate(word):
        if i == len(word) - 1 and char == "h" and i > 1:
            units.append("(?:[aeiou]h?|h)?")
        elif char in _LONG:
            units.append(_FIRST[char] if i == 0 else _LONG[char])
        elif char in "eo":
            continue
        else:
            units.append(char)
    return re.compile("[aeiou]?" + _SHORT.join(units) + _SHORT)


def part_meets(arabic: str, latin: str) -> bool:
    """Whether a name part in Arabic script (as anyascii reads it) may be written `latin`."""
    return _arabic_pattern(arabic).fullmatch(_latin_letters(latin)) is not None


def skeleton_pairs(
    query: tuple[tuple[int, str], ...],
    candidate: tuple[tuple[int, str], ...],
    meets: Callable[[int, int], bool],
) -> list[tuple[int, int]]:
    """The (query token, candidate token) of each pair of equal skeletons whose words `meets`,
    each part paired once; none unless every part of the shorter name pairs, at least two do,
    and one has SHORTEST_SKELETON consonants or more."""
    left = list(candidate)
    pairs: list[tuple[int, int]] = []
    longest = 0
    for i, part in query:
        for found in left:
            # Abd's names are written in too many ways (Abdul Rahman, Abderrahmane) to check
            if found[1] == part and (part.startswith(ABD) or meets(i, found[0])):
                left.remove(found)
                pairs.append((i, found[0]))
                longest = max(longest, len(part))
                break
    shorter = min(len(query), len(candidate))
    if len(pairs) < max(LEAST_PAIRED, shorter) or longest < SHORTEST_SKELETON:
        return []
    return pairs
