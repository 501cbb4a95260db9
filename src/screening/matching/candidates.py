"""Candidate generation: the few indexed names worth scoring for a query, found through the
inverted indexes (rare words, their one-edit neighbours, joined syllables, the whole name), never
by comparing the query with every name."""

from __future__ import annotations

from itertools import chain

from rapidfuzz.distance import Levenshtein

from screening.matching.comparable import ComparableName
from screening.matching.index import SHORTEST_TYPO_KEY, MatchIndex, deletions
from screening.names.vocabulary import WordKind

# Words that cannot find a name on their own: they only count towards the bound.
_WEAK_KINDS = frozenset({WordKind.GENERIC, WordKind.QUALIFIER, WordKind.PLACE})
LONGEST_POSTING = 400  # a word in more forms than this is too common to generate candidates
CANDIDATE_FLOOR = 0.5  # a form whose best possible score is below this is not scored
MOST_CANDIDATES = 40
NEIGHBOUR_CUTOFF = 0.55  # fold-key similarity below which a one-edit neighbour is dropped


class CandidateFinder:
    """Finds candidate forms for query names; remembers word lookups across one batch."""

    def __init__(self, index: MatchIndex) -> None:
        self._index = index
        self._related: dict[str, tuple[tuple[str, float], ...]] = {}

    def related_keys(self, token: str, key: str) -> tuple[tuple[str, float], ...]:
        """Indexed fold keys equal to `key`, or one edit away from the token as written or from
        its fold key (SymSpell-style deletion keys), with their similarity to `key`."""
        found = self._related.get(token)
        if found is not None:
            return found
        index = self._index
        similar: dict[str, float] = {}
        if key in index.postings or key in index.person_postings:
            similar[key] = 1.0
        probes = {written for written in (token, key) if len(written) >= SHORTEST_TYPO_KEY}
        for probe in chain(probes, *(deletions(written) for written in probes)):
            for other in index.neighbours.get(probe, ()):
                if other not in similar:
                    similar[other] = Levenshtein.normalized_similarity(
                        key, other, score_cutoff=NEIGHBOUR_CUTOFF
                    )
        found = tuple((other, value) for other, value in similar.items() if value)
        if len(self._related) < 500_000:
            self._related[token] = found
        return found

    def find(self, query: ComparableName, *, persons: bool) -> list[int]:
        """Ids of the forms (of persons, or of everything else) that could score well, best
        bound first."""
        index = self._index
        postings = index.person_postings if persons else index.postings
        totals = index.form_totals
        gathered: dict[int, float] = {}
        assumed = 0.0  # weight of query words that did not look up: assume they would match
        lookups: list[tuple[int, list[tuple[list[int], float]]]] = []
        for i, kind in enumerate(query.kinds):
            weight = query.weights[i]
            if kind in _WEAK_KINDS:
                assumed += weight
                continue
            hits = []
            size = 0
            for key, similarity in self.related_keys(query.tokens[i], query.folds[i]):
                posting = postings.get(key)
                if posting:
                    hits.append((posting, weight * similarity))
                    size += len(posting)
            lookups.append((size, hits))
            if size > LONGEST_POSTING:
                assumed += weight
        usable = [hits for size, hits in lookups if size <= LONGEST_POSTING]
        if not usable and lookups:  # only common words: the least common still has to look up
            size, hits = min(lookups, key=lambda lookup: lookup[0])
            usable = [hits]
        for hits in usable:
            for posting, gain in hits:
                for form_id in posting:
                    gathered[form_id] = gathered.get(form_id, 0.0) + gain
        for span in query.spans:
            posting = postings.get(span.fold)
            if posting and len(posting) <= LONGEST_POSTING:
                gain = sum(query.weights[span.start : span.stop])
                for form_id in posting:
                    gathered[form_id] = gathered.get(form_id, 0.0) + gain
        for form_id in index.whole.get(query.whole, ()):
            if index.form_is_person[form_id] == persons:
                gathered[form_id] = gathered.get(form_id, 0.0) + query.total
        scored = []
        for form_id, gain in gathered.items():
            bound = 2.0 * (gain + assumed) / (query.total + totals[form_id])
            if bound >= CANDIDATE_FLOOR:
                scored.append((bound, form_id))
        scored.sort(reverse=True)
        return [form_id for _, form_id in scored[:MOST_CANDIDATES]]
