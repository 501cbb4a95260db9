"""The app over three small lists, served by uvicorn in a process of its own.

    python -m support.served_app DATABASE_URL PORT DATA_DIR MAX_UPLOAD_BYTES ADMIN_KEY

(with tests/ and the repository on PYTHONPATH, as support.server_process starts it)

The hostile-upload tests start it so that the server's memory is measured alone (its peak RSS
from /proc) and so that a reader that crashed the process could not take the test run with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from bench.fuzz import small_screener

from screening.api.access_log import logging_config
from screening.api.app import create_app
from screening.config import REPO_ROOT, Settings
from screening.service import ScreeningService
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot


def main(argv: list[str]) -> None:
    database_url, port, data_dir, max_upload_bytes, admin_key = argv
    screener, snapshots = small_screener()
    engine = make_engine(database_url)
    migrate(engine)
    for snapshot in snapshots:
        import_snapshot(engine, snapshot, imported_by="bundled")
    service = ScreeningService(engine, REPO_ROOT / "lists")
    service.use(screener)
    settings = Settings(
        database_url=database_url,
        broker_url="",
        admin_key=admin_key,
        lists_dir=REPO_ROOT / "lists",
        data_dir=Path(data_dir),
        rate_limit_per_minute=0,
        list_refresh_seconds=0,
        max_upload_bytes=int(max_upload_bytes),
    )
    app = create_app(settings, service=service)
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_config=logging_config())


if __name__ == "__main__":
    main(sys.argv[1:])
