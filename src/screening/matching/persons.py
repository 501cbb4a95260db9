"""People: when a supplier's name may be a person's, and how a person's name is scored against a
listed person's (every part of the name, not one shared surname)."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, JaroWinkler

from screening.matching.arabic_persons import arabic_candidates, in_arabic, skeleton_score
from screening.matching.comparable import (
    LONGEST_JOINED_QUERY_WORD,
    LONGEST_JOINED_WORD,
    ComparableName,
    make_comparable,
)
from screening.matching.index import MatchIndex
from screening.matching.mending import mended_against
from screening.matching.person_parts import NO_SCORE, part_weights
from screening.matching.score import (
    FOLD_SIMILARITY,
    How,
    NameScore,
    TokenPair,
    fold_similarity,
)
from screening.matching.transcribed_persons import (
    is_transcribed_name,
    transcribed_score,
    transcription_candidates,
)
from screening.names.cyrillic import other_spellings
from screening.names.given_names import looks_korean, name_forms
from screening.names.normalise import NormalisedName, normalise_person_name
from screening.names.person_names import person_words, with_family_name_apart
from screening.names.pinyin_readings import is_other_reading, pinyin_syllables
from screening.names.respell import english_spellings
from screening.names.romanise import fold
from screening.names.scripts import Script, in_script
from screening.names.tokens import split_words
from screening.names.transliterate import to_latin
from screening.names.vocabulary import WordKind
from screening.names.wade_giles import joined_given_names, wade_giles_pinyin

PERSON_PAIR_SIMILARITY = 0.8  # how closely each part of a person's name must match
# An initial stands for a name that begins with it (V. Putin ~ Vladimir Putin), less surely.
INITIAL_SIMILARITY = 0.8
# A short form stands for a full name (Ted ~ Theodore, Misha ~ Mikhail), less surely than a
# spelling: it stands for others too, and for itself.
SHORT_FORM_SIMILARITY = 0.85
# Two spellings of one name part (Schulze ~ Scholz, Sechin ~ Sechev) are alike by Jaro-Winkler,
# which weighs the beginning of a name most: from 0.84 for words of five letters or more, 0.9 for
# shorter ones, where one letter changes much (Tom ~ Tim is not the same name).
SPELLING_FLOOR = 0.84
SHORT_SPELLING_FLOOR = 0.9
SHORT_PART = 4
SHORTEST_SPELLED = 4  # shorter parts pair only exactly, by romanisation or as initials
# A word read from Cyrillic that another romanisation writes as the listed word (Пётр: pyotr,
# PETR; Сяргей: syargey, SIARHEI) is that word, as surely as two spellings of a Korean name with
# one fold key; a misspelling of another romanisation earns what the misspelling earns, no more.
ROMANISED_SIMILARITY = FOLD_SIMILARITY
# A pinyin syllable written by another romanisation (Shi for Xi) where the rest of the name is the
# same pinyin: two readings of one name, or two family names (史 Shi, 习 Xi) with one given name.
# Such a name is flagged, never confident, and only where the rest is two syllables or more (Shi
# Wei is not Xi Wei: one syllable, a given name of thousands).
PINYIN_READING_SIMILARITY = 0.8
PINYIN_READING_SCORE = 90.0
LONGEST_SYLLABLE = 7  # a romanised Korean syllable (chyeong), a pinyin one (zhuang)
# Russian family names have a feminine form: Zakharova is Zakharov's sister or wife, not him.
_MASCULINE_ENDINGS = ("ov", "ev", "yov", "in", "yn")
# ... and differ by no more than about two edits in six letters, counted anywhere in the word,
# and by no more than a third of the longer word's length.
EDIT_FLOOR = 0.66
LENGTH_DIFFERENCE = 3
FOLDED_SPELLING_PENALTY = 0.05
JOINED_FLOOR = 0.9  # parts written together (SergeiLavrov ~ Sergei Lavrov)
LONGEST_JOIN = 3
_RUN_TOGETHER = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]+$")  # SergeiLavrov, not SAMSUNG or Rostelecom
SHORTEST_JOINED_PERSON = 8  # a one-word name this long may be a person's written as one word
# A name that covers the other (Boris Johnson ~ Alexandre Boris de Pfeffel Johnson: middle names
# left out) is scored mostly on how well the shorter one is covered; two names that each have a
# part the other lacks (Mohamed ben Hamid ~ Mohamed ben Abdallah) are two people unless the rest
# outweighs it, and are scored on both sides alike.
COVERED_SHARE = 0.75
# ... and two names that each have a name of their own, not a particle, are two people (the
# sons of two fathers): their score is lowered by this factor.
BOTH_LACK_FACTOR = 0.9
_CONNECTING_PARTICLES = frozenset({"bin", "al", "van"})  # as person_names.toml spells them first
# Candidates are found by a bound on the weighted Dice coefficient of the two names; a name all
# in a longer one scores more than its Dice coefficient (above), so persons are looked for down
# to this bound: a name missing one or two listed middle names or a patronymic (Dice 0.6-0.8) is
# found. Lower bounds find more (Boris Johnson ~ Alexandre Boris de Pfeffel Johnson, Dice 0.55)
# at a cost: 0.45 made one supplier's 95th percentile twice as slow (docs/benchmarks.md).
PERSON_BOUND_FLOOR = 0.6
# An initial pairs with a whole given name, which the bound counts as unmatched: a family name
# and initials (V.V. Perfilev ~ PERFILEV, Vitalij Viktorovic, Dice bound 0.47) are looked for
# lower. Such names are few among suppliers, and their family name finds few forms.
INITIALS_BOUND_FLOOR = 0.35
_ORGANISATION_KINDS = frozenset({WordKind.GENERIC, WordKind.SECTOR, WordKind.QUALIFIER})
_PERSON_LEGAL_FORMS = frozenset({"sole-trader"})
# Russian newspapers write Korean names in the older (Kholodovich) convention, ㅓ after ㅈ, ㅊ
# and ㅅ as е: Ким Чен Ын, Ким Ир Сен for Kim Jong Un, Kim Il Sung (Kontsevich: Чон, Сон). As
# fold keys ("cen", "sen") against a Korean name's ("con", "son").
_RUSSIAN_PRESS_SYLLABLE = re.compile(r"^([cs])en$")
# One to three initials, each a letter and a dot, before or after one name of three letters
# or more: V.V. Perfilev, V. V. Perfilev, Zaldostanov A.S., Жалолов Н.К.
_DOTTED_INITIALS = re.compile(
    r"^\s*(?:(?P<before>(?:[^\W\d_]\.\s*){1,3})(?P<name>[^\W\d_][\w'’-]+)"
    r"|(?P<name2>[^\W\d_][\w'’-]+)\s+(?P<after>(?:[^\W\d_]\.\s*){1,3}))\s*$"
)
# Two or three consonants in capitals before a name written in small letters: initials (JC
# Juncker), not a family name in capitals (HAN Kwonu, RI Kwang) nor an acronym.
_RUN_INITIALS = re.compile(
    r"^\s*(?P<letters>[B-DF-HJ-NP-TV-Z]{2,3})\s+(?P<name>[A-Z][a-z][\w'’-]+)\s*$"
)
# Digits that stand in for the letters they look like, in a person's name written to slip past
# a filter (Ig0r Sech1n): a person's name has no digits of its own.
_LOOKALIKE_DIGITS = str.maketrans("01345789", "oieastbg")


def person_bound_floor(query: ComparableName) -> float:
    """The least bound (0-1) of the listed persons looked for under a person's name."""
    if any(len(token) == 1 for token in query.tokens):
        return INITIALS_BOUND_FLOOR
    return PERSON_BOUND_FLOOR


