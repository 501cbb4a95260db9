"""Screen suppliers against the match index: ranked, explained matches above a threshold."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from screening.matching.addresses import MAX_ADDRESS_BONUS, AddressEffect, address_effect
from screening.matching.basis import Basis, BasisKind, match_basis, person_basis
from screening.matching.candidates import finder_of
from screening.matching.comparable import DISTINCTIVE_KINDS, ComparableName, make_comparable
from screening.matching.explain import explain
from screening.matching.index import MatchIndex
from screening.matching.list_filter import list_filter
from screening.matching.model import CountryEffect, CountryResult, Match
from screening.matching.person_qualifiers import PersonFactEffect, person_fact_effects
from screening.matching.persons import (
    person_bound_floor,
    score_person,
    skeleton_candidates,
    supplier_queries,
)
from screening.matching.qualifiers import (
    COUNTRY_MATCH_BONUS,
    DPRK,
    country_effect,
    identifier_matches,
)
from screening.matching.score import NO_DISTINCTIVE_CAP, NameScore, score_names
from screening.matching.thresholds import CONFIDENT_SCORE, DEFAULT_THRESHOLD
from screening.names.cell_noise import imo_numbers, named_parts, read_name_cell
from screening.names.normalise import NormalisedName, normalise_name, normalise_names
from screening.names.vocabulary import WordKind, vocabulary
from screening.supplier import Supplier
from screening.watchlist.model import Entry, EntryKind, Identifier, IdentifierKind

ROUNDING = 0.05  # a score that rounds up to the threshold passes it
MOST_REMEMBERED = 500_000  # scored names remembered per batch
BATCH = 1_000  # names screened together in one process, and between two progress reports
LOWEST_BOUND = 0.5
BOUND_SLACK = 0.05
IDENTIFIER_SCORE = 100.0
# OFAC: a match on a weak alias alone "is not considered a hit"; it is shown below the default
# threshold so that a lower threshold still finds it.
WEAK_ALIAS_CAP = 70.0
# A match on one short word, or on a Chinese name's sound alone, is shown below the default
# threshold unless something else speaks for it (see basis.py), and is never confident alone.
NEEDS_MORE_CAP = 80.0
NOT_CONFIDENT_CAP = CONFIDENT_SCORE - 0.1
VESSEL_FORM = "vessel"  # the "legal form" of a ship's name: M/V, M/T (legal_forms.toml)
_CRAFT_KINDS = frozenset({EntryKind.VESSEL, EntryKind.AIRCRAFT})
_ORGANISATION_KINDS = frozenset({WordKind.GENERIC, WordKind.SECTOR, WordKind.QUALIFIER})
_PERSON_LEGAL_FORMS = frozenset({"sole-trader"})

# The forms that scored for one name: (form id, its score, whether the query was the
# person-weighted one) for each.
NameResult = list[tuple[int, NameScore, bool]]
# What scoring sends back for one name: None if no form scored, else its organisation query,
# its person query if it has one, and what scored.
ScoredName = tuple[ComparableName, ComparableName | None, NameResult] | None
# Scores a batch's distinct names elsewhere (forked processes: screening.parallel_scoring), in
# order, or returns None to leave them to this process: the matching core forks nothing itself.
ApartScorer = Callable[
    [MatchIndex, float, Collection[str] | None, Sequence[str], Callable[[int], None] | None],
    list[ScoredName] | None,
]
# Runs a function of this module over slices of a batch's items elsewhere (forked processes, which
# inherit the items), giving its results in order, or returns None to leave it to this process.
ApartMapper = Callable[[Callable[[Sequence[Any]], list[Any]], Sequence[Any]], list[Any] | None]
# A match as sent between processes: the entry by number (the receiver reads it from its own
# index), then Match's other fields in their order.
FoundMatch = tuple[
    int, str, float, dict[str, Any], tuple[str, ...], CountryEffect, Identifier | None
]


@dataclass(frozen=True, slots=True)
class _Hit:
    form_id: int
    name_score: NameScore
    query: ComparableName  # the query the form was scored with
    org_query: ComparableName  # the name's organisation query (the same, unless a person)


def _hits(
    org_query: ComparableName, person_query: ComparableName | None, scored: NameResult
) -> list[_Hit]:
    """The hits of a name, from its queries and the forms that scored."""
    return [
        _Hit(
            form_id,
            name_score,
            (person_query or org_query) if is_person else org_query,
            org_query,
        )
        for form_id, name_score, is_person in scored
    ]


def names_craft(query: ComparableName) -> bool:
    """Whether a supplier's name says it runs ships or aircraft ("Mirim Shipping") or is a vessel
    ("M/V Chon Ma San", "... IMO 8712362"): only such a name may match a listed vessel or
    aircraft by name."""
    if not vocabulary().carrier_words.isdisjoint(query.tokens):
        return True
    return any(form.form_id == VESSEL_FORM for form in query.form.legal_forms)


def _capped(
    score: float,
    basis: Basis,
    effect: CountryEffect,
    entry: Entry | None = None,
    facts_agree: bool = False,
) -> float:
    """The score a match may keep for what it rests on (see basis.py); `facts_agree`: a person's
    date of birth or nationality agrees, which is more, as the country is."""
    if basis.kind is BasisKind.SOUND_ONLY:
        return min(score, NEEDS_MORE_CAP)
    if basis.kind is BasisKind.SHORT_WORD or basis.needs_more:
        more = effect.result is CountryResult.MATCH or facts_agree
        if not more or not basis.country_suffices:
            return min(score, NEEDS_MORE_CAP)
        return min(score, NOT_CONFIDENT_CAP)
    if (
        basis.kind is BasisKind.SHORT_WORD_AND_FORM
        or not basis.confident_alone
        or (
            effect.result is CountryResult.CONFLICT
            and entry is not None
            and DPRK in entry.countries
        )
    ):
        # a South Korean supplier is no DPRK front: most often the namesake in the South (Hana
        # Bank, Daewon Industries); a reviewer decides
        return min(score, NOT_CONFIDENT_CAP)
    return score


def _as_matches(index: MatchIndex, found: Sequence[FoundMatch]) -> list[Match]:
    entries = index.entries
    return [Match(entries[match[0]], *match[1:]) for match in found]


def _identified(index: MatchIndex, supplier: Supplier) -> dict[int, Identifier]:
    """Entries with the supplier's identifier, or with an IMO number its name cell gives
    ("M/V Samwoo / IMO 8605026")."""
    found = identifier_matches(index, supplier.registration_id)
    for number in imo_numbers(supplier.name):
        for entry_no, identifier in identifier_matches(index, number).items():
            if identifier.kind is IdentifierKind.IMO:
                found.setdefault(entry_no, identifier)
    return found


class _Screening:
    """One batch: names with the same scoring inputs are scored once (the word lookups are
    shared more widely: candidates.finder_of)."""

    def __init__(
        self, index: MatchIndex, threshold: float, lists: Collection[str] | None = None
    ) -> None:
        self.index = index
        self.threshold = threshold
        self.lists = lists
        # matches come only from the chosen lists: their candidates alone are scored
        self.list_filter = list_filter(index, lists)
        self.floor = threshold - COUNTRY_MATCH_BONUS - ROUNDING
        # candidate bounds are Dice coefficients 0-1; a little slack for what they cannot see
        # coming (a span read as one word, a weight taken from the word a typo misspells)
        self.bound_floor = max(LOWEST_BOUND, self.floor / 100.0 - BOUND_SLACK)
        self.finder = finder_of(index)
        self._scored_names: dict[tuple[object, ...], NameResult] = {}

    def queries(self, name: str) -> tuple[ComparableName, ComparableName | None]:
        return self._queries(normalise_name(read_name_cell(name).name))

    def _queries(self, form: NormalisedName) -> tuple[ComparableName, ComparableName | None]:
        return supplier_queries(self.index, form)

    def hits_in_batches(self, names: Sequence[str]) -> Iterator[list[list[_Hit]]]:
        """The hits of each name, in order, a list for each BATCH names."""
        for batch in self._query_batches(names):
            yield [self._hits(org_query, person_query) for org_query, person_query in batch]

    def scored_in_batches(self, names: Sequence[str]) -> Iterator[list[ScoredName]]:
        """What `hits_in_batches` finds, as data to send to another process."""
        for batch in self._query_batches(names):
            found: list[ScoredName] = []
            for org_query, person_query in batch:
                scored = self._scored(org_query, person_query)
                found.append((org_query, person_query, scored) if scored else None)
            yield found

    def _query_batches(
        self, names: Sequence[str]
    ) -> Iterator[list[tuple[ComparableName, ComparableName | None]]]:
        """The queries of the names, BATCH names at a time.

        A batch goes through each stage before the next (normalised, made comparable, then
        scored by the caller): each stage then runs with its own code and data warm in the
        processor's caches, which takes ~15% less time than name by name."""
        for start in range(0, len(names), BATCH):
            cells = [read_name_cell(name).name for name in names[start : start + BATCH]]
            forms = normalise_names(cells)
            yield [self._queries(form) for form in forms]

    def _hits(self, org_query: ComparableName, person_query: ComparableName | None) -> list[_Hit]:
        scored = self._scored(org_query, person_query)
        return _hits(org_query, person_query, scored) if scored else []

    def _scored(self, org_query: ComparableName, person_query: ComparableName | None) -> NameResult:
        """The forms that score at least the floor for a name's queries. The key holds all that
        scoring reads: names alike in it ("Acme Ltd", "ACME LLC") differ only in what
        explanations show (legal forms, the name as written) and are scored once per batch."""
        form = org_query.form
        if not form.tokens:
            return []
        key = (form.tokens, form.sources, form.bracketed, form.scripts, person_query is not None)
        found = self._scored_names.get(key)
        if found is None:
            found = self._score(org_query, person_query)
            if len(self._scored_names) < MOST_REMEMBERED:
                self._scored_names[key] = found
        return found

    def _score(self, org_query: ComparableName, person_query: ComparableName | None) -> NameResult:
        forms = self.index.forms
        scored: NameResult = []
        floor = self.bound_floor
        candidates: list[int] = []
        if not DISTINCTIVE_KINDS.isdisjoint(org_query.kinds):
            candidates, misspells_everyday = self.finder.find(org_query, persons=False, floor=floor)
            if misspells_everyday:  # "Secnd Economic Committee" is a name of everyday words
                found = set(candidates)
                candidates += [f for f in self.finder.find_plain(org_query) if f not in found]
        else:
            # a name of everyday words is scored by counting words: weights do not bound it,
            # and a name with a distinctive word scores it NO_DISTINCTIVE_CAP at most
            candidates = self.finder.find_plain(org_query)
            if floor * 100.0 <= NO_DISTINCTIVE_CAP:
                found = set(candidates)
                weighted, _ = self.finder.find(org_query, persons=False, floor=floor)
                candidates += [form_id for form_id in weighted if form_id not in found]
        chosen = self.list_filter
        if chosen is not None:
            candidates = [form_id for form_id in candidates if chosen.allows_form(form_id)]
        for form_id in candidates:
            name_score = score_names(org_query, forms[form_id])
            if name_score.score >= self.floor:
                scored.append((form_id, name_score, False))
        if person_query is not None:
            person_candidates = self.finder.find(
                person_query, persons=True, floor=min(floor, person_bound_floor(person_query))
            )[0]
            # a name in Arabic script finds listed persons by consonant skeleton too
            found_persons = set(person_candidates)
            person_candidates += [
                form_id
                for form_id in skeleton_candidates(self.index, person_query)
                if form_id not in found_persons
            ]
            for form_id in person_candidates:
                if chosen is not None and not chosen.allows_form(form_id):
                    continue
                name_score = score_person(person_query, forms[form_id])
                if name_score.score >= self.floor:
                    scored.append((form_id, name_score, True))
        return scored

    def _identified_hit(self, name: str, entry_no: int) -> _Hit:
        """The entry's name closest to the supplier's, for an entry found by identifier."""
        org_query, person_query = self.queries(name)
        best: _Hit | None = None
        for name_id in self.index.entry_names[entry_no]:
            form_id = self.index.name_form[name_id]
            is_person = self.index.form_is_person[form_id]
            query = org_query
            if is_person:
                query = person_query or make_comparable(org_query.form, self.index.person_weights)
            name_score = score_names(query, self.index.forms[form_id])
            if best is None or name_score.score > best.name_score.score:
                best = _Hit(form_id, name_score, query, org_query)
        assert best is not None  # every entry has at least its primary name
        return best

    def matches(self, supplier: Supplier, hits: list[_Hit], limit: int) -> list[Match]:
        return _as_matches(self.index, self.found(supplier, hits, limit))

    def found_in_batch(self, limit: int, batch: Sequence[tuple[Supplier, list[_Hit]]]) -> list[Any]:
        """`found` of each (supplier, its hits): what a worker sends back."""
        return [self.found(supplier, hits, limit) for supplier, hits in batch]

    def found(self, supplier: Supplier, hits: list[_Hit], limit: int) -> list[FoundMatch]:
        """The supplier's best `limit` matches, entries by number."""
        index = self.index
        chosen = self.list_filter
        best: dict[int, tuple[float, _Hit, int, CountryEffect, Identifier | None, Basis]] = {}

        # Memoised in plain dicts: a functools cache costs more to set up than most suppliers'
        # few lookups (two per supplier, 100,000 suppliers a sheet).
        addresses: dict[int, AddressEffect] = {}
        facts_of: dict[int, tuple[PersonFactEffect, ...]] = {}

        # The supplier's address against each entry's addresses (matching.addresses).
        def address(entry_no: int) -> AddressEffect:
            if entry_no not in addresses:
                addresses[entry_no] = address_effect(
                    supplier.address, supplier.country, index.entries[entry_no]
                )
            return addresses[entry_no]

        # The supplier's date of birth and nationality against a listed person's, once per entry.
        def person_facts(entry_no: int) -> tuple[PersonFactEffect, ...]:
            if entry_no not in facts_of:
                facts_of[entry_no] = person_fact_effects(supplier, index.entries[entry_no])
            return facts_of[entry_no]

        for hit in hits:
            candidate = index.forms[hit.form_id]
            # a person's name is judged by its parts (matching.persons), not by this basis
            basis = (
                person_basis(hit.query, candidate, hit.name_score)
                if index.form_is_person[hit.form_id]
                else match_basis(hit.query, candidate, hit.name_score)
            )
            for name_id in index.form_names[hit.form_id]:
                indexed = index.names[name_id]
                entry_no = indexed.entry_no
                if chosen is not None and not chosen.allows_entry(entry_no):
                    continue  # a form is shared by equal names of entries on other lists
                entry = index.entries[entry_no]
                if entry.kind in _CRAFT_KINDS and not names_craft(hit.org_query):
                    continue  # a company is not a ship because they share a name
                effect = country_effect(supplier.country, entry, hit.org_query.form.legal_forms)
                name_score = hit.name_score.score
                if indexed.weak:
                    name_score = min(name_score, WEAK_ALIAS_CAP)
                adjustment = effect.adjustment + sum(
                    fact.adjustment for fact in person_facts(entry_no)
                )
                if name_score + adjustment + MAX_ADDRESS_BONUS >= self.threshold:
                    adjustment += address(entry_no).adjustment  # else it cannot reach it
                # scores are reported to one decimal; the threshold applies to what is reported
                score = max(0.0, min(100.0, name_score + adjustment))
                agree = any(fact.adjustment > 0 for fact in person_facts(entry_no))
                score = round(_capped(score, basis, effect, entry, agree), 1)
                if entry_no not in best or score > best[entry_no][0]:
                    best[entry_no] = (score, hit, name_id, effect, None, basis)
        for entry_no, found in _identified(index, supplier).items():
            if chosen is not None and not chosen.allows_entry(entry_no):
                continue
            hit = self._identified_hit(supplier.name, entry_no)
            name_id = next(
                name_id
                for name_id in index.form_names[hit.form_id]
                if index.names[name_id].entry_no == entry_no
            )
            effect = country_effect(supplier.country, index.entries[entry_no])
            basis = Basis(BasisKind.IDENTIFIER, (f"{found.kind.value} {found.value}",))
            best[entry_no] = (IDENTIFIER_SCORE, hit, name_id, effect, found, basis)
        ranked = sorted(
            (item for item in best.items() if item[1][0] >= self.threshold),
            key=lambda item: (-item[1][0], index.entries[item[0]].key),
        )[:limit]
        matches: list[FoundMatch] = []
        for entry_no, (score, hit, name_id, effect, identifier, basis) in ranked:
            entry = index.entries[entry_no]
            explanation, notes = explain(
                hit.query,
                index.forms[hit.form_id],
                hit.name_score,
                entry,
                supplier.country,
                effect,
                identifier,
                score,
                basis,
            )
            if address(entry_no).sentence:
                explanation["address"] = address(entry_no).as_json()
                notes = (*notes, address(entry_no).sentence)
            facts = person_facts(entry_no)
            for fact in facts:
                explanation[fact.feature] = fact.explanation()
            matches.append(
                (
                    entry_no,
                    index.names[name_id].name,
                    score,
                    explanation,
                    notes + tuple(fact.sentence for fact in facts),
                    effect,
                    identifier,
                )
            )
        return matches


