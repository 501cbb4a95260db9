"""`screening lists show|update|import`: the stored lists, their status, and new versions."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from screening.config import Settings, load_settings
from screening.monitoring_runtime import rescreen_after_import
from screening.sources.status import describe, record_import, status_records
from screening.sources.update import ListUpdater, UpdateConfig
from screening.store.db import make_engine, migrate
from screening.store.imports import ListImportError, import_list_files
from screening.store.snapshots import list_versions
from screening.watchlist.registry import LIST_IDS, LIST_SOURCES, UnknownListError

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def _error(message: str) -> int:
    print(f"screening lists: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _open_database() -> tuple[Engine, Settings]:
    settings = load_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    return engine, settings


def show(args: argparse.Namespace) -> int:
    """Print every list with its active version and status (fetches nothing)."""
    engine, _settings = _open_database()
    records = status_records(engine)
    now = datetime.now(UTC)
    rows = [("LIST", "VERSION", "PUBLISHED", "SHA256", "ENTRIES", "OLDER", "STATUS", "NAME")]
    details = []
    for source in LIST_SOURCES:
        versions = list_versions(engine, source.list_id)
        active = next((v for v in versions if v.active), None)
        status = describe(
            source,
            records.get(source.list_id),
            now,
            serving_version=active.version if active else None,
        )
        details.append(f"{source.list_id}: {status.status.value}: {status.status_detail}")
        if active is None:
            rows.append(
                (source.list_id, "-", "-", "-", "0", str(len(versions)), status.status, source.name)
            )
            continue
        rows.append(
            (
                source.list_id,
                active.version,
                active.published.isoformat() if active.published else "-",
                active.sha256[:12],
                f"{active.entry_count:,}",
                str(len(versions) - 1),
                status.status,
                source.name,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))
    print()
    for line in details:
        print(line)
    engine.dispose()
    return 0


def update(args: argparse.Namespace) -> int:
    """Check lists against their sources now and import what is new; exit 1 if one failed."""
    list_ids = args.list_ids or list(LIST_IDS)
    unknown = [list_id for list_id in list_ids if list_id not in LIST_IDS]
    if unknown:
        return _error(str(UnknownListError(unknown[0])))
    engine, settings = _open_database()
    updater = ListUpdater(engine, UpdateConfig.of(settings))
    failed = False
    updated = False
    for list_id in list_ids:
        print(f"{list_id}: checking {updater.where(list_id)} ...", file=sys.stderr, flush=True)
        outcome = updater.update(list_id, force=args.force, actor="cli")
        print(f"{list_id}: {outcome.result.value}: {outcome.detail}")
        failed = failed or outcome.failed
        updated = updated or outcome.snapshot is not None
    if updated:
        rescreened_lists = rescreen_after_import(
            engine, settings.lists_dir, settings.screening_lists
        )
        for rescreened in rescreened_lists:
            print(f"monitored list {rescreened.monitored_list_id}: {rescreened.alerts} new alerts")
    engine.dispose()
    return EXIT_FAILED if failed else 0


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
    engine, settings = _open_database()
    try:
        done = import_list_files(
            engine, args.list_id, files, published=published, imported_by="cli"
        )
    except UnknownListError as error:
        engine.dispose()
        return _error(str(error))
    except ListImportError as error:
        engine.dispose()
        return _error(f"{error}; the active snapshot of {args.list_id} is unchanged")
    record_import(engine, args.list_id, "cli", done.snapshot.warnings)
    info = done.outcome.info
    what = "imported" if done.outcome.created else "already stored, re-activated"
    print(f"{info.list_id}: {what} {info.version} ({info.entry_count:,} entries), now active")
    # Monitored supplier lists are re-screened on the lists this deployment screens.
    for outcome in rescreen_after_import(engine, settings.lists_dir, settings.screening_lists):
        print(f"monitored list {outcome.monitored_list_id}: {outcome.alerts} new alerts")
    engine.dispose()
    return 0
