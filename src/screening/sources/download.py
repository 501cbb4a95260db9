"""Downloading one file over HTTP: streamed to a temporary file, size-limited, conditional
(ETag / Last-Modified), retried with back-off, redirects checked hop by hop."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import httpx

from screening import __version__
from screening.sources.addresses import AddressPolicy, BlockedAddressError

log = logging.getLogger(__name__)

USER_AGENT = f"screening/{__version__} (sanctions list update)"
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
# Worth another try: the publisher may be overloaded or restarting.
_RETRIED_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout: float = 60.0  # seconds to connect, and between two reads of the body
    max_bytes: int = 256 * 1024 * 1024  # a larger file is refused
    tries: int = 3  # per file, the first included
    first_delay: float = 2.0  # seconds before the second try
    factor: float = 4.0  # each later wait this many times the one before

    def delay_after(self, attempt: int) -> float:
        return self.first_delay * self.factor ** (attempt - 1)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about the copy it sent, to ask next time whether it changed."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def to_dict(self) -> dict[str, str]:
        return {"etag": self.etag, "last_modified": self.last_modified}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Validators:
        return cls(str(data.get("etag", "")), str(data.get("last_modified", "")))


@dataclass(frozen=True, slots=True)
class Downloaded:
    url: str  # the last hop, after redirects
    path: Path  # the temporary file, the caller's to remove
    sha256: str
    size: int
    validators: Validators

    def modified_date(self) -> str:
        """The Last-Modified day (YYYY-MM-DD), "" when the server sent none."""
        try:
            return parsedate_to_datetime(self.validators.last_modified).date().isoformat()
        except (TypeError, ValueError):
            return ""


@dataclass(frozen=True, slots=True)
class NotModified:
    url: str


class DownloadError(Exception):
    """A file that could not be had; `status` is the HTTP status when the server answered."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status

    @property
    def is_missing(self) -> bool:
        """The server says there is no such file (so another format or name may be tried)."""
        return self.status in (404, 410)


class _Retry(Exception):
    def __init__(self, error: DownloadError) -> None:
        self.error = error


def download(
    client: httpx.Client,
    url: str,
    folder: Path,
    *,
    policy: FetchPolicy,
    addresses: AddressPolicy,
    validators: Validators | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Downloaded | NotModified:
    """GET `url` into a new file in `folder`, trying again after a network error or a 5xx."""
    for attempt in range(1, policy.tries + 1):
        try:
            return _attempt(client, url, folder, policy, addresses, validators)
        except _Retry as retry:
            if attempt == policy.tries:
                raise retry.error from None
            delay = policy.delay_after(attempt)
            log.warning("%s; trying again in %.0f s", retry.error, delay)
            sleep(delay)
    raise AssertionError("unreachable")


def _attempt(
    client: httpx.Client,
    url: str,
    folder: Path,
    policy: FetchPolicy,
    addresses: AddressPolicy,
    validators: Validators | None,
) -> Downloaded | NotModified:
    headers = {"User-Agent": USER_AGENT, **(validators.headers() if validators else {})}
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            addresses.check(current)
        except BlockedAddressError as error:
            raise DownloadError(url, f"refused: {error}") from error
        except OSError as error:  # the name does not resolve: no network, or a wrong name
            raise _Retry(DownloadError(current, f"cannot be reached: {error}")) from error
        try:
            with client.stream("GET", current, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                return _receive(response, current, folder, policy)
        except httpx.TimeoutException as error:
            raise _Retry(DownloadError(current, f"timed out ({type(error).__name__})")) from error
        except httpx.RemoteProtocolError as error:
            # The body stopped before its announced length: a truncated transfer.
            raise _Retry(DownloadError(current, f"the transfer broke off: {error}")) from error
        except httpx.TransportError as error:
            raise _Retry(DownloadError(current, f"cannot be reached: {error}")) from error
    raise DownloadError(url, f"more than {MAX_REDIRECTS} redirects")


def _receive(
    response: httpx.Response, url: str, folder: Path, policy: FetchPolicy
) -> Downloaded | NotModified:
    status = response.status_code
    if status == 304:
        return NotModified(url)
    if status in _RETRIED_STATUSES:
        raise _Retry(DownloadError(url, f"HTTP {status}", status=status))
    if status != 200:
        raise DownloadError(url, f"HTTP {status}", status=status)
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > policy.max_bytes:
        size = int(announced)
        raise DownloadError(url, f"{size:,} bytes, over the limit of {policy.max_bytes:,}")
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".download-", delete=False) as handle:
        path = Path(handle.name)
        try:
            for chunk in response.iter_bytes(1024 * 1024):
                size += len(chunk)
                if size > policy.max_bytes:
                    raise DownloadError(url, f"over the limit of {policy.max_bytes:,} bytes")
                digest.update(chunk)
                handle.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    validators = Validators(
        response.headers.get("etag", ""), response.headers.get("last-modified", "")
    )
    return Downloaded(url, path, digest.hexdigest(), size, validators)


def new_client(policy: FetchPolicy) -> httpx.Client:
    """A client that follows no redirect by itself (each hop is checked) and trusts no proxy
    from the environment (the address checks would not see where a proxy connects)."""
    return httpx.Client(
        timeout=httpx.Timeout(policy.timeout), follow_redirects=False, trust_env=False
    )
