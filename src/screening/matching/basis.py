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
A person's match rests on the parts of the name: it needs more (the country, a date of birth or
nationality that agree) when it leaves out the listed family name (Lin Na for WEI, Lin Na) or
meets a name in Hangul only by Korean romanisation folds in a listed name that is not Korean
(선진, Son Chin, for SONG, Jing).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from screening.matching.comparable import ComparableName
from screening.matching.persons import listed_family_words
from screening.matching.score import How, NameScore, TokenPair
from screening.names.han import known_name_characters
from screening.names.legal_forms import legal_form_table
from screening.names.vocabulary import WordKind

# Words of the listed name that identify it: a distinctive word, a place they share. A number
# ("Victory 2", "Division 39") tells one of a family apart: it is a second word, not the first.
_IDENTIFYING = frozenset({WordKind.DISTINCTIVE, WordKind.PLACE})
_DESCRIPTIVE = frozenset({WordKind.GENERIC, WordKind.SECTOR})
LONGEST_SHORT_WORD = 3  # initialisms and two- or three-letter aliases
# A word reached by romanisation, misspelling or joining is a chance likeness up to this length
LONGEST_CHANCE_WORD = 5
LONGEST_MISSPELT_CHANCE_WORD = 6  # a word met only by a misspelling
LONGEST_FOLDED_CHANCE_WORD = 6  # a Korean fold between two names that are not Korean
# a letter more or less in a word of this length or less is another name as often as a slip,
# whatever legal form both names have (Avito LLC ~ AVISTO LLC; Chevon ~ CHEVRON is a slip)
LONGEST_RESIZED_CHANCE_WORD = 5
_WRITTEN_WORD = re.compile(r"[a-z0-9]+")
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
    # a short word's match: whether the supplier's country is the "more" it needs (see
    # screen._capped); not when the supplier names only part of the listed name (Волга for VOLGA
    # GROUP) or meets its word only by a Korean romanisation outside Korean names (Region ~ Legion)
    country_suffices: bool = True
    # why the match may not be confident on what it rests on, for the reviewer ("" if it may):
    # its one distinctive word was read off a longer word of the supplier's name (AVIA of
    # Авиатерминал), or is an everyday Russian word many companies are named (ВЕКТОР)
    caution: str = ""
    # whether the match needs more than its words to be flagged (see screen._capped), as one
    # short word does: everyday words that are not the whole listed name (Iron Mountain Inc. ~
    # IRON MOUNTAIN ENTERPRISES), a word read off a longer one (Авиатерминал ~ AVIA GROUP
    # TERMINAL)
    needs_more: bool = False

    @property
    def confident_alone(self) -> bool:
        return not self.caution

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "words": list(self.words)}


def _entry_words(candidate: ComparableName, pair: TokenPair) -> str:
    return " ".join(candidate.form.sources[pair.candidate_start : pair.candidate_stop])


def _is_identifying(candidate: ComparableName, pair: TokenPair) -> bool:
    kinds = candidate.kinds[pair.candidate_start : pair.candidate_stop]
    return not _IDENTIFYING.isdisjoint(kinds)


def _differ_in_length(a: str, b: str) -> bool:
    """Whether one spelling has a letter more or less than the other: another word as often as
    a slip (Avito ~ AVISTO, Medved ~ MEDVEDI), where letters swapped or one letter for another
    (Yafatr ~ YAFTAR, Geopolitika ~ GEOPOLITICA) are a slip or a transliteration."""
    return len(a) != len(b)


def _joins_supplier_words(pair: TokenPair) -> bool:
    """Whether a pair meets a listed word by joining the supplier's words."""
    return pair.how is How.JOINED and pair.query_stop - pair.query_start > 1


def _is_short(word: str, query_word: str, pair: TokenPair, korean: bool) -> bool:
    letters = word.replace(" ", "")
    if len(letters) <= LONGEST_SHORT_WORD:
        return True
    if pair.how is How.ROMANISATION and not korean:
        # Korean romanisation rules (r ~ l, k ~ g) met outside a Korean name: Region ~ Legion
        return len(letters) <= LONGEST_FOLDED_CHANCE_WORD
    if pair.how is How.TYPO and _differ_in_length(query_word, letters):
        # a letter more or less in a word of six makes another name (Avito ~ AVISTO, Granit ~
        # GRANT); letters swapped or one for another (Yafatr ~ YAFTAR) are a slip of typing
        return len(letters) <= LONGEST_MISSPELT_CHANCE_WORD
    if _joins_supplier_words(pair) and pair.similarity < 1.0:
        # two words joined and misspelt to meet one (Eun Jeon ~ UNCHON): a chance likeness;
        # not the listed words written together (Chindai ~ JIN TAI, as Hangul writes them)
        return len(letters) <= LONGEST_MISSPELT_CHANCE_WORD
    # the same letters spaced otherwise ("UN-SAN" ~ UNSAN) are no chance likeness
    return pair.similarity < 1.0 and len(letters) <= LONGEST_CHANCE_WORD


