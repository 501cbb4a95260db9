"""The supplier's address as evidence: the same street or city as a listed address raises the
score, an address in a country the entry is not tied to lowers it, and a sentence says which;
addresses in Cyrillic, Hangul and Chinese are compared after transliteration."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.addresses import (
    CITY_MATCH_BONUS,
    STREET_MATCH_BONUS,
    AddressResult,
    address_effect,
)
from screening.matching.index import MatchIndex
from screening.matching.qualifiers import COUNTRY_CONFLICT_PENALTY
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import Address, Entry, EntryKind, ListSnapshot

# As OFAC lists Korea Ryonbong General Corporation (ent_num 9347).
RYONBONG = Entry(
    "us-ofac-sdn",
    "9347",
    EntryKind.ORGANIZATION,
    "KOREA RYONBONG GENERAL CORPORATION",
    countries=("KP",),
    addresses=(
        Address("Pot'onggang District", "Pyongyang", "Korea, North", "KP"),
        Address("Rakwon-dong, Pothonggang District", "Pyongyang", "Korea, North", "KP"),
    ),
)
# A front abroad: an address in Moscow.
MOSCOW_FRONT = Entry(
    "us-ofac-sdn",
    "1",
    EntryKind.ORGANIZATION,
    "EXAMPLE TRADING LLC",
    countries=("RU",),
    addresses=(Address("Ulitsa Tverskaya 12", "Moscow", "Russia", "RU"),),
)


def test_the_same_street_raises_the_score_and_says_so() -> None:
    effect = address_effect("Rakwon-dong, Pothonggang District, Pyongyang, DPRK", "", RYONBONG)
    assert effect.result is AddressResult.SAME_STREET
    assert effect.adjustment == STREET_MATCH_BONUS
    assert effect.sentence == (
        "the supplier's address has the street of a listed address "
        "(Rakwon-dong, Pothonggang District, Pyongyang)"
    )


def test_the_same_city_raises_the_score_less() -> None:
    effect = address_effect("Sosong Street 5, Pyongyang", "", RYONBONG)
    assert effect.result is AddressResult.SAME_CITY
    assert effect.adjustment == CITY_MATCH_BONUS
    assert "same city as a listed address" in effect.sentence


@pytest.mark.parametrize(
    "address",
    [
        "평양시 보통강구역 락원동",  # Hangul: Pyongyang, Pothonggang District, Rakwon-dong
        "Пхеньян, Потхонгандский район, Раквон-дон",  # Russian exonym of Pyongyang
        "平壤市",  # Chinese
    ],
)
def test_addresses_in_other_scripts_are_compared_after_transliteration(address: str) -> None:
    effect = address_effect(address, "", RYONBONG)
    assert effect.result in (AddressResult.SAME_STREET, AddressResult.SAME_CITY)
    assert effect.adjustment > 0


def test_a_cyrillic_street_in_a_cyrillic_city_is_the_same_street() -> None:
    effect = address_effect("г. Москва, ул. Тверская, д. 12", "", MOSCOW_FRONT)
    assert effect.result is AddressResult.SAME_STREET


def test_an_address_in_another_country_lowers_the_score() -> None:
    effect = address_effect("Unter den Linden 1, Berlin, Germany", "", MOSCOW_FRONT)
    assert effect.result is AddressResult.COUNTRY_CONFLICT
    assert effect.adjustment == -COUNTRY_CONFLICT_PENALTY
    assert effect.sentence == (
        "the supplier's address is in DE, none of the entry's countries (RU)"
    )


def test_an_address_abroad_is_no_evidence_against_a_dprk_entry() -> None:
    # DPRK entities act through fronts abroad (qualifiers.NOT_DPRK_FRONTS): only South Korea counts.
    assert address_effect("Dandong, Liaoning, China", "", RYONBONG).adjustment == 0
    assert address_effect("Gangnam-gu, Seoul, South Korea", "", RYONBONG).adjustment < 0


def test_the_country_column_is_not_counted_twice() -> None:
    assert address_effect("Berlin, Germany", "DE", MOSCOW_FRONT).adjustment == 0


def test_no_address_or_nothing_in_common_says_nothing() -> None:
    assert address_effect("", "", RYONBONG).sentence == ""
    assert address_effect("Office 5", "", RYONBONG).sentence == ""


def test_a_generic_street_word_alone_is_not_the_same_street() -> None:
    effect = address_effect("District 9, Hanoi", "", RYONBONG)
    assert effect.result is AddressResult.UNKNOWN


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_screening_adds_the_address_to_score_explanation_and_notes(index: MatchIndex) -> None:
    name = "Korea Ryongbong General Corp"
    plain = {m.entry.key: m for m in screen_supplier(index, Supplier(name=name))}
    supplier = Supplier(name=name, address="평양시 보통강구역 락원동")
    there = {m.entry.key: m for m in screen_supplier(index, supplier)}
    ofac = ("us-ofac-sdn", "9347")
    assert there[ofac].score == pytest.approx(min(100.0, plain[ofac].score + STREET_MATCH_BONUS))
    assert there[ofac].explanation["address"]["result"] == "same_street"
    assert any("street of a listed address" in note for note in there[ofac].notes)


@pytest.mark.usefixtures("without_rigours_name_index")
def test_an_address_in_any_script_never_builds_rigours_slow_country_index() -> None:
    for address in ("辽宁省丹东市振兴区", "д. 12, г. Москва, Россия", "서울, 대한민국"):
        address_effect(address, "", MOSCOW_FRONT)
