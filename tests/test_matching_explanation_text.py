"""A match's explanation reads as sentences: what matched, what differs, nothing empty or raw."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.explanation_text import explanation_text
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

RAW_KEYS = ("missing_in_supplier", "extra_in_supplier", "romanisation:", "acronym:", "None")


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def sentences_for(index: MatchIndex, supplier: Supplier) -> list[str]:
    match = screen_supplier(index, supplier)[0]
    return explanation_text(
        match.explanation, entry_name=match.entry.name, matched_name=match.matched_name
    )


def test_an_exact_alias_says_it_is_the_listed_alias_and_nothing_else_matches() -> None:
    explanation = {
        "name_similarity": 100.0,
        "tokens": {
            "matched": [{"supplier": "aleph", "entry": "aleph", "how": "exact"}],
            "missing_in_supplier": [],
            "extra_in_supplier": [],
        },
        "romanisation": [],
        "transliteration": None,
        "acronym": None,
        "legal_form": {"supplier": [], "entry": []},
        "country": {"supplier": "", "entry": ["KP"], "result": "unknown"},
        "identifier": None,
    }
    assert explanation_text(explanation, entry_name="OMEGA TRADING", matched_name="ALEPH") == [
        "The supplier's name is the listed alias ALEPH; no other word or identifier matches."
    ]


def test_a_partial_match_names_the_words_that_differ(index: MatchIndex) -> None:
    sentences = sentences_for(index, Supplier(name="Ryonbong General Trading"))
    assert sentences[0].startswith("The supplier's name resembles the listed")
    assert any("words the supplier's name lacks" in s or "lacks:" in s for s in sentences)


def test_a_cyrillic_name_says_its_script_and_legal_form(index: MatchIndex) -> None:
    sentences = sentences_for(index, Supplier(name="ООО «Корея Рёнбон»", country="RU"))
    assert any("written in Cyrillic" in s for s in sentences)


def test_no_sentence_holds_a_raw_key_or_an_empty_feature(index: MatchIndex) -> None:
    for supplier in (
        Supplier(name="KOMID"),
        Supplier(name="Korea Ryonbong General Corporation", country="KP"),
        Supplier(name="Mansudae Overseas Project Group of Companies"),
    ):
        sentences = sentences_for(index, supplier)
        assert sentences and all(s.endswith(".") for s in sentences)
        assert not any(key in s for s in sentences for key in RAW_KEYS)


def test_an_empty_explanation_has_no_sentences() -> None:
    assert explanation_text({}, entry_name="X", matched_name="X") == []
