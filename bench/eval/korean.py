"""Korean renderings for the evaluation set, written apart from the matcher's own tables.

A DPRK name as the lists write it (McCune-Reischauer without breves: RYONBONG, KWANGSON) is
parsed into syllables; each syllable is then written again the ways suppliers' files write
Korean: Revised Romanization (Ryeonbong/Yeonbong), MR with its diacritics and apostrophes
(Ryŏnbong, CH'OLHYO'N), Hangul (련봉) and Russian Cyrillic in the Kontsevich system (Рёнбон).
The matcher must never be imported here: the point is to test it against independent rules.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# MR initials as the lists write them (voiced forms g, d, b, j appear inside words).
_INITIALS = (
    "tch",
    "kk",
    "tt",
    "pp",
    "ss",
    "ch",
    "k",
    "g",
    "n",
    "t",
    "d",
    "r",
    "l",
    "m",
    "p",
    "b",
    "s",
    "j",
    "h",
    "",
)
_VOWELS = (
    "yae",
    "wae",
    "ae",
    "ya",
    "yo",
    "ye",
    "wa",
    "oe",
    "wo",
    "we",
    "wi",
    "yu",
    "ui",
    "a",
    "o",
    "e",
    "u",
    "i",
)
_FINALS = ("ng", "k", "n", "t", "l", "m", "p", "")


@dataclass(frozen=True)
class Syllable:
    initial: str
    vowel: str
    final: str


def parse_syllables(word: str) -> list[Syllable] | None:
    """The syllables of a romanised Korean word, or None if it is not one (fewest syllables)."""
    word = word.lower().replace("'", "").replace("’", "")
    best: dict[int, list[Syllable]] = {0: []}
    for start in range(len(word)):
        if start not in best:
            continue
        for initial in _INITIALS:
            if not word.startswith(initial, start):
                continue
            at = start + len(initial)
            for vowel in _VOWELS:
                if not word.startswith(vowel, at):
                    continue
                after = at + len(vowel)
                for final in _FINALS:
                    if not word.startswith(final, after):
                        continue
                    end = after + len(final)
                    # a final consonant before a vowel belongs to the next syllable; ng stays a
                    # final only before y or w (Pyong-yang, but Chon-gang)
                    following = word[end] if end < len(word) else ""
                    if (
                        final
                        and following
                        and following in "aeiouwy"
                        and (final != "ng" or following in "aeiou")
                    ):
                        continue
                    candidate = [*best[start], Syllable(initial, vowel, final)]
                    if end not in best or _preferred(candidate, best[end]):
                        best[end] = candidate
    return best.get(len(word))


def _preferred(a: list[Syllable], b: list[Syllable]) -> bool:
    """Fewer syllables first; then the parse that closes syllables with consonants earlier
    (Pyong-yang rather than Pyon-gyang)."""
    if len(a) != len(b):
        return len(a) < len(b)
    return [-len(s.final) for s in a] < [-len(s.final) for s in b]


def is_korean_word(word: str) -> bool:
    syllables = parse_syllables(word)
    return syllables is not None and 0 < len(syllables) <= 5


# --- Revised Romanization ------------------------------------------------------------------

_RR_INITIAL = {
    "k": "g",
    "g": "g",
    "t": "d",
    "d": "d",
    "p": "b",
    "b": "b",
    "ch": "j",
    "j": "j",
    "tch": "jj",
    "kk": "kk",
    "tt": "tt",
    "pp": "pp",
    "ss": "ss",
    "n": "n",
    "r": "r",
    "l": "r",
    "m": "m",
    "s": "s",
    "h": "h",
    "": "",
}


def revised(word: str, rng: random.Random) -> str:
    """One plausible Revised Romanization of an MR word: Ryonbong -> Ryeonbong or Yeonbong."""
    parts = revised_parts(word, rng)
    if parts is None:
        return word
    text = "".join(parts)
    return text.capitalize() if word[:1].isupper() else text


def revised_parts(word: str, rng: random.Random) -> list[str] | None:
    """The syllables of `revised`, apart (Chunsik -> [jun, sik]), or None for a non-Korean word."""
    syllables = parse_syllables(word)
    if not syllables:
        return None
    out = []
    for position, syllable in enumerate(syllables):
        initial = _RR_INITIAL.get(syllable.initial, syllable.initial)
        if syllable.initial == "ch" and rng.random() < 0.4:
            initial = "ch"  # MR ch' (aspirated) stays ch in RR
        if syllable.initial in ("k", "t", "p") and rng.random() < 0.25:
            initial = syllable.initial  # MR k' t' p' stay k t p in RR
        if position == 0 and syllable.initial in ("r", "l"):
            if syllable.vowel.startswith(("y", "i")):
                initial = "" if rng.random() < 0.6 else "r"
            else:
                initial = "n" if rng.random() < 0.6 else "r"
        vowel = syllable.vowel
        if vowel in ("o", "yo") and rng.random() < 0.55:
            vowel = {"o": "eo", "yo": "yeo"}[vowel]  # MR ŏ (written o) is RR eo
        elif vowel == "u" and rng.random() < 0.3:
            vowel = "eu"  # MR ŭ (written u) is RR eu
        final = syllable.final
        out.append(initial + vowel + final)
    return out


def mccune_reischauer_marked(word: str, rng: random.Random) -> str:
    """MR as a scholar writes it, with breves and apostrophes: Kwangson -> Kwangsŏn,
    Cholhyon -> Ch'ŏlhyŏn (the breve and the aspiration are guessed, as a writer would)."""
    syllables = parse_syllables(word)
    if not syllables:
        return word
    out = []
    for syllable in syllables:
        initial = syllable.initial
        if initial in ("ch", "k", "t", "p") and rng.random() < 0.4:
            initial += "'"
        vowel = syllable.vowel
        if vowel in ("o", "yo") and rng.random() < 0.5:
            vowel = vowel.replace("o", "ŏ")
        elif vowel == "u" and rng.random() < 0.3:
            vowel = "ŭ"
        out.append(initial + vowel + syllable.final)
    return "".join(out).capitalize()