def may_be_person(query: ComparableName) -> bool:
    """Whether a supplier's name could be a person's (a sole trader): no company legal form, no
    word that only organisations use, at least two words."""
    if len(query.kinds) < 2 or not _ORGANISATION_KINDS.isdisjoint(query.kinds):
        return False
    return all(form.form_id in _PERSON_LEGAL_FORMS for form in query.form.legal_forms)


def supplier_queries(
    index: MatchIndex, form: NormalisedName
) -> tuple[ComparableName, ComparableName | None]:
    """A supplier's name made comparable with the organisations' weights, and with the persons'
    when it may be a person's name (else None)."""
    form = mended_against(index, form)
    # pinyin words of a Chinese name join into longer words than syllables written apart
    longest = LONGEST_JOINED_QUERY_WORD if "Han" in form.scripts else LONGEST_JOINED_WORD
    org_query = make_comparable(form, index.org_weights, longest_joined=longest, supplier=True)
    apart = with_family_name_apart(form.original) if form.scripts else None
    if apart is None:
        apart = _initials_apart(form.original, legal_form_after=bool(form.legal_forms))
    if apart is not None:
        person_form = normalise_person_name(apart)
        return org_query, make_comparable(person_form, index.person_weights)
    if not (may_be_person(org_query) or _may_be_joined_person(org_query)):
        return org_query, None
    if "Cyrillic" in form.scripts:
        form = form._replace(folds=tuple(_press_spelling(key) for key in form.folds))
    elif not form.scripts and (pinyin := wade_giles_pinyin(form.original)) is not None:
        form = _wade_giles_form(form.original, pinyin)
    elif not form.scripts:
        form = form._replace(folds=_latin_person_keys(form))
    return org_query, make_comparable(form, index.person_weights, longest_joined=longest)


def _wade_giles_form(original: str, pinyin: str) -> NormalisedName:
    """A Chinese name in Wade-Giles (Mao Tse-tung) as a person's name of one word per name
    (mao, tsetung), looked for by the fold keys of its pinyin (Mao Zedong)."""
    form = normalise_person_name(joined_given_names(original))._replace(original=original)
    words = pinyin.split()
    if len(words) != len(form.tokens):
        return form
    return form._replace(folds=tuple(fold(word) for word in words))


