"""Organisations' names in Cyrillic (issue 15): a short word in Cyrillic capitals is also read
as the Latin acronym it spells letter for letter (УГЦ: UGC) while keeping the Russian reading
(ЦНИИ: TSNII); Belarusian and Kazakh legal forms; a vessel prefix (MTS) that is a company's own
word when the name is clearly a company's. The listed names are real entries (OFAC SDN)."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import judge_pair
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names.cyrillic import acronym_readings
from screening.names.normalise import normalise_name
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_cyrillic_capitals_also_read_as_the_latin_acronym_they_spell() -> None:
    assert acronym_readings("ООО «УГЦ»") == {"ugts": "ugc"}
    assert acronym_readings("Научный центр «27ТХ»") == {"27tkh": "27th"}
    # a word of lower-case letters is a word, not an acronym; one that reads the same is left
    assert acronym_readings("Центр МТС") == {}


@pytest.mark.parametrize(
    ("cyrillic", "listed"),
    [
        ("«Управляющая компания «УГЦ»» ООО", "LIMITED LIABILITY COMPANY MANAGEMENT COMPANY UGC"),
        ("Управляющая компания «ЕБЦ»", "OPEN JOINT STOCK COMPANY EBC MANAGEMENT COMPANY"),
        ("АО «Научный центр «27ТХ»»", "27TH SCIENTIFIC CENTER"),
    ],
)
def test_a_latin_acronym_in_cyrillic_letters_is_found_and_matches(
    index: MatchIndex, cyrillic: str, listed: str
) -> None:
    matches = screen_supplier(index, Supplier(name=cyrillic))
    assert listed in {match.matched_name for match in matches}


def test_a_russian_acronym_keeps_its_russian_reading(index: MatchIndex) -> None:
    judged = judge_pair(index, "АО «ЦНИИ»", "AO TSNII", EntryKind.ORGANIZATION)
    assert judged.score >= DEFAULT_THRESHOLD


def test_an_acronym_alone_is_not_flagged(index: MatchIndex) -> None:
    # the initialism is all the names share: it needs more than itself
    judged = judge_pair(
        index, "УГЦ", "LIMITED LIABILITY COMPANY MANAGEMENT COMPANY UGC", EntryKind.ORGANIZATION
    )
    assert judged.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("cyrillic", "form_id", "tokens"),
    [
        ("ААТ Пеленг", "jsc", ("peleng",)),
        ("ТАА Рухсерваматор", "llc", ("rukhservamator",)),
        ("ТАУКЗ ЖШС", "llc", ("taukz",)),
        ("ТАУКЗ ЖАУАПКЕРШІЛІГІ ШЕКТЕУЛІ СЕРІКТЕСТІГІ", "llc", ("taukz",)),
    ],
)
def test_belarusian_and_kazakh_legal_forms_are_legal_forms(
    cyrillic: str, form_id: str, tokens: tuple[str, ...]
) -> None:
    name = normalise_name(cyrillic)
    assert [form.form_id for form in name.legal_forms] == [form_id]
    assert name.tokens == tokens


def test_a_vessel_prefix_is_a_company_word_in_a_company_name() -> None:
    assert normalise_name("МТС Банк").tokens == ("mts", "bank")
    assert normalise_name("MTS BANK PUBLIC JOINT-STOCK COMPANY (PJSC)").tokens == ("mts", "bank")
    # letters split apart by punctuation are no one word as written: M&T reads "m t", a prefix
    assert "t" not in normalise_name("M&T Bank Corporation").tokens
    # a ship's name keeps its prefix as a prefix
    assert [form.form_id for form in normalise_name("MT Ocean Star").legal_forms] == ["vessel"]


def test_a_bank_named_like_a_vessel_prefix_matches_on_its_own_word(index: MatchIndex) -> None:
    judged = judge_pair(
        index, "МТС Банк", "MTS BANK PUBLIC JOINT-STOCK COMPANY (PJSC)", EntryKind.ORGANIZATION
    )
    assert judged.score >= DEFAULT_THRESHOLD
