"""Turn a supplier's matches and facts into a risk level, a 0-100 score and checkable reasons.

Rules (weights and cut-offs in risk.weights, rationale in docs/risk-model.md):
- a confident match to a sanctions-list entry (UN, OFAC, UK) is critical;
- a probable match, or any match to an entity tied to DPRK overseas labour (a curated entity,
  the official entries it points at, or a front "Linked To" one), is at least high;
- any other match the caller passes in is possible, hence medium: it needs a human look;
- with no counted match, a supplier in a main host country in a sector where DPRK overseas labour
  is documented is low; otherwise clear.
An identifier agreement makes a match confident; a conflicting country lowers its score. A
reviewer's recorded decision overrides all of this and the reasons say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rigour.territories import get_territory

from screening.matching.model import CountryResult, Match
from screening.risk.decision import Verdict
from screening.risk.host_risk import CountryTier
from screening.risk.knowledge import (
    SANCTIONS_LISTS,
    LabourTie,
    RiskKnowledge,
    dprk_link,
)
from screening.risk.model import Decision, MatchBand, MatchRisk, RiskAssessment, RiskLevel
from screening.risk.weights import (
    BONUS_DPRK_LINK,
    BONUS_LABOUR_TIE,
    BONUS_PER_EXTRA_LIST,
    COUNTRY_TIER_WEIGHTS,
    DEFAULT_BANDS,
    LEVEL_SCORES,
    LOW_CONTEXT_CUTOFF,
    SECTOR_TIER_WEIGHTS,
    MatchBands,
)
from screening.supplier import Supplier
from screening.watchlist.curated import LIST_ID as LABOUR_LIST

Key = tuple[str, str]

# How a reason names an entry's list ("UN-listed") and who publishes it ("Listed by UN, US and UK").
LISTED_BY = {
    "un-sc": "UN",
    "us-ofac-sdn": "OFAC SDN",
    "us-ofac-cons": "OFAC non-SDN",
    "uk-ofsi": "UK",
    "uk-sanctions-list": "UK",
    "eu-fsf": "EU",
    "au-dfat": "Australian DFAT",
    "ca-sema": "Canadian SEMA",
}
PUBLISHER = {
    "un-sc": "UN",
    "us-ofac-sdn": "US",
    "us-ofac-cons": "US",
    "uk-ofsi": "UK",
    "uk-sanctions-list": "UK",
    "eu-fsf": "EU",
    "au-dfat": "Australia",
    "ca-sema": "Canada",
}
_MAX_COUNTRIES_NAMED = 6


def assess_risk(
    supplier: Supplier,
    matches: Sequence[Match],
    knowledge: RiskKnowledge,
    *,
    decisions: Sequence[Decision] = (),
    bands: MatchBands = DEFAULT_BANDS,
) -> RiskAssessment:
    """The supplier's risk. Pure: the same input always gives the same assessment."""
    if not matches and not decisions:
        # Then only the country and sector text count (the bands apply to matches).
        key = (supplier.country, supplier.sector)
        known = knowledge.unmatched.get(key)
        if known is None:
            known = knowledge.unmatched.remember(key, _assess(supplier, (), knowledge, (), bands))
        return known
    return _assess(supplier, matches, knowledge, decisions, bands)


