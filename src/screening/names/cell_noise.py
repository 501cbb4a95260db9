"""A supplier's name cell read apart from what sheets write beside the name: the ship's IMO
number and flag, and the parts that say where or to whom ("Attn: Sales Dept.", "Dandong branch",
"(Procurement Department, Vientiane)", "Accounts of ...").

Only a part of the cell set off by punctuation (or a note before "of") and made entirely of
such words is left out: a place or a department word inside the name itself ("Dandong Hongxiang
Industrial", "Department of Space Technology") stays, and a cell made only of such words is read
as it is.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from screening.names.resources import load_data

# "IMO 8605026", "IMO:8909915", "IMO No. 9078191": the ship's seven-digit number (IMO A.1078)
_IMO = re.compile(r"\bIMO\s*(?:No\.?|number)?\s*[:#.]?\s*(\d{7})\b", re.IGNORECASE)
# "(Panama flag)", "flag: Iran", ", Cambodia flag": the flag a ship sails under
_FLAG = re.compile(
    r"\(\s*[^()]*?\bflag\s*\)|\bflag\s*:\s*[^,;/()\n]*|[,;/]\s*[^,;/()\n]*?\bflag\b", re.IGNORECASE
)
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
# what sets a part of the cell off: a comma, semicolon, colon, slash, line break, a lone dash
_SEPARATOR = re.compile(r"\s*(?:[,;:\n\r•]|(?<=\s)[-/]|[-/](?=\s|$)|^-(?=\s))\s*")
_CARE_OF = re.compile(r"\bc/o\b", re.IGNORECASE)
_NOTE_BEFORE_OF = re.compile(r"^(.+?)\s+of\s+(.+)$", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[^\W_]+")
_WHOLLY_BRACKETED = re.compile(r"^\s*(?:\(([^()]*[^\W_][^()]*)\)|\[([^\[\]]*[^\W_][^\[\]]*)\])\s*$")
# a cell with none of these (nor " of ", "IMO", "flag") cannot hold what this module leaves out
_PUNCTUATION = re.compile(r"[,;:/\n\r()\[\]•]")


class NameCell(NamedTuple):
    name: str  # the cell without the ship's number and flag and the parts that say where
    imo_numbers: tuple[str, ...]  # IMO ship numbers written in the cell


class _Noise(NamedTuple):
    words: frozenset[str]  # places, qualifiers, departments, addressing and function words
    naming: frozenset[str]  # the words of those that say where or to whom on their own
    departments: frozenset[str]
    opens_names: frozenset[str]


@cache
def _noise() -> _Noise:
    data = load_data("cell_noise")
    places = load_data("places")["words"]
    qualifiers = load_data("vocabulary")["qualifier"]["words"]
    departments = frozenset(data["departments"])
    naming = frozenset(
        [*places, *data["places"], *qualifiers, *departments, *data["addressing"], *data["roles"]]
    )
    return _Noise(
        words=naming | frozenset(data["function_words"]),
        naming=naming,
        departments=departments | frozenset(qualifiers),
        opens_names=frozenset(data["opens_names"]),
    )


def _is_noise(text: str) -> bool:
    """Whether a part of the cell is made only of words that say where or to whom (and at least
    one that is not a number)."""
    noise = _noise()
    named = False
    for word in _WORD.findall(text.lower()):
        if word in noise.naming:
            named = True
        elif word not in noise.words and not word.isdigit():
            return False
    return named


def _without_note_before_of(text: str) -> str:
    """ "Accounts of WT Marine" -> "WT Marine"; "Department of Space Technology" stays."""
    found = _NOTE_BEFORE_OF.match(text)
    if found is None:
        return text
    note_words = [word for word in _WORD.findall(found.group(1).lower()) if not word.isdigit()]
    noise = _noise()
    if (
        note_words
        and _is_noise(found.group(1))
        and not noise.departments.isdisjoint(note_words)
        and noise.opens_names.isdisjoint(note_words)
        and _WORD.search(found.group(2))
    ):
        return found.group(2)
    return text


def imo_numbers(text: str) -> tuple[str, ...]:
    """The IMO ship numbers a name cell gives ("M/V Samwoo / IMO 8605026")."""
    return tuple(_IMO.findall(text)) if "imo" in text.lower() else ()


def _unwrapped(text: str) -> str:
    """A cell written wholly in brackets, "[ACME TRADING]", without them: brackets around the
    whole name set nothing apart from it."""
    found = _WHOLLY_BRACKETED.match(text)
    if found is None:
        return text
    return found.group(1) or found.group(2)


def read_name_cell(text: str) -> NameCell:
    """The name in a supplier's name cell, and the IMO numbers the cell gives."""
    if "(" in text or "[" in text:
        text = _unwrapped(text)
    lower = text.lower()
    marked = _PUNCTUATION.search(text) is not None or " -" in text or "- " in text
    if not (marked or " of " in lower or "imo" in lower or "flag" in lower):
        return NameCell(text, ())
    numbers = imo_numbers(text)
    name = _IMO.sub(" ", text) if numbers else text
    if "flag" in lower:
        name = _FLAG.sub(" ", name)
    if "c/o" in lower:
        name = _CARE_OF.sub(" ", name)
    if _noise().naming.isdisjoint(_WORD.findall(name.lower())):
        # no word that could say where or to whom
        return NameCell(text if name == text else name.strip(), numbers)
    if "(" in name or "[" in name:
        name = _BRACKETED.sub(
            lambda found: " " if _is_noise(found.group(1)) else found.group(0), name
        )
    parts = [part for part in _SEPARATOR.split(name) if _WORD.search(part)]
    kept = [part for part in parts if not _is_noise(part)]
    if not kept:
        return NameCell(text, numbers)
    if " of " in kept[0].lower():
        kept[0] = _without_note_before_of(kept[0])
    if len(kept) == len(parts) and not numbers and name == text and kept[0] == parts[0]:
        return NameCell(text, ())  # nothing left out: the cell as written
    return NameCell(" ".join(part.strip() for part in kept), numbers)


