"""The clean names of the evaluation set: companies and people that must NOT be flagged.

Families: `lookalikes` (the original look-alike companies of lookalikes.toml, whole in every set),
`ship_words` and `russian_companies` (hand-written in lookalikes.toml, split between the dev and
held-out sets), `short_real` (short names of companies listed on the Korea, Shanghai/Shenzhen and
Moscow exchanges, sampled at run time from the shared real supplier lists, never copied into the
repository) and `shared_family_name` (a listed person's family name with a common given name
that no list holds with it). Any name a list holds is dropped and reported.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.eval import people
from bench.eval.generate import Generator, is_latin, name_key, split_legal, words_of
from bench.eval.sources import RealCompany
from screening.watchlist.model import EntryKind

LOOKALIKES = Path(__file__).resolve().parent / "lookalikes.toml"
SAMPLE_SIZES = {"short_real": 300, "shared_family_name": 150}


@dataclass(frozen=True, slots=True)
class Negative:
    family: str
    name: str
    country: str = ""
    date_of_birth: str = ""
    nationality: str = ""
    note: str = ""  # where the name comes from


def name_half(name: str) -> int:
    return hashlib.sha256(name.encode()).digest()[0] & 1


# Cyrillic -> Latin as the lists transliterate Russian (BGN/PCGN without diacritics): only to
# check that a Russian look-alike is not listed under its Latin name.
_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_RUSSIAN_FORMS = re.compile(
    r"^(ООО|АО|ПАО|ЗАО|ОАО|Общество с ограниченной ответственностью|Акционерное общество)\s+",
    re.IGNORECASE,
)


def russian_core_in_latin(name: str) -> str:
    """ООО «Торговый дом «Восток»» -> "torgovyy dom vostok"."""
    core = _RUSSIAN_FORMS.sub("", name.strip())
    return "".join(_TO_LATIN.get(char, char) for char in core.lower())


class ListingCheck:
    """Whether a clean company name is in fact a listed organisation's: equal, legal form aside,
    to a listed Latin name; equal to a listed non-Latin name; or, for Cyrillic, equal in
    transliteration. Vessels and aircraft do not count: a company named Dover is not the ship
    DOVER (issue 15). With `short_aliases=False` a listed name of five letters or fewer does not
    count either: 3M Company is not 3M MIZAN MACHINERY for sharing its alias "3M"."""

    def __init__(self, generator: Generator, short_aliases: bool = True) -> None:
        self.latin: dict[str, str] = {}
        self.native: dict[str, str] = {}
        for entry in generator.entries:
            if entry.kind is not EntryKind.ORGANIZATION:
                continue
            for name in entry.all_names():
                label = f"{entry.list_id}:{entry.source_id} {name}"
                if is_latin(name):
                    core = _core(name)
                    if short_aliases or len(core.replace(" ", "")) > 5:
                        self.latin.setdefault(core, label)
                elif short_aliases or len(re.sub(r"\W", "", name)) > 3:
                    self.native.setdefault(re.sub(r"\W", "", name), label)

    def listed_as(self, name: str) -> str | None:
        if is_latin(name):
            return self.latin.get(_core(name))
        found = self.native.get(re.sub(r"\W", "", name))
        if found is None and re.search("[А-Яа-яЁё]", name):
            found = self.latin.get(_core(russian_core_in_latin(name)))
        return found


def _core(name: str) -> str:
    core, _ = split_legal(words_of(name))
    return name_key(" ".join(core))


def hand_written(generator: Generator, half: int) -> list[Negative]:
    """The companies of lookalikes.toml that no list holds: the original look-alikes whole, the
    other families' entries of this half."""
    check = ListingCheck(generator)
    kept = []
    for company in tomllib.loads(LOOKALIKES.read_text("utf-8"))["company"]:
        family = company.get("family", "lookalikes")
        if family != "lookalikes" and name_half(company["name"]) != half:
            continue
        listed = check.listed_as(company["name"])
        if not listed and company.get("same_as"):  # a translation of a listed name
            listed = check.listed_as(company["same_as"])
        if listed:
            print(f"dropped look-alike {company['name']!r}: listed as {listed}", file=sys.stderr)
            continue
        kept.append(
            Negative(
                family,
                company["name"],
                company.get("country", ""),
                note=company.get("note", "") or "lookalikes.toml",
            )
        )
    return kept


