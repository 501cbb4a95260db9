"""Chinese names in Wade-Giles (Mao Tse-tung, Teng Hsiao-p'ing), the romanisation of older papers
and of Taiwan, read in pinyin as the lists write mainland names (Mao Zedong, Deng Xiaoping).

A name is read so only when every word of it is a syllable of Wade-Giles, or syllables joined
by hyphens, and one of them shows a spelling pinyin never uses (hs, ts, tz, -ih, -ieh, -ien,
-ung): Korean names (KIM, PAK, HYOK) and most Western ones are not. The apostrophe of an
aspirate is usually dropped, so an unmarked initial is read unaspirated (Tse -> Ze, Tung -> Dong).
"""

from __future__ import annotations

import re
from functools import lru_cache

_INITIAL = r"(?:ch'?|hs|ts'?|tz'?|sh|ss|sz|k'?|p'?|t'?|[mfnlhjswy])"
_FINAL = (
    r"(?:iung|ieh|ien|iang|iao|ih|ing|ia|in|iu|i|ung|uang|uai|uan|ueh|uei|ua|ui|un|uo|u"
    r"|ang|ai|an|ao|a|eng|ei|en|erh|eh|e|ou|o)"
)
_SYLLABLE = re.compile(rf"^(?P<initial>{_INITIAL}?)(?P<final>{_FINAL})$")
# Spellings pinyin does not use: the mark of a name written in Wade-Giles.
_MARKS = re.compile(r"^(?:hs|ts|tz|ss|sz)|ih$|ieh$|ien$|ung$|'")
_INITIALS = (  # Wade-Giles -> pinyin; ch and ch' depend on the vowel after
    ("hs", "x"),
    ("ts'", "c"),
    ("tz'", "c"),
    ("ts", "z"),
    ("tz", "z"),
    ("ss", "s"),
    ("sz", "s"),
    ("sh", "sh"),
    ("k'", "k"),
    ("p'", "p"),
    ("t'", "t"),
    ("k", "g"),
    ("p", "b"),
    ("t", "d"),
    ("j", "r"),
)
_FINALS = (
    ("iung", "iong"),
    ("ung", "ong"),
    ("ieh", "ie"),
    ("ien", "ian"),
    ("ueh", "ue"),
    ("eh", "e"),  # yeh -> ye
)


def _syllable_pinyin(syllable: str) -> str:
    """One Wade-Giles syllable in pinyin: tse -> ze, hsiao -> xiao, chih -> zhi, ko -> ge."""
    if syllable == "erh":
        return "er"
    parts = _SYLLABLE.match(syllable)
    if parts is None:
        return syllable
    spelled, rest = parts.group("initial"), parts.group("final")
    if spelled.startswith("ch"):
        front = rest.startswith("i") and rest != "ih"
        initial = ("q" if front else "ch") if spelled == "ch'" else ("j" if front else "zh")
    else:
        initial = dict(_INITIALS).get(spelled, spelled)
    if rest == "ih" or (rest == "u" and spelled[1:2] in {"s", "z"}):
        rest = "i"  # chih -> zhi, shih -> shi, jih -> ri, tzu -> zi, ssu -> si
    for spelled, pinyin in _FINALS:
        if rest.endswith(spelled):
            rest = rest[: -len(spelled)] + pinyin
            break
    if rest == "o" and initial in {"g", "k", "h"}:
        rest = "e"  # ko -> ge, ho -> he
    elif rest == "o" and initial:
        rest = "uo"  # lo -> luo, to -> duo
    return initial + rest


def joined_given_names(name: str) -> str:
    """The name with the syllables of each hyphened name written as one word, as pinyin writes
    them (Mao Tse-tung -> Mao Tsetung)."""
    return " ".join(
        word.replace("-", "").replace("'", "").replace("’", "") for word in name.split()
    )


@lru_cache(maxsize=65536)
def wade_giles_pinyin(name: str) -> str | None:
    """A person's name in Wade-Giles written in pinyin, each hyphened given name one word (Mao
    Tse-tung -> Mao Zedong); None when the name is not all Wade-Giles or shows no mark of it."""
    words = name.lower().split()
    if not 2 <= len(words) <= 4:
        return None
    pieces = [word.replace("’", "'").split("-") for word in words]
    syllables = [syllable for piece in pieces for syllable in piece]
    if not all(_SYLLABLE.match(syllable) for syllable in syllables):
        return None
    if not any(_MARKS.search(syllable) for syllable in syllables):
        return None
    return " ".join(
        "".join(_syllable_pinyin(syllable) for syllable in piece).replace("'", "")
        for piece in pieces
    )