def _assess(
    supplier: Supplier,
    matches: Sequence[Match],
    knowledge: RiskKnowledge,
    decisions: Sequence[Decision],
    bands: MatchBands,
) -> RiskAssessment:
    sector = knowledge.sector_index.sector_id(supplier.sector) if supplier.sector else None
    decided_for = _decisions_by_key(decisions, knowledge)

    match_risks: list[MatchRisk] = []
    seen: set[Key] = set()
    for match in _best_per_entry(matches):
        seen.add(match.entry.key)
        match_risks.append(
            _match_risk(match, supplier, knowledge, bands, decided_for.get(match.entry.key))
        )
    for decision in _unmatched_true_matches(decisions, knowledge, seen):
        match_risks.append(_confirmed_without_match(decision))

    counted = sorted(
        (risk for risk in match_risks if not risk.cleared),
        key=lambda risk: (-risk.level.rank, -risk.score, _list_rank(risk.list_id), risk.source_id),
    )
    context_level, context_score, context_reason = _context(supplier, sector, knowledge)

    level = max([risk.level for risk in counted] + [context_level])
    score = max([risk.score for risk in counted] + [context_score])
    reasons = _without_repeats([reason for risk in counted for reason in risk.reasons])
    reasons += [reason for risk in match_risks if risk.cleared for reason in risk.reasons]
    if context_reason:
        reasons.append(context_reason)
    if not reasons:
        reasons.append(
            "No match to a listed entry, and no host-country or sector risk of DPRK overseas "
            "labour."
        )
    return RiskAssessment(
        score=score,
        level=level,
        reasons=tuple(reasons),
        match_risks=tuple(match_risks),
        sector_id=sector,
        decided=any(risk.cleared or risk.confirmed for risk in match_risks),
    )


def match_band(score: float, bands: MatchBands = DEFAULT_BANDS) -> MatchBand:
    """Confident, probable, or else possible: every match the caller passes in counts."""
    if score >= bands.confident:
        return MatchBand.CONFIDENT
    if score >= bands.probable:
        return MatchBand.PROBABLE
    return MatchBand.POSSIBLE


def _best_per_entry(matches: Iterable[Match]) -> list[Match]:
    best: dict[Key, Match] = {}
    for match in matches:
        current = best.get(match.entry.key)
        if current is None or match.score > current.score:
            best[match.entry.key] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.entry.list_id, m.entry.source_id))


def _decisions_by_key(
    decisions: Sequence[Decision], knowledge: RiskKnowledge
) -> dict[Key, Decision]:
    """A decision on one entry holds for the same designation on every list; the latest wins."""
    by_key: dict[Key, Decision] = {}
    for decision in sorted(decisions, key=lambda d: d.on):
        for key in knowledge.designation_keys(decision.key):
            by_key[key] = decision
    return by_key


def _unmatched_true_matches(
    decisions: Sequence[Decision], knowledge: RiskKnowledge, matched: set[Key]
) -> list[Decision]:
    latest = _decisions_by_key(decisions, knowledge)
    result: dict[Key, Decision] = {}
    for decision in decisions:
        if knowledge.designation_keys(decision.key) & matched:
            continue
        if latest.get(decision.key) is decision and decision.verdict is Verdict.TRUE_MATCH:
            result[decision.key] = decision
    return [result[key] for key in sorted(result)]


def _match_risk(
    match: Match,
    supplier: Supplier,
    knowledge: RiskKnowledge,
    bands: MatchBands,
    decision: Decision | None,
) -> MatchRisk:
    entry = match.entry
    effective = float(match.score)
    band_reasons: list[str] = []
    if match.country.result is CountryResult.CONFLICT:
        # the matcher's score already carries its country penalty: say so, never count it twice
        band_reasons.append(
            f"Countries differ ({_countries_compared(match, supplier)}); the match score already "
            f"counts {abs(match.country.adjustment):.0f} points lower for it."
        )
    band = match_band(effective, bands)
    agreed = match.identifier.kind.value if match.identifier is not None else None
    if agreed is not None and band is not MatchBand.CONFIDENT:
        band = MatchBand.CONFIDENT
        band_reasons.append(f"Identifiers agree ({agreed}), so the match counts as confident.")
    elif agreed is not None:
        band_reasons.append(f"Identifiers agree ({agreed}).")
    ties = knowledge.labour_ties(entry.key)
    is_curated = entry.list_id == LABOUR_LIST
    level = _match_level(band, is_curated, bool(ties))
    listed_by = knowledge.listed_by(entry.list_id, entry.source_id)
    dprk = dprk_link(entry)
    bonus = (
        (BONUS_DPRK_LINK if dprk else 0)
        + (BONUS_LABOUR_TIE if ties else 0)
        + BONUS_PER_EXTRA_LIST * max(0, len(listed_by) - 1)
    )
    score = _score_in_level(level, effective, bands, bonus)

    reasons = [_headline(match), *band_reasons, _band_sentence(band)]
    publishers = [
        name
        for name in dict.fromkeys(PUBLISHER.values())
        if any(PUBLISHER.get(list_id) == name for list_id in listed_by)
    ]
    if len(publishers) > 1:
        reasons.append(f"Listed by {_join(publishers)}.")
    if dprk and not is_curated:
        reasons.append(f"A DPRK designation: {dprk}.")
    reasons += [_tie_sentence(tie, knowledge) for tie in ties]

    cleared = confirmed = False
    if decision is not None:
        when = f"by {decision.by} on {decision.on.isoformat()}"
        note = f": {decision.note}" if decision.note else ""
        if decision.verdict is Verdict.FALSE_POSITIVE:
            cleared = True
            reasons = [f"Match to {_entry_phrase(match)} cleared {when}{note}"]
        else:
            confirmed = True
            level = RiskLevel.CRITICAL
            score = LEVEL_SCORES[RiskLevel.CRITICAL][1]
            reasons.insert(0, f"Confirmed as a true match {when}{note}")
    return MatchRisk(
        list_id=entry.list_id,
        source_id=entry.source_id,
        name=entry.name,
        band=band,
        level=level,
        score=score,
        reasons=tuple(reasons),
        cleared=cleared,
        confirmed=confirmed,
    )


