"""Chinese written in Russian letters by the Palladius system is read as pinyin."""

from __future__ import annotations

import pytest

from screening.names.normalise import normalise_name
from screening.names.palladius import pinyin_of


@pytest.mark.parametrize(
    ("palladius", "pinyin"),
    [
        ("фуцзянь", "fujian"),
        ("шаньдун", "shandong"),
        ("хуавэй", "huawei"),
        ("чунцин", "chongqing"),
        ("гуанчжоу", "guangzhou"),
        ("тяньцзинь", "tianjin"),
    ],
)
def test_a_palladius_word_has_its_pinyin(palladius: str, pinyin: str) -> None:
    assert pinyin_of(palladius) == pinyin


def test_a_word_that_is_not_palladius_syllables_has_no_pinyin() -> None:
    assert pinyin_of("волга") is None  # л does not end a Palladius syllable
    assert pinyin_of("рёнбон") is None  # Kontsevich Korean: Palladius has no р


def test_a_chinese_name_in_russian_letters_matches_its_pinyin() -> None:
    russian = normalise_name("Фуцзянь Нанань импортная экспортная корпорация")
    assert russian.tokens == normalise_name("Fujian Nanan Import Export Corporation").tokens


def test_huawei_in_russian_letters_is_huawei() -> None:
    assert normalise_name("Хуавэй Текнолоджиз").tokens == ("huawei", "technology")


def test_the_traditional_russian_name_of_beijing_is_beijing() -> None:
    assert normalise_name("Пекин Сукпаксо").tokens[0] == "beijing"


def test_words_of_a_name_without_a_chinese_only_spelling_are_read_letter_by_letter() -> None:
    # Лена is two Palladius syllables (ле-на), but nothing in the name says it is Chinese
    assert normalise_name("ООО «Лена»").tokens == ("lena",)
    assert normalise_name("Мансудэ").tokens == ("mansude",)


def test_the_russian_legal_form_ao_does_not_make_a_name_chinese() -> None:
    assert normalise_name("АО «Коди»").tokens == ("kodi",)
