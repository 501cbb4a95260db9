"""`screening serve`: the REST API (and web page) under uvicorn."""

from __future__ import annotations

import argparse
import logging
import logging.config
import sys

from screening.config import load_settings
from screening.metrics_dir import use_multiprocess_dir
from screening.project_check import ProjectDataError, check_project_data


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
    from screening.api.app import create_app

    config = logging_config(settings.log_format)
    logging.config.dictConfig(config)
    logging.getLogger(__name__).info("settings: %r", settings)  # __repr__ hides secrets
    # Access logs show method, path and status only: API keys travel in headers, never in URLs,
    # and query strings (which may name a supplier) are left out.
    import uvicorn

    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        proxy_headers=False,
        log_config=config,
    )
    return 0
