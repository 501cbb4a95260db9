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
from functools import lru_cache

from anyascii import anyascii

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
        **dict.fromkeys("aeiouy", ""),
    }
)  # fmt: skip
# pinyin w stands for v and w alike (维: vi, wi), y is a glide
_PINYIN_CLASSES = str.maketrans({"j": WILD, "q": WILD, "x": WILD, "w": "F", "y": ""})
_DOUBLED = re.compile(r"(.)\1+")
# parts this long (in classes) may differ by one class: a consonant transcription leaves out
# (Donald: tang-na-de, Merkel: mo-ke-er)
LOOSE_FROM = 4


def is_transcribed(original: str) -> bool:
    """Whether a name in Chinese or Japanese characters has its parts parted by a middle dot:
    a foreign name written by sound."""
    return _NAME_DOTS.search(original) is not None


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
    """The consonant classes of a Latin name part (barack: "PLK")."""
    word = "".join(char for char in word.lower() if char.isalpha())
    for written, sound in _LATIN_DIGRAPHS:
        word = word.replace(written, sound)
    return _DOUBLED.sub(r"\1", word.translate(_CLASSES).upper())


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
    return _DOUBLED.sub(r"\1", "".join(keys))


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
    return [_DOUBLED.sub(r"\1", found) for found in keys]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if WILD in (a, b):
        return (b if a == WILD else a) in _WILD_MEETS
    return a in _NASALS and b in _NASALS


def keys_meet(pinyin: str, latin: str) -> bool:
    """Whether a part's pinyin key and a Latin part's key are one name: alike class by class,
    or, from LOOSE_FROM classes, but for one class left out or changed."""
    if not pinyin or not latin:
        return False
    allowed = 1 if max(len(pinyin), len(latin)) >= LOOSE_FROM else 0
    if abs(len(pinyin) - len(latin)) > allowed:
        return False
    # edit distance with classes compared by _same: the keys are a few letters long
    previous = list(range(len(latin) + 1))
    for i, a in enumerate(pinyin, 1):
        current = [i]
        for j, b in enumerate(latin, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (not _same(a, b)))
            )
        previous = current
    return previous[-1] <= allowed
