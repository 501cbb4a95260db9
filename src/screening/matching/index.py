"""The match index: every name of every entry of the loaded list snapshots, built once per set of
snapshots, with the inverted indexes that find candidates without comparing every name."""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from screening.matching.comparable import (
    DISTINCTIVE_KINDS,
    ComparableName,
    make_comparable,
    without_brackets,
    word_count,
)
from screening.matching.identifiers import identifier_keys
from screening.names.normalise import NormalisedName, normalise_name, normalise_person_name
from screening.names.weights import TokenWeights
from screening.watchlist.model import AliasType, Entry, EntryKind, Identifier, ListSnapshot
from screening.watchlist.programs import is_dprk_program

SHORTEST_NEIGHBOUR = 4  # shorter words are found only exactly
SHORTEST_TYPO_KEY = 5  # shorter words are not varied by leaving out a letter
ENDS_KEPT = 4  # letters at each end of a word that most of its one-letter deletions keep


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry_no: int  # position in MatchIndex.entries
    name: str  # as the list publishes it
    weak: bool = False  # an OFAC/UK "weak" alias: too loose to be a hit on its own


@dataclass(frozen=True, slots=True)
class KeyWeights:
    """What the words with one key weigh in the indexed forms."""

    single: str | None  # the only word with the key, if there is one
    single_least: float  # that word's least weight, in brackets or not
    single_plain: float  # that word's plain weight
    lightest: float  # the least plain weight of any word with the key
    heaviest: float  # the greatest plain weight of any word with the key
    words: dict[str, tuple[float, float]]  # word -> (least weight, plain weight)

    @classmethod
    def of(cls, words: dict[str, tuple[float, float]]) -> KeyWeights:
        single = next(iter(words)) if len(words) == 1 else None
        least, plain = words[single] if single is not None else (0.0, 0.0)
        return cls(
            single=single,
            single_least=least,
            single_plain=plain,
            lightest=min(plain for _, plain in words.values()),
            heaviest=max(plain for _, plain in words.values()),
            words=words,
        )

    def counted(self, token: str) -> float:
        """The least a query word `token` paired with a word of this key may count: that word's
        weight in brackets if it is the same word, its plain weight if another."""
        if self.single is not None:
            return self.single_least if self.single == token else self.single_plain
        return min(least if word == token else plain for word, (least, plain) in self.words.items())


def is_korean_entry(entry: Entry) -> bool:
    """Whether an entry's names are Korean: tied to the DPRK by country, programme or list."""
    return (
        "KP" in entry.countries
        or entry.list_id == "dprk-labour"
        or entry.source_id.startswith("KP")
        or any(is_dprk_program(program) or "Korea" in program for program in entry.programs)
    )