def apostrophised(word: str) -> str:
    """MR in capitals with apostrophes for breves, as OFAC writes some names: CH'O'LHYO'N."""
    syllables = parse_syllables(word)
    if not syllables:
        return word.upper()
    out = []
    for syllable in syllables:
        vowel = (
            syllable.vowel.replace("o", "o'") if syllable.vowel in ("o", "yo") else syllable.vowel
        )
        initial = syllable.initial + ("'" if syllable.initial in ("ch",) else "")
        out.append(initial + vowel + syllable.final)
    return "".join(out).upper()


def syllables_apart(word: str, separator: str = " ") -> str:
    """Namchongang -> Nam Chon Gang (or Nam-Chon-Gang)."""
    syllables = parse_syllables(word)
    if not syllables or len(syllables) < 2:
        return word
    parts = [s.initial + s.vowel + s.final for s in syllables]
    if word.isupper():
        return separator.join(part.upper() for part in parts)
    return separator.join(part.capitalize() for part in parts)


# --- Hangul --------------------------------------------------------------------------------

_HANGUL_INITIAL = {
    "k": [0, 15],
    "g": [0],
    "kk": [1],
    "n": [2],
    "t": [3, 16],
    "d": [3],
    "tt": [4],
    "r": [5],
    "l": [5],
    "m": [6],
    "p": [7, 17],
    "b": [7],
    "pp": [8],
    "s": [9],
    "ss": [10],
    "": [11],
    "ch": [12, 14],
    "j": [12],
    "tch": [13],
    "h": [18],
}
_HANGUL_VOWEL = {
    "a": [0],
    "ae": [1],
    "ya": [2],
    "yae": [3],
    "o": [4, 8],
    "e": [5],
    "yo": [6, 12],
    "ye": [7],
    "wa": [9],
    "wae": [10],
    "oe": [11],
    "u": [13, 18],
    "wo": [14],
    "we": [15],
    "wi": [16],
    "yu": [17],
    "ui": [19],
    "i": [20],
}
_HANGUL_FINAL = {"": 0, "k": 1, "n": 4, "t": 19, "l": 8, "m": 16, "p": 17, "ng": 21}


def hangul(word: str, rng: random.Random) -> str:
    """An MR word in Hangul; where MR is ambiguous (o = ㅓ or ㅗ, ch = ㅈ or ㅊ) a writer's choice
    is drawn, the first option (the commoner in DPRK names) more often."""
    syllables = parse_syllables(word)
    if not syllables:
        return word
    out = []
    for syllable in syllables:
        initials = _HANGUL_INITIAL[syllable.initial]
        vowels = _HANGUL_VOWEL[syllable.vowel]
        initial = initials[0] if len(initials) == 1 or rng.random() < 0.8 else initials[1]
        vowel = vowels[0] if len(vowels) == 1 or rng.random() < 0.65 else vowels[1]
        final = _HANGUL_FINAL[syllable.final]
        out.append(chr(0xAC00 + (initial * 21 + vowel) * 28 + final))
    return "".join(out)