def _wade_giles_parts(name: ComparableName) -> tuple[str, ...] | None:
    """The parts of a Chinese name written in Wade-Giles (see _wade_giles_form) in pinyin."""
    pinyin = wade_giles_pinyin(name.form.original)
    if pinyin is None or len(words := tuple(pinyin.split())) != len(name.tokens):
        return None
    return words


def _latin_person_keys(form: NormalisedName) -> tuple[str, ...]:
    """The fold keys of a name's parts in Latin letters, by which listed people are looked for
    and parts compared: a short form's (Ted, Misha) that of its first full name (Theodore,
    Mikhail), a Korean family name's that of the lists' spelling (Choi, Rhee: CHOE, RI), a
    German or French spelling's that of the English one (Iwanow, Boulaiev: Ivanov, Bulayev)."""
    forms = name_forms()
    respelled = english_spellings(form.original, form.tokens) or form.tokens
    return tuple(
        fold(other)
        if (other := forms.first_full.get(token) or forms.korean_family.get(token) or spelled)
        != token
        else key
        for token, spelled, key in zip(form.tokens, respelled, form.folds, strict=True)
    )


def _press_spelling(key: str) -> str:
    """The fold key of a Korean syllable as Russian newspapers write it (Чен: "cen") as the
    Kontsevich spelling's (Чон: "con"), which is that of the lists' (Jong: "con")."""
    return _RUSSIAN_PRESS_SYLLABLE.sub(r"\1on", key)


def _initials_apart(text: str, *, legal_form_after: bool) -> str | None:
    """A family name with one to three initials written with dots (V.V. Perfilev, Иванов С.П.,
    S. HABIB), or two or three consonants before a name (JC Juncker), with the initials apart
    (V V Perfilev, J C Juncker), so that "V.V." is two initials, not a word "vv", and "S.A."
    before a name not a legal form; None when the text is not written so.
    Letters after a name that spell a legal form are one (Samsung S.A.)."""
    found = _DOTTED_INITIALS.match(text)
    if found is None:
        run = _RUN_INITIALS.match(text)
        return f"{' '.join(run.group('letters'))} {run.group('name')}" if run else None
    if found.group("after") and legal_form_after:
        return None
    initials = found.group("before") or found.group("after")
    name = found.group("name") or found.group("name2")
    letters = " ".join(initials.replace(".", " ").split())
    return f"{letters} {name}" if found.group("before") else f"{name} {letters}"


def _may_be_joined_person(query: ComparableName) -> bool:
    """Whether a one-word name may be a person's names run together, capitals showing where
    (SergeiLavrov): most one-word names are companies', and are not looked for among persons."""
    return (
        len(query.tokens) == 1
        and len(query.tokens[0]) >= SHORTEST_JOINED_PERSON
        and query.kinds[0] is WordKind.DISTINCTIVE
        and not query.form.legal_forms
        and _RUN_TOGETHER.search(query.form.original) is not None
    )


def covers_person(name_score: NameScore, candidate: ComparableName) -> bool:
    """A person matches only when most parts of their name do, not on one shared surname."""
    close = sum(1 for pair in name_score.pairs if pair.similarity >= PERSON_PAIR_SIMILARITY)
    return close >= min(2, len(candidate.tokens))


def _parts(name: ComparableName, *, korean: bool) -> tuple[list[str], tuple[str, ...]]:
    """The name's parts as compared, and their fold keys: a particle in its one spelling (ibn,
    ben -> bin), digits written for the letters they look like inside a word (Sech1n, Ig0r),
    and in a Korean name a family name in the lists' spelling (Choi, Rhee -> choe, ri)."""
    particles = person_words().particles
    parts = [particles.get(token, token) for token in name.tokens]
    if korean:
        family = name_forms().korean_family
        spelled = [family.get(part, part) for part in parts]
        if spelled != parts:
            return spelled, tuple(
                fold(part) if part != token else key
                for part, token, key in zip(spelled, parts, name.folds, strict=True)
            )
    if all(part.isalpha() for part in parts):
        return parts, name.folds
    parts = [_as_letters(part) for part in parts]
    return parts, tuple(
        fold(part) if part != token else key
        for part, token, key in zip(parts, name.tokens, name.folds, strict=True)
    )


def _as_letters(part: str) -> str:
    """A word of letters with digits standing in for letters (Sech1n -> sechin, I9or -> igor);
    a number, or a word that is mostly digits, as it is."""
    if sum(char.isalpha() for char in part) < 2 or part.isdigit():
        return part
    return part.translate(_LOOKALIKE_DIGITS)


