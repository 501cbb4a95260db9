"""Turn a set of publisher files into an immutable, fingerprinted list snapshot."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date

from screening.watchlist.model import ListSnapshot, SourceFile
from screening.watchlist.registry import list_source


def fingerprint(files: Mapping[str, bytes]) -> tuple[str, tuple[SourceFile, ...]]:
    """sha256 of a single file, or of the sorted "name sha256" lines of a file set."""
    sources = tuple(
        SourceFile(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        for name, data in sorted(files.items())
    )
    if len(sources) == 1:
        return sources[0].sha256, sources
    manifest = "".join(f"{source.name} {source.sha256}\n" for source in sources)
    return hashlib.sha256(manifest.encode()).hexdigest(), sources


def build_snapshot(
    list_id: str,
    files: Mapping[str, bytes],
    *,
    published: date | None = None,
    imported_on: date | None = None,
) -> ListSnapshot:
    """Parse `files` (base name -> bytes) with the list's loader.

    `published` overrides the date found in the file; OFAC's CSV set carries none, so the
    importer passes the publication date it knows, else the import date names the version.
    """
    parsed = list_source(list_id).load(files)
    sha256, sources = fingerprint(files)
    when = published or parsed.published
    label = (when or imported_on or date.today()).isoformat()
    return ListSnapshot(
        list_id=list_id,
        version=f"{label}-{sha256[:8]}",
        published=when,
        sha256=sha256,
        files=sources,
        entries=parsed.entries,
    )