# A worker process's screening, kept from one chunk of names to the next: its lookups carry over.
_worker_screening: _Screening | None = None


def score_name_chunk(
    index: MatchIndex,
    threshold: float,
    names: Sequence[str],
    lists: Collection[str] | None = None,
) -> list[ScoredName]:
    """For a worker process: per name, the candidate forms (of `lists`, or of every list) that
    score at least the threshold's floor, with the name's queries, which the parent turns into
    hits."""
    global _worker_screening
    screening = _worker_screening
    if (
        screening is None
        or screening.index is not index
        or screening.threshold != threshold
        or screening.lists != lists
    ):
        screening = _worker_screening = _Screening(index, threshold, lists)
    return [result for batch in screening.scored_in_batches(names) for result in batch]


def _named_part_hits(hits: list[_Hit]) -> list[_Hit]:
    """The hits of a part of a cell screened on its own, if the part names someone: a part of
    generic words or a legal form ("(Group)", "(Pty)", "(Hong Kong)") is the whole name's."""
    if not hits:
        return hits
    query = hits[0].org_query
    form_words = {word for form in query.form.legal_forms for word in form.surface.split()}
    if DISTINCTIVE_KINDS.isdisjoint(query.kinds) or form_words.issuperset(query.tokens):
        return []
    return hits


