"""Turn a set of publisher files into an immutable, fingerprinted list snapshot."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date

from screening.watchlist.model import ListSnapshot, SourceFile
from screening.watchlist.registry import load_list_files


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
    format_id: str | None = None,
    published_fallback: date | None = None,
) -> ListSnapshot:
    """Parse `files` (base name -> bytes) with the loader of the list's format: `format_id`, or
    the one the file names show (lists/sources.toml).

    `published` overrides the date found in the file; OFAC's CSV set carries none, so the
    importer passes the publication date it knows, else the import date names the version.
    `published_fallback` dates files that carry no date of their own (the publisher's
    Last-Modified), and only those.
    """
    _format, parsed = load_list_files(list_id, files, format_id)
    sha256, sources = fingerprint(files)
    when = published or parsed.published or published_fallback
    label = (when or imported_on or date.today()).isoformat()
    return ListSnapshot(
        list_id=list_id,
        version=f"{label}-{sha256[:8]}",
        published=when,
        sha256=sha256,
        files=sources,
        entries=parsed.entries,
        warnings=parsed.warnings,
    )