def _listed_words_paired(pairs: Iterable[TokenPair]) -> int:
    return sum(pair.candidate_stop - pair.candidate_start for pair in pairs)


def _words_of(name: str) -> frozenset[str]:
    text = files("screening.matching").joinpath("data", name).read_text("utf-8")
    return frozenset(tomllib.loads(text)["words"])


@cache
def everyday_words() -> frozenset[str]:
    """Everyday English words that listed names rest on (data/everyday_words.toml)."""
    return _words_of("everyday_words.toml")


@cache
def everyday_russian_words() -> frozenset[str]:
    """Everyday Russian words that listed names rest on (data/everyday_words_ru.toml)."""
    return _words_of("everyday_words_ru.toml")


def _is_everyday(word: str, candidate: ComparableName) -> bool:
    """Whether a listed name's word is an English dictionary word ("alphabet"), not a Korean
    syllable spelt like one (a DPRK entry's SONG or GANG)."""
    return not candidate.korean and word in everyday_words()


def _is_everyday_russian(word: str, candidate: ComparableName) -> bool:
    """Whether a listed name's word is a Russian dictionary word ("vostok", "volga"). One of five
    letters or more is no Korean syllable: a Russian company under the DPRK programme (TRANS
    KAPITAL) has Russian words."""
    return word in everyday_russian_words() and (not candidate.korean or len(word) > 4)


def _is_dictionary_word(sources: tuple[str, ...], start: int, stop: int) -> bool:
    """Whether the words `start:stop` of a name, as written, are an everyday English or Russian
    word."""
    word = "".join(sources[start:stop])
    return word in everyday_russian_words() or word in everyday_words()


def _is_everyday_russian_written(sources: tuple[str, ...], start: int, stop: int) -> bool:
    """Whether the supplier's words `start:stop`, as written before any translation, are an
    everyday Russian word ("sibir")."""
    return "".join(sources[start:stop]) in everyday_russian_words()


def _is_descriptive(candidate: ComparableName, pair: TokenPair) -> bool:
    kinds = candidate.kinds[pair.candidate_start : pair.candidate_stop]
    return all(kind in _DESCRIPTIVE for kind in kinds)


def _is_generic(candidate: ComparableName, pair: TokenPair) -> bool:
    kinds = candidate.kinds[pair.candidate_start : pair.candidate_stop]
    return all(kind is WordKind.GENERIC for kind in kinds)