def _countries_compared(match: Match, supplier: Supplier) -> str:
    """Like "supplier DE, entry KP"."""
    mine = supplier.country.strip().upper()
    listed = ", ".join(match.entry.countries)
    return f"supplier {mine or 'not given'}, entry {listed or 'none given'}"


def _match_level(band: MatchBand, is_curated: bool, has_labour_tie: bool) -> RiskLevel:
    if band is MatchBand.CONFIDENT and not is_curated:
        return RiskLevel.CRITICAL  # a sanctions-list hit
    if band is MatchBand.POSSIBLE and not has_labour_tie:
        return RiskLevel.MEDIUM
    # Probable matches, and any match to an entity tied to DPRK overseas labour.
    return RiskLevel.HIGH


def _list_rank(list_id: str) -> int:
    """UN first, then US, UK, EU, Australia, Canada and the curated list: the order a reader
    expects."""
    order = (*SANCTIONS_LISTS, LABOUR_LIST)
    return order.index(list_id) if list_id in order else len(order)


def _without_repeats(reasons: list[str]) -> list[str]:
    """Each sentence once (several lists carry one designation), but every match keeps its band."""
    bands = set(_BAND_SENTENCES.values())
    seen: set[str] = set()
    kept = []
    for reason in reasons:
        if reason in seen and reason not in bands:
            continue
        seen.add(reason)
        kept.append(reason)
    return kept


def _score_in_level(level: RiskLevel, effective: float, bands: MatchBands, bonus: int) -> int:
    low, high = LEVEL_SCORES[level]
    span = max(1.0, 100.0 - bands.possible)
    fraction = min(1.0, max(0.0, (effective - bands.possible) / span))
    return min(high, low + round((high - low) * fraction) + bonus)


def _confirmed_without_match(decision: Decision) -> MatchRisk:
    note = f": {decision.note}" if decision.note else ""
    reason = (
        f"Confirmed as a true match to {decision.list_id} {decision.source_id} by {decision.by} "
        f"on {decision.on.isoformat()}{note} (the entry is not among this screening's matches)"
    )
    return MatchRisk(
        list_id=decision.list_id,
        source_id=decision.source_id,
        name="",
        band=MatchBand.CONFIDENT,  # a person confirmed it
        level=RiskLevel.CRITICAL,
        score=LEVEL_SCORES[RiskLevel.CRITICAL][1],
        reasons=(reason,),
        confirmed=True,
    )


def _entry_phrase(match: Match) -> str:
    entry = match.entry
    if entry.list_id == LABOUR_LIST:
        return f"{entry.name} ({entry.source_id}) on the curated DPRK overseas-labour list"
    listed = LISTED_BY.get(entry.list_id, entry.list_id)
    return f"{listed}-listed {entry.name} ({entry.source_id})"


