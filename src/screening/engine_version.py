"""The engine's version: the package version plus a digest of everything that decides a result.

Two builds of one commit must score alike, and a report must name the engine that made it. So the
version covers the code and data files of the packages that parse lists, normalise and match
names and assess risk, the host-risk data file the Screener is built with, and the installed
versions of the libraries that score (installed from requirements.lock): "0.1.0+3f2a9c0b1d4e".
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from screening import __version__

# The packages whose code or data shapes a Screener's matches and risk.
SHAPING_PACKAGES = ("watchlist", "names", "matching", "risk", "decisions")
SHAPING_MODULES = ("screener.py", "supplier.py")
# Libraries whose version can change a score: string similarity, name parts, transliteration.
SCORING_LIBRARIES = ("rapidfuzz", "rigour", "anyascii")
_DIGEST_CHARS = 12

_PACKAGE = Path(__file__).resolve().parent


def shaping_files() -> list[Path]:
    """The source and data files the digest covers, in a fixed order."""
    files = [_PACKAGE / name for name in SHAPING_MODULES]
    for name in SHAPING_PACKAGES:
        files.extend(sorted(p for p in (_PACKAGE / name).rglob("*") if _is_source(p)))
    return files


def _is_source(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix in (".py", ".toml", ".json")
        and "__pycache__" not in path.parts
    )


def library_versions() -> dict[str, str]:
    """The installed version of each scoring library ("absent" if it is not installed)."""
    versions: dict[str, str] = {}
    for name in SCORING_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


@cache
def code_digest() -> str:
    """SHA-256 over the shaping files (by their path inside the package, so the install
    location does not matter) and the scoring libraries' versions; computed once a process."""
    digest = hashlib.sha256()
    for path in shaping_files():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name, version in sorted(library_versions().items()):
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def engine_version_for(host_risk: bytes) -> str:
    """`<package version>+<digest>` for a Screener built with this host-risk file content."""
    digest = hashlib.sha256(code_digest().encode("ascii"))
    digest.update(hashlib.sha256(host_risk).digest())
    return f"{__version__}+{digest.hexdigest()[:_DIGEST_CHARS]}"
