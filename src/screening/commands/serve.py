"""`screening serve`: the REST API (and web page) under uvicorn."""

from __future__ import annotations

import argparse
import logging
import logging.config
import os
import sys
import threading
from typing import TYPE_CHECKING

from screening.config import load_settings
from screening.metrics_dir import use_multiprocess_dir
from screening.project_check import ProjectDataError, check_project_data

READY_LINE_VARIABLE = "SCREENING_SERVE_READY_LINE"  # the line the leader of several prints

if TYPE_CHECKING:  # imported late at run time: after the metrics directory is chosen
    from screening.screener import Screener
    from screening.service import ScreeningService


def ready_line(host: str, port: int) -> str:
    """ "ready: open http://127.0.0.1:8000": the address a person on this machine can open (a
    server listening on every interface is reached on loopback here)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"ready: open http://{shown}:{port}"


def announce_ready(service: ScreeningService, line: str) -> None:
    """Print `line` once, when the service can first screen: uvicorn's "running" comes long
    before that, while the lists still load."""
    printed = threading.Event()

    def on_ready(_screener: Screener) -> None:
        if not printed.is_set():
            printed.set()
            print(line, flush=True)

    service.on_lists_changed.append(on_ready)


def serve(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        check_project_data(settings)
    except ProjectDataError as error:
        print(f"screening serve: cannot start: {error}", file=sys.stderr)
        return 2
    # Before the app (and prometheus-client) is imported: the server's job worker processes,
    # and any other server process given the same directory, count into one /metrics.
    use_multiprocess_dir(settings.data_dir / "metrics")
    from screening.api.access_log import logging_config

    config = logging_config(settings.log_format)
    logging.config.dictConfig(config)
    logging.getLogger(__name__).info("settings: %r", settings)  # __repr__ hides secrets
    # Access logs show method, path and status only: API keys travel in headers, never in URLs,
    # and query strings (which may name a supplier) are left out.
    import uvicorn

    from screening.commands.serve_protocol import HTTP_PROTOCOL

    if settings.serve_workers > 1:
        # Several fresh processes on one port (uvicorn spawns them and replaces one that dies),
        # sharing the index file; the app of each: screening.commands.serve_worker.
        os.environ[READY_LINE_VARIABLE] = ready_line(args.host, args.port)
        uvicorn.run(
            "screening.commands.serve_worker:worker_app",
            factory=True,
            workers=settings.serve_workers,
            host=args.host,
            port=args.port,
            proxy_headers=False,
            log_config=config,
            http=HTTP_PROTOCOL,
        )
        return 0
    # Imported here only: the supervisor of several serving processes serves nothing itself,
    # and the app's imports alone held ~75 MB of it (bench.server_memory).
    from screening.api.app import create_app

    app = create_app(settings)
    announce_ready(app.state.service, ready_line(args.host, args.port))
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        proxy_headers=False,
        log_config=config,
        http=HTTP_PROTOCOL,
    )
    return 0