def part_similarity(a: str, a_fold: str, b: str, b_fold: str, *, korean: bool) -> tuple[float, How]:
    """How alike two parts of people's names are (0 when not alike), and why. `a` and `b` are
    parts as compared (see _part)."""
    if a == b:
        return 1.0, How.EXACT
    if len(a) == 1 or len(b) == 1:  # an initial against a name, or two initials
        if len(a) != len(b) and a[0] == b[0]:
            return INITIAL_SIMILARITY, How.INITIAL
        return 0.0, How.TYPO
    if a_fold == b_fold:
        folded = fold_similarity(a, b, korean=korean)
        if korean or len(a) != len(b) or len(a) <= SHORT_PART or a[0] != b[0]:
            return folded, How.ROMANISATION
        # a fold key met by chance in a longer name, one letter for another the key merges
        # (Nadal ~ Nadar, Putin ~ Pudin: l and r, t and d), earns no less than the spelling
        # earns; not a syllable's ending (Chen ~ Cheng, two Chinese names) or first letter
        spelled, how = _spelling_similarity(a, a_fold, b, b_fold, korean=False)
        return (spelled, how) if spelled > folded else (folded, How.ROMANISATION)
    return _spelling_similarity(a, a_fold, b, b_fold, korean=korean)


def _spelling_similarity(
    a: str, a_fold: str, b: str, b_fold: str, *, korean: bool
) -> tuple[float, How]:
    """How alike two different spellings of one name part are, by their letters; x is ks (кс)
    in both (Alexey ~ Aleksei)."""
    if ("x" in a) != ("x" in b):
        a, b = a.replace("x", "ks"), b.replace("x", "ks")
    if min(len(a), len(b)) < SHORTEST_SPELLED:
        # syllables (Ji, Jin, Hun, Bin) differ by a letter and are different names
        return 0.0, How.TYPO
    if _gender_forms(a, b):
        return 0.0, How.TYPO
    if abs(len(a) - len(b)) * LENGTH_DIFFERENCE > max(len(a), len(b)):
        # a name and a longer one that begins alike (Oleksandr, Oleksandrovych)
        return 0.0, How.TYPO
    # Romanisation fold keys merge l and r, k and g...: a fair way to compare two spellings of
    # a Korean name, a way to make Castillo look like Castro in others.
    edits = OSA.normalized_similarity(a, b)
    similarity = JaroWinkler.normalized_similarity(a, b)
    if korean:
        edits = max(edits, OSA.normalized_similarity(a_fold, b_fold))
        similarity = max(
            similarity,
            JaroWinkler.normalized_similarity(a_fold, b_fold) - FOLDED_SPELLING_PENALTY,
        )
    if edits < EDIT_FLOOR:
        return 0.0, How.TYPO  # alike at the start only (Castillo ~ Castro, Orbach ~ Orban)
    floor = SHORT_SPELLING_FLOOR if min(len(a), len(b)) <= SHORT_PART else SPELLING_FLOOR
    return (similarity, How.TYPO) if similarity >= floor else (0.0, How.TYPO)


@lru_cache(maxsize=16384)
def _romanisations(word: str) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """A word read from Cyrillic's other romanisations (cyrillic.other_spellings, as the
    candidates look them up), their first letters, and the romanisations as a sequence."""
    spellings = other_spellings(word)
    return frozenset(spellings), frozenset(spelling[0] for spelling in spellings), spellings


def _romanised_similarity(a: str, b: str, b_fold: str) -> float:
    """How alike a word read from Cyrillic (`a`) is to a listed word in Latin letters when the
    word is written by another romanisation: ROMANISED_SIMILARITY when one writes it so, a
    misspelling's similarity (the closest romanisation's) when one is that close, else 0."""
    spellings, initials, ordered = _romanisations(a)
    if b in spellings:
        return ROMANISED_SIMILARITY
    if not b or b[0] not in initials or len(b) < SHORTEST_SPELLED:
        # a misspelling of another first letter is not looked for: most listed words begin
        # otherwise, and are passed over without comparing 128 spellings
        return 0.0
    closest = process.extractOne(
        b, ordered, scorer=OSA.normalized_similarity, score_cutoff=EDIT_FLOOR
    )
    if closest is None:
        return 0.0
    spelled, _ = _spelling_similarity(closest[0], fold(closest[0]), b, b_fold, korean=False)
    return min(spelled, ROMANISED_SIMILARITY)


def _one_inner_letter_changed(a: str, b: str) -> bool:
    """Whether two words of four letters differ in one letter, neither the first nor the last."""
    return (
        len(a) == len(b) == SHORT_PART
        and a[0] == b[0]
        and a[-1] == b[-1]
        and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    )


def _nasal_endings_differ(a: str, b: str) -> bool:
    """Whether two syllables end one in n, the other in ng, and are written otherwise besides
    (Joon, Chung): two romanised syllables; a g left out and nothing else (Jon, Jong) may be a
    slip of the pen."""
    return (
        max(len(a), len(b)) <= LONGEST_SYLLABLE
        and a[-1:] in "gn"
        and b[-1:] in "gn"
        and a.endswith("ng") != b.endswith("ng")
        and OSA.distance(a, b) > 1
    )


