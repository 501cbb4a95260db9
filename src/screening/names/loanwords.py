"""English words written in Russian by sound (Трейдинг, Интернэшнл, Холдингс) read back as English.

Writers agree on the consonants of a transcribed word and differ in its vowels (Интернэшнл,
Интернешнл, Интернешенал) and doubled letters (Груп, Групп): a word is looked up by a key of
its first letter and its consonants, the letters writers confuse taken as one."""

from __future__ import annotations

import re
from functools import cache

from screening.names.resources import load_data
from screening.names.transliterate import cyrillic_to_latin

# a key with fewer consonants than this is too like other words: only listed spellings count
FEWEST_CONSONANTS = 4
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
# letters and pairs a Russian transcription writes in more than one way: Текнолоджи/Технолоджи,
# Менеджмент/Менежмент, Ресорсиз/Ресорсис, Эксчейндж/Иксчейндж
_ONE_SOUND = (("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "k"), ("z", "s"))


def loose_key(word: str) -> str:
    """The key of a lower-case ASCII word (a Cyrillic word transliterated): "interneshnl",
    "interneshenal" and "interneyshnl" all give "_ntrnshnl"."""
    for letters, sound in _ONE_SOUND:
        if letters in word:
            word = word.replace(letters, sound)
    if not word:
        return word
    first = "_" if word[0] in "aeiouy" else word[0]
    return first + _DOUBLED.sub(r"\1", _VOWELS.sub("", word[1:]))


def _is_loose(key: str) -> bool:
    return len(key) - (key[0] == "_") >= FEWEST_CONSONANTS


@cache
def loanwords() -> tuple[dict[str, str], dict[str, str]]:
    """The table of loanwords.toml: (spelling -> English word, key -> English word). A key two
    English words share is left out of the keys (their listed spellings still count)."""
    spellings: dict[str, str] = {}
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for english, written in load_data("loanwords")["words"].items():
        for cyrillic in written:
            latin = cyrillic_to_latin(cyrillic)
            spellings[latin] = english
            key = loose_key(latin)
            if not _is_loose(key):
                continue
            if keys.get(key, english) != english:
                shared.add(key)
            keys[key] = english
    for key in shared:
        del keys[key]
    return spellings, keys


def english_word(word: str) -> str | None:
    """The English word `word` transcribes, if it is one of the table: "treyding" -> "trading",
    "interneshenal" -> "international"; None for any other word."""
    spellings, keys = loanwords()
    found = spellings.get(word)
    if found is not None:
        return found
    key = loose_key(word)
    return keys.get(key) if _is_loose(key) else None
