"""The lists the product knows: id, publisher, the loader for its format, the bundled files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from screening.watchlist import curated, ofac, uk, un
from screening.watchlist.model import ParsedList

Loader = Callable[[Mapping[str, bytes]], ParsedList]


@dataclass(frozen=True, slots=True)
class ListSource:
    list_id: str
    name: str
    publisher: str
    load: Loader  # file name -> bytes, as published
    bundled: tuple[str, ...]  # paths under lists/ of the shipped snapshot


# The host-country and sector risk data beside the bundled lists, read with them (screening.risk).
HOST_RISK_FILE = "host-risk.toml"

LIST_SOURCES: tuple[ListSource, ...] = (
    ListSource(
        "us-ofac-sdn",
        "OFAC Specially Designated Nationals and Blocked Persons List",
        "U.S. Department of the Treasury, Office of Foreign Assets Control",
        ofac.load_ofac_sdn,
        ("ofac_sdn/sdn.csv", "ofac_sdn/alt.csv", "ofac_sdn/add.csv", "ofac_sdn/sdn_comments.csv"),
    ),
    ListSource(
        "us-ofac-cons",
        "OFAC Consolidated Sanctions List (non-SDN)",
        "U.S. Department of the Treasury, Office of Foreign Assets Control",
        ofac.load_ofac_cons,
        (
            "ofac_cons/cons_prim.csv",
            "ofac_cons/cons_alt.csv",
            "ofac_cons/cons_add.csv",
            "ofac_cons/cons_comments.csv",
        ),
    ),
    ListSource(
        "un-sc",
        "United Nations Security Council Consolidated List",
        "United Nations Security Council",
        un.load_un_consolidated,
        ("un/consolidated.xml",),
    ),
    ListSource(
        "uk-ofsi",
        "UK Consolidated List of Financial Sanctions Targets",
        "HM Treasury, Office of Financial Sanctions Implementation",
        uk.load_uk_ofsi,
        ("uk_ofsi/ConList.xlsx",),
    ),
    ListSource(
        "dprk-labour",
        "Entities tied to DPRK overseas labour (curated)",
        "screening project, from official listings and US advisories",
        curated.load_dprk_labour,
        ("dprk-labour.toml",),
    ),
)

LIST_IDS: tuple[str, ...] = tuple(source.list_id for source in LIST_SOURCES)


class UnknownListError(KeyError):
    def __init__(self, list_id: str) -> None:
        super().__init__(list_id)
        self.list_id = list_id

    def __str__(self) -> str:
        return f"unknown list {self.list_id!r}; known lists: {', '.join(LIST_IDS)}"


def list_source(list_id: str) -> ListSource:
    for source in LIST_SOURCES:
        if source.list_id == list_id:
            return source
    raise UnknownListError(list_id)


class UnknownListsSettingError(ValueError):
    """The setting SCREENING_LISTS names lists the product does not know."""

    def __init__(self, unknown: tuple[str, ...]) -> None:
        super().__init__(
            f"SCREENING_LISTS names unknown lists: {', '.join(unknown)}; "
            f"known lists: {', '.join(LIST_IDS)}"
        )
        self.unknown = unknown


def check_lists_setting(list_ids: tuple[str, ...]) -> None:
    """Refuse a deployment's list choice that names a list the product does not know."""
    unknown = tuple(list_id for list_id in list_ids if list_id not in LIST_IDS)
    if unknown:
        raise UnknownListsSettingError(unknown)
