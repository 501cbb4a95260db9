"""A supplier's words mended against the words of the listed names themselves.

`screening.names.mend` mends what the vocabulary alone vouches for (a legal form glued to a
known word, a known word split at a prefix). A sheet also runs together or splits the words of
a name that only the lists know: "TOPLIVOBUNKERING" (TOPLIVO BUNKERING), "NORDLLC" (NORD LLC),
"OOOENKOR" (OOO ENKOR), "ELEKTRO PRIBOR" (ELEKTROPRIBOR), "TRAFFIC KING" (TRAFFICKING). Here a
word no listed name holds is cut in two where one piece is a legal form and the other a listed
word, or where both pieces stand side by side, in that order, in a listed name; two neighbouring
words are joined where the joined word is a listed word and no listed name has the two apart. A
Russian compound (VOSTOKPROM, INVESTPROM) is one word, not the listed VOSTOK and PROM, nor the
listed PROMINVEST.

Only a word the index has never seen is cut, and only into pieces the index has seen, so a name
whose words are all known costs a few lookups. A name mended so keeps what was mended
(`NormalisedName.mended`), and every match on it says so: a mended word is read, not written,
and a reviewer (and the rule on what is confident) must know that.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import NamedTuple

from screening.matching.candidates import finder_of
from screening.matching.index import SHORTEST_NEIGHBOUR, MatchIndex, kept_per_index
from screening.names.legal_forms import legal_form_table
from screening.names.mend import GLUED_TAIL_FORMS
from screening.names.normalise import NormalisedName, normalise_name
from screening.names.romanise import fold
from screening.names.vocabulary import vocabulary

SHORTEST_CUT_WORD = 6  # a shorter word is not tried in two
SHORTEST_PIECE = 3  # a piece that is a listed word: "arp" of ARPINVESTMENTS
# and the other piece at least this long: syllables run together (SAMSUNG, RYONBONG) are not two
# listed words but one, which the scorer reads against syllables written apart
LONGER_PIECE = 6
SHORTEST_STEM = 2  # before a legal form of three letters or more: "hk" of HKLIMITED
SHORTEST_STEM_BEFORE_SHORT_FORM = 5  # before a form of two letters: "tamimed" of TAMIMEDCO
SHORTEST_PREFIX_FORM = 3  # a legal form written first and glued: OOOENKOR, not "ao"+...
RESEMBLING = 0.8  # a word this like a listed one is a misspelling of it, not two run together
SHORTEST_JOINED = 8  # two words joined make at least this many letters: ELEKTRO PRIBOR
LONG_FORM = 5  # a legal form this long is read off either end of a word: LIMITED, COMPANY
# short forms read off a word besides names.mend's: Russian ones written first or last
# (OOOENKOR, PNITIPAO) and two-letter ones after a long stem (TAMIMEDCO, OFFICE 39AG)
GLUED_SHORT_FORMS = frozenset({"ooo", "oao", "zao", "pao", "co", "ag", "ao"})
MOST_FORMS_READ = 50  # listed names read to find two words side by side
FORM_CUT = 180  # the rank of a cut that parts a legal form (better than any other)
_MOST_REMEMBERED = 200_000


@cache
def _form_words() -> frozenset[str]:
    """Every word of every spelling of a legal form: llc, ltd, limited, liability, joint, stock."""
    return legal_form_table().spelling_words()


class _FormEnds(NamedTuple):
    gluable: tuple[str, ...]  # the forms read off either end of a word
    every: tuple[str, ...]  # every word of a legal form


@cache
def _form_ends() -> _FormEnds:
    forms = _form_words()
    return _FormEnds(tuple(sorted(f for f in forms if _gluable(f))), tuple(sorted(forms)))


def _gluable(form: str) -> bool:
    """Whether a legal form glued to a word is read off it: a long one (limited, company), or one
    of the usual short ones (llc, ltd, ooo, co, ag); not every short form (Zindasti is not
    Zinda STI, Stibau not STI Bau)."""
    return len(form) >= LONG_FORM or form in GLUED_TAIL_FORMS or form in GLUED_SHORT_FORMS


class IndexWords:
    """The words of an index's organisation names, and the cuts and joins they vouch for; what a
    word mends to is remembered while the index lives."""

    def __init__(self, index: MatchIndex) -> None:
        self._keys = index.key_weights
        self._weights = index.org_weights
        self._postings = index.postings
        self._forms = index.forms
        # every listed word as written (and one-letter deletions of them): a word not in it is
        # no listed word, known without folding it
        self._written = index.neighbours
        self._finder = finder_of(index)
        self._listed: dict[str, bool] = {}
        self._cuts: dict[str, tuple[str, ...]] = {}
        self._names: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]] | None] = {}

    def is_listed(self, word: str) -> bool:
        """Whether a listed organisation's name holds the word (as its canonical token)."""
        found = self._listed.get(word)
        if found is None:
            if len(word) >= SHORTEST_NEIGHBOUR and word not in self._written:
                return False  # the usual answer, and the quickest
            tokens = vocabulary().translate(word)
            found = bool(tokens) and all(
                self._weights.document_frequency(key := fold(token)) > 0
                and (words := self._keys.get(key)) is not None
                and token in words.words
                for token in tokens
            )
            if len(self._listed) < _MOST_REMEMBERED:
                self._listed[word] = found
        return found

    def cut(self, word: str) -> tuple[str, ...]:
        """`word` in two if it is two written together (see the module's doc), else itself."""
        found = self._cuts.get(word)
        if found is None:
            found = self._cut(word)
            if len(self._cuts) < _MOST_REMEMBERED:
                self._cuts[word] = found
        return found

    def _cut(self, word: str) -> tuple[str, ...]:
        if (
            (len(word) < SHORTEST_CUT_WORD and not word[0].isdigit())
            or not word.isascii()
            or not word.isalnum()
            or word.isdigit()
            or word in _form_words()
            or self.is_listed(word)
        ):
            return (word,)
        forms = _form_words()
        written = self._written
        size = len(word)
        # two words without a legal form: long enough for both pieces, or a number and a word
        two_words = size >= SHORTEST_PIECE + LONGER_PIECE or not word.isalpha()
        ends = _form_ends()
        if not (
            two_words
            or word.endswith(ends.gluable)
            or word.startswith(ends.gluable)
            or (word.startswith(ends.every) and word.endswith(ends.every))
        ):
            return (word,)  # most words: no legal form at either end, too short for two words
        best: tuple[int, tuple[str, ...]] | None = None
        for at in range(SHORTEST_STEM, size - 1):
            first, second = word[:at], word[at:]
            if (
                first not in forms
                and second not in forms
                and (
                    not two_words
                    or (at >= SHORTEST_NEIGHBOUR and first not in written)
                    or (size - at >= SHORTEST_NEIGHBOUR and second not in written)
                )
            ):
                continue  # most cuts: a piece that is no listed word, known at once
            rank = self._cut_rank(first, second, forms)
            if rank is not None and (best is None or rank > best[0]):
                best = (rank, (first, second))
        if best is None or (best[0] < FORM_CUT and self._resembles_listed(word)):
            return (word,)  # a legal form at either end is evidence; two words alone are not
        return best[1]

    def _cut_rank(self, first: str, second: str, forms: frozenset[str]) -> int | None:
        """How good a cut into `first` and `second` is (greater is better), None if it is none:
        a legal form glued after or before a listed word or a number first, then two listed
        words, the shorter piece as long as it may be."""
        shorter = min(len(first), len(second))
        if first == second:
            return None  # VOSTOKVOSTOK is no name written apart
        if first in forms and second in forms:
            # two words of a legal form: JOINTSTOCK, LIMITEDLIABILITY
            return FORM_CUT + shorter if shorter >= SHORTEST_PIECE else None
        if second in forms:
            if not _gluable(second):
                return None
            least = SHORTEST_STEM if len(second) > 2 else SHORTEST_STEM_BEFORE_SHORT_FORM
            if first.isdigit() or (len(first) >= least and self.is_listed(first)):
                return FORM_CUT + 20 + len(second)
            return None
        if first in forms:
            if (
                _gluable(first)
                and len(first) >= SHORTEST_PREFIX_FORM
                and len(second) >= SHORTEST_PIECE
                and self.is_listed(second)
            ):
                return FORM_CUT + 20 + len(first)
            return None
        if first[-1].isdigit() != second[0].isdigit():
            # a number glued to a word (OFFICE39, 39OFFICE), not a cut inside either; 1st, 3rd
            # are words
            if shorter >= SHORTEST_PIECE and all(
                piece.isdigit() or self.is_listed(piece) for piece in (first, second)
            ):
                return 150
            return None
        if (
            shorter >= SHORTEST_PIECE
            and max(len(first), len(second)) >= LONGER_PIECE
            and self.is_listed(first)
            and self.is_listed(second)
            and self._listed_side_by_side(first, second)
        ):
            return 100 + shorter
        return None

    def _resembles_listed(self, word: str) -> bool:
        """Whether a listed word is spelt like `word` but for a letter or romanisation (DIVVISION,
        BYEONGJIN): the scorer pairs it with that word, which a cut would part."""
        return any(
            similarity >= RESEMBLING
            for _, similarity in self._finder.related_keys(word, fold(word))
        )

    def mend(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The words mended and the words as written that were mended, or None if none was."""
        if self._nothing_to_mend(words):
            # the usual name, known from its words' own memo: remembering the name itself
            # would cost more than this (names rarely repeat; a batch screens each once)
            return None
        names = self._names
        if words in names:
            return names[words]
        found = self._mend(words)
        if len(names) < _MOST_REMEMBERED:
            names[words] = found
        return found

    def _nothing_to_mend(self, words: tuple[str, ...]) -> bool:
        """Whether no word of a name is cut and no two neighbours are long enough together to
        be joined and written so in a listed name (what `_mend` would find, found sooner)."""
        cuts = self._cuts
        for word in words:
            found = cuts.get(word) or self.cut(word)
            if len(found) > 1:
                return False
        written = self._written
        return not any(
            len(first) + len(second) >= SHORTEST_JOINED and first + second in written
            for first, second in pairwise(words)
        )

    def _mend(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        cuts = self._cuts
        written = self._written
        found = [cuts.get(word) or self.cut(word) for word in words]
        if max(map(len, found)) == 1 and not any(
            first + second in written for first, second in pairwise(words)
        ):
            return None  # the usual name: no word to cut, no two that a listed word joins
        mended: list[str] = []
        pieces: list[str] = []
        for word, parts in zip(words, found, strict=True):
            if len(parts) > 1:
                mended.append(word)
            pieces.extend(parts)
        joined: list[str] = []
        i = 0
        while i < len(pieces):
            if i + 1 < len(pieces):
                first, second = pieces[i], pieces[i + 1]
                # a join that no listed word is written as is known without more
                if (
                    len(first) + len(second) >= SHORTEST_JOINED
                    and first + second in written
                    and self.joins(first, second)
                ):
                    mended.append(f"{first} {second}")
                    joined.append(first + second)
                    i += 2
                    continue
            joined.append(pieces[i])
            i += 1
        return (tuple(joined), tuple(mended)) if mended else None

    def joins(self, first: str, second: str) -> bool:
        """Whether two neighbouring words are one listed word written apart, and no listed name
        has both words (SHIP MANAGEMENT is written apart and together)."""
        if (
            len(first) + len(second) < SHORTEST_JOINED
            or first in _form_words()
            or second in _form_words()
            or first.isdigit()
            or second.isdigit()
            or not self.is_listed(first + second)
        ):
            return False
        return not self._listed_together(first, second)

    def _holding_both(self, first: str, second: str) -> set[int]:
        """The listed forms that hold both words (as their canonical tokens)."""
        postings = self._postings
        holding = [
            set(postings.get(fold(token), ()))
            for word in (first, second)
            for token in vocabulary().translate(word)
        ]
        return set.intersection(*holding) if holding else set()

    def _listed_together(self, first: str, second: str) -> bool:
        return bool(self._holding_both(first, second))

    def _listed_side_by_side(self, first: str, second: str) -> bool:
        """Whether a listed name has `first` and then `second` next to each other: INVESTPROM is
        not the listed PROMINVEST, nor INVESTVOSTOK the listed VOSTOK TREID INVEST."""
        vocab = vocabulary()
        last, following = vocab.translate(first)[-1:], vocab.translate(second)[:1]
        if not last or not following:
            return False
        pair = (last[0], following[0])
        forms = self._forms
        for form_id in sorted(self._holding_both(first, second))[:MOST_FORMS_READ]:
            tokens = forms[form_id].tokens
            if any(pair == adjacent for adjacent in pairwise(tokens)):
                return True
        return False


index_words = kept_per_index(IndexWords)
"""The words of an index and what they vouch for, kept while the index lives."""


def mended_against(index: MatchIndex, form: NormalisedName) -> NormalisedName:
    """`form` with its words cut and joined as the index's words vouch for (see the module's
    doc); `form` itself when nothing is to mend. Names written in Latin letters only (a
    transliteration or a reading of characters has its own word boundaries), without brackets
    (their words are screened apart as well)."""
    if form.scripts or not form.words or True in form.bracketed:
        return form
    found = index_words(index).mend(form.words)
    if found is None:
        return form
    words, mended = found
    return normalise_name(" ".join(words))._replace(
        original=form.original, latin=form.latin, mended=(*form.mended, *mended)
    )
