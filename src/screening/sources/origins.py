"""Where a list's files are had: its publisher, a mirror (a folder or an http(s) base URL laid out
`<mirror>/<list-id>/<file>`), or, for the project's own lists, the lists folder.

Each origin hands over the whole file set of one format, or says the format is not there
(`FormatMissing`: try the next format) or that it could not be reached (`OriginError`).
"""

from __future__ import annotations

import shutil
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urlsplit

import httpx

from screening.sources.addresses import AddressPolicy
from screening.sources.download import (
    Downloaded,
    DownloadError,
    FetchPolicy,
    NotModified,
    Validators,
    download,
)
from screening.watchlist.catalogue import ListFormat, ListSource

MIRROR_SETTING = "SCREENING_LISTS_MIRROR"
LISTS_DIR_SETTING = "SCREENING_LISTS_DIR"


class FormatMissing(Exception):
    """The origin does not hold this format's files (another format may be there)."""


class OriginError(Exception):
    """The origin could not be read: unreachable, an error answer, a file too large."""


@dataclass(frozen=True, slots=True)
class KnownCopy:
    """The copy of a file fetched last time: kept on disk, with what its server said of it."""

    url: str
    path: Path
    validators: Validators


@dataclass(frozen=True, slots=True)
class FetchedFile:
    name: str  # as the publisher names it (a mirror may write SDN.CSV as sdn.csv)
    data: bytes
    url: str  # the URL or path it was read from
    validators: Validators = field(default_factory=Validators)


@dataclass(frozen=True, slots=True)
class FetchedSet:
    format: ListFormat
    files: tuple[FetchedFile, ...]
    location: str  # where the list came from: a publisher's URL, a mirror folder or URL
    modified: str = ""  # the publisher's Last-Modified day of the main file, "" if unknown

    def contents(self) -> dict[str, bytes]:
        return {file.name: file.data for file in self.files}


class Origin(Protocol):
    @property
    def description(self) -> str:
        """For messages: "the publisher", "mirror /srv/lists"."""
        ...

    def fetch(
        self, source: ListSource, fmt: ListFormat, known: Mapping[str, KnownCopy]
    ) -> FetchedSet: ...


@dataclass(frozen=True, slots=True)
class ProjectFolder:
    """The project's own lists: files of the lists folder (package data or SCREENING_LISTS_DIR)."""

    folder: Path
    description: str = "the project's lists folder"

    def fetch(
        self, source: ListSource, fmt: ListFormat, known: Mapping[str, KnownCopy]
    ) -> FetchedSet:
        files = []
        for name in fmt.file_names:
            path = self.folder / name
            try:
                files.append(FetchedFile(name, path.read_bytes(), str(path)))
            except OSError as error:
                raise OriginError(
                    f"{path}: cannot be read ({error.strerror or error}); "
                    f"{LISTS_DIR_SETTING} must name a folder holding {name}"
                ) from error
        return FetchedSet(fmt, tuple(files), str(self.folder))


@dataclass(frozen=True, slots=True)
class DirectoryMirror:
    """A mirror on the file system: `<root>/<list-id>/<file>`, names compared case-insensitively."""

    root: Path
    max_bytes: int

    @property
    def description(self) -> str:
        return f"mirror {self.root}"

    def fetch(
        self, source: ListSource, fmt: ListFormat, known: Mapping[str, KnownCopy]
    ) -> FetchedSet:
        folder = self.root / source.list_id
        if not self.root.is_dir():
            raise OriginError(f"{self.description}: no such folder ({MIRROR_SETTING})")
        try:
            present = {path.name.casefold(): path for path in folder.iterdir() if path.is_file()}
        except FileNotFoundError as error:
            raise FormatMissing(f"{folder}: no such folder") from error
        except OSError as error:
            raise OriginError(f"{folder}: cannot be read ({error})") from error
        missing = [name for name in fmt.file_names if name.casefold() not in present]
        if missing:
            raise FormatMissing(f"{folder}: no {', '.join(missing)}")
        files = []
        for name in fmt.file_names:
            path = present[name.casefold()]
            if path.stat().st_size > self.max_bytes:
                raise OriginError(f"{path}: over the limit of {self.max_bytes:,} bytes")
            # Named as the publisher names it, wherever it is had from: the same files make the
            # same version (sha256 of the set) from a folder, an http mirror or the publisher.
            files.append(FetchedFile(name, path.read_bytes(), str(path)))
        return FetchedSet(fmt, tuple(files), f"{folder}/")


