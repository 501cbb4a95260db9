"""`screening lists show` and `screening lists import`: stored list snapshots, from a terminal."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.config import load_settings
from screening.monitoring.runtime import rescreen_after_import
from screening.store.bundled import BundledListError, import_missing_bundled_lists
from screening.store.db import make_engine, migrate
from screening.store.imports import ListImportError, import_list_files
from screening.store.snapshots import list_versions
from screening.watchlist.registry import LIST_SOURCES, UnknownListError

EXIT_BAD_INPUT = 2


def _error(message: str) -> int:
    print(f"screening lists: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _open_database() -> tuple[Engine, Path]:
    settings = load_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    return engine, settings.lists_dir


def show(args: argparse.Namespace) -> int:
    """Print every list with its active version; imports the bundled lists on first start."""
    engine, lists_dir = _open_database()
    try:
        import_missing_bundled_lists(
            engine,
            lists_dir,
            on_list=lambda list_id: print(f"importing bundled {list_id} ...", file=sys.stderr),
        )
    except (BundledListError, ListImportError, ValueError) as error:
        print(f"screening lists: bundled lists not imported: {error}", file=sys.stderr)
    rows = [("LIST", "VERSION", "PUBLISHED", "SHA256", "ENTRIES", "OLDER", "NAME")]
    for source in LIST_SOURCES:
        versions = list_versions(engine, source.list_id)
        active = next((v for v in versions if v.active), None)
        if active is None:
            rows.append((source.list_id, "-", "-", "-", "0", str(len(versions)), source.name))
            continue
        rows.append(
            (
                source.list_id,
                active.version,
                active.published.isoformat() if active.published else "-",
                active.sha256[:12],
                f"{active.entry_count:,}",
                str(len(versions) - 1),
                source.name,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))
    engine.dispose()
    return 0


def import_files(args: argparse.Namespace) -> int:
    """Parse the publisher's files, store them as a new snapshot and make it the active one."""
    published: date | None = None
    if args.published:
        try:
            published = date.fromisoformat(args.published)
        except ValueError:
            return _error(f"--published {args.published!r} is not a date (YYYY-MM-DD)")
    files: dict[str, bytes] = {}
    for raw in args.paths:
        path = Path(raw)
        if not path.is_file():
            return _error(f"{path}: no such file")
        if path.name in files:
            return _error(f"{path}: two files named {path.name}")
        files[path.name] = path.read_bytes()
    engine, _lists_dir = _open_database()
    try:
        done = import_list_files(
            engine, args.list_id, files, published=published, imported_by="cli"
        )
    except UnknownListError as error:
        return _error(str(error))
    except ListImportError as error:
        return _error(f"{error}; the active snapshot of {args.list_id} is unchanged")
    finally:
        engine.dispose()
    info = done.outcome.info
    what = "imported" if done.outcome.created else "already stored, re-activated"
    print(f"{info.list_id}: {what} {info.version} ({info.entry_count:,} entries), now active")
    served = load_settings().screening_lists  # re-screened on the lists the deployment screens
    for outcome in rescreen_after_import(engine, _lists_dir, served):  # monitored supplier lists
        print(f"monitored list {outcome.monitored_list_id}: {outcome.alerts} new alerts")
    engine.dispose()
    return 0
