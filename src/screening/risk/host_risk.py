"""Host countries and sectors of DPRK overseas labour, read from lists/host-risk.toml.

Pure: `parse_host_risk` takes the file's bytes. The file holds facts, tiers and the source of each;
the numbers a tier turns into are in `screening.risk.weights`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from screening.watchlist.errors import ListFormatError
from screening.watchlist.toml_file import read_toml

FILE_NAME = "host-risk.toml"

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_SECTOR_ID = re.compile(r"[a-z][a-z0-9-]*")
_E = TypeVar("_E", bound=StrEnum)
_LISTING = {
    "un-sc": "UN listing",
    "us-ofac-sdn": "OFAC listing",
    "us-ofac-cons": "OFAC listing",
    "uk-ofsi": "UK listing",
}


class CountryTier(StrEnum):
    MAIN = "main"  # China, Russia: more DPRK workers than all other countries combined
    REPORTED = "reported"  # DPRK workers or labour-export entities reported there


class SectorTier(StrEnum):
    PRIMARY = "primary"  # documented and most reported: construction, IT, textiles
    DOCUMENTED = "documented"  # documented by the 2018 US advisory or by listings


@dataclass(frozen=True, slots=True)
class Basis:
    """One source of a fact: a quote from a named source or an official entry, or an address."""

    source: str  # a [sources] key, or "<list-id> <source_id>"
    quote: str = ""
    address: str = ""  # country as the official list writes it in the entry's address


@dataclass(frozen=True, slots=True)
class NamedSource:
    key: str
    title: str
    label: str  # what a reason cites: "2018 US advisory"
    publisher: str
    issued: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class CountryRisk:
    code: str
    name: str
    tier: CountryTier
    basis: tuple[Basis, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class SectorRisk:
    id: str
    label: str
    tier: SectorTier
    basis: tuple[Basis, ...]
    synonyms: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class HostRisk:
    countries: Mapping[str, CountryRisk]
    sectors: Mapping[str, SectorRisk]
    sources: Mapping[str, NamedSource]

    def country(self, code: str) -> CountryRisk | None:
        return self.countries.get(code.strip().upper())

    def sector(self, sector_id: str) -> SectorRisk | None:
        return self.sectors.get(sector_id)

    def cited(self, basis: tuple[Basis, ...]) -> str:
        """What a reason cites: the first named source's label ("2018 US advisory"), else the
        first official entry ("UN listing KPe.050")."""
        for item in basis:
            source = self.sources.get(item.source)
            if source is not None:
                return source.label
        if not basis:
            return ""
        list_id, _, source_id = basis[0].source.partition(" ")
        return f"{_LISTING.get(list_id, list_id)} {source_id}".strip()


def parse_host_risk(data: bytes, *, file: str = FILE_NAME) -> HostRisk:
    document = read_toml(data, file)

    sources = {
        key: _read_source(key, value, file)
        for key, value in _table(document.get("sources"), file, "[sources]").items()
    }
    countries: dict[str, CountryRisk] = {}
    for position, raw in enumerate(_array(document.get("country"), file, "[[country]]"), 1):
        country = _read_country(raw, file, position, sources)
        if country.code in countries:
            raise ListFormatError(file, f"country {country.code}: listed twice")
        countries[country.code] = country
    sectors: dict[str, SectorRisk] = {}
    for position, raw in enumerate(_array(document.get("sector"), file, "[[sector]]"), 1):
        sector = _read_sector(raw, file, position, sources)
        if sector.id in sectors:
            raise ListFormatError(file, f"sector {sector.id}: listed twice")
        sectors[sector.id] = sector
    return HostRisk(countries=countries, sectors=sectors, sources=sources)


def _read_source(key: str, raw: Any, file: str) -> NamedSource:
    where = f"[sources.{key}]"
    table = _table(raw, file, where)
    values = {field: table.get(field, "") for field in ("title", "label", "publisher", "issued")}
    excerpt = table.get("excerpt")
    if not isinstance(excerpt, str) or not excerpt.strip():
        raise ListFormatError(file, f"{where}: missing required field 'excerpt'")
    if not isinstance(values["label"], str) or not values["label"].strip():
        raise ListFormatError(file, f"{where}: missing required field 'label'")
    return NamedSource(key=key, excerpt=excerpt, **{k: str(v) for k, v in values.items()})


def _read_country(
    raw: Any, file: str, position: int, sources: Mapping[str, NamedSource]
) -> CountryRisk:
    table = _table(raw, file, f"country #{position}")
    code = table.get("code")
    where = f"country {code}" if isinstance(code, str) else f"country #{position}"
    if not isinstance(code, str) or not _COUNTRY_CODE.fullmatch(code):
        raise ListFormatError(file, f"{where}: code must be an upper-case ISO-2 code")
    tier = _enum(CountryTier, table.get("tier"), file, where)
    return CountryRisk(
        code=code,
        name=_text(table, "name", file, where),
        tier=tier,
        basis=_read_basis(table.get("basis"), file, where, sources),
        note=str(table.get("note", "")),
    )


def _read_sector(
    raw: Any, file: str, position: int, sources: Mapping[str, NamedSource]
) -> SectorRisk:
    table = _table(raw, file, f"sector #{position}")
    sector_id = table.get("id")
    where = f"sector {sector_id}" if isinstance(sector_id, str) else f"sector #{position}"
    if not isinstance(sector_id, str) or not _SECTOR_ID.fullmatch(sector_id):
        raise ListFormatError(file, f"{where}: id must be lower-case letters, digits and '-'")
    synonyms = table.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        raise ListFormatError(file, f"{where}: synonyms must be a list of strings")
    return SectorRisk(
        id=sector_id,
        label=_text(table, "label", file, where),
        tier=_enum(SectorTier, table.get("tier"), file, where),
        basis=_read_basis(table.get("basis"), file, where, sources),
        synonyms=tuple(s for s in synonyms if s.strip()),
        note=str(table.get("note", "")),
    )


def _read_basis(
    raw: Any, file: str, where: str, sources: Mapping[str, NamedSource]
) -> tuple[Basis, ...]:
    if not isinstance(raw, list) or not raw:
        raise ListFormatError(file, f"{where}: missing required field 'basis'")
    result: list[Basis] = []
    for item in raw:
        if not isinstance(item, dict):
            raise ListFormatError(file, f"{where}: basis must be a list of tables")
        source = item.get("source")
        quote = item.get("quote", "")
        address = item.get("address", "")
        if not isinstance(source, str) or not source.strip():
            raise ListFormatError(file, f"{where}: basis without a source")
        if not isinstance(quote, str) or not isinstance(address, str) or not (quote or address):
            raise ListFormatError(file, f"{where}: basis from {source} needs a quote or address")
        is_official = " " in source.strip()
        if not is_official and source not in sources:
            raise ListFormatError(file, f"{where}: unknown source {source!r}")
        if address and not is_official:
            raise ListFormatError(file, f"{where}: an address basis must name an official entry")
        result.append(Basis(source=source.strip(), quote=quote, address=address))
    return tuple(result)


def _text(table: dict[str, Any], field: str, file: str, where: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ListFormatError(file, f"{where}: missing required field {field!r}")
    return value.strip()


def _enum(kind: type[_E], value: Any, file: str, where: str) -> _E:
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str) or value not in {member.value for member in kind}:
        raise ListFormatError(file, f"{where}: tier {value!r} is not one of {allowed}")
    return kind(value)


def _table(value: Any, file: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ListFormatError(file, f"{where} missing or not a table")
    return value


def _array(value: Any, file: str, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ListFormatError(file, f"no {where} tables")
    return value