def _rest_is_pinyin_alike(
    query: tuple[list[str], list[float], int], candidate: tuple[list[str], list[float], int]
) -> bool:
    """Whether two names but for one part each (given as parts, weights and that part) are the
    same pinyin words: Shi Jinping and Xi Jinping differ only in Shi ~ Xi."""

    def rest(parts: list[str], weights: list[float], left_out: int) -> list[str]:
        return sorted(
            part
            for k, (part, weight) in enumerate(zip(parts, weights, strict=True))
            if weight and k != left_out
        )

    others = rest(*query)
    if not others or others != rest(*candidate):
        return False
    syllables = [pinyin_syllables(part) for part in others]
    return all(syllables) and sum(syllables) >= 2


def _gender_forms(a: str, b: str) -> bool:
    """Whether two family names are the masculine and feminine forms of one Russian name."""
    shorter, longer = sorted((a, b), key=len)
    return longer == shorter + "a" and shorter.endswith(_MASCULINE_ENDINGS)


# (gain, similarity, query start, query stop, candidate start, candidate stop, how)
_Option = tuple[float, float, int, int, int, int, How]


def _joined_options(
    singles: ComparableName,
    runs: ComparableName,
    weights: tuple[list[float], list[float]],
    *,
    korean: bool,
) -> list[tuple[float, int, int, int]]:
    """(similarity, single part, run start, run stop) of a part of one name that is a run of
    parts of the other written together. A Korean syllable may be one letter (Kwon U, Kwonu)."""
    shortest = 1 if korean else 2
    found = []
    single_weights, run_weights = weights
    others = frozenset(runs.tokens)
    for i, token in enumerate(singles.tokens):
        if len(token) < 4 or not single_weights[i] or token in others:
            continue
        for start in range(len(runs.tokens) - 1):
            best: tuple[float, int, int, int] | None = None  # the closest run from `start`
            for stop in range(start + 2, min(start + LONGEST_JOIN, len(runs.tokens)) + 1):
                if len(runs.tokens[stop - 1]) < shortest or len(runs.tokens[start]) < shortest:
                    break
                text = "".join(runs.tokens[start:stop])
                if abs(len(text) - len(token)) > 2:
                    continue
                if token[0] != text[0] and not singles.folds[i].startswith(runs.folds[start]):
                    # the run's first part begins the part, as written or by romanisation (not
                    # Ri Yong Gi ~ Yonggi)
                    continue
                # Korean syllables a letter apart are other syllables (Sungu is not Sung Su):
                # a Korean name's run is its part as written or by romanisation only
                similarity = (
                    float(token == text)
                    if korean
                    else JaroWinkler.normalized_similarity(token, text)
                )
                if similarity < JOINED_FLOOR and singles.folds[i] == fold(text):
                    similarity = fold_similarity(token, text, korean=True)
                if (
                    similarity >= JOINED_FLOOR
                    and all(run_weights[start:stop])
                    and (best is None or similarity > best[0])
                ):
                    best = (similarity, i, start, stop)
            if best is not None:
                # not a longer run that is only alike (Myongsu ~ Myong Su Ri) when a shorter
                # one is closer (Myong Su)
                found.append(best)
    return found


def _joins_possible(options: list[_Option], q_weights: list[float], c_weights: list[float]) -> bool:
    """Whether a part of one name lacks a close pair and a part of the other an exact one."""
    close_query = {option[2] for option in options if option[1] >= JOINED_FLOOR}
    close_candidate = {option[4] for option in options if option[1] >= JOINED_FLOOR}
    exact_query = {option[2] for option in options if option[1] >= 1.0}
    exact_candidate = {option[4] for option in options if option[1] >= 1.0}

    def lacking(weights: list[float], paired: set[int]) -> bool:
        return any(weight and i not in paired for i, weight in enumerate(weights))

    return (lacking(q_weights, close_query) and lacking(c_weights, exact_candidate)) or (
        lacking(c_weights, close_candidate) and lacking(q_weights, exact_query)
    )


