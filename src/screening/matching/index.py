"""The match index: every name of every entry of the loaded list snapshots, built once per set of
snapshots, with the inverted indexes that find candidates without comparing every name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from screening.matching.comparable import ComparableName, make_comparable, without_brackets
from screening.matching.identifiers import identifier_keys
from screening.names.normalise import NormalisedName, normalise_name, normalise_person_name
from screening.names.weights import TokenWeights
from screening.watchlist.model import AliasType, Entry, EntryKind, Identifier, ListSnapshot

SHORTEST_TYPO_KEY = 4  # words shorter than this are looked up only exactly


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry_no: int  # position in MatchIndex.entries
    name: str  # as the list publishes it
    weak: bool = False  # an OFAC/UK "weak" alias: too loose to be a hit on its own


def deletions(word: str) -> set[str]:
    """The word with one letter left out, every way: the keys of a one-edit neighbourhood."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _variants(form: NormalisedName) -> Iterator[NormalisedName]:
    """The forms a list name is indexed under: "X (KKBC)" as "X" and as "KKBC"."""
    if not any(form.bracketed):
        yield form
        return
    outside = without_brackets(form, inside=False)
    inside = without_brackets(form, inside=True)
    if outside.tokens:
        yield outside
    if inside.tokens:
        yield inside


class MatchIndex:
    """Names, weights and candidate indexes over the entries of some list snapshots."""

    def __init__(
        self,
        entries: tuple[Entry, ...],
        versions: tuple[tuple[str, str], ...],
        names: tuple[IndexedName, ...],
        forms: tuple[ComparableName, ...],
        form_names: tuple[tuple[int, ...], ...],
        form_is_person: tuple[bool, ...],
        org_weights: TokenWeights,
        person_weights: TokenWeights,
    ) -> None:
        self.entries = entries
        self.versions = versions  # (list id, snapshot version) of each snapshot indexed
        self.names = names
        self.forms = forms
        self.form_names = form_names
        self.form_is_person = form_is_person
        self.org_weights = org_weights
        self.person_weights = person_weights
        self.form_totals = tuple(form.total for form in forms)
        name_form = [0] * len(names)
        for form_id, name_ids in enumerate(form_names):
            for name_id in name_ids:
                name_form[name_id] = form_id
        self.name_form = tuple(name_form)  # name id -> form id
        entry_names: list[list[int]] = [[] for _ in entries]
        for name_id, name in enumerate(names):
            entry_names[name.entry_no].append(name_id)
        self.entry_names = tuple(tuple(ids) for ids in entry_names)  # entry -> its name ids
        # fold key of a token or of adjacent tokens run together -> ids of forms holding it
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.person_postings: dict[str, list[int]] = defaultdict(list)
        self.whole: dict[str, list[int]] = defaultdict(list)  # all tokens run together
        # a token or fold key, or either with one letter left out -> fold keys of indexed tokens
        self.neighbours: dict[str, tuple[str, ...]] = {}
        self.identifiers: dict[str, list[tuple[int, Identifier]]] = defaultdict(list)
        self._build_postings()
        self._build_identifiers()
        self.postings = dict(self.postings)
        self.person_postings = dict(self.person_postings)
        self.whole = dict(self.whole)
        self.identifiers = dict(self.identifiers)

    def _build_postings(self) -> None:
        tokens: dict[str, str] = {}  # token as written -> its fold key
        for form_id, form in enumerate(self.forms):
            postings = self.person_postings if self.form_is_person[form_id] else self.postings
            keys = set(form.folds) | {span.fold for span in form.spans}
            tokens.update(zip(form.tokens, form.folds, strict=True))
            for key in keys:
                postings[key].append(form_id)
            self.whole[form.whole].append(form_id)
        # A misspelling is found on the token as written (ryonbomg ~ ryonbong) or on its fold key
        # (a romanisation variant with a typo): both, and their one-deletion keys, point to the
        # fold key that the postings use.
        neighbours: dict[str, set[str]] = defaultdict(set)
        for token, key in tokens.items():
            for written in {token, key}:
                if len(written) >= SHORTEST_TYPO_KEY:
                    neighbours[written].add(key)
                    for deleted in deletions(written):
                        neighbours[deleted].add(key)
        self.neighbours = {probe: tuple(keys) for probe, keys in neighbours.items()}

    def _build_identifiers(self) -> None:
        for entry_no, entry in enumerate(self.entries):
            for identifier in entry.identifiers:
                for key in identifier_keys(identifier.value):
                    self.identifiers[key].append((entry_no, identifier))

    @classmethod
    def build(cls, snapshots: Sequence[ListSnapshot]) -> MatchIndex:
        """Index all entries of all `snapshots`, all their names and aliases.

        Persons are indexed apart from organisations, vessels and aircraft, with their own word
        weights: a supplier may be a sole trader, but a company's name must not be flagged
        because a word of it is also a person's name.
        """
        entries = tuple(entry for snapshot in snapshots for entry in snapshot.entries)
        versions = tuple((snapshot.list_id, snapshot.version) for snapshot in snapshots)
        cache: dict[tuple[str, bool], NormalisedName] = {}
        names: list[IndexedName] = []
        name_forms: list[NormalisedName] = []
        name_is_person: list[bool] = []
        org_documents: list[set[str]] = []
        person_documents: list[set[str]] = []
        for entry_no, entry in enumerate(entries):
            is_person = entry.kind is EntryKind.PERSON
            document: set[str] = set()
            weak_names = {alias.name for alias in entry.aliases if alias.type is AliasType.WEAK}
            weak_names.discard(entry.name)
            for name in entry.all_names():
                form = cache.get((name, is_person))
                if form is None:
                    form = normalise_person_name(name) if is_person else normalise_name(name)
                    cache[(name, is_person)] = form
                document.update(form.folds)
                for variant in _variants(form):
                    names.append(IndexedName(entry_no, name, name in weak_names))
                    name_forms.append(variant)
                    name_is_person.append(is_person)
            (person_documents if is_person else org_documents).append(document)
        org_weights = TokenWeights.from_documents(org_documents)
        person_weights = TokenWeights.from_documents(person_documents)

        form_ids: dict[tuple[bool, tuple[str, ...], tuple[bool, ...]], int] = {}
        forms: list[ComparableName] = []
        form_names: list[list[int]] = []
        form_is_person: list[bool] = []
        for name_id, (form, is_person) in enumerate(zip(name_forms, name_is_person, strict=True)):
            key = (is_person, form.tokens, form.bracketed)
            form_id = form_ids.get(key)
            if form_id is None:
                form_id = form_ids[key] = len(forms)
                weights = person_weights if is_person else org_weights
                forms.append(make_comparable(form, weights))
                form_names.append([])
                form_is_person.append(is_person)
            form_names[form_id].append(name_id)
        return cls(
            entries=entries,
            versions=versions,
            names=tuple(names),
            forms=tuple(forms),
            form_names=tuple(tuple(ids) for ids in form_names),
            form_is_person=tuple(form_is_person),
            org_weights=org_weights,
            person_weights=person_weights,
        )

    def __len__(self) -> int:
        return len(self.names)