def _headline(match: Match) -> str:
    alias = ""
    if match.matched_name and match.matched_name != match.entry.name:
        alias = f" under the name “{match.matched_name}”"
    notes = f": {'; '.join(match.notes)}" if match.notes else ""
    return f"Name matches {_entry_phrase(match)}{alias}, score {match.score:.0f}{notes}"


_BAND_SENTENCES = {
    MatchBand.CONFIDENT: "Confident match.",
    MatchBand.PROBABLE: "Probable match: a reviewer should confirm it.",
    MatchBand.POSSIBLE: "Possible match: it needs a human look.",
}


def _band_sentence(band: MatchBand) -> str:
    return _BAND_SENTENCES[band]


def _tie_sentence(tie: LabourTie, knowledge: RiskKnowledge) -> str:
    details = []
    if tie.sectors:
        labels = [
            sector.label if (sector := knowledge.host_risk.sector(s)) is not None else s
            for s in tie.sectors
        ]
        details.append(f"sectors: {', '.join(labels)}")
    if tie.host_countries:
        details.append(f"abroad in {_countries(tie.host_countries, knowledge)}")
    detail = f"; {'; '.join(details)}" if details else ""
    if tie.linked_via:
        return (
            f"Linked to {tie.linked_via}, which is tied to DPRK overseas labour: {tie.role} "
            f"(curated list {tie.curated_id}{detail})."
        )
    return f"Tied to DPRK overseas labour: {tie.role} (curated list {tie.curated_id}{detail})."


def _context(
    supplier: Supplier, sector: str | None, knowledge: RiskKnowledge
) -> tuple[RiskLevel, int, str]:
    host = knowledge.host_risk
    country = host.country(supplier.country) if supplier.country else None
    sector_risk = host.sector(sector) if sector else None
    weight = (COUNTRY_TIER_WEIGHTS[country.tier] if country else 0.0) * (
        SECTOR_TIER_WEIGHTS[sector_risk.tier] if sector_risk else 0.0
    )
    level = RiskLevel.LOW if weight >= LOW_CONTEXT_CUTOFF else RiskLevel.CLEAR
    low, high = LEVEL_SCORES[level]
    score = low + round((high - low) * weight)

    where = _country_name(supplier.country, knowledge) if supplier.country else ""
    if country and sector_risk:
        cited = _join(
            list(dict.fromkeys([host.cited(country.basis), host.cited(sector_risk.basis)]))
        )
        if country.tier is CountryTier.MAIN:
            return (
                level,
                score,
                f"Registered in {where}, {sector_risk.label}: main host country and sector of "
                f"DPRK overseas labour ({cited})",
            )
        return (
            level,
            score,
            f"Registered in {where}, {sector_risk.label}: DPRK overseas labour is reported in "
            f"{where} and documented in {sector_risk.label} ({cited}); {where} is not a main "
            "host country",
        )
    if country:
        sector_text = (
            f"sector “{supplier.sector}” is not one where that labour is documented"
            if supplier.sector
            else "no sector given"
        )
        tier = "main host country" if country.tier is CountryTier.MAIN else "reported host country"
        return (
            level,
            score,
            f"Registered in {where}, a {tier} of DPRK overseas labour "
            f"({host.cited(country.basis)}); {sector_text}",
        )
    if sector_risk:
        place = where or "a country not given"
        return (
            level,
            score,
            f"Sector {sector_risk.label} is one where DPRK overseas labour is documented "
            f"({host.cited(sector_risk.basis)}); {place} is not a documented host country",
        )
    return level, score, ""


def _country_name(code: str, knowledge: RiskKnowledge) -> str:
    known = knowledge.host_risk.country(code)
    if known is not None:
        return known.name
    territory = get_territory(code.strip().lower())
    return territory.name if territory is not None else code


def _countries(codes: Sequence[str], knowledge: RiskKnowledge) -> str:
    names = [_country_name(code, knowledge) for code in codes[:_MAX_COUNTRIES_NAMED]]
    if len(codes) > _MAX_COUNTRIES_NAMED:
        names.append(f"{len(codes) - _MAX_COUNTRIES_NAMED} more")
    return _join(names)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
