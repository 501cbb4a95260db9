"""The risk model, specified on real entries of the bundled lists.

Matches are built by hand here (the matching engine is tested on its own); each test states the
one rule it pins down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from listfiles import LISTS_DIR
from screening.matching.model import NO_COUNTRY_EFFECT, CountryEffect, CountryResult, Match
from screening.risk.assess import assess_risk
from screening.risk.decision import Verdict
from screening.risk.knowledge import RiskKnowledge, build_risk_knowledge, read_host_risk
from screening.risk.model import Decision, MatchBand, RiskAssessment, RiskLevel
from screening.risk.weights import LEVEL_SCORES, MatchBands
from screening.supplier import Supplier
from screening.watchlist.curated import load_labour_profiles
from screening.watchlist.model import Entry, Identifier, IdentifierKind, ListSnapshot

EntryLookup = Callable[[str, str], Entry]

REVIEWER = "anna.berg@example.com"
DECIDED_ON = date(2026, 3, 2)


@pytest.fixture(scope="module")
def knowledge(bundled_snapshots: dict[str, ListSnapshot]) -> RiskKnowledge:
    return build_risk_knowledge(
        bundled_snapshots,
        read_host_risk((LISTS_DIR / "host-risk.toml").read_bytes()),
        load_labour_profiles((LISTS_DIR / "dprk-labour.toml").read_bytes()),
    )


@pytest.fixture(scope="module")
def entries(bundled_snapshots: dict[str, ListSnapshot]) -> EntryLookup:
    def entry(list_id: str, source_id: str) -> Entry:
        found = bundled_snapshots[list_id].entry(source_id)
        assert found is not None, (list_id, source_id)
        return found

    return entry


def match(
    entry: Entry,
    score: float,
    *notes: str,
    country: CountryEffect = NO_COUNTRY_EFFECT,
    identifier: Identifier | None = None,
) -> Match:
    return Match(entry, entry.name, score, {}, notes, country=country, identifier=identifier)


def assess(
    knowledge: RiskKnowledge, supplier: Supplier, *matches: Match, **options: Any
) -> RiskAssessment:
    return assess_risk(supplier, matches, knowledge, **options)


def in_level_range(assessment: RiskAssessment) -> bool:
    low, high = LEVEL_SCORES[assessment.level]
    return low <= assessment.score <= high


# --- levels -------------------------------------------------------------------------------------


def test_confident_match_to_a_un_dprk_entity_is_critical(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    ryonbong = entries("un-sc", "KPe.002")
    result = assess(
        knowledge,
        Supplier("Korea Ryongbong General Corp", country="CN"),
        match(ryonbong, 94, "romanisation Ryongbong ~ Ryonbong"),
    )
    assert result.level is RiskLevel.CRITICAL
    assert result.reasons[0] == (
        "Name matches UN-listed KOREA RYONBONG GENERAL CORPORATION (KPe.002), score 94: "
        "romanisation Ryongbong ~ Ryonbong"
    )


def test_critical_reason_names_every_list_carrying_the_designation(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    result = assess(knowledge, Supplier("Ryonbong"), match(entries("un-sc", "KPe.002"), 94))
    assert "Listed by UN, US and UK." in result.reasons
    assert "A DPRK designation: UN DPRK sanctions reference KPe.002." in result.reasons


def test_confident_match_to_any_sanctions_entry_is_critical(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    bank_refah = entries("us-ofac-sdn", "4635")  # an Iran program entry: no DPRK link
    result = assess(knowledge, Supplier("Bank Refah Kargaran"), match(bank_refah, 97))
    assert result.level is RiskLevel.CRITICAL
    assert not any("DPRK" in reason for reason in result.reasons)


def test_probable_match_is_high(knowledge: RiskKnowledge, entries: EntryLookup) -> None:
    green_pine = entries("un-sc", "KPe.010")
    result = assess(knowledge, Supplier("Green Pine Assoc. Corp."), match(green_pine, 88))
    assert result.level is RiskLevel.HIGH
    assert "Probable match: a reviewer should confirm it." in result.reasons


def test_possible_match_is_medium_and_asks_for_a_human_look(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    komid = entries("un-sc", "KPe.001")
    result = assess(knowledge, Supplier("Korea Mining Development Co"), match(komid, 82))
    assert result.level is RiskLevel.MEDIUM
    assert "Possible match: it needs a human look." in result.reasons


def test_match_below_the_engine_threshold_still_counts_as_possible(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    # A caller that screens with a lower threshold has chosen to see such matches.
    komid = entries("un-sc", "KPe.001")
    result = assess(knowledge, Supplier("Korea Minerals", country="DE"), match(komid, 72))
    assert result.level is RiskLevel.MEDIUM
    assert result.match_risks[0].band is MatchBand.POSSIBLE


def test_match_to_a_curated_labour_exporter_is_high(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    kogen = entries("dprk-labour", "DL-005")
    result = assess(knowledge, Supplier("KOGEN", country="RU"), match(kogen, 95))
    assert result.level is RiskLevel.HIGH
    assert result.reasons[0].startswith(
        "Name matches KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION (DL-005) on the curated "
        "DPRK overseas-labour list, score 95"
    )
    assert any(r.startswith("Tied to DPRK overseas labour:") for r in result.reasons)


def test_possible_match_to_a_labour_exporter_is_high(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    mansudae = entries("dprk-labour", "DL-001")
    result = assess(knowledge, Supplier("Mansudae Overseas Project Group"), match(mansudae, 82))
    assert result.match_risks[0].band is MatchBand.POSSIBLE
    assert result.level is RiskLevel.HIGH


def test_official_entry_of_a_labour_exporter_says_so(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    mansudae = entries("un-sc", "KPe.050")
    result = assess(knowledge, Supplier("Mansudae Overseas Projects"), match(mansudae, 93))
    assert result.level is RiskLevel.CRITICAL
    assert (
        "Tied to DPRK overseas labour: sends workers abroad for construction, statues and "
        "monuments (curated list DL-001; sectors: construction; abroad in Algeria, Angola, "
        "Botswana, Benin, Cambodia, Chad and 9 more)." in result.reasons
    )


def test_front_linked_to_a_labour_exporter_is_at_least_high(
    bundled_snapshots: dict[str, ListSnapshot], entries: EntryLookup
) -> None:
    # Without its own curated entry, QINGDAO CONSTRUCTION (NAMIBIA) CC is still tied to labour
    # export through its OFAC "Linked To: MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES".
    curated = bundled_snapshots["dprk-labour"]
    without_qingdao = dataclasses.replace(
        curated, entries=tuple(e for e in curated.entries if e.source_id != "DL-003")
    )
    knowledge = build_risk_knowledge(
        {**bundled_snapshots, "dprk-labour": without_qingdao},
        read_host_risk((LISTS_DIR / "host-risk.toml").read_bytes()),
    )
    qingdao = entries("us-ofac-sdn", "22704")
    result = assess(knowledge, Supplier("Qingdao Construction Namibia"), match(qingdao, 82))
    assert result.level >= RiskLevel.HIGH
    assert any(
        r.startswith("Linked to MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES (us-ofac-sdn 20578)")
        for r in result.reasons
    )


def test_russian_construction_supplier_without_match_is_low(knowledge: RiskKnowledge) -> None:
    result = assess(knowledge, Supplier("ООО СтройМонтаж", country="RU", sector="строительство"))
    assert result.level is RiskLevel.LOW
    assert result.sector_id == "construction"
    assert result.reasons == (
        "Registered in Russia, construction: main host country and sector of DPRK overseas "
        "labour (2018 US advisory)",
    )


def test_german_bakery_is_clear(knowledge: RiskKnowledge) -> None:
    result = assess(knowledge, Supplier("Bäckerei Schmidt GmbH", country="DE", sector="Bakery"))
    assert result.level is RiskLevel.CLEAR
    assert result.score == 0
    assert result.reasons == (
        "No match to a listed entry, and no host-country or sector risk of DPRK overseas labour.",
    )


def test_main_host_country_in_an_unrelated_sector_is_clear_and_says_why(
    knowledge: RiskKnowledge,
) -> None:
    result = assess(knowledge, Supplier("Пекарня", country="RU", sector="bakery"))
    assert result.level is RiskLevel.CLEAR
    assert result.reasons[0].startswith("Registered in Russia, a main host country")


def test_reported_host_country_alone_is_not_low(knowledge: RiskKnowledge) -> None:
    result = assess(knowledge, Supplier("Gulf Builders WLL", country="KW", sector="construction"))
    assert result.level is RiskLevel.CLEAR
    assert "Kuwait is not a main host country" in result.reasons[0]


def test_a_designation_on_several_lists_states_each_fact_once(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    on_three_lists = [entries("un-sc", "KPe.050"), entries("us-ofac-sdn", "20578")]
    result = assess(knowledge, Supplier("Mansudae"), *(match(e, 95) for e in on_three_lists))
    assert result.reasons.count("Listed by UN, US and UK.") == 1
    assert result.reasons[0].startswith("Name matches UN-listed")


# --- match features -----------------------------------------------------------------------------


def test_identifier_agreement_makes_a_match_confident(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    mokran = entries("us-ofac-sdn", "30083")
    result = assess(
        knowledge,
        Supplier("Mokran", country="RU", registration_id="1117847131643"),
        match(mokran, 82, identifier=Identifier(IdentifierKind.REGISTRATION, "1117847131643")),
    )
    assert result.level is RiskLevel.CRITICAL
    assert result.match_risks[0].band is MatchBand.CONFIDENT
    assert "Identifiers agree (registration), so the match counts as confident." in result.reasons


def test_country_penalty_is_not_counted_twice(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    # The matcher already took 5 points off for the country; the model only says so.
    ryonbong = entries("un-sc", "KPe.002")
    country = CountryEffect(CountryResult.CONFLICT, -5.0)
    result = assess(
        knowledge, Supplier("Ryonbong GmbH", country="DE"), match(ryonbong, 93, country=country)
    )
    assert result.level is RiskLevel.CRITICAL
    assert (
        "Countries differ (supplier DE, entry KP); the match score already counts "
        "5 points lower for it." in result.reasons
    )


def test_match_bands_are_parameters(knowledge: RiskKnowledge, entries: EntryLookup) -> None:
    ryonbong = entries("un-sc", "KPe.002")
    strict = MatchBands(confident=96, probable=85, possible=75)
    result = assess(knowledge, Supplier("Ryonbong"), match(ryonbong, 94), bands=strict)
    assert result.level is RiskLevel.HIGH


def test_score_lies_in_the_range_of_its_level(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    ryonbong = entries("un-sc", "KPe.002")
    for score in (71, 79, 80, 89, 90, 100):
        assert in_level_range(assess(knowledge, Supplier("x"), match(ryonbong, score)))
    assert in_level_range(assess(knowledge, Supplier("x", country="RU", sector="software")))


# --- decisions ----------------------------------------------------------------------------------


def test_false_positive_decision_clears_the_match_and_says_who(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    ryonbong = entries("un-sc", "KPe.002")
    decision = Decision(
        "un-sc", "KPe.002", Verdict.FALSE_POSITIVE, REVIEWER, DECIDED_ON, "Shenzhen toy maker"
    )
    result = assess(
        knowledge,
        Supplier("Ryongbong Toys", country="DE"),
        match(ryonbong, 94),
        decisions=[decision],
    )
    assert result.level is RiskLevel.CLEAR
    assert result.decided
    assert result.reasons[0] == (
        "Match to UN-listed KOREA RYONBONG GENERAL CORPORATION (KPe.002) cleared by "
        "anna.berg@example.com on 2026-03-02: Shenzhen toy maker"
    )


def test_false_positive_on_one_list_clears_the_same_designation_on_others(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    decision = Decision("un-sc", "KPe.050", Verdict.FALSE_POSITIVE, REVIEWER, DECIDED_ON)
    result = assess(
        knowledge,
        Supplier("Mansudae Foods"),
        match(entries("us-ofac-sdn", "20578"), 91),
        match(entries("dprk-labour", "DL-001"), 91),
        decisions=[decision],
    )
    assert result.level is RiskLevel.CLEAR
    assert all(risk.cleared for risk in result.match_risks)


def test_true_match_decision_makes_it_critical(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    mokran = entries("dprk-labour", "DL-014")
    decision = Decision(
        "dprk-labour", "DL-014", Verdict.TRUE_MATCH, REVIEWER, DECIDED_ON, "same INN 7811489970"
    )
    result = assess(knowledge, Supplier("Mokran"), match(mokran, 72), decisions=[decision])
    assert result.level is RiskLevel.CRITICAL
    assert result.reasons[0] == (
        "Confirmed as a true match by anna.berg@example.com on 2026-03-02: same INN 7811489970"
    )


def test_true_match_decision_holds_without_a_current_match(knowledge: RiskKnowledge) -> None:
    decision = Decision("us-ofac-sdn", "30083", Verdict.TRUE_MATCH, REVIEWER, DECIDED_ON)
    result = assess(knowledge, Supplier("ООО Мокран"), decisions=[decision])
    assert result.level is RiskLevel.CRITICAL
    assert "us-ofac-sdn 30083" in result.reasons[0]


def test_latest_decision_wins(knowledge: RiskKnowledge, entries: EntryLookup) -> None:
    ryonbong = entries("un-sc", "KPe.002")
    cleared = Decision("un-sc", "KPe.002", Verdict.FALSE_POSITIVE, REVIEWER, date(2026, 1, 5))
    confirmed = Decision("un-sc", "KPe.002", Verdict.TRUE_MATCH, "lead", date(2026, 2, 9))
    result = assess(
        knowledge, Supplier("Ryonbong"), match(ryonbong, 85), decisions=[confirmed, cleared]
    )
    assert result.level is RiskLevel.CRITICAL


# --- the function and its types ------------------------------------------------------------------


def test_same_input_gives_the_same_assessment(
    knowledge: RiskKnowledge, entries: EntryLookup
) -> None:
    supplier = Supplier("Korea Ryonbong", country="RU", sector="construction")
    matches = [match(entries("un-sc", "KPe.002"), 88), match(entries("un-sc", "KPe.001"), 74)]
    first = assess_risk(supplier, matches, knowledge)
    again = assess_risk(supplier, matches, knowledge)
    reordered = assess_risk(supplier, list(reversed(matches)), knowledge)
    assert first == again == reordered


def test_risk_levels_are_ordered() -> None:
    ordered = [RiskLevel.CLEAR, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL]
    assert sorted(reversed(ordered)) == ordered
    assert max(RiskLevel.LOW, RiskLevel.CRITICAL, RiskLevel.MEDIUM) is RiskLevel.CRITICAL
    assert RiskLevel.HIGH == "high"
