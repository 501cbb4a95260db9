"""`screening screen INPUT -o REPORT`: screen a supplier sheet without a server.

Reads the sheet, screens every row against the lists stored in the database (a list not
stored yet is fetched first, from its publisher or SCREENING_LISTS_MIRROR; the built Screener is
cached in settings.data_dir), writes the report in the format of the output's extension, shows
progress on stderr and prints one summary line. Exit 0 when it ran, even with row errors; 1 when
the input or the lists cannot be read; 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import hashlib
import multiprocessing
import os
import pickle
import signal
import socket
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TextIO

from screening.commands.screener_cache import CachedScreener, cached_screener, fingerprint
from screening.config import load_settings
from screening.gc_pause import paused_garbage_collection
from screening.ingest import IngestResult, UnreadableFileError, mapping_json, read_suppliers
from screening.parallel_scoring import can_fork, fork_sending, received, usable_cores
from screening.reports import REPORT_FORMATS, write_report
from screening.reports.build import (
    header_rows,
    list_versions,
    merge_in_sheet_order,
    report_rows,
    risk_bands,
    unscreened_row,
)
from screening.reports.model import (
    LEVELS,
    NOT_SCREENED,
    Provenance,
    RenderedResults,
    ReportData,
    ReportRow,
)
from screening.reports.rows_xml import ROWS_PER_BLOCK
from screening.reports.xlsx import results_rows_xml, write_xlsx
from screening.screener import Screener
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import (
    HOST_RISK_FILE,
    LIST_IDS,
    UnknownListsSettingError,
    check_lists_setting,
)

# rows from which the results sheet is rendered on every core (~0.7 s of one core for 100,000)
RENDER_APART_ROWS = 20_000


class CommandError(Exception):
    """The command cannot run; the message says why, the code is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class ProgressBar:
    """A one-line bar on a terminal; on anything else, a line at every tenth of the way."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, *, enabled: bool = True) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = enabled
        self.is_terminal = stream.isatty()
        self.started = time.perf_counter()
        self._last_tenth = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        fraction = min(done / self.total, 1.0)
        if self.is_terminal:
            filled = int(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            rate = done / max(time.perf_counter() - self.started, 1e-6)
            self.stream.write(
                f"\rScreening [{bar}] {done:,}/{self.total:,} names {fraction:4.0%} "
                f"({rate:,.0f} names/s)"
            )
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"Screening: {done:,}/{self.total:,} names ({fraction:.0%})\n")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.is_terminal:
            self.stream.write("\n")
            self.stream.flush()


def screen(args: argparse.Namespace) -> int:
    try:
        return _screen(args)
    except CommandError as error:
        print(f"screening screen: {error}", file=sys.stderr)
        return error.code


def _screen(args: argparse.Namespace) -> int:
    source = Path(args.input)
    target = Path(args.output)
    report_format = target.suffix.lower().lstrip(".")
    if report_format not in REPORT_FORMATS:
        formats = ", ".join(f".{name}" for name in REPORT_FORMATS)
        raise CommandError(f"the output must end in one of {formats}: {target}", code=2)
    if args.threshold is not None and not 0 <= args.threshold <= 100:
        raise CommandError("--threshold is a score from 0 to 100", code=2)
    if not source.is_file():
        raise CommandError(f"no such file: {source}")
    progress = not args.no_progress
    started = datetime.now(UTC)

    content = source.read_bytes()
    reading = SheetReading.start(content, source.name, args.sheet)

    # The Screener is a million long-lived objects; the garbage collector would walk them again
    # and again while the lists are parsed, stored and indexed, and while rows are screened and
    # written (0.5 s of 2 s reading 100,000 rows; 6 s of a cold start's 20 s CPU). This process
    # ends when the report is written, so they are set aside for good, before any collection.
    with paused_garbage_collection():
        try:
            cached = stored_screener(progress)
        except BaseException:
            reading.abandon()
            raise
        ingested = reading.result()
        gc.freeze()
    _note(progress, f"Read {len(ingested.rows):,} suppliers from {source.name}")
    screener = cached.screener
    threshold = args.threshold if args.threshold is not None else screener.default_threshold
    rows = screen_rows(screener, ingested, threshold, progress)

    report = command_line_report(
        ingested, rows, screener, content, source.name, started=started, threshold=threshold
    )
    write_atomically(report, report_format, target)
    print(summary_line(report, source.name, target), flush=True)
    cached.finish()  # the index file of a Screener just built, for the next run
    return 0


class SheetReading:
    """The sheet read by a forked child while this process imports, fetches or opens the lists
    and the match index (1.7 s of a 100,000-row run's CPU, which had the second core idle); the
    rows come back pickled through a pipe (a quarter of the reading's CPU). Read here, in turn,
    where this process may not fork."""

    def __init__(self, child: int | None, pipe: int | None, here: IngestResult | str) -> None:
        self.child = child
        self.pipe = pipe
        self.here = here  # the result when read in this process (a str: why it cannot be read)

    @classmethod
    def start(cls, content: bytes, file_name: str, sheet: str | None) -> SheetReading:
        if not can_fork():
            return cls(None, None, _read_sheet(content, file_name, sheet))
        child, pipe = fork_sending(
            lambda: pickle.dumps(
                _read_sheet(content, file_name, sheet), protocol=pickle.HIGHEST_PROTOCOL
            )
        )
        return cls(child, pipe, "")

    def result(self) -> IngestResult:
        outcome = self.here
        if self.pipe is not None and self.child is not None:
            try:
                outcome = pickle.loads(received(self.child, self.pipe))
            except (ChildProcessError, pickle.UnpicklingError) as error:
                raise CommandError(f"the sheet could not be read: {error}") from error
        if isinstance(outcome, str):
            raise CommandError(outcome)
        return outcome

    def abandon(self) -> None:
        """Stop the child (the command failed before it needed the rows)."""
        if self.child is not None and self.pipe is not None:
            os.close(self.pipe)
            os.kill(self.child, signal.SIGTERM)
            os.waitpid(self.child, 0)


def _read_sheet(content: bytes, file_name: str, sheet: str | None) -> IngestResult | str:
    """The rows of the sheet, or why it cannot be read."""
    try:
        return read_suppliers(content, file_name, sheet=sheet)
    except UnreadableFileError as error:
        return str(error)


def _note(enabled: bool, message: str) -> None:
    if enabled:
        print(message, file=sys.stderr, flush=True)


def stored_screener(progress: bool) -> CachedScreener:
    """The Screener over the lists active in the database, fetching any list not stored yet:
    from the cache in the data directory when the lists and the code are unchanged since it was
    made, else built (and cached: call `finish()` before exiting)."""
    # Imported here: `screening screen --help` and argument errors need no database stack.
    from screening.sources.update import ListUpdater, UpdateConfig
    from screening.store.db import make_engine, migrate
    from screening.store.snapshots import (
        active_fingerprint,
        load_active_snapshots,
        stored_list_ids,
    )

    settings = load_settings()
    served = settings.screening_lists
    try:
        check_lists_setting(served)
    except UnknownListsSettingError as error:
        raise CommandError(str(error)) from error
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        updater = ListUpdater(engine, UpdateConfig.of(settings))
        stored = stored_list_ids(engine)
        # the lists imported now, as parsed: decoding them back from the database would cost
        # seconds of a cold start for the same entries
        imported: dict[str, ListSnapshot] = {}
        missing = [i for i in updater.config.list_ids if i not in stored]
        if missing:
            _note(progress, f"Fetching {', '.join(missing)} ...")
        with list_parsers(len(missing)) as parser:
            outcomes = updater.update_apart(missing, parser)
        for outcome in outcomes:
            if outcome.failed:
                warning = f"screening screen: {outcome.list_id} not screened: {outcome.detail}"
                print(warning, file=sys.stderr)
            elif outcome.snapshot is not None:
                imported[outcome.list_id] = replace(outcome.snapshot, warnings=())
        active = tuple(
            item for item in active_fingerprint(engine) if item[0] in updater.config.list_ids
        )
        if not active:
            raise CommandError(f"no list could be had from {updater.config.where()}")

        host_risk_path = settings.lists_dir / HOST_RISK_FILE

        def key_now() -> str:
            try:
                return fingerprint(active, host_risk_path)
            except OSError as error:
                raise CommandError(f"cannot read {host_risk_path}: {error}") from error

        def build() -> Screener:
            _note(progress, "Loading the stored lists ...")
            try:
                host_risk = host_risk_path.read_bytes()
            except OSError as error:
                raise CommandError(f"cannot read {host_risk_path}: {error}") from error
            served = set(updater.config.list_ids)
            # a list imported now is used as parsed unless another version is active since
            fresh = {i: s for i, s in imported.items() if (i, s.sha256) in active}
            loaded = load_active_snapshots(engine, served - fresh.keys())
            snapshots = sorted(
                [*fresh.values(), *loaded.values()], key=lambda s: LIST_IDS.index(s.list_id)
            )
            _note(progress, "Building the match index ...")
            return Screener.from_snapshots(snapshots, host_risk)

        cached = cached_screener(settings.data_dir / "cache", key_now, build)
    finally:
        engine.dispose()
    if cached.was_cached:
        _note(progress, "Loaded the lists and the match index from the cache")
    return cached


def list_parsers(lists: int) -> Executor:
    """Where the lists fetched are parsed: side by side in forked processes, one per core (the
    longest stage of a cold start: 4 s CPU on the 2-core machine, its largest list 2 s); here,
    in one thread, when there is one list or one core or forking is not safe."""
    workers = min(lists, usable_cores())
    if workers < 2 or not can_fork():
        return ThreadPoolExecutor(max_workers=1)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def screen_rows(
    screener: Screener, ingested: IngestResult, threshold: float, progress: bool
) -> list[ReportRow]:
    suppliers = [row.supplier for row in ingested.rows]
    # One batch, not chunks: the matcher scores each distinct name once, on every core.
    bar = ProgressBar(len({supplier.name for supplier in suppliers}), sys.stderr, enabled=progress)
    scored = 0

    def on_scored(count: int) -> None:
        nonlocal scored
        scored += count
        bar.update(scored)

    results = screener.screen(suppliers, threshold, on_scored=on_scored)
    bar.close()
    rows = report_rows(ingested.rows, results)
    skipped = [unscreened_row(s.sheet, s.row, s.values, s.reason) for s in ingested.skipped]
    return merge_in_sheet_order(ingested.sheets, rows, skipped)


def command_line_report(
    ingested: IngestResult,
    rows: list[ReportRow],
    screener: Screener,
    content: bytes,
    file_name: str,
    *,
    started: datetime,
    threshold: float,
) -> ReportData:
    return ReportData(
        provenance=Provenance(
            engine_version=screener.engine_version,
            match_threshold=float(threshold),
            lists=list_versions(screener),
            run_by=f"{getpass.getuser()}@{socket.gethostname()} (command line)",
            started_at=started,
            finished_at=datetime.now(UTC),
            input_file=file_name,
            input_sha256=hashlib.sha256(content).hexdigest(),
            input_size=len(content),
            risk_bands=risk_bands(),
            mapping=mapping_json(ingested.sheets),
            header_rows=header_rows(ingested.sheets),
        ),
        sheets=ingested.sheets,
        rows=rows,
        errors=ingested.errors,
    )


def write_atomically(report: ReportData, report_format: str, target: Path) -> None:
    """The report appears whole or not at all; an old file of that name stays until then."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error}") from error
    try:
        with os.fdopen(handle, "wb") as out:
            if report_format == "xlsx":
                write_xlsx(report, out, rendered_apart(report))
            else:
                write_report(report, report_format, out)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"cannot write {target}: {error}") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def rendered_apart(report: ReportData) -> RenderedResults | None:
    """The results sheet's rows rendered on every core: this process renders the first part, a
    forked child each other part (whole blocks of rows, so the markup is what one process would
    make), sent back through a pipe. None (the writer renders them) for a small report, one
    core, or where this process may not fork."""
    rows = report.rows
    cores = usable_cores()
    if cores < 2 or len(rows) < RENDER_APART_ROWS or not can_fork():
        return None
    columns = report.columns()
    per_part = -(-len(rows) // cores)
    per_part = -(-per_part // ROWS_PER_BLOCK) * ROWS_PER_BLOCK
    children = [
        fork_sending(partial(results_rows_xml, rows[start : start + per_part], columns, start))
        for start in range(per_part, len(rows), per_part)
    ]
    blocks = [results_rows_xml(rows[:per_part], columns, 0)]
    try:
        blocks += [received(child, pipe) for child, pipe in children]
    except ChildProcessError as error:
        raise CommandError(f"a part of the report could not be written: {error}") from error
    counts = {**report.summary(), NOT_SCREENED: report.not_screened}
    return RenderedResults(len(rows), counts, [row for row in rows if row.matches], blocks)


def summary_line(report: ReportData, input_name: str, target: Path) -> str:
    counts = report.summary()
    screened = sum(counts.values())
    levels = ", ".join(f"{counts[level]:,} {level}" for level in LEVELS)
    return (
        f"Screened {screened:,} suppliers from {input_name}: {levels}; "
        f"{report.not_screened:,} rows not screened, {len(report.errors):,} row errors. "
        f"Report: {target}"
    )
