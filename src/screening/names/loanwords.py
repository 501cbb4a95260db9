"""English words written in Russian by sound (Трейдинг, Интернэшнл, Холдингс) read back as English.

Writers agree on the consonants of a transcribed word and differ in its vowels (Интернэшнл,
Интернешнл, Интернешенал) and doubled letters (Груп, Групп): a word is looked up by a key of
its first letter and its consonants, the letters writers confuse taken as one."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from screening.names.cyrillic import cyrillic_to_latin
from screening.names.resources import load_data

# a key with fewer consonants than this is too like other words: only listed spellings count
FEWEST_CONSONANTS = 5
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# letters and pairs a Russian transcription writes in more than one way: Текнолоджи/Технолоджи,
# Менеджмент/Менежмент, Ресорсиз/Ресорсис, Эксчейндж/Иксчейндж
_ONE_SOUND = (("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "k"), ("z", "s"))


def loose_key(word: str) -> str:
    """The key of a lower-case ASCII word (a Cyrillic word transliterated): "interneshnl",
    "interneshenal" and "interneyshnl" all give "intrnshnl"."""
    for letters, sound in _ONE_SOUND:
        if letters in word:
            word = word.replace(letters, sound)
    return word[:1] + _DOUBLED.sub(r"\1", _VOWELS.sub("", word[1:]))


def _syllables(word: str) -> int:
    """How many groups of vowels `word` has: a spelling may add or drop one (Интернешенал)."""
    return len(_VOWEL_GROUPS.findall(word))


def _is_loose(key: str) -> bool:
    return len(key) - (key[:1] in "aeiouy") >= FEWEST_CONSONANTS


class _Loanwords(NamedTuple):
    spellings: dict[str, str]  # a listed spelling, transliterated -> the English word
    keys: dict[str, tuple[str, frozenset[int]]]  # key -> English word, syllables of its spellings


@cache
def loanwords() -> _Loanwords:
    """The table of loanwords.toml. A key two English words share is left out of the keys
    (their listed spellings still count)."""
    spellings: dict[str, str] = {}
    keys: dict[str, tuple[str, frozenset[int]]] = {}
    shared: set[str] = set()
    for english, written in load_data("loanwords")["words"].items():
        for cyrillic in written:
            latin = cyrillic_to_latin(cyrillic)
            spellings[latin] = english
            key = loose_key(latin)
            if not _is_loose(key):
                continue
            known, syllables = keys.get(key, (english, frozenset()))
            if known != english:
                shared.add(key)
            keys[key] = (english, syllables | {_syllables(latin)})
    for key in shared:
        del keys[key]
    return _Loanwords(spellings, keys)


def english_word(word: str) -> str | None:
    """The English word `word` transcribes, if it is one of the table: "treyding" -> "trading",
    "interneshenal" -> "international"; None for any other word ("asatryan" has the consonants
    of "istern", eastern, but not its first letter)."""
    table = loanwords()
    found = table.spellings.get(word)
    if found is not None:
        return found
    key = loose_key(word)
    if not _is_loose(key):
        return None
    english, syllables = table.keys.get(key, (None, frozenset()))
    count = _syllables(word)
    if english is None or not any(abs(count - known) <= 1 for known in syllables):
        return None
    return english