def short_real(
    generator: Generator, companies: Iterable[RealCompany], seed: int, half: int
) -> list[Negative]:
    """Short names of real listed companies (안랩, 대원, 신흥, 中金公司, UCI, 3M Company...): the
    Korean and Chinese exchange short names, and Moscow Exchange issuers whose name is at most
    four letters beside the legal form. A sample of this half's names, in the file's order."""
    check = ListingCheck(generator, short_aliases=False)
    by_source: dict[str, list[RealCompany]] = {}
    for company in companies:
        if name_half(company.name) != half or not is_short(company):
            continue
        by_source.setdefault(company.source, []).append(company)
    rng = random.Random(f"{seed}:short_real")
    share = SAMPLE_SIZES["short_real"] // 2
    kept = []
    for source, found in sorted(by_source.items()):
        sample = (
            found if source.startswith("ru_moex") else rng.sample(found, min(share, len(found)))
        )
        for company in sample:
            listed = check.listed_as(company.name)
            if listed:
                print(f"dropped real company {company.name!r}: listed as {listed}", file=sys.stderr)
                continue
            kept.append(Negative("short_real", company.name, company.country, note=source))
    return kept


def is_short(company: RealCompany) -> bool:
    name = company.name
    if company.source.startswith("ru_moex"):
        core, _ = split_legal(words_of(name))
        return is_latin(name) and 0 < len(re.sub(r"[^A-Za-z0-9]", "", "".join(core))) <= 4
    native = re.sub(r"[\sA-Za-z0-9&*]", "", name)
    return len(name.replace(" ", "")) <= 6 or len(native) <= 4


def shared_family_names(generator: Generator, seed: int, half: int) -> list[Negative]:
    """People who share a listed person's family name but not the given name: a listed Korean,
    Russian or Chinese family name with a common given name of lookalikes.toml, written the ways
    the `people` family writes names; a date of birth now and then, as contractor sheets have."""
    given = tomllib.loads(LOOKALIKES.read_text("utf-8"))["people"]
    listed_given: dict[str, set[str]] = {}  # family key -> given keys a list holds with it
    families: dict[str, set[str]] = {"korean": set(), "russian": set(), "chinese": set()}
    for entry in generator.entries:
        if entry.kind is not EntryKind.PERSON:
            continue
        for name in entry.all_names():
            person = people.parse_person(entry, name)
            if person is None:
                continue
            family, given_key = people.person_key(person).split("|")
            listed_given.setdefault(family, set()).update(
                {given_key, people.fold("".join(person.given))}
            )
            family_lower = re.sub(r"['’]", "", person.family.lower())
            if family_lower in people.KOREAN_FAMILIES:
                families["korean"].add(family_lower)
            elif family_lower in people.CHINESE_FAMILIES and (
                {"CN", "HK", "TW"} & set(entry.countries)
            ):
                families["chinese"].add(family_lower)
            elif people.is_russian(entry, person):
                families["russian"].add(person.family.capitalize())
    rng = random.Random(f"{seed}:shared_family_name")
    shares = {"korean": 0.45, "russian": 0.3, "chinese": 0.25}
    out: list[Negative] = []
    for origin, share in shares.items():
        names = [pair for pair in given[origin] if name_half(pair[0]) == half]
        pool = sorted(families[origin])
        wanted = round(SAMPLE_SIZES["shared_family_name"] * share)
        seen: set[str] = set()
        for _ in range(wanted * 20):
            if len([n for n in out if n.note == origin]) >= wanted or not pool or not names:
                break
            family = rng.choice(pool)
            latin, native = rng.choice(names)
            family_key, given_key = people.person_key(people.PersonName(family, (latin,))).split(
                "|"
            )
            if given_key in listed_given.get(family_key, set()) or f"{family}|{latin}" in seen:
                continue
            seen.add(f"{family}|{latin}")
            out.append(_person_negative(origin, family, latin, native, rng))
    return out


def _person_negative(
    origin: str, family: str, given: str, native: str, rng: random.Random
) -> Negative:
    roll = rng.random()
    if origin == "korean":
        hangul, spellings, _ = people.KOREAN_FAMILIES[family]
        if roll < 0.35:
            text = hangul + native
        else:
            surname = rng.choice([*spellings, family.upper()])
            text = f"{given} {surname}" if roll < 0.7 else f"{surname} {given}"
        country = rng.choice(["KR", "KR", "CN", ""])
    elif origin == "chinese":
        if roll < 0.4:
            text = people.CHINESE_FAMILIES[family] + native
        else:
            text = f"{given} {family.capitalize()}" if roll < 0.7 else f"{family.upper()} {given}"
        country = rng.choice(["CN", "CN", ""])
    else:
        if roll < 0.5:
            text = f"{people.russian_cyrillic(family)} {native}"
        else:
            text = f"{given} {family}" if roll < 0.75 else f"{family.upper()} {given}"
        country = rng.choice(["RU", "RU", ""])
    born = ""
    if rng.random() < 0.4:
        date = (rng.randrange(1960, 2001), rng.randrange(1, 13), rng.randrange(1, 29))
        born = people.written_date(date, rng)
    return Negative("shared_family_name", text, country, date_of_birth=born, note=origin)
