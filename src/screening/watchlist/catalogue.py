"""The catalogue of lists (lists/sources.toml): what each list is, who publishes it, where, how.

Pure: TOML bytes in, typed list sources out. Which loader reads a format is wired in
screening.watchlist.formats; this module only checks that every format id is a known one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from screening.watchlist.errors import ListFormatError

SOURCES_FILE = "sources.toml"
PUBLISHER, PROJECT = "publisher", "project"  # where a list's files come from
_Fail = Callable[[str], ListFormatError]


@dataclass(frozen=True, slots=True)
class ListFile:
    """One file of a format: its name as the publisher gives it, and where they serve it."""

    name: str
    url: str = ""  # "" = not served by the publisher (any more): a mirror only


@dataclass(frozen=True, slots=True)
class ListFormat:
    """One way a list is published: a loader's format id and the whole set of files it reads."""

    format_id: str
    files: tuple[ListFile, ...]

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(file.name for file in self.files)

    def is_complete(self, names: Iterable[str]) -> bool:
        """Every file of the format is among `names` (compared case-insensitively)."""
        have = {name.casefold() for name in names}
        return all(file.name.casefold() in have for file in self.files)

    def has_primary(self, names: Iterable[str]) -> bool:
        """The first (main) file is among `names`; the others may be optional companions."""
        return self.files[0].name.casefold() in {name.casefold() for name in names}

    @property
    def is_published(self) -> bool:
        """The publisher serves every file of the format (else a mirror must)."""
        return all(file.url for file in self.files)


@dataclass(frozen=True, slots=True)
class ListSource:
    list_id: str
    name: str  # the publisher's title for the list
    publisher: str
    formats: tuple[ListFormat, ...]  # most preferred first
    licence: str
    max_age: timedelta  # no successful check for this long: the list is stale
    attribution: str = ""
    landing_page: str = ""
    origin: str = PUBLISHER  # PROJECT: the project's own data file, read from the lists folder
    closed: date | None = None  # the publisher stopped publishing it on this date
    replaced_by: str = ""

    @property
    def is_project_data(self) -> bool:
        return self.origin == PROJECT

    def choose_format(self, names: Iterable[str]) -> ListFormat:
        """The format of a set of files: the first whose files are all there, else the first
        whose main file is (an operator's import may leave out optional companions), else the
        first (its loader then says what is missing)."""
        given = list(names)
        complete = next((f for f in self.formats if f.is_complete(given)), None)
        if complete is not None:
            return complete
        return next((f for f in self.formats if f.has_primary(given)), self.formats[0])

    def publisher_hosts(self) -> frozenset[str]:
        return frozenset(
            (urlsplit(file.url).hostname or "").lower()
            for fmt in self.formats
            for file in fmt.files
            if file.url
        )


def read_catalogue(data: bytes, known_formats: Collection[str]) -> tuple[ListSource, ...]:
    """Every list of sources.toml, in file order; ListFormatError names the list and field."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ListFormatError(SOURCES_FILE, f"not valid UTF-8 TOML: {error}") from error
    lists = document.get("lists")
    if not isinstance(lists, dict) or not lists:
        raise ListFormatError(SOURCES_FILE, "no [lists.<list-id>] tables")
    return tuple(_list_source(list_id, raw, known_formats) for list_id, raw in lists.items())


def _list_source(list_id: str, raw: Any, known_formats: Collection[str]) -> ListSource:
    where = f"[lists.{list_id}]"

    def fail(message: str) -> ListFormatError:
        return ListFormatError(SOURCES_FILE, f"{where}: {message}")

    if not isinstance(raw, dict):
        raise fail("not a table")
    origin = raw.get("origin", PUBLISHER)
    if origin not in (PUBLISHER, PROJECT):
        raise fail(f"origin {origin!r} is not {PUBLISHER!r} or {PROJECT!r}")
    hours = raw.get("max_age_hours")
    if not isinstance(hours, int | float) or isinstance(hours, bool) or hours <= 0:
        raise fail("max_age_hours must be a positive number")
    closed = raw.get("closed")
    if closed is not None and not isinstance(closed, date):
        raise fail("closed must be a date (YYYY-MM-DD)")
    formats = raw.get("formats")
    if not isinstance(formats, list) or not formats:
        raise fail("no [[formats]]: a list needs at least one")
    return ListSource(
        list_id=list_id,
        name=_text(raw, "title", fail),
        publisher=_text(raw, "publisher", fail),
        formats=tuple(_format(item, known_formats, fail) for item in formats),
        licence=_text(raw, "licence", fail),
        max_age=timedelta(hours=hours),
        attribution=_text(raw, "attribution", fail, required=False),
        landing_page=_text(raw, "landing_page", fail, required=False),
        origin=origin,
        closed=closed,
        replaced_by=_text(raw, "replaced_by", fail, required=False),
    )


def _format(raw: Any, known_formats: Collection[str], fail: _Fail) -> ListFormat:
    if not isinstance(raw, dict):
        raise fail("a [[formats]] entry is not a table")
    format_id = raw.get("format")
    if format_id not in known_formats:
        raise fail(f"format {format_id!r} has no loader; known: {', '.join(sorted(known_formats))}")
    files = raw.get("files")
    if not isinstance(files, list) or not files:
        raise fail(f"format {format_id}: files must be a list of {{ name, url }}")
    result: list[ListFile] = []
    for item in files:
        name = item.get("name") if isinstance(item, dict) else None
        url = item.get("url", "") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name or "/" in name or "\\" in name:
            raise fail(f"format {format_id}: a file needs a plain file name")
        if not isinstance(url, str) or (url and urlsplit(url).scheme != "https"):
            raise fail(f"format {format_id}: {name}: url must be an https:// URL")
        result.append(ListFile(name, url))
    return ListFormat(str(format_id), tuple(result))


def _text(raw: dict[str, Any], field: str, fail: _Fail, *, required: bool = True) -> str:
    value = raw.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise fail(f"missing required field {field!r}" if required else f"{field} must be text")
    return value.strip()
