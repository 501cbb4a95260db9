"""Candidate generation: the few indexed names worth scoring for a query, found through the
inverted indexes (rare words, their one-edit neighbours, joined syllables, the whole name), never
by comparing the query with every name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from operator import itemgetter

from rapidfuzz.distance import OSA

from screening.matching.comparable import ComparableName, kind_count, word_count
from screening.matching.index import (
    SHORTEST_NEIGHBOUR,
    SHORTEST_TYPO_KEY,
    KeyWeights,
    MatchIndex,
    deletions,
    kept_per_index,
)
from screening.names.cyrillic import (
    acronym_readings,
    either_way_spellings,
    one_group_spellings,
    other_spellings,
)
from screening.names.romanise import fold
from screening.names.vocabulary import WordKind

# Words that cannot find a name on their own: they only count towards the bound.
_WEAK_KINDS = frozenset({WordKind.GENERIC, WordKind.QUALIFIER})
# A hit of a query word: the key it found, the forms with that key, what it may add to a form's
# matched weight, and what it may take off the query's total weight.
_Hit = tuple[str, Sequence[int], float, float]
# What a query word finds: (the most it may add, posting size, its hits, the most one of its
# hits may take off the total, what a misspelt everyday word may take off the total, and add).
_WordHits = tuple[float, int, list[_Hit], float, float, float]
LONGEST_POSTING = 1500  # a word in more forms than this is too common to generate candidates
EVERYDAY_WEIGHT = 1.0  # a key this light is a generic or qualifying word
MOST_CANDIDATES = 40
# A name of everyday words scores the square of its share of words matched: to reach a floor
# of about 0.75 a candidate needs a share of about 0.87; the bound asks for less, because a
# shared place makes it a weighted score instead.
PLAIN_SHARE_FLOOR = 0.75
# Similarity below which a neighbour is dropped: the scorer credits a misspelling from 0.75 on
# (TYPO_FLOOR), so nothing below can pair.
NEIGHBOUR_CUTOFF = 0.74
# What reading one form's keys from a mapped index file costs, in posting items intersected:
# ~150 for a record not yet decoded (3 us against 0.02 us), less for one kept decoded.
MAPPED_FORM_KEYS_COST = 50
# A person's shorter words pair only as written (persons.SHORTEST_SPELLED): no other romanisation
SHORTEST_ROMANISED = 4


def _gather(hit_lists: list[list[_Hit]]) -> tuple[dict[int, float], dict[int, float]]:
    """The forms that hits find, with the sum of their gains, and of their discounts where
    there are any (a form is in a posting once: a dict made from the first posting holds the
    sums so far)."""
    gathered: dict[int, float] = {}
    discounts: dict[int, float] = {}
    for hits in hit_lists:
        for _, posting, gain, discount in hits:
            if not gathered:
                gathered = dict.fromkeys(posting, gain)
            else:
                for form_id in posting:
                    gathered[form_id] = gathered.get(form_id, 0.0) + gain
            if not discount:
                continue
            if not discounts:
                discounts = dict.fromkeys(posting, discount)
            else:
                for form_id in posting:
                    discounts[form_id] = discounts.get(form_id, 0.0) + discount
    return gathered, discounts


def _add_optional(
    extra: list[_Hit], gathered: dict[int, float], discounts: dict[int, float], index: MatchIndex
) -> None:
    """Add what the hits of the other words gain (and take off) to the forms found: only to
    them, and to each in the order of `extra`, whichever way is quicker. A hit's posting holds
    the forms (of its kind, as all found forms are) that have its key."""
    # a form's keys held as objects are one test each; read from a mapped index file they are
    # decoded at each read, and the postings are then the quicker way for far larger sizes
    per_form = 1 if isinstance(index.form_keys, tuple) else MAPPED_FORM_KEYS_COST
    if sum(len(posting) for _, posting, _, _ in extra) < per_form * len(gathered):
        for _, posting, gain, discount in extra:
            for form_id in gathered.keys() & posting:
                gathered[form_id] += gain
                if discount:
                    discounts[form_id] = discounts.get(form_id, 0.0) + discount
        return
    form_keys = index.form_keys
    extra_keys = {key for key, _, _, _ in extra}
    for form_id in gathered:
        keys = form_keys[form_id]
        if extra_keys.isdisjoint(keys):  # the usual form: one test for all the keys
            continue
        for key, _, gain, discount in extra:
            if key in keys:
                gathered[form_id] += gain
                if discount:
                    discounts[form_id] = discounts.get(form_id, 0.0) + discount


class CandidateFinder:
    """Finds candidate forms for query names; remembers word lookups across one batch."""

    def __init__(self, index: MatchIndex) -> None:
        self._index = index
        # by word and fold key: a person's query may read a word with another key (persons.py)
        self._related: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}
        self._words: dict[tuple[str, float, bool, bool, str | None], _WordHits] = {}

    def related_keys(self, token: str, key: str) -> tuple[tuple[str, float], ...]:
        """Indexed fold keys equal to `key`, or one edit away from the token as written or from
        its fold key (SymSpell-style deletion keys), with their similarity to `key`."""
        found = self._related.get((token, key))
        if found is not None:
            return found
        index = self._index
        similar: dict[str, float] = {}
        if key in index.postings or key in index.person_postings:
            similar[key] = 1.0
        probes = {written for written in (token, key) if len(written) >= SHORTEST_NEIGHBOUR - 1}
        varied = [written for written in probes if len(written) >= SHORTEST_TYPO_KEY]
        neighbours = index.neighbours
        indexed = neighbours.keys()
        possible = index.neighbour_ends.possible_deletions
        # most words have no indexed neighbour: set tests in C say so faster than a lookup per
        # probe
        if indexed.isdisjoint(probes) and all(
            indexed.isdisjoint(possible(word)) for word in varied
        ):
            probes, varied = set(), []
        checked: set[str] = set()
        # in a fixed order, as the index's neighbours are: see MatchIndex._build_postings
        for probe in chain(sorted(probes), *(sorted(deletions(word)) for word in sorted(varied))):
            for written, other in neighbours.get(probe, ()):
                if written in checked:
                    continue
                checked.add(written)
                # compare like with like: a token as written with the query's token, a fold
                # key with the query's fold key
                # OSA counts a transposition as one edit, as the scorer does
                value = max(
                    OSA.normalized_similarity(token, written, score_cutoff=NEIGHBOUR_CUTOFF),
                    OSA.normalized_similarity(key, written, score_cutoff=NEIGHBOUR_CUTOFF),
                )
                if value > similar.get(other, 0.0):
                    similar[other] = value
        found = tuple((other, value) for other, value in similar.items() if value)
        if len(self._related) < 500_000:
            self._related[token, key] = found
        return found

    def spelling_keys(self, token: str, *, from_cyrillic: bool) -> tuple[tuple[str, float], ...]:
        """The fold keys of indexed persons' words that are the token in another spelling, by the
        one table of other spellings (cyrillic.toml): one name, two edits or more apart and
        another fold key, that the scorer pairs. Counted as the same word (1.0). Any word with
        its letter groups written either way (Alexey, Aleksey; Maxim, Maksim), as the words
        indexed; a word read from Cyrillic also in its other romanisations (kochiev: KOSHYEV,
        KOTCHIEV; yuriy: IURII), by their fold keys, and when neither the word nor another
        spelling is indexed, the words one edit away from a spelling with one letter group
        written otherwise (domornatskiy: DOMARNATSKY), with their similarity to it."""
        neighbours = self._index.neighbours
        found = {
            key: 1.0
            for spelling in either_way_spellings(token)
            for written, key in neighbours.get(spelling, ())
            if written == spelling
        }
        if not from_cyrillic or len(token) < SHORTEST_ROMANISED:
            return tuple(found.items())
        postings = self._index.person_postings
        romanised = sorted({fold(spelling) for spelling in other_spellings(token)})
        found.update((key, 1.0) for key in romanised if key in postings)
        if fold(token) in postings or any(key in postings for key in found):
            return tuple(found.items())
        # a misspelling in another romanisation: a deletion lookup per spelling, so only for the
        # words neither indexed nor in another spelling (most new names), and for the few
        # spellings with one letter group written otherwise
        for spelling in one_group_spellings(token):
            for other, value in self.related_keys(spelling, fold(spelling)):
                if value > found.get(other, 0.0) and other in postings:
                    found[other] = value
        return tuple(found.items())

    def _word_hits(
        self,
        token: str,
        own_key: str,
        weight: float,
        postings: Mapping[str, Sequence[int]],
        key_weights: Mapping[str, KeyWeights],
        *,
        persons: bool = False,
        from_cyrillic: bool = False,
        acronym: str | None = None,
    ) -> _WordHits:
        """What one query word finds: (the most it may add, posting size, its hits, the most one
        of its hits may take off the total, what a misspelt everyday word may take off the
        total, and add)."""
        hits: list[_Hit] = []
        size = 0
        potential = 0.0
        token_discount = token_gain = 0.0
        related = self.related_keys(token, own_key)
        if persons and (spelled := self.spelling_keys(token, from_cyrillic=from_cyrillic)):
            # one hit per key, the likelier: another spelling's key may be a neighbour's already
            merged = dict(related)
            for key, value in spelled:
                if value > merged.get(key, 0.0):
                    merged[key] = value
            related = tuple(merged.items())
        if acronym is not None:
            # a word in Cyrillic capitals that also spells a Latin acronym (УГЦ: UGC)
            related = tuple((dict(related) | {fold(acronym): 1.0}).items())
        for key, similarity in related:
            posting = postings.get(key)
            if not posting:
                continue
            # the word may pair exactly (full weight) or with a lighter word of the same key
            # (its weight, and the query's total less the difference): the bound takes the
            # most of both
            weights = key_weights[key]
            lightest_weight = weights.lightest
            if key != own_key and lightest_weight < EVERYDAY_WEIGHT <= weight:
                # not followed, but still bounded: the word might be that everyday word,
                # weighing and adding what it weighs
                token_discount = max(token_discount, weight - lightest_weight)
                token_gain = max(token_gain, lightest_weight)
                continue
            counted = weights.counted(token)
            discount = weight - counted if counted < weight else 0.0
            # another key means another word: the pair counts that word's weight
            heaviest = weights.heaviest
            gain = similarity * (weight if key == own_key or heaviest > weight else heaviest)
            potential = max(potential, gain)
            hits.append((key, posting, gain, discount))
            size += len(posting)
        most_discount = max((hit[3] for hit in hits), default=0.0)
        return potential, size, hits, most_discount, token_discount, token_gain

    def find(self, query: ComparableName, *, persons: bool, floor: float) -> tuple[list[int], bool]:
        """Ids of the forms (of persons, or of everything else) whose score could reach `floor`
        (0-1), best bound first.

        The bound of a form is a weighted Dice coefficient with every query word that found it
        counted as fully matched, the query's total reduced as if each had paired with the
        lightest word of its key (a misspelt word weighs no more than the word it misspells),
        and the generic words assumed matched.
        Only the "essential" words find forms: the rarest ones, without which the other words
        together could not reach the floor; the other words then only add to forms found.

        A rare query word is not followed to a generic word it may misspell ("Dading" is not
        "Trading"): that would bring hundreds of forms. The second value says whether some
        word could have been one; the caller then looks for names of everyday words too.
        """
        index = self._index
        postings = index.person_postings if persons else index.postings
        key_weights = index.person_key_weights if persons else index.key_weights
        memo = self._words
        weights = query.weights
        assumed = 0.0  # weight of query words not looked up, assumed to match
        # (the most the word may add, posting size, hits, the most a hit may take off the
        # total) of each word looked up
        lookups: list[tuple[float, int, list[_Hit], float]] = []
        misspells_everyday = False
        everyday_discount = 0.0  # what misspelt everyday words may take off every form's total
        # a name read from Cyrillic may be listed in another romanisation of its letters
        from_cyrillic = persons and "Cyrillic" in query.form.scripts
        acronyms = acronym_readings(query.form.original) if "Cyrillic" in query.form.scripts else {}
        for token, own_key, weight, kind in zip(
            query.form.tokens, query.form.folds, weights, query.kinds, strict=True
        ):
            if kind in _WEAK_KINDS:
                assumed += weight
                continue
            acronym = acronyms.get(token) if acronyms else None
            memo_key = (token, weight, persons, from_cyrillic, acronym)
            word = memo.get(memo_key)
            if word is None:
                word = self._word_hits(
                    token,
                    own_key,
                    weight,
                    postings,
                    key_weights,
                    persons=persons,
                    from_cyrillic=from_cyrillic,
                    acronym=acronym,
                )
                if len(memo) < 500_000:
                    memo[memo_key] = word
            potential, size, hits, most_discount, token_discount, token_gain = word
            if token_discount or token_gain:
                misspells_everyday = True
                everyday_discount += token_discount
                assumed += token_gain
            lookups.append((potential, size, hits, most_discount))
        total = query.total
        span_hits: list[_Hit] = []
        for span in query.spans:
            posting = postings.get(span.fold)
            if posting and len(posting) <= LONGEST_POSTING:
                run_weight = sum(weights[span.start : span.stop])
                counted = min(run_weight, span.weight)
                span_hits.append((span.fold, posting, counted, run_weight - counted))
        total -= everyday_discount
        if not span_hits and not any(lookup[2] for lookup in lookups):
            # nothing found word by word (a name of new words): only the whole name may find
            # (every word of such a form pairs with the query's run of words: no weights bound
            # it, a Hangul name written without spaces against CHANGGWANG SINYONG scores 100)
            whole = self._whole(query, persons)
            return whole[:MOST_CANDIDATES], misspells_everyday
        # a form reaches the floor only if matched >= floor * (its least query total) / (2 -
        # floor); the least total is the total less the discounts any hit could bring
        least_total = (
            total
            - sum(lookup[3] for lookup in lookups)
            - max((hit[3] for hit in span_hits), default=0.0)
        )
        needed = floor * max(0.0, least_total) / (2.0 - floor)
        lookups.sort(key=itemgetter(0))
        essential: list[list[_Hit]] = []
        optional: list[list[_Hit]] = []
        below = assumed
        for weight, size, hits, _ in lookups:
            if size > LONGEST_POSTING:
                assumed += weight
                below += weight
            elif below + weight < needed:
                optional.append(hits)
                below += weight
            else:
                essential.append(hits)
        if not essential and not span_hits and lookups:
            # only common words: the least common still has to look up
            essential.append(min(lookups, key=itemgetter(1))[2])
        gathered, discounts = _gather([*essential, span_hits])
        for form_id in self._whole(query, persons):
            gathered[form_id] = gathered.get(form_id, 0.0) + query.total
        if gathered and optional:
            _add_optional([hit for hits in optional for hit in hits], gathered, discounts, index)
        return self._best(gathered, discounts, total, assumed, floor), misspells_everyday

    def _whole(self, query: ComparableName, persons: bool) -> list[int]:
        """The forms (of persons, or of the rest) whose words run together as the query's do:
        the query's whole weight is what each gains."""
        found = self._index.whole.get(query.whole)
        if not found:
            return []
        is_person = self._index.form_is_person
        return [form_id for form_id in found if is_person[form_id] == persons]

    def _best(
        self,
        gathered: dict[int, float],
        discounts: dict[int, float],
        total: float,
        assumed: float,
        floor: float,
    ) -> list[int]:
        """The forms whose bound reaches the floor, best first, MOST_CANDIDATES at most."""
        totals = self._index.form_totals
        # the bound of each form, as comprehensions: most forms found fall below the floor
        if discounts:
            discount = discounts.get
            scored = [
                (bound, form_id)
                for form_id, gain in gathered.items()
                if (
                    bound := 2.0 * (gain + assumed) / denominator
                    if (denominator := total - discount(form_id, 0.0) + totals[form_id]) > 0
                    else 1.0
                )
                >= floor
            ]
        else:  # the same, without a discount to look up (x - 0.0 is x)
            scored = [
                (bound, form_id)
                for form_id, gain in gathered.items()
                if (
                    bound := 2.0 * (gain + assumed) / denominator
                    if (denominator := total + totals[form_id]) > 0
                    else 1.0
                )
                >= floor
            ]
        scored.sort(reverse=True)
        return [form_id for _, form_id in scored[:MOST_CANDIDATES]]

    def find_plain(self, query: ComparableName) -> list[int]:
        """Candidates for a name of everyday words only ("Apex Security", "Korea Development
        Bank"): names of everyday words that share most of its words."""
        index = self._index
        gathered: dict[int, float] = {}
        for token, own_key, kind in zip(
            query.form.tokens, query.form.folds, query.kinds, strict=True
        ):
            if kind is WordKind.QUALIFIER:
                continue
            count = kind_count(kind)
            for key, _ in self.related_keys(token, own_key):
                for form_id in index.plain_postings.get(key, ()):
                    gathered[form_id] = gathered.get(form_id, 0.0) + count
        for span in query.spans:
            for form_id in index.plain_postings.get(span.fold, ()):
                gathered[form_id] = gathered.get(form_id, 0.0) + 1.0
        for form_id in index.whole.get(query.whole, ()):
            if not index.form_is_person[form_id]:
                gathered[form_id] = gathered.get(form_id, 0.0) + len(query.tokens)
        query_count = word_count(query)
        counts = index.form_word_counts
        scored = []
        for form_id, count in gathered.items():
            share = 2.0 * count / ((query_count + counts[form_id]) or 1.0)
            if share >= PLAIN_SHARE_FLOOR:
                scored.append((share, form_id))
        scored.sort(reverse=True)
        return [form_id for _, form_id in scored[:MOST_CANDIDATES]]


# A finder's word lookups depend on the index alone: kept while the index lives and shared by
# every batch screened on it (and by mending), so a job screened chunk by chunk looks each word
# up once, as one batch would. (Its caches are bounded plain dicts, safe to share between threads.)
finder_of = kept_per_index(CandidateFinder)
