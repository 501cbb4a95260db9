"""What every way of scoring a person's name shares (by name parts, by Arabic skeleton, by the
consonants of a transcription): the weight of each part of a name, and no score."""

from __future__ import annotations

from screening.matching.comparable import ComparableName
from screening.matching.score import NameScore
from screening.names.person_names import person_words

NO_SCORE = NameScore(0.0, ())


def part_weights(name: ComparableName) -> list[float]:
    """The weight of each part; a title (Dr, President, Shaikh) weighs nothing."""
    words = person_words()
    return [
        0.0 if words.is_title(source) else weight
        for source, weight in zip(name.form.sources, name.weights, strict=True)
    ]
