"""Chinese written in Russian letters by the Palladius system read back as pinyin: Шаньдун ->
shandong, Хуавэй -> huawei, Фуцзянь Нанань -> fujian nanan."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from screening.names.resources import load_data


class _Palladius(NamedTuple):
    syllables: dict[str, str]  # Palladius syllable -> pinyin
    longest: int  # letters in the longest syllable
    markers: tuple[str, ...]
    places: dict[str, str]
    patronymic_endings: tuple[str, ...]
    family_endings: tuple[str, ...]
    least_family_syllables: int


@cache
def _palladius() -> _Palladius:
    data = load_data("palladius")
    syllables = {cyrillic: pinyin for pinyin, cyrillic in data["syllables"].items()}
    return _Palladius(
        syllables,
        max(map(len, syllables)),
        tuple(data["markers"]),
        dict(data["places"]),
        tuple(data["patronymic_endings"]),
        tuple(data["family_endings"]),
        data["least_family_syllables"],
    )


def pinyin_of(word: str) -> str | None:
    """`word` (lower-case Cyrillic) in pinyin if all of it is Palladius syllables: "фуцзянь" ->
    "fujian"; None otherwise ("волга", "рёнбон"). The fewest syllables win."""
    reading = _syllables_of(word)
    return reading[1] if reading is not None else None


@cache
def _syllables_of(word: str) -> tuple[int, str] | None:
    """How many Palladius syllables `word` is read in, fewest first, and its pinyin; None when
    it is not all Palladius syllables."""
    table = _palladius()
    # best[i]: the pinyin of word[:i] in the fewest syllables, and how many
    best: list[tuple[int, str] | None] = [(0, "")] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - table.longest), end):
            before = best[start]
            pinyin = table.syllables.get(word[start:end])
            if before is None or pinyin is None:
                continue
            candidate = (before[0] + 1, before[1] + pinyin)
            found = best[end]
            if found is None or candidate[0] < found[0]:
                best[end] = candidate
    return best[-1] if word else None


def _is_russian(words: Sequence[str]) -> bool:
    """Whether a name's lower-case words show it is Russian though Palladius could read some:
    a patronymic (Владимирович), or a long word with a family name's ending (Шипицин)."""
    table = _palladius()
    for word in words:
        if word.endswith(table.patronymic_endings):
            return True
        reading = _syllables_of(word)
        if (
            reading is not None
            and reading[0] >= table.least_family_syllables
            and word.endswith(table.family_endings)
        ):
            return True
    return False


def chinese_readings(words: Sequence[str]) -> dict[str, str]:
    """The pinyin of the Cyrillic `words` of one name that are Chinese in Palladius: every word
    that is all Palladius syllables, provided one of them has a spelling only Palladius writes
    (Фуцзянь: цз, Шаньдун: нь); a traditional place name (Пекин) always. Keys as written."""
    table = _palladius()
    text = " ".join(words).lower()
    if not any(marker in text for marker in table.markers) or _is_russian(text.split()):
        # most names: no pinyin looked for
        return {word: table.places[word.lower()] for word in words if word.lower() in table.places}
    readings: dict[str, str] = {}
    marked = False
    for word in words:
        lower = word.lower()
        place = table.places.get(lower)
        if place is not None:
            readings[word] = place
            continue
        pinyin = pinyin_of(lower)
        if pinyin is not None:
            readings[word] = pinyin
            marked = marked or any(marker in lower for marker in table.markers)
    if marked:
        return readings
    return {word: pinyin for word, pinyin in readings.items() if word.lower() in table.places}
