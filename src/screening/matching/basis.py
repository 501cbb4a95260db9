"""What a name match rests on: a distinctive word, a short word that needs more, a sound only,
or everyday words, so that a reviewer sees why a match is flagged and a weak one is not.

A match on one short word ("UCI", "3M", "Dio"), or on one word reached only by a romanisation or
a misspelling of a short word (Taewon ~ Devon, Kodi ~ Koti), is a coincidence as often as not: it
needs more (an identifier, the country, a second word of the listed name) to be flagged and is
never confident alone. So is a match on one everyday dictionary word (Alphabet Inc. ~ ALPHABET
INTERNATIONAL DMCC): two companies may take the same word for a name. A Chinese name read in
pinyin may meet a Latin name by sound only: pinyin drops the tones, so one two-syllable word
names dozens of character pairs (华纬 and 华为 are both "huawei"); where the listed company's
characters are known and differ, the match needs a second distinctive word or an identifier.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from screening.matching.comparable import ComparableName
from screening.matching.score import How, NameScore, TokenPair
from screening.names.han import known_name_characters
from screening.names.vocabulary import WordKind

# Words of the listed name that identify it: a distinctive word, a place they share. A number
# ("Victory 2", "Division 39") tells one of a family apart: it is a second word, not the first.
_IDENTIFYING = frozenset({WordKind.DISTINCTIVE, WordKind.PLACE})
LONGEST_SHORT_WORD = 3  # initialisms and two- or three-letter aliases
# A word reached by romanisation, misspelling or joining is a chance likeness up to this length
LONGEST_CHANCE_WORD = 5
LONGEST_FOLDED_CHANCE_WORD = 6  # a Korean fold between two names that are not Korean
_WRITTEN = frozenset({How.EXACT, How.TYPO})  # a word as written, or misspelt


class BasisKind(StrEnum):
    DISTINCTIVE = "distinctive word"  # at least one distinctive word, or one long exact word
    SHORT_WORD = "short word"  # one short word, or one short word spelt differently
    # the whole name is one short word, the same in both names, and so is the legal form
    SHORT_WORD_AND_FORM = "short word and legal form"
    SOUND_ONLY = "sound only"  # one word of a Chinese name, in other characters than listed
    EVERYDAY_WORDS = "everyday words"  # the whole name, of generic words only
    IDENTIFIER = "identifier"
    NAME_PARTS = "name parts"  # a person's: most parts of the name match


class Basis(NamedTuple):
    kind: BasisKind
    words: tuple[str, ...]  # the words of the listed name that the match rests on

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "words": list(self.words)}


def _entry_words(candidate: ComparableName, pair: TokenPair) -> str:
    return " ".join(candidate.form.sources[pair.candidate_start : pair.candidate_stop])


def _is_identifying(candidate: ComparableName, pair: TokenPair) -> bool:
    kinds = candidate.kinds[pair.candidate_start : pair.candidate_stop]
    return not _IDENTIFYING.isdisjoint(kinds)


def _is_short(word: str, pair: TokenPair, korean: bool) -> bool:
    letters = word.replace(" ", "")
    if len(letters) <= LONGEST_SHORT_WORD:
        return True
    if pair.how is How.ROMANISATION and not korean:
        # Korean romanisation rules (r ~ l, k ~ g) met outside a Korean name: Region ~ Legion
        return len(letters) <= LONGEST_FOLDED_CHANCE_WORD
    # the same letters spaced otherwise ("UN-SAN" ~ UNSAN) are no chance likeness
    return pair.similarity < 1.0 and len(letters) <= LONGEST_CHANCE_WORD


@cache
def everyday_words() -> frozenset[str]:
    """Everyday English words that listed names rest on (data/everyday_words.toml)."""
    text = files("screening.matching").joinpath("data", "everyday_words.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["words"])


def _is_everyday(word: str, candidate: ComparableName) -> bool:
    """Whether a listed name's word is a dictionary word ("alphabet"), not a Korean syllable
    spelt like one (a DPRK entry's SONG or GANG)."""
    return not candidate.korean and word in everyday_words()


def _is_other_characters(query: ComparableName, candidate: ComparableName, word: str) -> bool:
    """Whether the supplier's name, written in Chinese characters, meets the listed `word` only
    by its sound: the word is known to be written in other characters than the name has."""
    if "Han" not in query.form.scripts or "Han" in candidate.form.scripts:
        return False
    spellings = known_name_characters().get(word.replace(" ", ""))
    return spellings is not None and not any(
        spelling in query.form.original for spelling in spellings
    )


def _same_form(query: ComparableName, candidate: ComparableName) -> str | None:
    """The legal form both names have, if each has one and they are of one family (ABC Co. ~
    A.B.C. COMPANY; not ABC International ~ A.B.C. COMPANY, nor ABC Ltd ~ ABC Inc.)."""
    mine = {form.form_id for form in query.form.legal_forms}
    theirs = {form.form_id for form in candidate.form.legal_forms}
    if not mine or mine != theirs:
        return None
    return candidate.form.legal_forms[0].surface


def _whole_names_paired(
    query: ComparableName, candidate: ComparableName, name_score: NameScore
) -> bool:
    """Whether every word of both names is paired, each as written or misspelt (not by a
    romanisation), and neither name has a part in brackets: the listed name whole, not the
    acronym of "UGANDA COMMERCIAL IMPEX (UCI) LTD"."""
    if "(" in query.form.original or "(" in candidate.form.original:
        return False
    if any(pair.how not in _WRITTEN for pair in name_score.pairs):
        return False
    query_paired = sum(pair.query_stop - pair.query_start for pair in name_score.pairs)
    candidate_paired = sum(pair.candidate_stop - pair.candidate_start for pair in name_score.pairs)
    return query_paired == len(query.tokens) and candidate_paired == len(candidate.tokens)


def _short_word_basis(
    query: ComparableName, candidate: ComparableName, name_score: NameScore, words: tuple[str, ...]
) -> Basis:
    """A short word's basis: with the legal form when both names are that word and that form
    (the form is a second word of the listed name, as a country would be)."""
    if _whole_names_paired(query, candidate, name_score):
        form = _same_form(query, candidate)
        if form is not None:
            return Basis(BasisKind.SHORT_WORD_AND_FORM, (*words, form))
    return Basis(BasisKind.SHORT_WORD, words)


def match_basis(query: ComparableName, candidate: ComparableName, name_score: NameScore) -> Basis:
    """What the match of `query` (a supplier's name) with `candidate` (a listed name) rests on."""
    identifying = [pair for pair in name_score.pairs if _is_identifying(candidate, pair)]
    if not identifying:
        words = tuple(_entry_words(candidate, pair) for pair in name_score.pairs)
        if len(words) < 2:  # one everyday word ("Orion") is a short name
            return _short_word_basis(query, candidate, name_score, words)
        return Basis(BasisKind.EVERYDAY_WORDS, words)
    words = tuple(_entry_words(candidate, pair) for pair in identifying)
    if len(identifying) > 1:
        return Basis(BasisKind.DISTINCTIVE, words)
    if _is_other_characters(query, candidate, words[0]):
        return Basis(BasisKind.SOUND_ONLY, words)
    pair = identifying[0]
    others = [
        other
        for other in name_score.pairs
        if other is not pair
        and not any(candidate.qualifying[other.candidate_start : other.candidate_stop])
    ]
    letters = words[0].replace(" ", "")
    if len(letters) == 1:
        return Basis(BasisKind.SHORT_WORD, words)
    if not others and (
        _is_short(words[0], pair, candidate.korean) or _is_everyday(letters, candidate)
    ):
        return _short_word_basis(query, candidate, name_score, words)
    return Basis(BasisKind.DISTINCTIVE, words)
