"""One fold key for the McCune-Reischauer, Revised Romanization and Russian spellings of a word."""

from __future__ import annotations

import pytest

from screening.names.romanise import fold


@pytest.mark.parametrize(
    "spellings",
    [
        ("ryonbong", "ryeonbong", "ryongbong", "lyonbong", "yeonbong"),
        ("kwangson", "gwangseon"),
        ("choson", "joseon"),
        ("kumgang", "geumgang"),
        ("pyongyang", "pyeongyang"),
        ("koryo", "goryeo"),
        ("tanchon", "danchon"),
        ("paeksan", "baeksan"),
        ("cholhyon", "cheolhyeon"),
        ("chollima", "cheollima", "chonrima"),
        ("rodong", "nodong"),
        ("mansudae", "mansude"),
    ],
)
def test_romanisations_of_one_korean_word_share_a_fold_key(spellings: tuple[str, ...]) -> None:
    assert len({fold(spelling) for spelling in spellings}) == 1


def test_russian_spelling_of_a_korean_name_folds_with_mccune_reischauer() -> None:
    # Рёнбон, Намчхонган, Кымган, Пэкхо as a Russian register writes them
    assert fold("ryonbon") == fold("ryonbong")
    assert fold("namchkhongan") == fold("namchongang")
    assert fold("kymgan") == fold("kumgang")
    assert fold("pekkho") == fold("paekho")


def test_apostrophes_do_not_change_the_fold_key() -> None:
    assert fold("ch'olhyo'n") == fold("cholhyon")


def test_different_words_keep_different_fold_keys() -> None:
    assert fold("ryonbong") != fold("kwangson")
    assert fold("daedong") != fold("taewon")