class _HttpOrigin(ABC):
    """Downloads a format's files one by one, conditionally when a copy is kept; a mirror and
    the publishers differ only in where a file is asked for (`_location`, `_candidates`)."""

    def __init__(
        self, client: httpx.Client, policy: FetchPolicy, addresses: AddressPolicy, work: Path
    ) -> None:
        self.client = client
        self.policy = policy
        self.addresses = addresses
        self.work = work  # temporary files are made here

    @abstractmethod
    def _candidates(self, source: ListSource, fmt: ListFormat, name: str) -> list[str]:
        """The addresses to try for one file of the format, in order."""

    @abstractmethod
    def _location(self, source: ListSource, fmt: ListFormat) -> str:
        """Where the format is had from, as its status names it."""

    def _is_publisher(self) -> bool:
        return False

    def fetch(
        self, source: ListSource, fmt: ListFormat, known: Mapping[str, KnownCopy]
    ) -> FetchedSet:
        self.work.mkdir(parents=True, exist_ok=True)
        files = []
        modified = ""
        for index, name in enumerate(fmt.file_names):
            fetched, day = self._fetch_file(self._candidates(source, fmt, name), name, known)
            files.append(fetched)
            if index == 0 and self._is_publisher():
                modified = day
        return FetchedSet(fmt, tuple(files), self._location(source, fmt), modified)

    def _fetch_file(
        self, urls: list[str], name: str, known: Mapping[str, KnownCopy]
    ) -> tuple[FetchedFile, str]:
        for url in urls:
            copy = known.get(url)
            validators = copy.validators if copy is not None and copy.path.is_file() else None
            try:
                got = download(
                    self.client,
                    url,
                    self.work,
                    policy=self.policy,
                    addresses=self.addresses,
                    validators=validators,
                )
            except DownloadError as error:
                if error.is_missing:
                    continue
                raise OriginError(str(error)) from error
            if isinstance(got, NotModified):
                assert copy is not None
                return FetchedFile(name, copy.path.read_bytes(), url, copy.validators), ""
            return _read_downloaded(got, name, url), got.modified_date()
        raise FormatMissing(f"{urls[0]}: not found (HTTP 404)")


def _read_downloaded(got: Downloaded, name: str, url: str) -> FetchedFile:
    try:
        data = got.path.read_bytes()
    finally:
        got.path.unlink(missing_ok=True)
    return FetchedFile(name, data, url, got.validators)


class HttpMirror(_HttpOrigin):
    """A mirror served over http(s): `<base>/<list-id>/<file>`. A server cannot be asked for a
    name case-insensitively, so the publisher's name is tried, then in lower and upper case."""

    def __init__(
        self,
        base_url: str,
        client: httpx.Client,
        policy: FetchPolicy,
        addresses: AddressPolicy,
        work: Path,
    ) -> None:
        super().__init__(client, policy, addresses, work)
        self.base_url = base_url.rstrip("/")
        self.description = f"mirror {self.base_url}"

    def _location(self, source: ListSource, fmt: ListFormat) -> str:
        return f"{self.base_url}/{quote(source.list_id)}/"

    def _candidates(self, source: ListSource, fmt: ListFormat, name: str) -> list[str]:
        folder = self._location(source, fmt)
        return [folder + quote(n) for n in dict.fromkeys((name, name.lower(), name.upper()))]


class Publisher(_HttpOrigin):
    """The publisher's own URLs, as lists/sources.toml declares them."""

    description = "the publisher"

    def _is_publisher(self) -> bool:
        return True

    def _location(self, source: ListSource, fmt: ListFormat) -> str:
        urls = [file.url for file in fmt.files]
        if len(urls) == 1:
            return urls[0]
        folder = urls[0].rsplit("/", 1)[0] + "/"
        return folder if all(url.startswith(folder) for url in urls) else urls[0]

    def fetch(
        self, source: ListSource, fmt: ListFormat, known: Mapping[str, KnownCopy]
    ) -> FetchedSet:
        if not fmt.is_published:
            closed = f" since {source.closed.isoformat()}" if source.closed else ""
            raise FormatMissing(
                f"{source.publisher} does not publish {', '.join(fmt.file_names)}{closed}"
            )
        return super().fetch(source, fmt, known)

    def _candidates(self, source: ListSource, fmt: ListFormat, name: str) -> list[str]:
        return [next(file.url for file in fmt.files if file.name == name)]


def is_url(mirror: str) -> bool:
    """SCREENING_LISTS_MIRROR names an http(s) base URL (else a folder)."""
    return urlsplit(mirror).scheme in ("http", "https")


def mirror_origin(mirror: str, client: httpx.Client, policy: FetchPolicy, work: Path) -> HttpMirror:
    """The http(s) mirror SCREENING_LISTS_MIRROR names."""
    # The operator named this host, so it may be inside the network (or on loopback).
    allowed = AddressPolicy(frozenset({(urlsplit(mirror).hostname or "").lower()}))
    return HttpMirror(mirror, client, policy, allowed, work)


def keep_copies(fetched: FetchedSet, folder: Path) -> dict[str, KnownCopy]:
    """Keep the files just fetched, for conditional requests next time; url -> copy."""
    folder.mkdir(parents=True, exist_ok=True)
    kept: dict[str, KnownCopy] = {}
    for file in fetched.files:
        path = folder / file.name.casefold()
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(file.data)
        shutil.move(temporary, path)
        kept[file.url] = KnownCopy(file.url, path, file.validators)
    return kept
