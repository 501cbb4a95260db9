"""The words of people's names that do not identify a person: titles, and particles spelled in
several ways (bin/ben/ibn, al/el). Data in `data/person_names.toml`, with its sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from screening.names.resources import load_data


@dataclass(frozen=True, slots=True)
class PersonWords:
    titles: frozenset[str]  # forms of address and titles: Dr, Mr, President, Shaikh
    particles: dict[str, str]  # a particle -> the first spelling of its group: ben -> bin

    def is_title(self, word: str) -> bool:
        return word in self.titles

    def particle(self, word: str) -> str | None:
        """The one spelling of a name particle ("ibn" -> "bin"), or None if not a particle."""
        return self.particles.get(word)


@cache
def person_words() -> PersonWords:
    data = load_data("person_names")
    particles = {word: group[0] for group in data["particles"]["groups"] for word in group}
    return PersonWords(titles=frozenset(data["titles"]["words"]), particles=particles)
