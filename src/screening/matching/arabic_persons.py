"""A person's name in Arabic script against listed persons by the consonant skeleton of each part
(names.arabic): the score of a pair, and the listed persons such a name looks for."""

from __future__ import annotations

from collections import Counter, defaultdict

from screening.matching.comparable import ComparableName
from screening.matching.index import MatchIndex, kept_per_index
from screening.matching.person_parts import NO_SCORE
from screening.matching.score import How, NameScore, TokenPair
from screening.names.arabic import (
    LEAST_PAIRED,
    arabic_words,
    is_arabic,
    name_skeletons,
    part_meets,
    skeleton_pairs,
)
from screening.names.scripts import Script

# A name paired by skeleton that covers the other scores this much, the rest by the share of
# the longer name paired: less than persons.COVERED_SHARE, as a skeleton says less than a
# spelling (a listed Muhammad Ibrahim is not in every longer name with both: 2 of 4 parts
# scores 75).
SKELETON_COVERED = 0.45


def in_arabic(query: ComparableName) -> bool:
    """Whether the name has a letter of the Arabic script. The form records the scripts it was
    written in, Arabic among "Other", so a name in Latin letters (most) is told by a look at that
    tuple, not a search of its text for every pair it is scored against."""
    return Script.OTHER in query.form.scripts and is_arabic(query.form.original)


def skeleton_score(query: ComparableName, candidate: ComparableName) -> NameScore:
    """A name in Arabic script against a listed person's by consonant skeleton (names.arabic):
    every part of the shorter name paired, scored as a name that covers the other."""
    read = _arabic_read(query)
    q_parts, c_parts = name_skeletons(read), name_skeletons(candidate.tokens)
    latin = not candidate.form.scripts

    def meets(i: int, j: int) -> bool:
        return not latin or part_meets(read[i], candidate.tokens[j])

    paired = skeleton_pairs(q_parts, c_parts, meets)
    if not paired:
        return NO_SCORE
    share = len(paired) / max(len(q_parts), len(c_parts))
    pairs = tuple(TokenPair(i, i + 1, j, j + 1, 1.0, How.ROMANISATION) for i, j in paired)
    return NameScore(100.0 * (SKELETON_COVERED + (1.0 - SKELETON_COVERED) * share), pairs)


def arabic_candidates(index: MatchIndex, query: ComparableName) -> list[int]:
    """The listed persons' forms that share two parts' skeletons or more with a person's name
    in Arabic script (none for a name in another script)."""
    if not in_arabic(query):
        return []
    parts = dict.fromkeys(part for _, part in name_skeletons(_arabic_read(query)))
    if len(parts) < LEAST_PAIRED:
        return []
    postings = _skeleton_postings(index)
    counts = Counter(form_id for part in parts for form_id in postings.get(part, ()))
    return [form_id for form_id, count in counts.items() if count >= LEAST_PAIRED]


def _arabic_read(query: ComparableName) -> tuple[str, ...]:
    """The words of a name in Arabic script read with their long vowels and article (الفواز:
    "alfwaz", which anyascii reads "lfwz"), where they are the query's words one for one."""
    words = arabic_words(query.form.original)
    return words if len(words) == len(query.tokens) else query.tokens


@kept_per_index
def _skeleton_postings(index: MatchIndex) -> dict[str, list[int]]:
    """The listed persons' forms by the skeleton of each name part, made when first needed."""
    postings: dict[str, list[int]] = defaultdict(list)
    for form_id, form in enumerate(index.forms):
        if index.form_is_person[form_id]:
            for part in dict.fromkeys(part for _, part in name_skeletons(form.tokens)):
                postings[part].append(form_id)
    return dict(postings)
