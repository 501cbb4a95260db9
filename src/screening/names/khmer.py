"""Khmer names in Latin letters, syllable by syllable, as the lists and the press spell them
(ប៉ុល ពត: Pol Pot, ហ៊ុន សែន: Hun Sen, នួន ជា: Nuon Chea).

anyascii reads Khmer letter by letter: a consonant with no vowel sign gets no vowel (ពត: "pt",
which then reads as the legal form PT), and a vowel sign is read one way, though Khmer reads it
by the consonant before it. Each consonant belongs to one of two series, whose inherent vowel
is a (first) or o (second) and which read most vowel signs differently (ុ: o after a first-series
consonant, u after a second); two signs move a consonant to the other series (៉, ៊). A consonant
with no vowel sign ends the syllable before it when that syllable has no final yet (ពត: po + t),
else begins one with its inherent vowel. The spellings follow the UN's romanisation (UNGEGN,
2013) where the lists follow it, and the common spellings of names where they differ (ែ: e, as
in Hun Sen and Hun Manet, not ae)."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# consonant -> (initial, final, series); series 1 has the inherent vowel a, series 2 has o
_CONSONANTS: dict[str, tuple[str, str, int]] = {
    "ក": ("k", "k", 1), "ខ": ("kh", "k", 1), "គ": ("k", "k", 2), "ឃ": ("kh", "k", 2),
    "ង": ("ng", "ng", 2), "ច": ("ch", "ch", 1), "ឆ": ("chh", "ch", 1), "ជ": ("ch", "ch", 2),
    "ឈ": ("chh", "ch", 2), "ញ": ("nh", "nh", 2), "ដ": ("d", "t", 1), "ឋ": ("th", "t", 1),
    "ឌ": ("d", "t", 2), "ឍ": ("th", "t", 2), "ណ": ("n", "n", 1), "ត": ("t", "t", 1),
    "ថ": ("th", "t", 1), "ទ": ("t", "t", 2), "ធ": ("th", "t", 2), "ន": ("n", "n", 2),
    "ប": ("b", "b", 1), "ផ": ("ph", "p", 1), "ព": ("p", "p", 2), "ភ": ("ph", "p", 2),
    "ម": ("m", "m", 2), "យ": ("y", "y", 2), "រ": ("r", "r", 2), "ល": ("l", "l", 2),
    "វ": ("v", "v", 2), "ឝ": ("sh", "s", 1), "ឞ": ("s", "s", 1), "ស": ("s", "s", 1),
    "ហ": ("h", "h", 1), "ឡ": ("l", "l", 1), "អ": ("", "", 1),
}  # fmt: skip
# dependent vowel sign -> (after a first-series consonant, after a second-series one)
_VOWELS: dict[str, tuple[str, str]] = {
    "ា": ("a", "ea"), "ិ": ("e", "i"), "ី": ("ei", "i"), "ឹ": ("oe", "ue"), "ឺ": ("oe", "ue"),
    "ុ": ("o", "u"), "ូ": ("ou", "u"), "ួ": ("uo", "uo"), "ើ": ("aeu", "eu"),
    "ឿ": ("oea", "oea"), "ៀ": ("ie", "ie"), "េ": ("e", "e"), "ែ": ("e", "e"),
    "ៃ": ("ai", "ey"), "ោ": ("ao", "ou"), "ៅ": ("au", "ov"),
}  # fmt: skip
# independent vowels: a syllable of their own
_INDEPENDENT: dict[str, str] = {
    "ឥ": "e", "ឦ": "ei", "ឧ": "o", "ឩ": "ou", "ឪ": "ov", "ឫ": "rue", "ឬ": "rueu",
    "ឭ": "lue", "ឮ": "lueu", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au",
}  # fmt: skip
_INHERENT = {1: "a", 2: "o"}
_NIKAHIT = "ំ"  # a final m, after the inherent vowel: am (first series), um (second)
_NIKAHIT_VOWEL = {1: "a", 2: "u"}
_REAHMUK = "ះ"  # a final h
_TO_FIRST, _TO_SECOND = "៉", "៊"  # signs that move a consonant to the other series
_COENG = "្"  # the next consonant is written below: it joins the cluster
_KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
_KHMER_RUN = re.compile("([\u1780-\u17ff\u19e0-\u19ff]+)")


class _Syllable:
    __slots__ = ("final", "initial", "series", "vowel")

    def __init__(self, initial: str, series: int, vowel: str | None) -> None:
        self.initial, self.series, self.vowel = initial, series, vowel
        self.final: str | None = None

    def text(self) -> str:
        vowel = self.vowel if self.vowel is not None else _INHERENT[self.series]
        return self.initial + vowel + (self.final or "")


def has_khmer(text: str) -> bool:
    """Whether `text` has a character of the Khmer script."""
    return _KHMER.search(text) is not None


def khmer_to_latin(text: str) -> str:
    """`text` with its Khmer words in Latin letters (see the module), the rest by anyascii."""
    return "".join(
        _word(part) if i % 2 else anyascii(part) for i, part in enumerate(_KHMER_RUN.split(text))
    )


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    """One run of Khmer characters in Latin letters."""
    syllables: list[_Syllable | str] = []
    i = 0
    while i < len(word):
        char = word[i]
        if char in _INDEPENDENT:
            syllables.append(_INDEPENDENT[char])
            i += 1
            continue
        if char not in _CONSONANTS:
            if char in (_NIKAHIT, _REAHMUK):
                _close(syllables, "m" if char == _NIKAHIT else "h")
            elif not ("\u17c6" <= char <= "\u17dd"):  # other signs are not read
                syllables.append(anyascii(char))
            i += 1
            continue
        initial, final, series = _CONSONANTS[char]
        i += 1
        series, i = _shifted(word, i, series)
        if char == "ប" and word[i - 1 : i] == _TO_FIRST:
            initial = "p"  # ប៉ is p
        if (
            i + 1 < len(word)
            and word[i] == _COENG
            and word[i + 1] in _CONSONANTS
            and (last := _open(syllables)) is not None
        ):
            # a consonant over another ends the open syllable, the one below begins the next
            # (សម្តេច: sam-dech)
            last.final = final
            initial, _, series = _CONSONANTS[word[i + 1]]
            series, i = _shifted(word, i + 2, series)
        cluster = initial
        while i + 1 < len(word) and word[i] == _COENG and word[i + 1] in _CONSONANTS:
            cluster += _CONSONANTS[word[i + 1]][0]
            series, i = _shifted(word, i + 2, series)
        if i < len(word) and word[i] in _VOWELS:
            syllables.append(_Syllable(cluster, series, _VOWELS[word[i]][series - 1]))
            i += 1
        elif cluster == initial and (last := _open(syllables)) is not None:
            last.final = final  # ends the syllable before (ពត: po + t)
        else:
            syllables.append(_Syllable(cluster, series, None))
    return "".join(part if isinstance(part, str) else part.text() for part in syllables)


def _shifted(word: str, i: int, series: int) -> tuple[int, int]:
    """The series of a consonant after the sign at `i` that moves it, if any, and the index
    after the sign."""
    if i < len(word) and word[i] in (_TO_FIRST, _TO_SECOND):
        return (1 if word[i] == _TO_FIRST else 2), i + 1
    return series, i


def _open(syllables: list[_Syllable | str]) -> _Syllable | None:
    """The last syllable when it has no final consonant yet."""
    last = syllables[-1] if syllables else None
    return last if isinstance(last, _Syllable) and last.final is None else None


def _close(syllables: list[_Syllable | str], final: str) -> None:
    """A final m (nikahit) or h (reahmuk) on the last syllable: after no vowel sign, m follows
    the series' short vowel (សំ: sam)."""
    last = _open(syllables)
    if last is None:
        syllables.append(final)
        return
    if last.vowel is None and final == "m":
        last.vowel = _NIKAHIT_VOWEL[last.series]
    last.final = final
