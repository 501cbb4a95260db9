"""A foreign person's name in Chinese characters, written by sound (贝拉克·奥巴马), against listed
persons in Latin letters by the consonants of each part (names.transcribed): the score of a
pair, and the listed persons such a name looks for."""

from __future__ import annotations

from collections import Counter, defaultdict

from screening.matching.comparable import ComparableName
from screening.matching.index import MatchIndex, kept_per_index
from screening.matching.person_parts import NO_SCORE, part_weights
from screening.matching.score import How, NameScore, TokenPair
from screening.names.arabic import LEAST_PAIRED
from screening.names.han import pinyin_words
from screening.names.scripts import Script
from screening.names.transcribed import (
    is_transcribed,
    is_undotted_transcription,
    keys_meet,
    latin_key,
    latin_spellings,
    part_readings,
    pinyin_key,
)

# A foreign name in Chinese characters whose every part meets a part of the listed name by its
# consonants (names.transcribed) scores this much, less where the listed name has more parts
# (a middle name the Chinese leaves out): a transcription says less than a spelling, so such a
# match is flagged, never confident.
TRANSCRIBED_SCORE = 90.0
TRANSCRIBED_COVERED_SCORE = 86.0
LEAST_TRANSCRIBED_KEY = 3  # one part must have this many consonant classes (Obama's two do not)


def is_transcribed_name(query: ComparableName) -> bool:
    """Whether the name is a foreign name written in Chinese characters by sound, with middle
    dots or without (is_undotted_transcription)."""
    return Script.HAN in query.form.scripts and (
        is_transcribed(query.form.original) or is_undotted_transcription(query.form.original)
    )


def transcribed_score(query: ComparableName, candidate: ComparableName) -> NameScore:
    """A foreign person's name in Chinese characters (贝拉克·奥巴马) against a listed name in
    Latin letters (Barack Obama), part by part by consonants: every part of the Chinese name
    paired, at least two, each listed part at most once. A name without dots is read each way
    it may be parted (names.transcribed.part_readings), the best reading kept."""
    return max(
        (_parts_score(parts, query, candidate) for parts in part_readings(query.form.original)),
        key=lambda name_score: name_score.score,
        default=NO_SCORE,
    )


def _parts_score(
    parts: tuple[str, ...], query: ComparableName, candidate: ComparableName
) -> NameScore:
    """The score of one reading of a transcribed name as `parts` (see transcribed_score)."""
    words = part_weights(candidate)
    listed = [(j, latin_key(token)) for j, token in enumerate(candidate.tokens) if words[j]]
    if len(parts) < LEAST_PAIRED or len(parts) > len(listed):
        return NO_SCORE
    spans = _transcribed_spans(parts, query)
    pairs: list[TokenPair] = []
    for (start, stop), part in zip(spans, parts, strict=True):
        key = pinyin_key(part)
        found = next((j for j, other in listed if keys_meet(key, other)), None)
        if found is None:
            return NO_SCORE
        listed = [(j, other) for j, other in listed if j != found]
        pairs.append(TokenPair(start, stop, found, found + 1, 1.0, How.ROMANISATION))
    if max(len(pinyin_key(part)) for part in parts) < LEAST_TRANSCRIBED_KEY:
        return NO_SCORE
    score = TRANSCRIBED_COVERED_SCORE if listed else TRANSCRIBED_SCORE
    return NameScore(score, tuple(pairs))


def transcription_candidates(index: MatchIndex, query: ComparableName) -> list[int]:
    """The listed persons' forms with a part whose key a part of a foreign name in Chinese
    characters meets class by class: two parts, or one of LEAST_TRANSCRIBED_KEY classes."""
    postings = _transcription_postings(index)
    counts: Counter[int] = Counter()
    long_key: set[int] = set()
    # a name without dots: every part of every way to part it (the scorer keeps one way)
    parts = [part for reading in part_readings(query.form.original) for part in reading]
    for part in parts:
        key = pinyin_key(part)
        found = {form_id for latin in latin_spellings(key) for form_id in postings.get(latin, ())}
        counts.update(found)
        if len(key) >= LEAST_TRANSCRIBED_KEY:
            long_key |= found
    return [
        form_id for form_id, count in counts.items() if count >= LEAST_PAIRED or form_id in long_key
    ]


def _transcribed_spans(parts: tuple[str, ...], query: ComparableName) -> list[tuple[int, int]]:
    """The query's words each part of a transcribed name was read as (a long part is read as
    two words: fula jimier), in order; every part spans all words where they do not add up."""
    spans: list[tuple[int, int]] = []
    start = 0
    for part in parts:
        stop = start + len(pinyin_words(part))
        spans.append((start, stop))
        start = stop
    if start != len(query.tokens):
        return [(0, len(query.tokens))] * len(parts)
    return spans


@kept_per_index
def _transcription_postings(index: MatchIndex) -> dict[str, list[int]]:
    """The listed persons' forms in Latin letters by the consonant key of each name part
    (names.transcribed), made when first needed."""
    postings: dict[str, list[int]] = defaultdict(list)
    for form_id, form in enumerate(index.forms):
        if index.form_is_person[form_id] and not form.form.scripts:
            # a consonant that may be left out (small letter) looked up as any other
            for key in dict.fromkeys(latin_key(token).upper() for token in form.tokens):
                postings[key].append(form_id)
    return dict(postings)
