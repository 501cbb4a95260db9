"""The `screening` console command: parses arguments and hands over to screening.commands.*."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from screening.config import SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screening",
        description="Screen suppliers against sanctions lists and DPRK overseas-labour entities.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    lists = commands.add_parser("lists", help="fetch, import and inspect watchlist versions")
    lists_commands = lists.add_subparsers(dest="lists_command", required=True)
    show = lists_commands.add_parser("show", help="stored lists, versions, entries and status")
    show.set_defaults(handler="screening.commands.lists:show")
    update = lists_commands.add_parser(
        "update", help="fetch the lists from their publishers (or SCREENING_LISTS_MIRROR) now"
    )
    update.add_argument(
        "--list", dest="list_ids", action="append", metavar="ID", help="this list only (repeat)"
    )
    update.add_argument(
        "--force", action="store_true", help="accept a version with >10%% fewer entries"
    )
    update.set_defaults(handler="screening.commands.lists:update")
    imp = lists_commands.add_parser("import", help="import a new snapshot of a list")
    imp.add_argument("--list", dest="list_id", required=True, help="list id, e.g. us-ofac-sdn")
    imp.add_argument("--published", help="publication date (YYYY-MM-DD) if the file has none")
    imp.add_argument("paths", nargs="+", help="the publisher's files, as published")
    imp.set_defaults(handler="screening.commands.lists:import_files")

    serve = commands.add_parser("serve", help="run the REST API and web page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler="screening.commands.serve:serve")

    screen = commands.add_parser("screen", help="screen a spreadsheet without a server")
    screen.add_argument("input", help="supplier sheet: .xlsx or .csv")
    screen.add_argument("-o", "--output", required=True, help="report: .xlsx, .csv, .json or .pdf")
    screen.add_argument("--sheet", help="sheet name (xlsx); default: every sheet with suppliers")
    screen.add_argument("--threshold", type=float, help="match threshold 0-100")
    screen.add_argument("--no-progress", action="store_true", help="no progress bar")
    screen.set_defaults(handler="screening.commands.screen:screen")

    worker = commands.add_parser("worker", help="screen chunks of jobs from the queue (Celery)")
    worker.add_argument("--concurrency", type=int, default=1, help="child processes (one per core)")
    worker.add_argument("--name", default="screening@%h", help="node name; %%h = host name")
    worker.add_argument("--loglevel", default="info", choices=["debug", "info", "warning", "error"])
    worker.add_argument("--ping", action="store_true", help="exit 0 if this worker answers")
    worker.add_argument(
        "--metrics-port", type=int, default=0, help="serve Prometheus metrics on this port"
    )
    worker.set_defaults(handler="screening.commands.worker:worker")

    audit = commands.add_parser("audit", help="check the tamper-evident audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="exit 0 if no record was edited or deleted")
    verify.add_argument("--tenant", help='verify one tenant\'s chain only ("" = the system chain)')
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler="screening.commands.audit:verify")

    return parser


EXIT_BAD_SETTINGS = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, function_name = args.handler.split(":")
    handler = getattr(importlib.import_module(module_name), function_name)
    try:
        result: int = handler(args)
    except SettingsError as error:  # before anything starts: say which variable, and stop
        print(f"screening: cannot start: {error}", file=sys.stderr)
        return EXIT_BAD_SETTINGS
    except KeyboardInterrupt:  # Ctrl-C while starting (imports, migrations): no traceback
        print("screening: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result