def _all_named(name: ComparableName, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether every word that names `name` (its qualifying words aside) lies in `spans`."""
    paired = [False] * len(name.tokens)
    for start, stop in spans:
        for i in range(start, stop):
            paired[i] = True
    return all(done or qualifying for done, qualifying in zip(paired, name.qualifying, strict=True))


def _adds_no_word(query: ComparableName, pairs: tuple[TokenPair, ...]) -> bool:
    """Whether every word that names the supplier is paired: "Everest Re Group" adds RE to
    EVEREST GRUP."""
    return _all_named(query, ((pair.query_start, pair.query_stop) for pair in pairs))


def _is_other_characters(query: ComparableName, candidate: ComparableName, word: str) -> bool:
    """Whether the supplier's name, written in Chinese characters, meets the listed `word` only
    by its sound: the word is known to be written in other characters than the name has."""
    if "Han" not in query.form.scripts or "Han" in candidate.form.scripts:
        return False
    spellings = known_name_characters().get(word.replace(" ", ""))
    return spellings is not None and not any(
        spelling in query.form.original for spelling in spellings
    )


def _sounds_alike_only(
    query: ComparableName, candidate: ComparableName, identifying: list[TokenPair]
) -> bool:
    """Whether two names both written in Chinese characters share their distinctive words only
    by a romanisation fold of their sounds: 银信 (yinxin) is not 银星 (yinxing), whatever pinyin
    makes of them; the characters tell them apart."""
    if "Han" not in query.form.scripts or "Han" not in candidate.form.scripts:
        return False
    return all(pair.how is How.ROMANISATION for pair in identifying)


def _names_whole_listed_name(candidate: ComparableName, pairs: tuple[TokenPair, ...]) -> bool:
    """Whether every word that names the listed organisation is paired: "Волга" names only part
    of VOLGA GROUP."""
    return _all_named(candidate, ((pair.candidate_start, pair.candidate_stop) for pair in pairs))


def _names_listed_words_but_generic(
    candidate: ComparableName, pairs: tuple[TokenPair, ...]
) -> bool:
    """Whether every word of the listed name but its generic ones is paired."""
    paired = [False] * len(candidate.tokens)
    for pair in pairs:
        for j in range(pair.candidate_start, pair.candidate_stop):
            paired[j] = True
    return all(
        done or qualifying or kind is WordKind.GENERIC
        for done, qualifying, kind in zip(
            paired, candidate.qualifying, candidate.kinds, strict=True
        )
    )


def _read_off_longer_word(
    query: ComparableName, pair: TokenPair, pairs: tuple[TokenPair, ...]
) -> bool:
    """Whether the supplier's word of `pair` was read off a longer word as written (AVIA of
    Авиатерминал, split by a known tail) that the listed name does not hold piece by piece, side
    by side: "PaekmaShipping" is PAEKMA SHIPPING run together, but AVIA and TERMINAL are apart in
    AVIA GROUP TERMINAL. A legal form glued to a word ("HANAag") leaves the word whole."""
    if pair.query_stop - pair.query_start != 1:
        return False
    sources = query.form.sources
    source = sources[pair.query_start]
    written = set(_WRITTEN_WORD.findall(query.form.latin.replace("'", "")))
    if source in written:
        return False
    forms = legal_form_table().one_word_spellings()
    longer = [w for w in written if source in w and w.replace(source, "", 1) not in forms]
    if not longer:
        return False
    whole = longer[0]

    def piece(k: int) -> bool:
        return sources[k] not in written and sources[k] in whole

    start, stop = pair.query_start, pair.query_stop
    while start > 0 and piece(start - 1):
        start -= 1
    while stop < len(sources) and piece(stop):
        stop += 1
    covering = {k: other for other in pairs for k in range(other.query_start, other.query_stop)}
    if stop - start < 2 or any(k not in covering for k in range(start, stop)):
        return True  # a piece the listed name does not have beside it
    following = covering[start]
    for k in range(start + 1, stop):
        found = covering[k]
        if found is not following and found.candidate_start != following.candidate_stop:
            return True
        following = found
    return False


def _same_form(query: ComparableName, candidate: ComparableName) -> str | None:
    """The legal form both names have, if each has one and they are of one family (ABC Co. ~
    A.B.C. COMPANY; not ABC International ~ A.B.C. COMPANY, nor ABC Ltd ~ ABC Inc.)."""
    mine = {form.form_id for form in query.form.legal_forms}
    theirs = {form.form_id for form in candidate.form.legal_forms}
    if not mine or mine != theirs:
        return None
    return candidate.form.legal_forms[0].surface


def _forms_differ(query: ComparableName, candidate: ComparableName) -> bool:
    """Whether both names have a legal form and no family in common (Inc. and Limited)."""
    mine = {form.form_id for form in query.form.legal_forms}
    theirs = {form.form_id for form in candidate.form.legal_forms}
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


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


def _with_same_form(
    query: ComparableName, candidate: ComparableName, name_score: NameScore, basis: Basis
) -> Basis:
    """A short word's basis, with the legal form when both names are that word and that form
    (the form is a second word of the listed name, as a country would be)."""
    if _whole_names_paired(query, candidate, name_score):
        form = _same_form(query, candidate)
        if form is not None:
            return Basis(BasisKind.SHORT_WORD_AND_FORM, (*basis.words, form))
    return basis


def _unpaired_places(name: ComparableName, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The places a name is called by (not a branch's or office's) that lie outside `spans`."""
    paired = {i for start, stop in spans for i in range(start, stop)}
    return [
        name.form.sources[i]
        for i, (kind, qualifying) in enumerate(zip(name.kinds, name.qualifying, strict=True))
        if kind is WordKind.PLACE and not qualifying and i not in paired
    ]


def _placed_apart(
    query: ComparableName, candidate: ComparableName, pairs: tuple[TokenPair, ...]
) -> str:
    """Why two names that share a word are placed apart, or "": each is called by a place the
    other does not have (广东宏大, Guangdong Hongda, is not DANDONG HONGDA TRADE)."""
    mine = _unpaired_places(query, ((pair.query_start, pair.query_stop) for pair in pairs))
    theirs = _unpaired_places(
        candidate, ((pair.candidate_start, pair.candidate_stop) for pair in pairs)
    )
    if not mine or not theirs:
        return ""
    return f"the names place it apart: {', '.join(mine).upper()} ~ {', '.join(theirs).upper()}"


