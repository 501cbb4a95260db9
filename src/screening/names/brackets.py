"""What a name's brackets say about which part of a group it is: "ICBC (Asia)" and "ICBC
(London)" are two companies of one group, each named by where it is."""

from __future__ import annotations

import re
from functools import cache

from screening.names.legal_forms import legal_form_table
from screening.names.vocabulary import WordKind, vocabulary

_BRACKETED = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[a-z0-9]+")
# words in brackets that say where or what part, not who: an acronym or an alias in brackets
# (distinctive) names the organisation itself, and a qualifier ("(Dandong branch)") says only
# which office of it
_TELLING_APART = frozenset({WordKind.PLACE, WordKind.GENERIC, WordKind.COMMON, WordKind.SECTOR})


@cache
def _form_words() -> frozenset[str]:
    return legal_form_table().spelling_words()


def bracketed_part(latin: str) -> frozenset[str] | None:
    """The words of `latin` (a name as normalise_name writes it in Latin letters) in brackets,
    translated, when they all say which part of a group or where (places, generic words such as
    "asia" or "holdings"); None when the name has no such part, or a bracketed word is an
    acronym, an alias or a qualifier. Legal forms in brackets ("(Pvt) Ltd") are left aside."""
    if "(" not in latin:
        return None
    words = vocabulary()
    found: set[str] = set()
    for part in _BRACKETED.findall(latin):
        for written in _WORD.findall(part):
            if written in _form_words():
                continue
            for word in words.translate(written):
                if word not in words.nations and words.kind(word) not in _TELLING_APART:
                    return None
                found.add(word)
    return frozenset(found) or None


def parts_differ(first_latin: str, second_latin: str) -> bool:
    """Whether two names each say in brackets which part of a group they are, and say different
    things: ICBC (Asia) Limited is not ICBC (London) plc."""
    if "(" not in first_latin or "(" not in second_latin:
        return False
    first, second = bracketed_part(first_latin), bracketed_part(second_latin)
    return first is not None and second is not None and first.isdisjoint(second)
