"""The risk model remembers what depends on a supplier's country and sector text alone; what it
remembers never changes an assessment, is bounded, and is not carried into a pickled copy."""

from __future__ import annotations

import pickle

import pytest

from listfiles import LISTS_DIR
from screening.matching.model import Match
from screening.risk.assess import assess_risk
from screening.risk.host_risk import parse_host_risk
from screening.risk.knowledge import RiskKnowledge, build_risk_knowledge, read_host_risk
from screening.risk.memo import Memo
from screening.risk.sectors import SectorIndex
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot


@pytest.fixture()
def knowledge(bundled_snapshots: dict[str, ListSnapshot]) -> RiskKnowledge:
    """A new one per test: each starts with empty memos."""
    return build_risk_knowledge(
        bundled_snapshots, read_host_risk((LISTS_DIR / "host-risk.toml").read_bytes())
    )


@pytest.fixture(scope="module")
def sectors() -> SectorIndex:
    return SectorIndex.of(parse_host_risk((LISTS_DIR / "host-risk.toml").read_bytes()))


def test_a_memo_gives_back_what_it_was_told() -> None:
    memo: Memo[str, int] = Memo()
    assert memo.get("a") is None
    assert memo.remember("a", 1) == 1
    assert memo.get("a") == 1


def test_a_full_memo_starts_afresh() -> None:
    memo: Memo[int, int] = Memo(limit=3)
    for key in range(3):
        memo.remember(key, key)
    memo.remember(3, 3)
    assert len(memo) == 1
    assert (memo.get(0), memo.get(3)) == (None, 3)


def test_a_pickled_memo_is_empty_with_the_same_limit() -> None:
    memo: Memo[str, int] = Memo(limit=5)
    memo.remember("a", 1)
    copy = pickle.loads(pickle.dumps(memo))
    assert len(copy) == 0
    for key in "abcde":
        copy.remember(key, 1)
    copy.remember("f", 1)
    assert len(copy) == 1


def test_sector_ids_are_remembered_including_no_sector(sectors: SectorIndex) -> None:
    fresh = SectorIndex(sectors.rules)
    assert [fresh.sector_id(text) for text in ("Software", "bakery", "Software", "bakery")] == [
        "it",
        None,
        "it",
        None,
    ]
    assert len(fresh.memo) == 2


def test_sector_indexes_with_different_memos_are_equal(sectors: SectorIndex) -> None:
    used = SectorIndex(sectors.rules)
    used.sector_id("textiles")
    assert used == SectorIndex(sectors.rules)
    assert len(pickle.loads(pickle.dumps(used)).memo) == 0


def test_a_supplier_without_matches_is_assessed_once_per_country_and_sector(
    knowledge: RiskKnowledge,
) -> None:
    first = assess_risk(Supplier("Alpha LLC", country="RU", sector="строительство"), [], knowledge)
    second = assess_risk(Supplier("Beta LLC", country="RU", sector="строительство"), [], knowledge)
    other = assess_risk(Supplier("Gamma LLC", country="RU", sector="IT"), [], knowledge)
    assert second is first
    assert other != first
    assert len(knowledge.unmatched) == 2


def test_remembered_assessments_equal_fresh_ones(
    knowledge: RiskKnowledge, bundled_snapshots: dict[str, ListSnapshot]
) -> None:
    suppliers = [
        Supplier(f"Supplier {number}", country=country, sector=sector)
        for number, (country, sector) in enumerate(
            [("CN", "textiles"), ("", "IT"), ("AE", ""), ("CN", "textiles"), ("KP", "fishing")]
        )
    ]
    remembered = [assess_risk(supplier, [], knowledge) for supplier in suppliers]
    for supplier, assessment in zip(suppliers, remembered, strict=True):
        fresh = build_risk_knowledge(
            bundled_snapshots, read_host_risk((LISTS_DIR / "host-risk.toml").read_bytes())
        )
        assert assess_risk(supplier, [], fresh) == assessment


def test_a_supplier_with_a_match_is_not_taken_from_the_memo(
    knowledge: RiskKnowledge, bundled_snapshots: dict[str, ListSnapshot]
) -> None:
    entry = bundled_snapshots["un-sc"].entry("KPe.002")
    assert entry is not None
    supplier = Supplier("Korea Ryonbong", country="CN", sector="textiles")
    unmatched = assess_risk(supplier, [], knowledge)
    matched = assess_risk(supplier, [Match(entry, entry.name, 99.0, {}, ())], knowledge)
    assert matched.level > unmatched.level
    assert len(knowledge.unmatched) == 1


def test_a_pickled_knowledge_starts_with_empty_memos(knowledge: RiskKnowledge) -> None:
    assess_risk(Supplier("Alpha LLC", country="RU", sector="IT"), [], knowledge)
    copy = pickle.loads(pickle.dumps(knowledge))
    assert (len(copy.unmatched), len(copy.sector_index.memo)) == (0, 0)
    assert copy == knowledge
