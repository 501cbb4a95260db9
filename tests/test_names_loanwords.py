"""English words written in Russian by sound (Трейдинг, Интернэшнл) are read as English."""

from __future__ import annotations

import pytest

from screening.names.normalise import normalise_name


def tokens(name: str) -> tuple[str, ...]:
    return normalise_name(name).tokens


@pytest.mark.parametrize("written", ["Интернэшнл", "Интернешнл", "Интернейшнл", "Интернешенал"])
def test_every_russian_spelling_of_international_reads_as_international(written: str) -> None:
    assert tokens(f"Кумсан {written}") == ("kumsan", "international")


def test_a_spelling_not_listed_is_read_by_its_consonants() -> None:
    # Интернэшенел: no table lists it, a writer may still spell it so
    assert tokens("Интернэшенел") == ("international",)


def test_holdings_group_and_management_in_russian_letters_are_the_english_words() -> None:
    assert tokens("Сонгван Холдингс Групп")[1:] == ("holding", "group")
    assert tokens("Ренбон Менеджмент")[1:] == ("management",)


def test_transcribed_legal_forms_are_legal_forms() -> None:
    name = normalise_name("Унчон Трейдинг Корп")
    assert name.tokens == ("unchon", "trading")
    assert [form.form_id for form in name.legal_forms] == ["corporation"]
    assert [form.form_id for form in normalise_name("Пэкхо Трейдинг Компани").legal_forms] == [
        "company"
    ]


def test_a_russian_word_with_the_consonants_of_a_loanword_keeps_its_own_reading() -> None:
    # Асатрян has the consonants of Истерn (eastern) but not its first letter
    assert tokens("ООО «Асатрян»") == ("asatryan",)


def test_latin_words_are_never_read_as_russian_transcriptions() -> None:
    # "shopping" has the consonants of Шиппинг (shipping); a Latin word is taken as written
    assert tokens("Metro Shopping") == ("metro", "shopping")
