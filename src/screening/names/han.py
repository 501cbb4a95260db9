"""Chinese characters to the Latin words the lists write: words translated, names in pinyin, the
proper names of DPRK names in their Korean reading."""

from __future__ import annotations

from functools import cache

from anyascii import anyascii

from screening.names.hangul import hangul_to_latin
from screening.names.resources import load_data
from screening.names.scripts import Script, in_script
from screening.names.segment import WordSegmenter


@cache
def _simplified_forms() -> dict[int, str]:
    """Each traditional character (its code point) with the simplified one it is read as."""
    table: dict[int, str] = {}
    for line in load_data("han")["traditional"]["groups"]:
        for group in line.split():
            for traditional in group[1:]:
                table[ord(traditional)] = group[0]
    return table


def simplified(text: str) -> str:
    """Chinese written in traditional characters (Taiwan, Hong Kong, Macau) in the simplified
    ones, which the tables of words hold: 鴻海精密工業 -> 鸿海精密工业."""
    return text.translate(_simplified_forms())


@cache
def _segmenter() -> WordSegmenter:
    data = load_data("han")
    words: dict[str, str] = {}
    for native, latin in {**data["words"], **data["brand_words"], **data["known_names"]}.items():
        words[native] = words[simplified(native)] = latin
    for form in load_data("legal_forms")["form"]:
        for native, latin in form.get("native", {}).items():
            if all(in_script(char, Script.HAN) for char in native):
                words[native] = words[simplified(native)] = latin
    return WordSegmenter(words)


@cache
def _brand_words() -> frozenset[str]:
    return frozenset(load_data("han")["brand_words"])


@cache
def known_name_characters() -> dict[str, frozenset[str]]:
    """Latin words of listed companies' names that are the pinyin of their Chinese name, with
    the characters each is written in: "huawei" -> {华为, 華為}."""
    found: dict[str, set[str]] = {}
    for characters, latin in load_data("han")["known_names"].items():
        found.setdefault(latin, set()).add(characters)
    return {latin: frozenset(spellings) for latin, spellings in found.items()}


@cache
def _pinyin_syllables() -> frozenset[str]:
    return frozenset(load_data("han")["pinyin"]["syllables"])


def is_pinyin(word: str) -> bool:
    """Whether a Latin word could be pinyin: made of pinyin syllables (dandong, hong; not
    materials, bank)."""
    syllables = _pinyin_syllables()
    # reached[i]: word[:i] is whole syllables; a syllable has at most six letters (zhuang)
    reached = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reached[end] = any(
            reached[start] and word[start:end] in syllables for start in range(max(0, end - 6), end)
        )
    return reached[-1]


@cache
def translated_words() -> frozenset[str]:
    """The English words Chinese words are translated to (materials, communication, bank, co,
    ltd), which a list may inflect (MATERIAL, COMMUNICATIONS) as pinyin never is; not the words
    that are pinyin as well (places: dalian, hong kong)."""
    meanings = list(load_data("han")["words"].values())
    for form in load_data("legal_forms")["form"]:
        meanings += form.get("native", {}).values()
    words = {word for meaning in meanings for word in meaning.split()}
    return frozenset(word for word in words if not is_pinyin(word))


@cache
def _readings() -> dict[str, str]:
    return {simplified(char): reading for char, reading in load_data("han")["readings"].items()}


@cache
def _syllable(char: str) -> str:
    return _readings().get(char) or anyascii(char).lower()


def pinyin_words(text: str) -> list[str]:
    """A proper name in Chinese characters as pinyin words of two syllables, as the lists write
    names (丹东鸿祥 -> dandong hongxiang); a name of three syllables or fewer stays one word."""
    syllables = [_syllable(char) for char in text]
    if len(syllables) <= 3:
        return ["".join(syllables)]
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    if len(syllables) % 2:  # an odd syllable joins the word before it
        last = words.pop()
        words[-1] += last
    return words


@cache
def _korean_readings() -> dict[str, str]:
    return {
        simplified(char): syllable
        for syllable, chars in load_data("han")["korean_readings"].items()
        for char in chars
    }


# a name that starts with "Korea" (the North's own word, 朝鲜) or names Pyongyang is the DPRK's;
# so is one that calls itself 会社, Korean hoesa, where a Chinese company is a 公司 (Japanese
# writes it too, in its legal forms only: 株式会社)
_DPRK_STARTS = ("朝鲜",)
_DPRK_WORDS = ("平壤", "会社")
_JAPANESE_FORMS = ("株式会社", "有限会社", "合同会社", "合资会社", "合名会社")


def _is_dprk_name(run: str) -> bool:
    return run.startswith(_DPRK_STARTS) or (
        any(word in run for word in _DPRK_WORDS)
        and not any(form in run for form in _JAPANESE_FORMS)
    )


def korean_reading(text: str) -> str | None:
    """Chinese characters in their Korean reading, in Hangul (光鲜 -> 광선); None unless every
    character has one."""
    readings = _korean_readings()
    hangul: list[str] = []
    for char in text:
        if (syllable := readings.get(char)) is None:
            return None
        hangul.append(syllable)
    return "".join(hangul)


def han_to_latin(run: str) -> str:
    """A run of Chinese characters as Latin words: 丹东鸿祥实业发展有限公司 -> dandong hongxiang
    industrial development co ltd; a DPRK name read as the Korean it is written for, as the lists
    romanise it: 朝鲜光鲜银行 -> korea kwangson bank. Traditional characters are read as the
    simplified ones (鴻海 as 鸿海)."""
    run = simplified(run)
    # the words a Chinese writer chose (贸易, 银行) are still translated; only the proper name is
    # read in Korean
    dprk = _is_dprk_name(run)
    words: list[str] = []
    for piece in _segmenter().split(run):
        korean_word = dprk and (piece.meaning is None or piece.text in _brand_words())
        if korean_word and (hangul := korean_reading(piece.text)) is not None:
            words.append(hangul_to_latin(hangul))
        elif piece.meaning is not None:
            words.append(piece.meaning)
        else:
            words.extend(pinyin_words(piece.text))
    return " ".join(word for word in words if word)
