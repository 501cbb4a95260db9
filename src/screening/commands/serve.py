"""`screening serve`: the REST API (and web page) under uvicorn."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn

from screening.api.access_log import logging_config
from screening.api.app import create_app
from screening.config import SettingError, load_settings
from screening.project_check import ProjectDataError, check_project_data


def serve(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        check_project_data(settings)
    except (ProjectDataError, SettingError, ValueError) as error:
        print(f"screening serve: cannot start: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    logging.getLogger(__name__).info("settings: %r", settings)  # __repr__ hides secrets
    # Access logs show method, path and status only: API keys travel in headers, never in URLs,
    # and query strings (which may name a supplier) are left out.
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        proxy_headers=False,
        log_config=logging_config(),
    )
    return 0
