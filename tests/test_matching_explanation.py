"""Every match says why: per-feature details a machine can read and notes a reviewer can check."""

from __future__ import annotations

import json

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_explanation_is_json_and_names_every_feature(index: MatchIndex) -> None:
    match = screen_supplier(index, Supplier(name="ООО «Корея Рёнбон»", country="RU"))[0]
    explanation = json.loads(json.dumps(match.explanation))
    for feature in (
        "name_similarity",
        "tokens",
        "romanisation",
        "transliteration",
        "legal_form",
        "country",
        "identifier",
    ):
        assert feature in explanation
    assert explanation["transliteration"]["from"] == ["Cyrillic"]
    assert explanation["legal_form"]["supplier"] == [{"form": "llc", "written": "ooo"}]


def test_explanation_lists_matched_and_missing_words_with_weights(index: MatchIndex) -> None:
    match = screen_supplier(index, Supplier(name="Ryonbong General Trading"))[0]
    tokens = match.explanation["tokens"]
    assert {pair["entry"] for pair in tokens["matched"]} >= {"ryonbong"}
    assert all("weight" in item for item in tokens["missing_in_supplier"])


def test_acronym_match_says_so(index: MatchIndex) -> None:
    match = screen_supplier(index, Supplier(name="KOMID"))[0]
    assert match.explanation["acronym"] == "KOMID"
    assert "acronym KOMID" in match.notes


def test_match_carries_the_full_entry(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Mokran LLC"))
    match = next(m for m in matches if m.entry.list_id == "us-ofac-sdn")
    assert match.entry.identifiers
    assert match.matched_name in match.entry.all_names()


def test_scores_are_between_0_and_100_and_best_first(index: MatchIndex) -> None:
    matches = screen_supplier(
        index, Supplier(name="Korea Kwangson Banking"), threshold=50, limit=20
    )
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 100 for score in scores)
