"""Territory names to territories at once: rigour's own name lookup transliterates all 28,000 of
its names on first use (1 s of CPU on a quiet machine, 5 s of waiting on a loaded one; profiled in
docs/benchmarks.md), while country names are nearly always written as one of those names.

The same names and the same precedence as rigour (strong names, then weak names, then places),
keyed by a cheap form of each name: accents of Latin letters dropped, case-folded, punctuation
removed, other scripts kept as written. For a name in Latin letters that form is rigour's own
key, so the answers agree (all 27,895 of rigour's names give the same territory both ways;
tests/test_territory_names.py). What only rigour's index finds is a spelling that differs from
every listed name in another script yet transliterates like one; it is never asked for: an
unknown name stays cheap.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text
from rigour.territories import get_territory, lookup_by_identifier
from rigour.territories.territory import Territory
from rigour.territories.util import SKIP_CHARACTERS
from rigour.text.translit import ascii_text

from screening.names.scripts import is_latin_text

_NAME_KINDS = ("names_strong", "names_weak", "places")  # rigour's order of precedence


def quick_territory_key(name: str) -> str:
    """ "Côte d'Ivoire" -> "cote divoire", "Białoruś" -> "bialorus": accents of Latin letters,
    case and punctuation gone, spaces squashed (marks that carry vowels in other scripts are
    kept). Latin letters that carry no separable accent (ł, ı, ø, ɛ, ŋ) are spelled in ASCII as
    rigour spells them, one letter at a time."""
    letters: list[str] = []
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(char) and letters and is_latin_text(letters[-1]):
            continue
        letters.append(char if char.isascii() else _in_ascii_if_latin(char))
    folded = unicodedata.normalize("NFKC", "".join(letters)).casefold()
    kept = "".join(
        char if char.isalnum() or unicodedata.category(char).startswith("M") else " "
        for char in folded
        if char not in SKIP_CHARACTERS
    )
    return " ".join(kept.split())


@lru_cache(maxsize=4096)
def _in_ascii_if_latin(char: str) -> str:
    """ "ł" -> "l", "ß" -> "ss"; a letter of another script as it is."""
    return (ascii_text(char) or char) if is_latin_text(char) else char


def country_of(territory: Territory) -> str:
    """The upper-case ISO-2 code of the country a territory is or lies in (Crimea, ua-cri, and
    England, gb-eng, count as their countries); "" for a historical one without such a code."""
    code = territory.code.split("-", 1)[0]
    return code.upper() if len(code) == 2 and code.isalpha() else ""


@cache
def _territory_names() -> dict[str, str]:
    """Key -> territory code, strong names first, a key taken by an earlier kind kept."""
    by_kind: dict[str, dict[str, str]] = {kind: {} for kind in _NAME_KINDS}
    for data in iter_jsonl_text(territories_jsonl()):
        code = str(data["code"])
        territory = get_territory(code)
        names = {
            "names_strong": [*data.get("names_strong", []), *_titles(territory)],
            "names_weak": data.get("names_weak", []),
            "places": data.get("places", []),
        }
        for kind in _NAME_KINDS:
            for name in names[kind]:
                by_kind[kind].setdefault(quick_territory_key(name), code)
    merged: dict[str, str] = {}
    for kind in _NAME_KINDS:
        for key, code in by_kind[kind].items():
            merged.setdefault(key, code)
    merged.pop("", None)
    return merged


def prepare_territory_names() -> None:
    """Build the quick index now (~0.3 s of CPU): in a process about to fork workers that look
    countries up, so that they share this one instead of each building its own."""
    _territory_names()


def _titles(territory: Territory | None) -> list[str]:
    return [territory.name, territory.full_name] if territory is not None else []


def lookup_territory_name(text: str) -> Territory | None:
    """The territory a name or code names, as rigour's lookup_territory gives it for its codes
    and the names it lists; without building its index of every name."""
    by_code = lookup_by_identifier(text)  # ISO-2, ISO-3, QIDs: rigour's cheap map
    if by_code is not None:
        return by_code
    code = _territory_names().get(quick_territory_key(text))
    return None if code is None else get_territory(code)
