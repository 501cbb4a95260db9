"""Spellings and short forms of people's names that name one person: the romanisations of a
Korean family name (CHOE, Choi), and short forms of given names (Ted, Theodore; Misha,
Mikhail). Data in `data/given_names.toml`, with its sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from screening.names.resources import load_data


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
