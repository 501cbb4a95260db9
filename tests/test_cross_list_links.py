"""The same designation recognised across the OFAC, UN and UK lists, on the real files."""

from __future__ import annotations

import pytest

from parsed_lists import snapshot
from screening.watchlist.links import CrossListIndex, build_cross_list_index
from screening.watchlist.model import Entry, EntryKind, Identifier, IdentifierKind, ListSnapshot

LISTS = ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi")


@pytest.fixture(scope="module")
def index() -> CrossListIndex:
    return build_cross_list_index([snapshot(list_id) for list_id in LISTS])


def _entry(list_id: str, source_id: str) -> Entry:
    found = snapshot(list_id).entry(source_id)
    assert found is not None
    return found


def test_korea_ryonbong_is_listed_by_us_un_and_uk(index: CrossListIndex) -> None:
    assert _entry("us-ofac-sdn", "9347").name == "KOREA RYONBONG GENERAL CORPORATION"
    assert index.listed_by("us-ofac-sdn", "9347") == ("us-ofac-sdn", "un-sc", "uk-ofsi")
    assert index.same_as("us-ofac-sdn", "9347") == (("un-sc", "KPe.002"), ("uk-ofsi", "10893"))


def test_listed_by_names_the_asking_list_first(index: CrossListIndex) -> None:
    assert index.listed_by("un-sc", "KPe.002") == ("un-sc", "us-ofac-sdn", "uk-ofsi")
    assert index.same_as("uk-ofsi", "10893") == (("us-ofac-sdn", "9347"), ("un-sc", "KPe.002"))


def test_uk_un_reference_links_even_when_names_differ(index: CrossListIndex) -> None:
    assert _entry("uk-ofsi", "12442").name == "HESONG TRADING CORPORATION"
    assert _entry("un-sc", "KPe.024").name == "HESONG TRADING COMPANY"
    assert ("un-sc", "KPe.024") in index.same_as("uk-ofsi", "12442")


def test_shipping_companies_are_linked_by_their_imo_company_number(
    index: CrossListIndex,
) -> None:
    assert _entry("us-ofac-sdn", "23712").name == "KOREA SAMJONG SHIPPING CO"
    assert _entry("un-sc", "KPe.064").name == "KOREA SAMJONG SHIPPING"
    assert index.same_as("un-sc", "KPe.064") == (
        ("us-ofac-sdn", "23712"),
        ("uk-ofsi", "13635"),
    )


def test_a_ship_under_another_name_is_linked_by_its_imo_number() -> None:
    renamed = Entry(
        "uk-ofsi",
        "99999",
        EntryKind.VESSEL,
        "RENAMED TANKER",
        identifiers=(Identifier(IdentifierKind.IMO, "7408873"),),
    )
    index = build_cross_list_index([snapshot("us-ofac-sdn"), _single("uk-ofsi", renamed)])
    (linked,) = index.same_as("uk-ofsi", "99999")
    assert linked[0] == "us-ofac-sdn"
    assert _entry(*linked).name == "SAM JONG 2"


def test_an_entry_on_one_list_only_is_listed_by_its_own_list(index: CrossListIndex) -> None:
    assert _entry("us-ofac-sdn", "36").name == "AEROCARIBBEAN AIRLINES"
    assert index.listed_by("us-ofac-sdn", "36") == ("us-ofac-sdn",)
    assert index.same_as("us-ofac-sdn", "36") == ()


def test_an_unknown_entry_is_listed_by_no_list(index: CrossListIndex) -> None:
    assert index.listed_by("un-sc", "KPe.999") == ()


def test_two_entries_of_one_list_never_become_one_designation(index: CrossListIndex) -> None:
    # OFAC's AL QA'IDA also carries the names of EGYPTIAN ISLAMIC JIHAD, which the UN and
    # the UK list separately: AL QA'IDA joins the UN's and UK's AL-QAIDA only.
    assert index.same_as("us-ofac-sdn", "6366") == (("un-sc", "QDe.004"), ("uk-ofsi", "6965"))
    assert index.listed_by("un-sc", "QDe.003") == ("un-sc", "uk-ofsi")


def test_people_are_not_linked_by_name_alone() -> None:
    # Two people of the same name on two lists may be two people.
    person = _entry("us-ofac-sdn", "11648")
    twin = Entry("un-sc", "KPi.900", EntryKind.PERSON, person.name)
    snapshots = [snapshot("us-ofac-sdn"), _single("un-sc", twin)]
    assert build_cross_list_index(snapshots).same_as("un-sc", "KPi.900") == ()


def test_organisations_are_linked_by_name_whatever_case_and_punctuation() -> None:
    twin = Entry("un-sc", "KPe.900", EntryKind.ORGANIZATION, "Korea Ryonbong General Corporation.")
    snapshots = [snapshot("us-ofac-sdn"), _single("un-sc", twin)]
    assert build_cross_list_index(snapshots).same_as("un-sc", "KPe.900") == (
        ("us-ofac-sdn", "9347"),
    )


def _single(list_id: str, entry: Entry) -> ListSnapshot:
    return ListSnapshot(list_id, "test", None, "", (), (entry,))