def score_person(query: ComparableName, candidate: ComparableName) -> NameScore:
    """A supplier's name (made with the persons' weights) against a listed person's name, part by
    part in any order: 0 unless at least two parts of the listed name (or its only part) match.

    Each part of one name pairs with at most one part of the other, or with a run of its parts
    written together, greedily by weight matched; initials, particles (bin ~ ibn), romanisation
    and spelling count. The score is the weighted share of each name that is paired: mostly the
    better covered one's when the other only adds parts, both alike when both have parts of
    their own."""
    if in_arabic(query) and (by_skeleton := skeleton_score(query, candidate)).score:
        return by_skeleton
    if (
        is_transcribed_name(query)
        and not candidate.form.scripts
        and (by_consonants := transcribed_score(query, candidate)).score
    ):
        return by_consonants
    korean = candidate.korean or "Hangul" in query.form.scripts
    written_alike = not (query.form.scripts or candidate.form.scripts)
    # two names in Latin letters written as Korean names have their parts spelled as Korean
    # syllables, however the list ties the entry (Kim Jeong-eun ~ KIM Jong Un: Revised and
    # McCune-Reischauer); what a Korean name may leave out stays the tied entry's rule
    korean_spelling = korean or (
        written_alike and looks_korean(query.tokens) and looks_korean(candidate.tokens)
    )
    # a name read from Cyrillic against a listed one in Latin letters: other romanisations too
    from_cyrillic = "Cyrillic" in query.form.scripts and not candidate.form.scripts
    # a pinyin word read from characters and one letter off a listed part is another character,
    # not a misspelling (鲁泰 Lutai is not Lu'ai), as in organisations' names (score.py)
    from_han = "Han" in query.form.scripts and not candidate.korean
    q_weights, c_weights = part_weights(query), part_weights(candidate)
    options: list[_Option] = []
    read_otherwise: set[tuple[int, int]] = set()  # parts paired as a pinyin reading (Shi ~ Xi)
    (q_parts, q_folds) = _parts(query, korean=korean_spelling)
    (c_parts, c_folds) = _parts(candidate, korean=korean_spelling)
    forms = name_forms()
    latin = written_alike and not korean
    # both in a script that writes no short vowels: a word is its consonants, and two of them
    # changed make another name (پزشک‌فر, Pezeshkfar, is not پزشکیان, Pezeshkian)
    unvowelled = in_arabic(query) and in_arabic(candidate)
    # a German or French spelling is compared as the English one too (Timour ~ Timur), a
    # Chinese name in Wade-Giles as pinyin (Chou ~ Zhou: not French)
    respelled = (
        None
        if query.form.scripts
        else _wade_giles_parts(query) or english_spellings(query.form.original, tuple(q_parts))
    )
    for i, (a, a_fold) in enumerate(zip(q_parts, q_folds, strict=True)):
        if not q_weights[i]:
            continue
        english = respelled[i] if respelled and respelled[i] != a else None
        for j, (b, b_fold) in enumerate(zip(c_parts, c_folds, strict=True)):
            if not c_weights[j]:
                continue
            if forms.is_short_form(query.tokens[i], candidate.tokens[j]):
                similarity, how = SHORT_FORM_SIMILARITY, How.SHORT_FORM
            else:
                similarity, how = part_similarity(a, a_fold, b, b_fold, korean=korean_spelling)
                if unvowelled and how is How.TYPO and OSA.distance(a, b) > 1:
                    similarity = 0.0
                if from_han and how is How.TYPO and _read_from_characters(query, i):
                    similarity = 0.0
                if not similarity and latin and _one_inner_letter_changed(a, b):
                    # a name of four letters, one letter inside it changed (Cook ~ Cock):
                    # both ends kept, more likely a misspelling than another name; not in a
                    # script that writes no vowels (Arabic sltn ~ slmn) nor a Korean syllable
                    similarity, how = SHORT_SPELLING_FLOOR, How.TYPO
                if english is not None and similarity < 1.0 and not _gender_forms(a, b):
                    spelled, _ = part_similarity(english, a_fold, b, b_fold, korean=korean_spelling)
                    if spelled > similarity:
                        similarity, how = spelled, How.ROMANISATION
                if from_cyrillic and similarity < ROMANISED_SIMILARITY:
                    romanised = _romanised_similarity(a, b, b_fold)
                    if romanised > similarity:
                        similarity, how = romanised, How.ROMANISATION
                if korean_spelling and written_alike and _nasal_endings_differ(a, b):
                    # a Korean syllable ending in n is not one ending in ng (Joon ~ Chung,
                    # 준 ~ 정), though the fold keys merge them for Russian spellings (Чон)
                    similarity = 0.0
                if (
                    not similarity
                    and latin
                    and is_other_reading(a, b)
                    and _rest_is_pinyin_alike((q_parts, q_weights, i), (c_parts, c_weights, j))
                ):
                    similarity, how = PINYIN_READING_SIMILARITY, How.ROMANISATION
                    read_otherwise.add((i, j))
            if similarity:
                gain = similarity * (q_weights[i] + c_weights[j])
                options.append((gain, similarity, i, i + 1, j, j + 1, how))
    # parts written together are looked for only where a part of one name has no close pair
    # and a part of the other no exact one: the other's run of parts may be written as one
    # part whose close pair is only a spelling of the run's first part (Kwangil ~ Kwang, where
    # KWANG-IL is Kwang and Il)
    fewer = _joins_possible(options, q_weights, c_weights)
    joined_query = (
        _joined_options(query, candidate, (q_weights, c_weights), korean=korean) if fewer else []
    )
    joined_candidate = (
        _joined_options(candidate, query, (c_weights, q_weights), korean=korean) if fewer else []
    )
    for similarity, i, start, stop in joined_query:
        gain = similarity * (q_weights[i] + sum(c_weights[start:stop]))
        options.append((gain, similarity, i, i + 1, start, stop, How.JOINED))
    for similarity, j, start, stop in joined_candidate:
        gain = similarity * (c_weights[j] + sum(q_weights[start:stop]))
        options.append((gain, similarity, start, stop, j, j + 1, How.JOINED))
    options.sort(key=lambda option: option[0], reverse=True)
    used_query = [False] * len(q_weights)
    used_candidate = [False] * len(c_weights)
    pairs: list[TokenPair] = []
    q_matched = c_matched = 0.0
    for _, similarity, q_start, q_stop, c_start, c_stop, how in options:
        if any(used_query[q_start:q_stop]) or any(used_candidate[c_start:c_stop]):
            continue
        used_query[q_start:q_stop] = [True] * (q_stop - q_start)
        used_candidate[c_start:c_stop] = [True] * (c_stop - c_start)
        q_matched += similarity * sum(q_weights[q_start:q_stop])
        c_matched += similarity * sum(c_weights[c_start:c_stop])
        pairs.append(TokenPair(q_start, q_stop, c_start, c_stop, similarity, how))
    if not korean:  # a Korean syllable may be spelt as a particle (KO TAE BIN)
        q_weights = _particles_left_out(query, used_query, q_weights)
        c_weights = _particles_left_out(candidate, used_candidate, c_weights)
    # (a name of one part is in many: "Mohamed Mohamed" is not the listed MOHAMED)
    if _all_paired(used_query, q_weights) and sum(map(bool, q_weights)) >= 2:
        c_weights = _repeats_left_out(candidate, used_candidate, c_weights)
    elif _all_paired(used_candidate, c_weights) and sum(map(bool, c_weights)) >= 2:
        q_weights = _repeats_left_out(query, used_query, q_weights)
    q_total, c_total = sum(q_weights), sum(c_weights)
    if not q_total or not c_total:
        return NO_SCORE
    q_covered = all(used or not weight for used, weight in zip(used_query, q_weights, strict=True))
    c_covered = all(
        used or not weight for used, weight in zip(used_candidate, c_weights, strict=True)
    )
    q_share, c_share = q_matched / q_total, c_matched / c_total
    covered_parts = sum(
        1
        for used, weight in zip(
            used_query if q_covered else used_candidate,
            q_weights if q_covered else c_weights,
            strict=True,
        )
        if used and weight
    )
    if (
        q_covered != c_covered
        and covered_parts >= 2  # one name, "HASSAN", is in many: it is not a person's whole name
        and _may_leave_parts_out(query, candidate, used_candidate, korean=korean)
    ):
        covered, other = (q_share, c_share) if q_covered else (c_share, q_share)
        score = 100.0 * (COVERED_SHARE * covered + (1.0 - COVERED_SHARE) * other)
    elif q_covered and c_covered:
        score = 100.0 * (q_share + c_share) / 2.0
    else:  # a name has a part the other lacks: a short or common part still tells them apart
        score = 100.0 * min(
            (q_share + c_share) / 2.0, _counted_share(query, candidate, q_weights, c_weights, pairs)
        )
        if _lacks_a_name(query, used_query, q_weights) and _lacks_a_name(
            candidate, used_candidate, c_weights
        ):
            # each has a name the other lacks (Mohammed Qasim Mir Abdul Khudai Rahim, ... Mir
            # Wali Khudai Rahim; Saif-al-Din ... al-Mosuli, ... al-Rawi): two people
            score *= BOTH_LACK_FACTOR
    if "Hangul" in query.form.scripts and "Hangul" in candidate.form.scripts:
        # written alike, the same name however it romanises; else no more alike than written
        hangul = _hangul_similarity(query.form.original, candidate.form.original)
        score = 100.0 if hangul == 1.0 else min(score, 100.0 * hangul)
    if read_otherwise and any(
        (pair.query_start, pair.candidate_start) in read_otherwise for pair in pairs
    ):
        score = min(score, PINYIN_READING_SCORE)
    name_score = NameScore(min(100.0, score), tuple(pairs))
    close = sum(
        pair.candidate_stop - pair.candidate_start
        for pair in pairs
        if pair.similarity >= PERSON_PAIR_SIMILARITY
    )
    parts = sum(1 for weight in c_weights if weight)
    if close < min(2, parts) or _one_name_misspelt(candidate, c_weights, pairs):
        return NO_SCORE
    return name_score


