"""Spellings and short forms of people's names that name one person: the romanisations of a
Korean family name (CHOE, Choi), and short forms of given names (Ted, Theodore; Misha,
Mikhail). Data in `data/given_names.toml`, with its sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from screening.names.resources import load_data

# One or two syllables of Korean as McCune-Reischauer (apostrophes and breves dropped) or the
# Revised Romanization writes them: a consonant or none, a vowel, a final consonant or none; not
# e alone (ㅔ, rare in names), which Chinese names have (Chen, Cheng).
_KOREAN_SYLLABLE = (
    r"(?:kk|gg|ss|jj|tt|pp|ch|sh|k|g|n|d|t|r|l|m|b|p|s|j|h)?"
    r"(?:yae|yeo|wae|woo|ae|ya|eo|ye|yo|wa|oe|wo|we|wi|yu|eu|ui|oo|ee|ou|a|o|u|i)"
    r"(?:ng|n|k|l|m|p|t)?"
)
_KOREAN_PART = re.compile(f"(?:{_KOREAN_SYLLABLE}){{1,2}}")


@dataclass(frozen=True, slots=True)
class NameForms:
    korean_family: dict[str, str]  # a spelling of a Korean family name -> the lists' spelling
    short_forms: dict[str, frozenset[str]]  # a short form -> the full names it stands for
    first_full: dict[str, str]  # a short form -> the first full name it stands for

    def is_short_form(self, a: str, b: str) -> bool:
        """Whether one of two lower-case name parts is a short form of the other."""
        return b in self.short_forms.get(a, ()) or a in self.short_forms.get(b, ())


@cache
def name_forms() -> NameForms:
    data = load_data("given_names")
    korean = {
        spelling: group[0] for group in data["korean_family_names"]["groups"] for spelling in group
    }
    short = data["short_forms"]
    return NameForms(
        korean_family=korean,
        short_forms={form: frozenset(names) for form, names in short.items()},
        first_full={form: names[0] for form, names in short.items()},
    )


@lru_cache(maxsize=16384)
def looks_korean(parts: Sequence[str]) -> bool:
    """Whether a name in Latin letters (its lower-case parts, in order) is written as a Korean
    name: two to four parts, a Korean family name first or last, and each part one or two
    romanised Korean syllables (Park Chung-hee, Kim Yeo Jeong, Jong Un Kim)."""
    family = name_forms().korean_family
    return (
        2 <= len(parts) <= 4
        and (parts[0] in family or parts[-1] in family)
        and all(part in family or _KOREAN_PART.fullmatch(part) for part in parts)
    )
