"""The lists the product knows, read once from the packaged lists/sources.toml."""

from __future__ import annotations

from collections.abc import Mapping

from screening.project_data import read_packaged
from screening.watchlist.catalogue import (
    SOURCES_FILE,
    ListFormat,
    ListSource,
    read_catalogue,
)
from screening.watchlist.formats import LOADERS, Loader, loader
from screening.watchlist.model import ParsedList

__all__ = [
    "HOST_RISK_FILE",
    "LIST_IDS",
    "LIST_SOURCES",
    "ListFormat",
    "ListSource",
    "Loader",
    "UnknownListError",
    "UnknownListsSettingError",
    "check_lists_setting",
    "list_source",
    "load_list_files",
]

# The host-country and sector risk data beside the curated list, read with it (screening.risk).
HOST_RISK_FILE = "host-risk.toml"

LIST_SOURCES: tuple[ListSource, ...] = read_catalogue(read_packaged(SOURCES_FILE), LOADERS)

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


def load_list_files(
    list_id: str, files: Mapping[str, bytes], format_id: str | None = None
) -> tuple[ListFormat, ParsedList]:
    """Parse `files` with the loader of `format_id`, or of the format the file names show."""
    source = list_source(list_id)
    if format_id is None:
        chosen = source.choose_format(files)
    else:
        chosen = next(f for f in source.formats if f.format_id == format_id)
    return chosen, loader(chosen.format_id)(files)