def match_basis(query: ComparableName, candidate: ComparableName, name_score: NameScore) -> Basis:
    """What the match of `query` (a supplier's name) with `candidate` (a listed name) rests on."""
    basis = _name_basis(query, candidate, name_score)
    if basis.kind is not BasisKind.DISTINCTIVE:
        return basis
    apart = _placed_apart(query, candidate, name_score.pairs)
    if not apart:
        return basis
    # the country does not make up for it: both places may be of one country
    return basis._replace(country_suffices=False, caution=apart, needs_more=True)


def _name_basis(query: ComparableName, candidate: ComparableName, name_score: NameScore) -> Basis:
    """What the match rests on, by its words (see `match_basis`)."""
    identifying = [pair for pair in name_score.pairs if _is_identifying(candidate, pair)]
    if not identifying:
        words = tuple(_entry_words(candidate, pair) for pair in name_score.pairs)
        # counted in the listed name's words: LUCKY STAR met as one run ("Luckky Star") is
        # still two everyday words, as it is when met word by word
        if _listed_words_paired(name_score.pairs) < 2:  # one everyday word ("Orion") is short
            short = Basis(BasisKind.SHORT_WORD, words)
            return _with_same_form(query, candidate, name_score, short)
        # a word left out (UNITED DEVELOPMENT BANK) is a sheet's shortening; a word left out and
        # another legal form is another company of the same everyday words
        same = _names_whole_listed_name(candidate, name_score.pairs) and _adds_no_word(
            query, name_score.pairs
        )
        other_form = _forms_differ(query, candidate)
        return Basis(BasisKind.EVERYDAY_WORDS, words, needs_more=not same and other_form)
    words = tuple(_entry_words(candidate, pair) for pair in identifying)
    if _sounds_alike_only(query, candidate, identifying):
        return Basis(BasisKind.SOUND_ONLY, words)
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
    whole_listed_name = _names_whole_listed_name(candidate, name_score.pairs)
    same_words = whole_listed_name and _adds_no_word(query, name_score.pairs)
    # a generic word (group, trading) speaks for the match only when the names are the same
    # words: EVEREST GRUP is not "Everest Re Group" for sharing GROUP
    if not same_words and all(_is_generic(candidate, other) for other in others):
        others = []
    letters = words[0].replace(" ", "")
    query_word = "".join(query.tokens[pair.query_start : pair.query_stop])
    # also a Russian word the supplier wrote and the engine translated: Сибирь read as SIBERIA
    russian = _is_everyday_russian(letters, candidate) or (
        not candidate.korean
        and _is_everyday_russian_written(query.form.sources, pair.query_start, pair.query_stop)
    )
    # nor do sector words beside an everyday Russian word when the listed name has more:
    # thousands of research and production firms (НПП, НПО) are named КВАНТ; НПП «Квант» is not
    # RESEARCH AND PRODUCTION ASSOCIATION KVANT (an НПО), but КБ «Радуга» is RADUGA DESIGN BUREAU
    if (
        russian
        and not whole_listed_name
        and all(_is_descriptive(candidate, other) for other in others)
    ):
        others = []
    # a Russian word met by a letter more or less is another word of the language: Медведь (a
    # bear) is not MEDVEDI (bears); letters swapped (Bogtayr ~ BOGATYR) are a slip of typing
    if russian and pair.how is How.TYPO and _differ_in_length(query_word, letters):
        same_words = False
    # a word of the language spelt right is not a misspelling of another: Гарант is not GRANT,
    # "Summit" is not SUMMET
    misread = pair.how is How.TYPO and (
        query.kinds[pair.query_start] is not WordKind.DISTINCTIVE
        or (
            _is_dictionary_word(query.form.sources, pair.query_start, pair.query_stop)
            and _is_dictionary_word(
                candidate.form.sources, pair.candidate_start, pair.candidate_stop
            )
        )
    )
    # one letter is no name (T of T-RUBBER) unless a second word of the listed name comes with
    # it and the names are the same words
    if (len(letters) == 1 and not (same_words and others)) or (
        not others
        and (
            _is_short(words[0], query_word, pair, candidate.korean)
            or _is_everyday(letters, candidate)
            or (russian and not same_words)
            or misread
        )
    ):
        # the country does not make up for a likeness by chance (Region ~ Legion, Garant ~
        # Grant), nor for a Russian word when the names are not the same words (Волга for VOLGA
        # GROUP, Звезда Групп for PAO ZVEZDA): Russia is the country of thousands of listed
        # entries and of companies called Волга or Звезда
        # nor for a short word met only by a misspelling (Avito ~ AVISTO, both Russian)
        folded = (pair.how is How.ROMANISATION and not candidate.korean) or misread
        chance = folded or (pair.how is How.TYPO and _differ_in_length(query_word, letters))
        # nor for a word that is only part of the listed name: two or three letters of it
        # (OST of VEST-OST), or a longer word without the listed name's other words but its
        # generic ones (ALPHABET of ALPHABET INTERNATIONAL DMCC has the country)
        names_listed = (
            whole_listed_name
            if len(letters) <= LONGEST_SHORT_WORD
            else _names_listed_words_but_generic(candidate, name_score.pairs)
        )
        short = Basis(
            BasisKind.SHORT_WORD,
            words,
            country_suffices=not chance and not (russian and not same_words) and names_listed,
        )
        # the same legal form with the whole name misspelt is more ("Invidia Corporation" ~
        # NVIDIA CORPORATION); with a likeness by sound or a word of the language, it is not, nor
        # with a letter more or less in a word of five: LLC is the form of millions of companies,
        # and Avito LLC is not AVISTO LLC
        resized = (
            pair.how is How.TYPO
            and _differ_in_length(query_word, letters)
            and min(len(query_word), len(letters)) <= LONGEST_RESIZED_CHANCE_WORD
        )
        if len(letters) > 1 and not folded and not resized:
            return _with_same_form(query, candidate, name_score, short)
        return short
    # the same words as a listed name of one everyday Russian word (ООО «Вектор», ВЕКТОР):
    # thousands of companies have that name; a reviewer decides
    caution = ""
    if russian and not others:
        caution = f"{letters.upper()} is an everyday Russian word: not confident on it alone"
    elif _read_off_longer_word(query, pair, name_score.pairs):
        caution = f"{letters.upper()} was read off a longer word: not confident on it alone"
        # two words of the listed name met in one longer word, apart: AVIA and TERMINAL of
        # Авиатерминал in AVIA GROUP TERMINAL; the country does not make up for it
        return Basis(
            BasisKind.DISTINCTIVE, words, country_suffices=False, caution=caution, needs_more=True
        )
    return Basis(BasisKind.DISTINCTIVE, words, caution=caution)


