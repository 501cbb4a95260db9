"""A person's date of birth and nationality, when given, qualify a name match: the same date or
year raises the score, another date or nationality lowers it, and the explanation says so."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.model import EntryKind, ListSnapshot

NAME = "Choe Ryong Hae"
LISTED = "CHOE, Ryong Hae"


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def listed_match(index: MatchIndex, **facts: str) -> Match:
    matches = screen_supplier(index, Supplier(name=NAME, **facts), threshold=0)
    return next(
        match for match in matches if match.entry.name == LISTED and match.entry.birth_dates
    )


def test_same_date_of_birth_raises_the_score(index: MatchIndex) -> None:
    plain = listed_match(index)
    born = plain.entry.birth_dates[0]
    match = listed_match(index, date_of_birth=born)
    assert match.score >= plain.score
    assert match.explanation["date_of_birth"]["result"] in {"match", "year_match"}
    assert any("is the listed person's" in note for note in match.notes)


def test_same_year_of_birth_raises_the_score(index: MatchIndex) -> None:
    plain = listed_match(index)
    match = listed_match(index, date_of_birth=plain.entry.birth_dates[0][:4])
    assert match.explanation["date_of_birth"]["result"] in {"match", "year_match"}


def test_other_date_of_birth_lowers_the_score(index: MatchIndex) -> None:
    plain = listed_match(index)
    match = listed_match(index, date_of_birth="1999-09-09")
    assert match.score < plain.score
    assert match.explanation["date_of_birth"]["result"] == "conflict"
    assert any("is not the listed person's" in note for note in match.notes)


def test_other_nationality_lowers_the_score(index: MatchIndex) -> None:
    def with_nationality(**facts: str) -> Match:
        matches = screen_supplier(index, Supplier(name=NAME, **facts), threshold=0)
        return next(
            match
            for match in matches
            if match.entry.nationalities and match.entry.kind is EntryKind.PERSON
        )

    plain = with_nationality()
    match = with_nationality(nationality="FR")
    assert match.entry.key == plain.entry.key
    assert match.score < plain.score
    assert match.explanation["nationality"]["result"] == "conflict"


def test_company_is_not_qualified_by_a_date_of_birth(index: MatchIndex) -> None:
    matches = screen_supplier(
        index, Supplier(name="Korea Ryonbong General Corporation", date_of_birth="1999-09-09")
    )
    assert matches and matches[0].entry.kind is not EntryKind.PERSON
    assert "date_of_birth" not in matches[0].explanation


def test_loaders_carry_dates_of_birth_and_nationality(
    bundled_snapshots: dict[str, ListSnapshot],
) -> None:
    for list_id in ("us-ofac-sdn", "un-sc", "uk-ofsi"):
        persons = [e for e in bundled_snapshots[list_id].entries if e.kind is EntryKind.PERSON]
        assert sum(bool(e.birth_dates) for e in persons) > len(persons) // 2, list_id
        assert any(e.nationalities for e in persons), list_id


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("10 Dec 1948", ("1948-12-10",)),
        ("Dec 1948", ("1948-12",)),
        ("circa 1962", ("1962",)),
        ("1962 to 1964", ("1962", "1963", "1964")),
        ("1958-02-22", ("1958-02-22",)),
        ("27/11/1967", ("1967-11-27",)),
        ("00/00/1967", ("1967",)),
        ("31 Feb 1960", ()),
        ("unknown", ()),
    ],
)
def test_dates_of_birth_as_publishers_write_them(written: str, read: tuple[str, ...]) -> None:
    assert read_birth_dates(written) == read
