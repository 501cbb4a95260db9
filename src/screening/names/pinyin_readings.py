"""A pinyin syllable read by another romanisation: its first consonants as Wade-Giles, Yale or a
loose English spelling writes them (习 xi: Shi, Hsi; 秦 qin: Chin), so that Shi Jinping can be
read as Xi Jinping where the rest of the name is the same pinyin."""

from __future__ import annotations

from functools import cache, lru_cache

from screening.names.resources import load_data

_LONGEST_SYLLABLE = 6  # zhuang, chuang, shuang


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    return {
        initial: tuple(others)
        for initial, others in load_data("pinyin_readings")["initials"].items()
    }


@cache
def _syllables() -> frozenset[str]:
    data = load_data("pinyin_readings")["syllables"]
    finals = data["finals"]
    # er stands alone (二 er), after no initial
    return frozenset(finals) | frozenset(
        initial + final for initial in data["initials"] for final in finals if final != "er"
    )


@lru_cache(maxsize=4096)
def other_readings(syllable: str) -> frozenset[str]:
    """The other spellings of one pinyin syllable whose first consonants other romanisations
    write otherwise (xi: shi, hsi, si); none for a word that is not such a syllable."""
    if syllable not in _syllables():
        return frozenset()
    readings = _readings()
    for initial in sorted(readings, key=len, reverse=True):
        if syllable.startswith(initial):
            final = syllable[len(initial) :]
            return frozenset(other + final for other in readings[initial])
    return frozenset()


def is_other_reading(a: str, b: str) -> bool:
    """Whether one of two words is a pinyin syllable the other writes by another romanisation."""
    return b in other_readings(a) or a in other_readings(b)


@lru_cache(maxsize=4096)
def pinyin_syllables(word: str) -> int:
    """The fewest pinyin syllables a word can be read as (jinping: 2); 0 when it is not pinyin."""
    syllables = _syllables()
    fewest = {0: 0}  # the positions a run of syllables reaches from the start, and in how many
    for start in range(len(word)):
        if start not in fewest:
            continue
        for stop in range(start + 1, min(start + _LONGEST_SYLLABLE, len(word)) + 1):
            if word[start:stop] in syllables:
                fewest[stop] = min(fewest.get(stop, len(word)), fewest[start] + 1)
    return fewest.get(len(word), 0) if word else 0