def _read_from_characters(name: ComparableName, i: int) -> bool:
    """Whether the name's i-th part was read from characters, not written in Latin letters
    (the class letter of 鲁泰A is written)."""
    return name.form.sources[i] not in name.form.original.lower()


def skeleton_candidates(index: MatchIndex, query: ComparableName) -> list[int]:
    """The listed persons' forms that share two parts' skeletons or more with a person's name
    in Arabic script, or whose parts' consonants a foreign name in Chinese characters meets
    (none for a name in another script): the index's fold keys are of Latin spellings, which
    neither meets."""
    if is_transcribed_name(query):
        return transcription_candidates(index, query)
    return arabic_candidates(index, query)


def _one_name_misspelt(
    candidate: ComparableName, weights: list[float], pairs: list[TokenPair]
) -> bool:
    """Whether the listed name has one name besides particles (AL-HASAN) and it pairs only as
    a misspelling: one name alike is many people's (Al Hanan is not AL-HASAN); romanised or
    written together it is still that name (김 정은 ~ 김정은)."""
    particles = person_words().particles
    named = [
        j
        for j, (token, weight) in enumerate(zip(candidate.tokens, weights, strict=True))
        if weight and particles.get(token) not in _CONNECTING_PARTICLES
    ]
    if len(named) != 1:
        return False
    return not any(
        pair.candidate_start <= named[0] < pair.candidate_stop
        and (pair.similarity >= 1.0 or pair.how is not How.TYPO)
        for pair in pairs
    )


