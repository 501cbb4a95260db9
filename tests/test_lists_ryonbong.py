""" "Korea Ryonbong General Corporation" is found on every list that lists it, and the lists'
entries are joined as one designation: OFAC SDN, UN, UK OFSI (bundled), the UK Sanctions List
and the EU file (test files written to their documented layout), Australia's DFAT list (real
file). Canada's SEMA list (real file) does not list it and must not yield it.
"""

from __future__ import annotations

import pytest

from listfiles import LISTS_DIR, TEST_DATA, read_shared
from parsed_lists import snapshot
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.risk.assess import assess_risk
from screening.risk.knowledge import build_risk_knowledge, read_host_risk
from screening.supplier import Supplier
from screening.watchlist.au_dfat import load_au_dfat
from screening.watchlist.ca_sema import load_ca_sema
from screening.watchlist.eu_fsf import load_eu_fsf_xml
from screening.watchlist.links import CrossListIndex, build_cross_list_index
from screening.watchlist.model import ListSnapshot, ParsedList
from screening.watchlist.uk_sanctions_list import load_uk_sanctions_list_csv

RYONBONG = "Korea Ryonbong General Corporation"
# The entry of each list that lists it.
RYONBONG_ENTRIES = {
    "un-sc": "KPe.002",
    "us-ofac-sdn": "9347",
    "uk-ofsi": "10893",
    "uk-sanctions-list": "DPR0160",
    "eu-fsf": "900001",
    "au-dfat": "1114",
}


def _snapshot(list_id: str, parsed: ParsedList) -> ListSnapshot:
    return ListSnapshot(list_id, "test", parsed.published, "", (), parsed.entries)


@pytest.fixture(scope="module")
def snapshots() -> list[ListSnapshot]:
    test_lists = TEST_DATA / "lists"
    return [
        snapshot("un-sc"),
        snapshot("us-ofac-sdn"),
        snapshot("uk-ofsi"),
        _snapshot(
            "uk-sanctions-list",
            load_uk_sanctions_list_csv(
                {"UK-Sanctions-List.csv": (test_lists / "UK-Sanctions-List.csv").read_bytes()}
            ),
        ),
        _snapshot(
            "eu-fsf",
            load_eu_fsf_xml(
                {
                    "xmlFullSanctionsList_1_1.xml": (
                        test_lists / "xmlFullSanctionsList_1_1.xml"
                    ).read_bytes()
                }
            ),
        ),
        _snapshot(
            "au-dfat",
            load_au_dfat(read_shared("watchlists/au-dfat/regulation8_consolidated.xlsx")),
        ),
        _snapshot("ca-sema", load_ca_sema(read_shared("watchlists/ca-sema/sema-lmes.xml"))),
    ]


@pytest.fixture(scope="module")
def index(snapshots: list[ListSnapshot]) -> MatchIndex:
    return MatchIndex.build(snapshots)


@pytest.fixture(scope="module")
def links(snapshots: list[ListSnapshot]) -> CrossListIndex:
    return build_cross_list_index(snapshots)


def test_the_engine_finds_ryonbong_on_every_list_that_lists_it(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(RYONBONG), limit=20)
    found = {match.entry.key for match in matches if match.score >= 95}
    assert found == set(RYONBONG_ENTRIES.items())
    assert all(match.entry.list_id != "ca-sema" for match in matches)


def test_the_cross_list_links_join_the_six_entries_as_one_designation(
    links: CrossListIndex,
) -> None:
    assert links.listed_by("us-ofac-sdn", "9347") == (
        "us-ofac-sdn",
        "un-sc",
        "uk-ofsi",
        "uk-sanctions-list",
        "eu-fsf",
        "au-dfat",
    )
    assert set(links.same_as("au-dfat", "1114")) == {
        item for item in RYONBONG_ENTRIES.items() if item[0] != "au-dfat"
    }


def test_a_match_says_listed_by_un_us_uk_eu_and_australia(
    snapshots: list[ListSnapshot], index: MatchIndex
) -> None:
    knowledge = build_risk_knowledge(
        snapshots, read_host_risk((LISTS_DIR / "host-risk.toml").read_bytes())
    )
    match = next(
        found
        for found in screen_supplier(index, Supplier(RYONBONG), limit=20)
        if found.entry.key == ("au-dfat", "1114")
    )
    result = assess_risk(Supplier(RYONBONG), [match], knowledge)
    assert "Listed by UN, US, UK, EU and Australia." in result.reasons
    assert "A DPRK designation: program 1718 (DPRK)." in result.reasons
    assert result.reasons[0].startswith(
        f"Name matches Australian DFAT-listed {RYONBONG} (1114), score 100"
    )
