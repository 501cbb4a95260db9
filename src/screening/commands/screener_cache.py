"""A Screener for the command line, kept between runs in the data directory.

Loading the stored lists and building the match index takes seconds on the 2-core target
machine; loading the pickled Screener about 1.3 s. The cache file's name is a fingerprint of
everything the Screener is made from (the list versions, the host-risk file, and the source and
data files of the code that parses, matches and assesses), so any change makes a new one. The
file is written by this program into the user's own data directory and read only from there.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import screening
from screening.screener import Screener
from screening.screener_file import ScreenerFileError, read_screener_file, write_screener_file

log = logging.getLogger(__name__)

# The packages whose code or data shapes a Screener.
_SHAPING_PACKAGES = ("watchlist", "names", "matching", "risk", "decisions")
_PREFIX = "screener-"


def fingerprint(lists: Iterable[tuple[str, str]], host_risk: Path) -> str:
    """Of the list versions ((list id, sha256) of each active snapshot), the host-risk file and
    the code and data of the packages that shape a Screener."""
    digest = hashlib.sha256(screening.__version__.encode())
    for list_id, sha256 in sorted(lists):
        digest.update(f"{list_id} {sha256}".encode())
    package = Path(screening.__file__).resolve().parent
    code = [package / "screener.py"]
    for name in _SHAPING_PACKAGES:
        code.extend(sorted(p for p in (package / name).rglob("*") if _is_source(p)))
    for path in [host_risk, *code]:
        digest.update(str(path.name).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _is_source(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix in (".py", ".toml", ".json")
        and "__pycache__" not in path.parts
    )


def cached_screener(
    cache_dir: Path, key_now: Callable[[], str], build: Callable[[], Screener]
) -> tuple[Screener, bool]:
    """The cached Screener for the current key, else a new one from `build`, cached unless the
    key changed while it was built (a file edited meanwhile); returns (it, was cached)."""
    key = key_now()
    path = cache_dir / f"{_PREFIX}{key}.pickle"
    if path.is_file():
        try:
            return read_screener_file(path), True
        except (OSError, ScreenerFileError):  # another version's file, or cut short: build anew
            log.warning("ignoring the unreadable screener cache %s", path)
    screener = build()
    if key_now() != key:
        return screener, False
    try:
        write_screener_file(path, screener)
        _remove_others(cache_dir.glob(f"{_PREFIX}*.pickle"), keep=path)
    except OSError as error:  # a read-only data directory only costs time
        log.warning("cannot cache the screener in %s: %s", cache_dir, error)
    return screener, False


def _remove_others(paths: Iterable[Path], keep: Path) -> None:
    for other in paths:
        if other != keep:
            other.unlink(missing_ok=True)