def _all_paired(used: list[bool], weights: list[float]) -> bool:
    return all(is_used or not weight for is_used, weight in zip(used, weights, strict=True))


def _particles_left_out(
    name: ComparableName, used: list[bool], weights: list[float]
) -> list[float]:
    """The weights of a name's parts, none for an unpaired connecting particle, which names no
    one (the "bin ... ibn" of Usama bin Muhammad ibn Awad ibn Ladin); a last part connects
    nothing (KO TAE BIN)."""
    particles = person_words().particles
    last = len(name.tokens) - 1
    return [
        0.0
        if not is_used and i < last and particles.get(token) in _CONNECTING_PARTICLES
        else weight
        for i, (token, is_used, weight) in enumerate(zip(name.tokens, used, weights, strict=True))
    ]


def _repeats_left_out(name: ComparableName, used: list[bool], weights: list[float]) -> list[float]:
    """The weights of a name's parts, none for an unpaired part that repeats a paired one (ABDUL
    AZIZ Aziz NOORISTANI): only where it is all the name has that the other lacks (the caller
    says), not beside a name of its own (ABDUL KABIR ABDUL JAN ~ ABDUL KABIR MOHAMMAD JAN)."""
    paired = {token for token, is_used in zip(name.tokens, used, strict=True) if is_used}
    return [
        0.0 if not is_used and token in paired else weight
        for token, is_used, weight in zip(name.tokens, used, weights, strict=True)
    ]


def _hangul_similarity(a: str, b: str) -> float:
    """How alike two names written in Hangul are, syllable by syllable: romanised, two
    syllables may be spelt alike (정 and 종 are both Jong), written, they are not."""
    return Indel.normalized_similarity(
        [char for char in a if in_script(char, Script.HANGUL)],
        [char for char in b if in_script(char, Script.HANGUL)],
    )


def _lacks_a_name(name: ComparableName, used: list[bool], weights: list[float]) -> bool:
    """Whether a part of the name that is not a connecting particle (al, bin, von) is left
    unpaired: Abdul, Abu begin a name of their own (Abdul Rahman, Abu Bakr)."""
    particles = person_words().particles
    return any(
        weight and not paired and particles.get(token) not in _CONNECTING_PARTICLES
        for token, paired, weight in zip(name.tokens, used, weights, strict=True)
    )


def _counted_share(
    query: ComparableName,
    candidate: ComparableName,
    q_weights: list[float],
    c_weights: list[float],
    pairs: list[TokenPair],
) -> float:
    """The share of both names' parts paired, each part counting one whatever it weighs, titles
    and particles none: Kim Jong Un and Kim Yo Jong share two parts of three."""
    particles = person_words().particles

    def counts(name: ComparableName, weights: list[float]) -> list[float]:
        return [
            0.0 if not weight or token in particles else 1.0
            for token, weight in zip(name.tokens, weights, strict=True)
        ]

    q_counts, c_counts = counts(query, q_weights), counts(candidate, c_weights)
    paired = sum(
        pair.similarity
        * (
            sum(q_counts[pair.query_start : pair.query_stop])
            + sum(c_counts[pair.candidate_start : pair.candidate_stop])
        )
        for pair in pairs
    )
    total = sum(q_counts) + sum(c_counts)
    return paired / total if total else 0.0


def _may_leave_parts_out(
    query: ComparableName, candidate: ComparableName, used_candidate: list[bool], *, korean: bool
) -> bool:
    """Whether one name may be the other with parts left out (middle names, patronymics): not a
    Korean or Chinese name, which has none (Ryu Woo-jin is not Ryu Jin), and only when the
    listed family name, where the list shows it, is paired (Lin Na is not Wei Lin Na)."""
    if korean or not {"Hangul", "Han"}.isdisjoint(query.form.scripts):
        return False
    family = listed_family_words(candidate.form.original)
    return all(
        used
        for token, source, used in zip(
            candidate.tokens, candidate.form.sources, used_candidate, strict=True
        )
        if source in family or token in family
    )


def listed_family_words(listed: str) -> frozenset[str]:
    """The words of a listed family name where the list's layout shows it: before a comma
    (OFAC "ZAKHAROV, Nikita"), or in capitals among words that are not (UK "Nikita ZAKHAROV")."""
    if "," in listed:
        return frozenset(split_words(to_latin(listed.split(",", 1)[0])[0].lower())[0])
    words = listed.split()
    capitals = [word for word in words if word.isupper() and len(word) > 1]
    if capitals and len(capitals) < len(words):
        return frozenset(split_words(to_latin(" ".join(capitals))[0].lower())[0])
    return frozenset()