# --- Cyrillic (Kontsevich) -----------------------------------------------------------------

_CYR_INITIAL = {
    "k": "к",
    "g": "г",
    "kk": "кк",
    "n": "н",
    "t": "т",
    "d": "д",
    "tt": "тт",
    "r": "р",
    "l": "р",
    "m": "м",
    "p": "п",
    "b": "б",
    "pp": "пп",
    "s": "с",
    "ss": "сс",
    "": "",
    "ch": "ч",
    "j": "чж",
    "tch": "чч",
    "h": "х",
}
_CYR_ASPIRATED = {"k": "кх", "t": "тх", "p": "пх", "ch": "чх"}
_CYR_ASPIRATION = {"k": 0.1, "t": 0.25, "p": 0.25, "ch": 0.35}
_CYR_VOWEL = {
    "a": "а",
    "ae": "э",
    "ya": "я",
    "yae": "йя",
    "o": "о",
    "e": "е",
    "yo": "ё",
    "ye": "е",
    "wa": "ва",
    "wae": "вэ",
    "oe": "ве",
    "wo": "во",
    "we": "ве",
    "wi": "ви",
    "yu": "ю",
    "u": "у",
    "ui": "ый",
    "i": "и",
}
_CYR_FINAL = {"": "", "k": "к", "n": "н", "t": "т", "l": "ль", "m": "м", "p": "п", "ng": "н"}


def cyrillic(word: str, rng: random.Random) -> str:
    """An MR word as a Russian register writes it (Kontsevich, with the usual simplifications):
    Ryonbong -> Рёнбон, Namchongang -> Намчхонган, Mansudae -> Мансудэ."""
    syllables = parse_syllables(word)
    if not syllables:
        return word
    out: list[str] = []
    for position, syllable in enumerate(syllables):
        initial = _CYR_INITIAL[syllable.initial]
        # MR without apostrophes hides aspiration: a writer guesses, ch' (ㅊ) often, k' (ㅋ) seldom
        if syllable.initial in _CYR_ASPIRATED and rng.random() < _CYR_ASPIRATION[syllable.initial]:
            initial = _CYR_ASPIRATED[syllable.initial]
        if position and syllable.initial in ("k", "t", "p") and out[-1][-1:] in "аеёиоуэюяйнмл":
            initial = {"k": "г", "t": "д", "p": "б"}[syllable.initial]
        vowel = _CYR_VOWEL[syllable.vowel]
        if syllable.vowel == "u" and rng.random() < 0.25:
            vowel = "ы"  # ㅡ
        if position == 0 and syllable.initial == "" and syllable.vowel.startswith("y"):
            vowel = {"ya": "я", "yo": "ё", "yu": "ю", "ye": "е", "yae": "я"}.get(
                syllable.vowel, vowel
            )
        final = _CYR_FINAL[syllable.final]
        if syllable.final == "ng" and rng.random() < 0.2:
            final = "нг"
        if syllable.final == "l" and position + 1 < len(syllables):
            final = "л"
        out.append(initial + vowel + final)
    return "".join(out).capitalize()


# --- Cyrillic, strictly by Kontsevich, and loosely as Russian texts write Korean --------------
#
# Kontsevich (the system of Russian Korean studies, after Kholodovich): initial ㄱㄷㅂㅈ are
# к т п ч, voiced between vowels or after a sonorant (м н нъ ль р) as г д б дж; aspirates are
# кх тх пх чх; ㄹ is р before a vowel and ль at the end; ㅇ at the end is н, нъ before a vowel;
# ㅓ and ㅗ are both о, ㅕ ㅛ ё, ㅡ ы, ㅐ э, ㅚ ве, ㅢ ый. MR already writes the voicing (Ryonbong:
# b is voiced ㅂ), so a voiceless k t p ch inside a word after a vowel or sonorant is the aspirate.

_KONTSEVICH_INITIAL = {
    "k": "к", "g": "к", "kk": "кк", "n": "н", "t": "т", "d": "т", "tt": "тт", "r": "р",
    "l": "р", "m": "м", "p": "п", "b": "п", "pp": "пп", "s": "с", "ss": "сс", "": "",
    "ch": "ч", "j": "ч", "tch": "чч", "h": "х",
}  # fmt: skip
_KONTSEVICH_MEDIAL = {
    "k": "кх", "g": "г", "t": "тх", "d": "д", "p": "пх", "b": "б", "ch": "чх", "j": "дж",
}  # fmt: skip
_KONTSEVICH_VOWEL = {
    "a": "а", "ae": "э", "ya": "я", "yae": "йя", "o": "о", "e": "е", "yo": "ё", "ye": "йе",
    "wa": "ва", "wae": "вэ", "oe": "ве", "wo": "во", "we": "ве", "wi": "ви", "yu": "ю",
    "u": "у", "ui": "ый", "i": "и",
}  # fmt: skip
_KONTSEVICH_FINAL = {"": "", "k": "к", "n": "н", "t": "т", "l": "ль", "m": "м", "p": "п", "ng": "н"}
_SONORANT_FINALS = ("n", "m", "ng", "l", "")