_PARTS = re.compile(r"^([^()\[\]]+)[(\[]([^()\[\]]+)[)\]]\s*([^()\[\]]*)$")
# a ship's name with its prefix (M/V, MV, M.V., MT, M/T, MS, SS), then what a shipping sheet
# writes after it: "M/V FIROUZEH, flag: Iran / owner: ISLAMIC REPUBLIC OF IRAN SHIPPING LINES"
_VESSEL_FIRST = re.compile(
    r"^\s*(m\.?\s?[/.]?\s?[vts]\.?|mts|ss)\s+[^,;/\n\r]*?[^\W_][^,;/\n\r]*?"
    r"(?=\s*(?:[,;/\n\r]|\s-\s))",
    re.IGNORECASE,
)


def bracketed_parts(text: str) -> tuple[str, ...]:
    """The two names a cell gives as "NAME (OTHER NAME)": "CHAM (AL SHAM COMPANY)" -> ("CHAM",
    "AL SHAM COMPANY"), each to be screened on its own as well as the whole cell; () for a cell
    without one bracketed part, or with a part of no letters."""
    if "(" not in text and "[" not in text:
        return ()
    found = _PARTS.match(text)
    if found is None:
        return ()
    outside = f"{found.group(1)} {found.group(3)}".strip()
    inside = found.group(2).strip()
    # a letter or two in brackets is a mark, not a name: "(M)" for Malaysia, "(HK)"
    if len("".join(_WORD.findall(inside))) < 3 or not _WORD.search(outside) or inside.isdigit():
        return ()
    return (outside, inside)


def vessel_and_owner(text: str) -> tuple[str, ...]:
    """The vessel and the rest of a cell that names a ship first and then its owner or manager:
    "MT Marivan / owner: NATIONAL IRANIAN TANKER COMPANY" -> ("MT Marivan", "owner: NATIONAL
    IRANIAN TANKER COMPANY") (read as a name cell, the "owner:" label is left out); () for any
    other cell. Each is screened on its own as well as the whole cell: together they are two
    names that score as neither."""
    found = _VESSEL_FIRST.match(text)
    if found is None:
        return ()
    rest = _SEPARATOR.sub(" ", read_name_cell(text[found.end() :]).name).strip(" -")
    if len("".join(_WORD.findall(rest))) < 3 or _is_noise(rest):
        return ()
    return (found.group(0).strip(), rest)


def named_parts(text: str) -> tuple[str, ...]:
    """The names a cell gives beside the whole: its bracketed parts, or a vessel and its owner."""
    return bracketed_parts(text) or vessel_and_owner(text)
