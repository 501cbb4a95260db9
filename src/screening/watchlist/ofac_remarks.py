"""Facts OFAC writes inside an entry's Remarks: weak aliases, identifiers, nationality, links.

Remarks are "; "-separated segments ending in a full stop, e.g.
"DOB 1964; nationality Korea, North; Passport 290320764; a.k.a. 'KIM, JIN SOK';
Linked To: TANCHON COMMERCIAL BANK." OFAC's legacy files keep only strong aliases in
alt.csv: weak (low-quality) a.k.a.s live in Remarks, quoted, and never in alt.csv.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from screening.countries.listed import country_code
from screening.names.scripts import detect_script
from screening.watchlist.birth_dates import read_birth_dates
from screening.watchlist.model import Alias, AliasType, Identifier, IdentifierKind

SEGMENT_SEPARATOR = "; "
_WEAK_ALIAS = re.compile(r"^(?:alt\. )?[afn]\.k\.a\.,? '(.*)'$")
_LINKED_TO = re.compile(r"^Linked To: (.+)$")
_LINKED_TO_BRACKETED = re.compile(r"^\(Linked To: (.+)\)$")  # SDN.XML's remarks
_NATIONALITY = re.compile(
    r"^(?:alt\. )?(?:nationality|citizen|Nationality of Registration|Registration Country) (.+)$"
)
_BIRTH_DATE = re.compile(r"^(?:alt\. )?DOB (.+)$")
_DATES_AFTER_VALUE = re.compile(r"\s+(?:issued|expires)\b.*$")
_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)$")
_IMO_PREFIX = "IMO "


@dataclass(frozen=True, slots=True)
class RemarkFacts:
    weak_aliases: tuple[Alias, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    countries: tuple[str, ...] = ()  # ISO-2, from nationality and citizenship
    linked_to: tuple[str, ...] = ()  # names as written after "Linked To:"
    birth_dates: tuple[str, ...] = ()  # ISO 8601, from "DOB" segments
    nationalities: tuple[str, ...] = ()  # ISO-2, from nationality and citizenship


@cache
def _identifier_labels() -> tuple[re.Pattern[str], dict[str, IdentifierKind]]:
    """One pattern for every label, longest first, so "Business Registration Number" wins
    over "Registration Number"; and the kind of each label."""
    resource = files("screening.watchlist").joinpath("ofac_remark_identifiers.toml")
    labels: dict[str, str] = tomllib.loads(resource.read_text("utf-8"))["labels"]
    ordered = sorted(labels, key=len, reverse=True)
    pattern = re.compile(rf"^(?:alt\. )?({'|'.join(map(re.escape, ordered))}) (.+)$")
    return pattern, {label: IdentifierKind(kind) for label, kind in labels.items()}


def identifier_kind(label: str) -> IdentifierKind | None:
    """The kind of identifier OFAC writes under `label` ("SWIFT/BIC", "Tax ID No."), or None
    for a label that names no identifier ("Website", "Target Type")."""
    # The enhanced XML writes "Manufacturer’s" where the CSV remarks write "Manufacturer's".
    return _identifier_labels()[1].get(label.strip().replace("’", "'"))


def split_segments(remarks: str) -> list[str]:
    """The remark's segments, without the full stop that closes the last one."""
    text = remarks.strip()
    if text.endswith("."):
        text = text[:-1]
    return [segment.strip() for segment in text.split(SEGMENT_SEPARATOR) if segment.strip()]


def _identifier(segment: str) -> Identifier | None:
    pattern, kinds = _identifier_labels()
    labelled = pattern.match(segment)
    if labelled is None:
        return None
    label = labelled.group(1)
    return _kept(kinds[label], label, labelled.group(2), "")


def _kept(kind: IdentifierKind, label: str, value: str, country: str) -> Identifier | None:
    value = _DATES_AFTER_VALUE.sub("", value).strip()
    while match := _TRAILING_PARENTHESIS.search(value):
        # "Folio Mercantil No. 79775 (Jalisco) (Mexico)": the last bracket is the country.
        country = country or country_code(match.group(1))
        value = value[: match.start()].strip()
    if value.upper().startswith(_IMO_PREFIX):
        kind, value = IdentifierKind.IMO, value[len(_IMO_PREFIX) :].strip()
    if not value:
        return None
    return Identifier(kind, value, country_code=country, note=label)


def labelled_identifier(label: str, value: str, country: str = "") -> Identifier | None:
    """The identifier OFAC gives as a field (SDN.XML idList, enhanced XML documents and
    features) under `label`, or None when the label names no identifier. `country` is ISO-2."""
    kind = identifier_kind(label)
    return None if kind is None else _kept(kind, label.strip(), value, country)


def read_remarks(remarks: str) -> RemarkFacts:
    aliases: dict[Alias, None] = {}
    identifiers: dict[Identifier, None] = {}
    countries: dict[str, None] = {}
    linked_to: dict[str, None] = {}
    births: dict[str, None] = {}
    nationalities: dict[str, None] = {}
    for segment in split_segments(remarks):
        if alias := _WEAK_ALIAS.match(segment):
            # One pair of quotes wraps the alias; a quote left inside is an apostrophe of
            # the name itself ("''ABD AL-RAHMAN'" is 'ABD AL-RAHMAN).
            name = alias.group(1).strip()
            if name:
                aliases.setdefault(Alias(name, AliasType.WEAK, detect_script(name)))
        elif link := _LINKED_TO.match(segment) or _LINKED_TO_BRACKETED.match(segment):
            linked_to.setdefault(link.group(1).strip())
        elif nationality := _NATIONALITY.match(segment):
            code = country_code(nationality.group(1))
            if code:
                countries.setdefault(code)
                if not segment.startswith(("Nationality of Registration", "Registration")):
                    nationalities.setdefault(code)
        elif birth := _BIRTH_DATE.match(segment):
            births.update(dict.fromkeys(read_birth_dates(birth.group(1))))
        elif (identifier := _identifier(segment)) is not None:
            identifiers.setdefault(identifier)
    return RemarkFacts(
        tuple(aliases),
        tuple(identifiers),
        tuple(countries),
        tuple(linked_to),
        birth_dates=tuple(births),
        nationalities=tuple(nationalities),
    )
