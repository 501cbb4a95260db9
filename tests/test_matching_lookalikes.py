"""Clean companies that look like listed ones are not flagged."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def flagged(index: MatchIndex, name: str, country: str = "") -> list[str]:
    return [m.entry.name for m in screen_supplier(index, Supplier(name=name, country=country))]


def test_korea_electric_power_is_not_flagged(index: MatchIndex) -> None:
    assert flagged(index, "Korea Electric Power Corporation") == []


def test_korea_national_oil_is_not_flagged(index: MatchIndex) -> None:
    # against KOREA NATIONAL INSURANCE CORPORATION: only generic words are shared
    assert flagged(index, "Korea National Oil Corporation") == []


def test_hana_financial_group_is_not_flagged(index: MatchIndex) -> None:
    # against HANA ELECTRONICS JVC: one shared word, the rest differs
    assert flagged(index, "Hana Financial Group Inc.") == []


def test_daedong_industrial_is_not_flagged(index: MatchIndex) -> None:
    # against DAEDONG CREDIT BANK
    assert flagged(index, "Daedong Industrial Co., Ltd.", "KR") == []


def test_korean_electric_power_in_hangul_is_not_flagged(index: MatchIndex) -> None:
    assert flagged(index, "한국전력공사", "KR") == []


def test_names_of_different_countries_are_not_one_organisation(index: MatchIndex) -> None:
    # against RUSSIAN NATIONAL REINSURANCE COMPANY
    assert flagged(index, "Korean Reinsurance Company", "KR") == []


def test_one_shared_word_with_different_descriptions_is_not_flagged(index: MatchIndex) -> None:
    # against MCS INTERNATIONAL GMBH
    assert flagged(index, "Etalon Group PLC", "RU") == []


def test_generic_words_alone_do_not_match(index: MatchIndex) -> None:
    assert flagged(index, "Global Trading International LLC") == []


def test_a_company_is_not_flagged_for_a_persons_name(index: MatchIndex) -> None:
    # KIM, Yong Chol is a listed person: a company bearing the name is not that person
    assert not [
        name for name in flagged(index, "Kim Yong Chol Trading LLC") if name.startswith("KIM,")
    ]


def test_a_sole_trader_matches_a_listed_person(index: MatchIndex) -> None:
    assert "KIM, Yong Chol" in flagged(index, "IP Kim Yong Chol")
