"""The words of people's names that do not identify a person: titles, and particles spelled in
several ways (bin/ben/ibn, al/el). Data in `data/person_names.toml`, with its sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from screening.names.resources import load_data
from screening.names.scripts import Script, in_script


@dataclass(frozen=True, slots=True)
class PersonWords:
    titles: frozenset[str]  # forms of address and titles: Dr, Mr, President, Shaikh
    particles: dict[str, str]  # a particle -> the first spelling of its group: ben -> bin
    family_names: frozenset[str]  # in Hangul and Chinese characters, one or two of them

    def is_title(self, word: str) -> bool:
        return word in self.titles

    def particle(self, word: str) -> str | None:
        """The one spelling of a name particle ("ibn" -> "bin"), or None if not a particle."""
        return self.particles.get(word)


@cache
def person_words() -> PersonWords:
    data = load_data("person_names")
    particles = {word: group[0] for group in data["particles"]["groups"] for word in group}
    family = data["family_names"]
    return PersonWords(
        titles=frozenset(data["titles"]["words"]),
        particles=particles,
        family_names=frozenset(family["hangul"] + family["han"]),
    )


def _is_hangul_or_han(char: str) -> bool:
    return in_script(char, Script.HANGUL) or in_script(char, Script.HAN)


def with_family_name_apart(text: str) -> str | None:
    """A person's name written in Hangul or Chinese characters without a space (김정은, 习近平),
    with a space after its family name (김 정은, 习 近平), as the lists write it in Latin letters
    (KIM Jong Un, XI Jinping); None when the text is not such a name: two to four characters,
    beginning with a known family name."""
    name = text.strip()
    if not 2 <= len(name) <= 4 or not all(_is_hangul_or_han(char) for char in name):
        return None
    family_names = person_words().family_names
    for size in (2, 1):
        if len(name) > size and name[:size] in family_names:
            return f"{name[:size]} {name[size:]}"
    return None
