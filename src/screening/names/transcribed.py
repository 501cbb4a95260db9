"""Foreign people's names written in Chinese characters by sound (贝拉克·奥巴马: Barack Obama)
against their Latin spellings.

Chinese writes a foreign name syllable by syllable, each a consonant and a vowel: a consonant
with no vowel of its own gets one (Barack: bei-la-ke), r becomes l (la) or er, a name's parts
are parted by a middle dot. Read in pinyin, the name meets no Latin spelling letter by letter,
so both are compared by their consonants only, each as one of a few classes the transcription
keeps apart (b and p one, d and t one, l and r one, ...). Pinyin j, q and x stand for what
Chinese lacks (ti, di, ki, si, ch and sh: Vladimir is fu-la-ji-mi-er, Putin pu-jing), so they
meet any of those; a nasal before a consonant meets either (Trump: te-lang-pu)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from anyascii import anyascii

from screening.names.resources import load_data
from screening.names.scripts import Script, in_script

# a middle dot between the parts of a foreign name, as Chinese and Japanese write it
_NAME_DOTS = re.compile("[\u00b7\u2027\u30fb\u2022\uff65]")
WILD = "J"  # pinyin j, q, x and Latin j: ti, di, ki, si, ch, sh, j, h
_WILD_MEETS = frozenset("TKSJH")
_NASALS = frozenset("NM")
# letters of a Latin name to consonant classes (vowels, y and a silent e dropped before)
_LATIN_DIGRAPHS = (
    ("sch", "S"), ("ch", "S"), ("sh", "S"), ("ck", "K"), ("ph", "F"), ("th", "T"),
    ("gh", "K"), ("qu", "KF"), ("x", "KS"), ("ce", "Se"), ("ci", "Si"),
)  # fmt: skip
_PINYIN_DIGRAPHS = (("zh", "S"), ("ch", "S"), ("sh", "S"), ("ng", "N"), ("er", "L"))
_CLASSES = str.maketrans(
    {
        **dict.fromkeys("bp", "P"), **dict.fromkeys("dt", "T"), **dict.fromkeys("gkcq", "K"),
        **dict.fromkeys("lr", "L"), **dict.fromkeys("fvw", "F"), **dict.fromkeys("sz", "S"),
        "m": "M", "n": "N", "h": "H", "j": WILD,
        **dict.fromkeys("aeiouy", "."),  # a vowel parts two consonants of one class
    }
)  # fmt: skip
# pinyin w stands for v and w alike (维: vi, wi), y is a glide
_PINYIN_CLASSES = str.maketrans({"j": WILD, "q": WILD, "x": WILD, "w": "F", "y": ""})
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_LETTERS = frozenset("aeiouy")
_CODAS = frozenset("lrnm")
_SILENT_H = re.compile(r"(?<=[aeiou])h(?![aeiouy])")
# Latin parts this long (in classes) may have one consonant more than the transcription, where
# a syllable ends (Donald: tang-na-de, Merkel: mo-ke-er)
LOOSE_FROM = 4


def is_transcribed(original: str) -> bool:
    """Whether a name in Chinese or Japanese characters has its parts parted by a middle dot:
    a foreign name written by sound."""
    return _NAME_DOTS.search(original) is not None


# a name without a middle dot is read as a foreign one when it has this many characters or more,
# all of them characters of sound (a Chinese name has two to four, few of those)
LEAST_UNDOTTED = 4
LEAST_PART = 2  # characters in each part of an undotted name parted at a guess


@cache
def _sound_characters() -> frozenset[str]:
    return frozenset("".join(load_data("transcription")["characters"]["sound"]))


def is_undotted_transcription(original: str) -> bool:
    """Whether a name in Chinese characters without a middle dot is a foreign name written by
    sound (伊戈尔谢钦: Igor Sechin): LEAST_UNDOTTED characters or more, every one of them a
    character Chinese writes foreign sounds with, nothing else but spaces."""
    text = "".join(original.split())
    sound = _sound_characters()
    return len(text) >= LEAST_UNDOTTED and all(char in sound for char in text)


def part_readings(original: str) -> tuple[tuple[str, ...], ...]:
    """The ways to read a foreign name in Chinese characters as parts: the parts its middle dots
    part, or, without dots, each way to part it in two (伊戈尔谢钦: 伊戈|尔谢钦, 伊戈尔|谢钦)."""
    if is_transcribed(original):
        return (transcribed_parts(original),)
    text = "".join(char for char in original if in_script(char, Script.HAN))
    return tuple((text[:cut], text[cut:]) for cut in range(LEAST_PART, len(text) - LEAST_PART + 1))


def transcribed_parts(original: str) -> tuple[str, ...]:
    """The parts of a name in Chinese characters parted by middle dots (贝拉克·奥巴马: 贝拉克,
    奥巴马), each its Chinese characters only; parts with none left out."""
    parts = (
        "".join(char for char in part if in_script(char, Script.HAN))
        for part in _NAME_DOTS.split(original)
    )
    return tuple(part for part in parts if part)


@lru_cache(maxsize=65536)
def latin_key(word: str) -> str:
    """The consonant classes of a Latin name part (barack: "PLK"); an l, r, n or m that ends a
    syllable before another consonant in small letters (donald: "TNlT"), as a transcription
    may leave it out (tang-na-de); an h after a vowel is silent (Johnson)."""
    word = _DOUBLED.sub(r"\1", "".join(char for char in word.lower() if char.isalpha()))
    word = _SILENT_H.sub("", word)
    for written, sound in _LATIN_DIGRAPHS:
        word = word.replace(written, sound)
    classes = [
        char.translate(_CLASSES).lower()
        if char in _CODAS
        and 0 < i < len(word) - 1
        and word[i - 1] in _VOWEL_LETTERS
        and word[i + 1] not in _VOWEL_LETTERS
        else char.translate(_CLASSES).upper()
        for i, char in enumerate(word)
    ]
    return _DOUBLED.sub(r"\1", "".join(classes)).replace(".", "")


@lru_cache(maxsize=65536)
def pinyin_key(part: str) -> str:
    """The consonant classes of a name part in Chinese characters read in pinyin (贝拉克,
    bei-la-ke: "PLK"), each syllable on its own (安格拉 an-ge-la has no ng)."""
    keys = []
    for char in part:
        syllable = anyascii(char).lower()
        for written, sound in _PINYIN_DIGRAPHS:
            syllable = syllable.replace(written, sound)
        keys.append(syllable.translate(_PINYIN_CLASSES).translate(_CLASSES).upper())
    # a nasal that ends a syllable before one that begins the next is one (tang-na: Donald)
    return _DOUBLED.sub(r"\1", "".join(keys)).replace(".", "")


def latin_spellings(key: str) -> list[str]:
    """The Latin keys a pinyin key meets class by class (J as any class it stands for, a nasal
    as either): the keys to look a transcribed part up by."""
    options = [
        sorted(_WILD_MEETS) if char == WILD else sorted(_NASALS) if char in _NASALS else [char]
        for char in key
    ]
    keys = [""]
    for choices in options:
        keys = [done + char for done in keys for char in choices]
    # two wild letters are two syllables' consonants (谢钦 xie-qin: Sechin's s and ch), kept two
    # as well as made one
    return list(dict.fromkeys([*keys, *(_DOUBLED.sub(r"\1", found) for found in keys)]))


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if WILD in (a, b):
        return (b if a == WILD else a) in _WILD_MEETS
    return a in _NASALS and b in _NASALS


def keys_meet(pinyin: str, latin: str) -> bool:
    """Whether a part's pinyin key and a Latin part's key are one name: alike class by class,
    or, from LOOSE_FROM classes, but for one consonant the transcription left out where a
    syllable ends (Donald: "TNlT" ~ tang-na-de "TNT")."""
    if not pinyin or not latin:
        return False
    if len(pinyin) == len(latin):
        return all(_same(a, b.upper()) for a, b in zip(pinyin, latin, strict=True))
    if len(latin) != len(pinyin) + 1 or len(latin) < LOOSE_FROM:
        return False
    return any(
        char.islower() and keys_meet(pinyin, latin[:i] + latin[i + 1 :])
        for i, char in enumerate(latin)
    )