def deletions(word: str) -> set[str]:
    """The word with one letter left out, every way: the keys of a one-edit neighbourhood."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class NeighbourEnds:
    """A quick and exact "not a key" for most one-letter deletions of a word, from the first
    and last ENDS_KEPT letters of the neighbour keys of each length.

    A word's deletions after its first ENDS_KEPT letters all begin with those letters, and its
    deletions before its last ENDS_KEPT letters all end with those: when no key of their length
    begins (or ends) so, none of them is a key."""

    def __init__(self, keys: Iterable[str]) -> None:
        # a signature is the letters, then the length as one character
        long_keys = [key for key in keys if len(key) >= ENDS_KEPT]
        self._starts: Collection[str] = frozenset(
            key[:ENDS_KEPT] + chr(len(key)) for key in long_keys
        )
        self._ends: Collection[str] = frozenset(
            key[-ENDS_KEPT:] + chr(len(key)) for key in long_keys
        )

    @classmethod
    def from_signatures(cls, starts: Collection[str], ends: Collection[str]) -> NeighbourEnds:
        """The ends `signatures` gave, kept elsewhere (an index file's tables)."""
        made = cls(())
        made._starts, made._ends = starts, ends
        return made

    def signatures(self) -> tuple[frozenset[str], frozenset[str]]:
        """The signatures of the keys' starts and ends (to keep them elsewhere)."""
        return frozenset(self._starts), frozenset(self._ends)

    def possible_deletions(self, word: str) -> list[str]:
        """The one-letter deletions of `word` that may be keys: every one that is, and some
        that are not."""
        size = len(word)
        if size <= ENDS_KEPT:
            return [word[:i] + word[i + 1 :] for i in range(size)]
        length = chr(size - 1)
        starts = word[:ENDS_KEPT] + length in self._starts
        ends = word[-ENDS_KEPT:] + length in self._ends
        positions = range(0 if ends else size - ENDS_KEPT, size if starts else ENDS_KEPT)
        return [word[:i] + word[i + 1 :] for i in positions]


def name_variants(form: NormalisedName) -> Iterator[NormalisedName]:
    """The forms a list name is indexed under: "X (KKBC)" as itself, as "X" and as "KKBC"."""
    yield form
    if not any(form.bracketed):
        return
    outside = without_brackets(form, inside=False)
    inside = without_brackets(form, inside=True)
    if outside.tokens:
        yield outside
    if inside.tokens:
        yield inside


class MatchIndex:
    """Names, weights and candidate indexes over the entries of some list snapshots.

    Its structures are read-only Mappings and Sequences: dicts and tuples when built here,
    tables mapped from a file when opened from one (screening.matching.index_file)."""

    entries: Sequence[Entry]
    versions: tuple[tuple[str, str], ...]  # (list id, snapshot version) of each snapshot indexed
    names: Sequence[IndexedName]
    forms: Sequence[ComparableName]
    form_names: Sequence[Sequence[int]]  # form id -> its name ids
    form_is_person: Sequence[bool]
    org_weights: TokenWeights
    person_weights: TokenWeights
    form_totals: Sequence[float]
    form_is_distinctive: Sequence[bool]
    form_word_counts: Sequence[float]
    name_form: Sequence[int]  # name id -> form id
    entry_names: Sequence[Sequence[int]]  # entry -> its name ids
    # fold key of a token or of adjacent tokens run together -> ids of forms holding it
    postings: Mapping[str, Sequence[int]]
    person_postings: Mapping[str, Sequence[int]]
    # what the words of a key weigh in the indexed forms (see KeyWeights): a query word paired
    # with one of them counts at most that word's weight, which bounds the scores candidate
    # generation may expect
    key_weights: Mapping[str, KeyWeights]
    person_key_weights: Mapping[str, KeyWeights]
    form_keys: Sequence[frozenset[str]]  # the keys of each form
    whole: Mapping[str, Sequence[int]]  # all tokens run together
    # the postings of names made only of everyday words (no distinctive word, no number): the
    # only names a query of everyday words can match
    plain_postings: Mapping[str, Sequence[int]]
    # a token or fold key, or either with one letter left out -> (that token or fold key, the
    # fold key the postings use) of indexed tokens
    neighbours: Mapping[str, tuple[tuple[str, str], ...]]
    neighbour_ends: NeighbourEnds
    identifiers: Mapping[str, Sequence[tuple[int, Identifier]]]

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
        self.versions = versions
        self.names = names
        self.forms = forms
        self.form_names = form_names
        self.form_is_person = form_is_person
        self.org_weights = org_weights
        self.person_weights = person_weights
        self.form_totals = tuple(form.total for form in forms)
        self.form_is_distinctive = tuple(
            any(kind in DISTINCTIVE_KINDS for kind in form.kinds) for form in forms
        )
        self.form_word_counts = tuple(word_count(form) for form in forms)
        name_form = [0] * len(names)
        for form_id, name_ids in enumerate(form_names):
            for name_id in name_ids:
                name_form[name_id] = form_id
        self.name_form = tuple(name_form)
        entry_names: list[list[int]] = [[] for _ in entries]
        for name_id, name in enumerate(names):
            entry_names[name.entry_no].append(name_id)
        self.entry_names = tuple(tuple(ids) for ids in entry_names)
        self._build_postings()
        self._build_identifiers()

    @classmethod
    def from_parts(cls, parts: Mapping[str, object]) -> MatchIndex:
        """An index of structures made elsewhere (opened from an index file): `parts` holds
        every attribute the class declares."""
        index = cls.__new__(cls)
        for name in cls.__annotations__:
            setattr(index, name, parts[name])
        return index

    def _build_postings(self) -> None:
        tokens: dict[str, str] = {}  # token as written -> its fold key
        form_keys: list[frozenset[str]] = []
        key_words: dict[str, dict[str, tuple[float, float]]] = {}
        person_key_words: dict[str, dict[str, tuple[float, float]]] = {}
        org_postings: dict[str, list[int]] = defaultdict(list)
        person_postings: dict[str, list[int]] = defaultdict(list)
        plain_postings: dict[str, list[int]] = defaultdict(list)
        whole: dict[str, list[int]] = defaultdict(list)
        for form_id, form in enumerate(self.forms):
            is_person = self.form_is_person[form_id]
            postings = person_postings if is_person else org_postings
            key_weights = person_key_words if is_person else key_words
            # a word in brackets weighs less (what an exact pair with it may count); its plain
            # weight is what a misspelling of it may count
            weighted = list(
                zip(form.folds, form.tokens, form.weights, form.plain_weights, strict=True)
            )
            weighted += [(span.fold, span.text, span.weight, span.weight) for span in form.spans]
            for key, word, weight, plain in weighted:
                words = key_weights.setdefault(key, {})
                known = words.get(word)
                if known is None or weight < known[0]:
                    words[word] = (weight, plain)
            form_keys.append(frozenset(key for key, _, _, _ in weighted))
            tokens.update(zip(form.tokens, form.folds, strict=True))
            # a word as written before translation ("banking" for "bank") finds misspellings of
            # itself ("abnking")
            tokens.update(zip(form.form.sources, form.folds, strict=True))
            for key in form_keys[-1]:
                postings[key].append(form_id)
                if not is_person and not self.form_is_distinctive[form_id]:
                    plain_postings[key].append(form_id)
            whole[form.whole].append(form_id)
        self.postings = dict(org_postings)
        self.person_postings = dict(person_postings)
        self.plain_postings = dict(plain_postings)
        self.whole = dict(whole)
        self.form_keys = tuple(form_keys)
        self.key_weights = {key: KeyWeights.of(words) for key, words in key_words.items()}
        self.person_key_weights = {
            key: KeyWeights.of(words) for key, words in person_key_words.items()
        }
        # A misspelling is found on the token as written (ryonbomg ~ ryonbong) or on its fold key
        # (a romanisation variant with a typo): both, and their one-deletion keys, point to the
        # fold key that the postings use.
        # Each probe's pairs sorted, not in set order: set order changes with each process's
        # string hashing, and the order neighbours are met in decides rare ties (a result must
        # be reproducible). The distinct pairs are met in sorted order, so every probe's list
        # comes out sorted and without repeats (a pair reaches a probe once: as itself, or by
        # one deletion), with no set or sort per probe (400,000 of them).
        pairs = sorted(
            {(written, key) for token, key in tokens.items() for written in (token, key)}
        )
        neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for pair in pairs:
            written = pair[0]
            if len(written) >= SHORTEST_NEIGHBOUR:
                neighbours[written].append(pair)
            if len(written) >= SHORTEST_TYPO_KEY:
                for deleted in deletions(written):
                    neighbours[deleted].append(pair)
        self.neighbours = {probe: tuple(found) for probe, found in neighbours.items()}
        self.neighbour_ends = NeighbourEnds(self.neighbours)

    def _build_identifiers(self) -> None:
        identifiers: dict[str, list[tuple[int, Identifier]]] = defaultdict(list)
        for entry_no, entry in enumerate(self.entries):
            for identifier in entry.identifiers:
                for key in identifier_keys(identifier.value):
                    identifiers[key].append((entry_no, identifier))
        self.identifiers = dict(identifiers)

    @classmethod
    def build(
        cls, snapshots: Sequence[ListSnapshot], *, weights_of: MatchIndex | None = None
    ) -> MatchIndex:
        """Index all entries of all `snapshots`, all their names and aliases.

        Persons are indexed apart from organisations, vessels and aircraft, with their own word
        weights: a supplier may be a sole trader, but a company's name must not be flagged
        because a word of it is also a person's name.

        `weights_of`: weigh words as that index does (a tenant's few entries beside the official
        lists: among five names every word is rare, "trading" too), so an entry scores what it
        would score indexed with the official lists.

        A million objects are made: a caller building the official lists' index pauses the
        garbage collector meanwhile (screening.gc_pause), which would otherwise walk them
        again and again; the matching core leaves the process's collector alone.
        """
        entries = tuple(entry for snapshot in snapshots for entry in snapshot.entries)
        versions = tuple((snapshot.list_id, snapshot.version) for snapshot in snapshots)
        cache: dict[tuple[str, bool], NormalisedName] = {}
        names: list[IndexedName] = []
        name_forms: list[NormalisedName] = []
        name_is_person: list[bool] = []
        name_is_korean: list[bool] = []
        org_documents: list[set[str]] = []
        person_documents: list[set[str]] = []
        for entry_no, entry in enumerate(entries):
            is_person = entry.kind is EntryKind.PERSON
            korean = is_korean_entry(entry)
            document: set[str] = set()
            weak_names = {alias.name for alias in entry.aliases if alias.type is AliasType.WEAK}
            weak_names.discard(entry.name)
            for name in entry.all_names():
                form = cache.get((name, is_person))
                if form is None:
                    form = normalise_person_name(name) if is_person else normalise_name(name)
                    cache[(name, is_person)] = form
                document.update(form.folds)
                for variant in name_variants(form):
                    names.append(IndexedName(entry_no, name, name in weak_names))
                    name_forms.append(variant)
                    name_is_person.append(is_person)
                    name_is_korean.append(korean)
            (person_documents if is_person else org_documents).append(document)
        if weights_of is None:
            org_weights = TokenWeights.from_documents(org_documents)
            person_weights = TokenWeights.from_documents(person_documents)
        else:
            org_weights, person_weights = weights_of.org_weights, weights_of.person_weights

        form_ids: dict[tuple[bool, bool, tuple[str, ...], tuple[bool, ...]], int] = {}
        forms: list[ComparableName] = []
        form_names: list[list[int]] = []
        form_is_person: list[bool] = []
        for name_id, form in enumerate(name_forms):
            is_person, korean = name_is_person[name_id], name_is_korean[name_id]
            key = (is_person, korean, form.tokens, form.bracketed)
            form_id = form_ids.get(key)
            if form_id is None:
                form_id = form_ids[key] = len(forms)
                weights = person_weights if is_person else org_weights
                forms.append(make_comparable(form, weights, korean=korean))
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


_Derived = TypeVar("_Derived")


def kept_per_index(derive: Callable[[MatchIndex], _Derived]) -> Callable[[MatchIndex], _Derived]:
    """`derive(index)` made once per index and kept while the index lives (lookups that depend
    on the index alone: a candidate finder, the words mending reads, list masks). Two threads may
    both make it for a new index: the same value, harmlessly."""
    kept: weakref.WeakKeyDictionary[MatchIndex, _Derived] = weakref.WeakKeyDictionary()

    def derived(index: MatchIndex) -> _Derived:
        found = kept.get(index)
        if found is None:
            found = kept[index] = derive(index)
        return found

    return derived
