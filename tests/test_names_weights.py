"""Rare words weigh much, generic words little, whatever the lists' frequencies say."""

from __future__ import annotations

from screening.names.romanise import fold
from screening.names.vocabulary import WordKind
from screening.names.weights import TokenWeights


def weights_of(documents: list[list[str]]) -> TokenWeights:
    return TokenWeights.from_documents([[fold(word) for word in doc] for doc in documents])


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    weights = weights_of([["ryonbong", "mining"], ["kumsan", "mining"], ["hana", "mining"]])
    assert weights.weight("ryonbong", fold("ryonbong")) > weights.weight("mining", fold("mining"))


def test_generic_words_weigh_little_even_when_rare_in_the_lists() -> None:
    weights = weights_of([["korea", "ryonbong"], ["kumsan"]])
    assert weights.weight("korea", fold("korea")) < 1.0
    assert weights.kind("korea") is WordKind.GENERIC


def test_a_word_not_in_the_lists_weighs_most() -> None:
    weights = weights_of([["ryonbong"], ["kumsan"]])
    assert weights.weight("zyxwv", fold("zyxwv")) == weights.unseen


def test_a_word_in_brackets_weighs_less() -> None:
    weights = weights_of([["ryonbong"]])
    key = fold("vostok")
    assert weights.weight("vostok", key, bracketed=True) < weights.weight("vostok", key)


def test_every_data_file_says_where_its_content_came_from() -> None:
    from importlib import resources

    folder = resources.files("screening.names").joinpath("data")
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            head = entry.read_text("utf-8").split("\n\n", 1)[0].lower()
            assert "source" in head, entry.name