def _progress_up_to(
    total: int, on_scored: Callable[[int], None] | None
) -> Callable[[int], None] | None:
    """`on_scored`, told of no more than `total` names: the parts of cells screened as names of
    their own are work beyond the distinct names a progress bar counts."""
    if on_scored is None:
        return None
    reported = 0

    def report(count: int) -> None:
        nonlocal reported
        count = min(count, total - reported)
        if count > 0:
            reported += count
            on_scored(count)

    return report


def screen_suppliers(
    index: MatchIndex,
    suppliers: Sequence[Supplier],
    *,
    threshold: float | None = None,
    limit: int = 10,
    lists: Collection[str] | None = None,
    score_apart: ApartScorer | None = None,
    match_apart: ApartMapper | None = None,
    on_scored: Callable[[int], None] | None = None,
) -> list[list[Match]]:
    """Matches for each supplier, in order: the same as `screen_supplier` one by one, but names
    that repeat in the batch are scored once and word lookups are shared.

    `lists`: the list ids matches may come from (default: every list indexed). The others'
    entries are left out, not scored apart: an entry scores what it scores against every list.

    `score_apart`: scores the distinct names elsewhere (screening.parallel_scoring.forked_scorer)
    or declines; by default they are scored in this process. `match_apart` likewise weighs the
    hits of the suppliers that have any into matches (parallel_scoring.forked_mapper).
    `on_scored(n)`, for a progress bar, is told of every n distinct names scored; they add up to
    the number of distinct names.
    """
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    screening = _Screening(index, threshold, lists)
    cells = list(dict.fromkeys(supplier.name for supplier in suppliers))
    # a cell giving two names, "CHAM (AL SHAM COMPANY)", "M/V SAMWOO / owner: MIRIM SHIPPING",
    # is screened as each name too
    parts = {cell: named_parts(cell) for cell in cells}
    names = list(dict.fromkeys([*cells, *(part for found in parts.values() for part in found)]))
    on_scored = _progress_up_to(len(cells), on_scored)
    scored = score_apart(index, threshold, lists, names, on_scored) if score_apart else None
    hits_by_name: dict[str, list[_Hit]] = {}
    if scored is not None:
        for name, result in zip(names, scored, strict=True):
            hits_by_name[name] = _hits(*result) if result is not None else []
    else:
        start = 0
        for batch in screening.hits_in_batches(names):
            hits_by_name.update(zip(names[start : start + len(batch)], batch, strict=True))
            start += len(batch)
            if on_scored is not None:
                on_scored(len(batch))
    # Most rows of a sheet match nothing, yet give a tax number: matching them up would only find
    # what the identifier lookup alone finds (nothing, for nearly all of them).
    pending: list[tuple[Supplier, list[_Hit]]] = []
    positions: list[int] = []
    for position, supplier in enumerate(suppliers):
        hits = hits_by_name[supplier.name]
        for part in parts[supplier.name]:
            hits = hits + _named_part_hits(hits_by_name[part])
        if hits or _identified(index, supplier):
            pending.append((supplier, hits))
            positions.append(position)
    weigh = partial(screening.found_in_batch, limit)
    found = match_apart(weigh, pending) if match_apart else None
    if found is None:
        found = weigh(pending)
    results: list[list[Match]] = [[] for _ in suppliers]
    for position, matches in zip(positions, found, strict=True):
        results[position] = _as_matches(index, matches)
    return results


def screen_supplier(
    index: MatchIndex,
    supplier: Supplier,
    *,
    threshold: float | None = None,
    limit: int = 10,
    lists: Collection[str] | None = None,
) -> list[Match]:
    """Entries (of `lists`, default every list) that resemble `supplier`, best first, scoring at
    least `threshold` (default DEFAULT_THRESHOLD): by name, qualified by country, or decisively
    by identifier."""
    return screen_suppliers(index, [supplier], threshold=threshold, limit=limit, lists=lists)[0]
