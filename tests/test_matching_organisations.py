"""Organisations' names as writers really vary them, and two organisations of one group told
apart (issue 15, name bench companies): a misspelt word of a legal form, a number written as a
word, and the part of a group a name says in brackets."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import judge_pair
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.names import normalise_name
from screening.names.brackets import parts_differ
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def listed_names(index: MatchIndex, name: str) -> set[str]:
    """Every name (aliases too) of the entries a supplier of `name` is flagged against."""
    return {
        listed
        for match in screen_supplier(index, Supplier(name=name))
        for listed in match.entry.all_names()
    }


@pytest.mark.parametrize(
    ("written", "tokens", "form"),
    [
        ("KOREAN EXPORT JINT VENTURE", ("korea", "export"), "jint venture"),
        ("Rodina Jiont Venture", ("rodina",), "jiont venture"),
        ("STTATE UNITARY ENTERPRISE POLAR", ("polar",), "sttate unitary enterprise"),
        ("Limted Liability Company Aktiv", ("aktiv",), "limted liability company"),
    ],
)
def test_a_legal_form_of_several_words_with_one_misspelt_is_still_a_legal_form(
    written: str, tokens: tuple[str, ...], form: str
) -> None:
    name = normalise_name(written)
    assert name.tokens == tokens
    assert [found.surface for found in name.legal_forms] == [form]


@pytest.mark.parametrize("written", ["POINT VENTURE LLC", "Hint Venture Capital"])
def test_a_dictionary_word_next_to_a_legal_form_word_stays_a_word_of_the_name(
    written: str,
) -> None:
    # "point" is one letter off "joint", but it is an English word: the name's, not a typo
    assert "venture" in normalise_name(written).tokens


def test_misspelt_joint_venture_finds_the_listed_joint_venture(index: MatchIndex) -> None:
    assert "KOREAN EXPORT JOINT VENTURE" in listed_names(index, "KOREAN EXPORT JINT VENTURE")


def test_a_number_written_as_a_word_is_the_number() -> None:
    written = normalise_name("Three Rivers Trading")
    assert written.tokens == normalise_name("3 RIVERS TRADING").tokens
    assert normalise_name("Twelve Oaks LLC").tokens == normalise_name("12 Oaks LLC").tokens


def test_one_is_not_read_as_a_number() -> None:
    # "one" names too many companies as a word (Capital One) to be taken for the digit
    assert normalise_name("Capital One").tokens == ("capital", "one")


def test_two_parts_of_a_group_named_in_brackets_are_two_companies(index: MatchIndex) -> None:
    listed = "HARBIN TIMBER (LONDON) PLC"
    other = judge_pair(index, "Harbin Timber (Asia) Limited", listed, EntryKind.ORGANIZATION)
    same = judge_pair(index, "Harbin Timber (London) Limited", listed, EntryKind.ORGANIZATION)
    assert other.score < DEFAULT_THRESHOLD <= same.score


def test_a_part_of_the_name_in_brackets_alone_decides_nothing(index: MatchIndex) -> None:
    # the supplier names no part: it may be any of the group's companies
    judged = judge_pair(
        index, "Harbin Timber Limited", "HARBIN TIMBER (LONDON) PLC", EntryKind.ORGANIZATION
    )
    assert judged.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # an acronym or alias in brackets names the organisation, not a part of it
        ("korea kwangson banking corp (kkbc)", "korea kwangson banking corp (asia)"),
        # a branch says which office of the company, not which company
        ("harbin timber (dandong branch)", "harbin timber (london)"),
        # a legal form in brackets says nothing of the part
        ("harbin timber (pvt) ltd", "harbin timber (london)"),
    ],
)
def test_brackets_that_do_not_name_a_part_of_a_group_are_no_conflict(
    first: str, second: str
) -> None:
    assert not parts_differ(first, second)
