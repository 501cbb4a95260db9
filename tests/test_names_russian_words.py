"""Russian names of state bodies, institutes and plants read as the lists translate them: the
common words by stem (every gender and case), place adjectives as the place, and a few words that
are only translated whole because as stems they would start other words (STALINGRAD)."""

from __future__ import annotations

import pytest

from screening.names.normalise import normalise_name


def tokens(name: str) -> tuple[str, ...]:
    return normalise_name(name).tokens


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Пермский пороховой завод", ("perm", "powder", "plant")),
        (
            "Научно-исследовательский институт атомных реакторов",
            # научно- and -исследовательский both: the lists write either RESEARCH or SCIENTIFIC
            ("scientific", "scientific", "institute", "atomic", "reactor"),
        ),
        ("Российский фонд прямых инвестиций", ("russia", "fund", "direct", "investment")),
        (
            "Центрального Контрагента Национальный Клиринговый Центр",
            ("central", "counterparty", "national", "clearing", "center"),
        ),
        (
            "Союз офицеров международной безопасности",
            ("union", "officers", "international", "security"),
        ),
    ],
)
def test_words_of_russian_organisation_names_read_as_the_lists_translate_them(
    written: str, read: tuple[str, ...]
) -> None:
    assert tokens(written) == read


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("Тамбовский пороховой завод", "tambov"),
        ("Чебоксарский завод электрооборудования", "cheboksary"),
        ("ЧЕЛЯБИНСКИЙ КУЗНЕЧНО-ПРЕССОВЫЙ ЗАВОД", "chelyabinsk"),
        ("Волжское пароходство", "volga"),
        ("Севастопольского морского порта", "sevastopol"),
    ],
)
def test_a_place_adjective_in_any_case_reads_as_the_place(written: str, place: str) -> None:
    assert tokens(written)[0] == place


def test_a_phrase_the_lists_write_as_one_english_word_is_that_word() -> None:
    assert tokens("Российские железные дороги") == ("russia", "railways")
    assert tokens("Дальневосточное морское пароходство") == ("far", "eastern", "shipping")


def test_the_latin_transliteration_the_lists_publish_reads_the_same_as_the_cyrillic() -> None:
    # OFAC writes the Russian name in Latin letters: both sides must meet in the same words
    assert tokens("TAMBOVSKII POROKHOVOI ZAVOD") == tokens("Тамбовский пороховой завод")


@pytest.mark.parametrize("word", ["STALINGRAD", "OBORONPROM", "SVYAZTRANSNEFT", "RUSSKIKH"])
def test_a_word_starting_like_a_translated_word_keeps_its_own_reading(word: str) -> None:
    assert tokens(word) == (word.lower(),)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("ООО ТК ФЛАЙ БРИДЖ", ("tk", "fly", "bridge")),
        ("ООО Инновационный хаб", ("innovation", "hub")),
    ],
)
def test_english_words_written_by_sound_in_russian_are_the_english_words(
    written: str, read: tuple[str, ...]
) -> None:
    assert tokens(written) == read


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        # НПО: the lists write RESEARCH AND PRODUCTION as often as SCIENTIFIC AND PRODUCTION
        ("Научно-производственное объединение", "Research and Production Association"),
        ("Новый трубный завод", "New Pipe Plant"),
        ("Холдинговая компания", "HOLDINGOVAYA KOMPANIYA"),
        ("Ай-Ти Кооперейшн", "IT Cooperation"),
        ("Мультипликационная анимационная студия", "Cartoon Animation Studio"),
    ],
)
def test_russian_descriptive_words_read_as_the_lists_english(russian: str, english: str) -> None:
    assert tokens(russian) == tokens(english)