def kontsevich(word: str, rng: random.Random) -> str:
    """An MR word in Cyrillic by Kontsevich: Pyongyang -> Пхёнъян, Mansudae -> Мансудэ,
    Ryonbong -> Рёнбон. Where MR hides a sound (initial aspiration, ㅡ written u) a writer's guess
    is drawn."""
    syllables = parse_syllables(word)
    if not syllables:
        return word
    out: list[str] = []
    for position, syllable in enumerate(syllables):
        previous_final = syllables[position - 1].final if position else None
        if previous_final == "l" and syllable.initial in ("l", "r"):
            initial = "л"  # ㄹㄹ is лл (Chollima -> Чоллима)
        elif (
            position
            and previous_final in _SONORANT_FINALS
            and syllable.initial in _KONTSEVICH_MEDIAL
        ):
            initial = _KONTSEVICH_MEDIAL[syllable.initial]
        else:
            initial = _KONTSEVICH_INITIAL[syllable.initial]
            if position == 0 and syllable.initial in ("k", "t", "p", "ch") and rng.random() < 0.2:
                initial += "х"  # MR without apostrophes hides an initial aspirate
        vowel = _KONTSEVICH_VOWEL[syllable.vowel]
        if syllable.vowel == "u" and rng.random() < 0.2:
            vowel = "ы"  # MR ŭ written u
        if syllable.initial == "" and syllable.vowel.startswith("y") and position:
            vowel = {"ya": "я", "yo": "ё", "yu": "ю", "ye": "е", "yae": "я"}[syllable.vowel]
        final = _KONTSEVICH_FINAL[syllable.final]
        following = syllables[position + 1] if position + 1 < len(syllables) else None
        if following is not None:
            if syllable.final == "ng" and following.initial == "":
                final = "нъ"
            elif syllable.final == "l":
                final = "л"  # ль only at the end; ㄹㄹ is лл
        out.append(initial + vowel + final)
    return "".join(out).capitalize()


# Loose transcription: how Russian business and news texts write a romanised Korean word,
# letter by letter from the Latin spelling (Рёнбонг, Чосун, Мансудае), not by Kontsevich.
_LOOSE = (
    ("tch", "ч"), ("ch", "ч"), ("sh", "ш"), ("kh", "х"), ("ng", "нг"), ("yo", "ё"), ("yu", "ю"),
    ("ya", "я"), ("ye", "е"), ("eo", "о"), ("eu", "ы"), ("ae", "э"), ("oe", "ве"), ("wo", "во"),
    ("wa", "ва"), ("wi", "ви"), ("ui", "ый"), ("j", "дж"), ("a", "а"), ("b", "б"), ("d", "д"),
    ("e", "е"), ("g", "г"), ("h", "х"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("w", "в"), ("y", "й"),
)  # fmt: skip
_LOOSE_ALTERNATIVES = {"ae": ("э", "ае"), "ng": ("нг", "н"), "eo": ("о", "ео"), "j": ("дж", "ч")}


def loose_cyrillic(word: str, rng: random.Random) -> str:
    """A romanised Korean word as a Russian writer transcribes its letters: Ryonbong ->
    Рёнбонг, Mansudae -> Мансудэ or Мансудае, Joseon -> Джосон or Чосон."""
    text = word.lower().replace("'", "").replace("’", "").replace("-", "")
    out = []
    i = 0
    while i < len(text):
        for latin, cyrillic in _LOOSE:
            # a reader takes n-g before a vowel as two letters: Namchongang -> Намчонганг
            if text.startswith(latin, i) and not (
                latin == "ng" and text[i + 2 : i + 3] in tuple("aeiouwy")
            ):
                options = _LOOSE_ALTERNATIVES.get(latin)
                out.append(rng.choice(options) if options else cyrillic)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out).capitalize()


def syllable_texts(word: str) -> list[str] | None:
    """The romanised syllables of a word as written: Chunsik -> [chun, sik]."""
    syllables = parse_syllables(word)
    return [s.initial + s.vowel + s.final for s in syllables] if syllables else None