def _names_listed_family(candidate: ComparableName, pairs: tuple[TokenPair, ...]) -> bool:
    """Whether a word of the listed family name, where the list's layout shows it, is paired,
    and not by an initial: AL-ALI is named by ALI, not by A."""
    family = listed_family_words(candidate.form.original)
    if not family:
        return True
    paired = {
        j
        for pair in pairs
        if pair.how is not How.INITIAL
        for j in range(pair.candidate_start, pair.candidate_stop)
    }
    words = zip(candidate.tokens, candidate.form.sources, strict=True)
    return any(
        j in paired
        for j, (token, source) in enumerate(words)
        if source in family or token in family
    )


def _folded_only(
    query: ComparableName, candidate: ComparableName, pairs: tuple[TokenPair, ...]
) -> bool:
    """Whether a name in Hangul meets a listed name that is not Korean only by Korean
    romanisation folds of short parts: 선진 read Son Chin is not SONG, Jing of China."""
    if "Hangul" not in query.form.scripts or candidate.korean or not pairs:
        return False
    return all(
        pair.how is How.ROMANISATION
        and len("".join(candidate.tokens[pair.candidate_start : pair.candidate_stop]))
        <= LONGEST_FOLDED_CHANCE_WORD
        for pair in pairs
    )


def person_basis(query: ComparableName, candidate: ComparableName, name_score: NameScore) -> Basis:
    """What the match of a supplier's name with a listed person's rests on: the parts of the
    name, which need more than themselves when the listed family name is left out or every part
    is met only by a Korean fold outside a Korean name."""
    if not _names_listed_family(candidate, name_score.pairs):
        family = " ".join(sorted(listed_family_words(candidate.form.original))).upper()
        caution = f"the listed family name {family} is not in the supplier's name"
        return Basis(BasisKind.NAME_PARTS, (), caution=caution, needs_more=True)
    if _folded_only(query, candidate, name_score.pairs):
        caution = "every part met only by Korean romanisation, in a name that is not Korean"
        return Basis(BasisKind.NAME_PARTS, (), caution=caution, needs_more=True)
    return Basis(BasisKind.NAME_PARTS, ())
