"""Write the published API contract: `python -m screening.api.openapi_export` -> api/openapi.json.

`--check` compares instead of writing and exits 1 when the file is not current.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screening.config import REPO_ROOT, Settings
from screening.service import ScreeningService
from screening.store.db import make_engine

OPENAPI_FILE = REPO_ROOT / "api" / "openapi.json"


def current_openapi() -> dict[str, Any]:
    """The app's OpenAPI document; builds the app without touching any database."""
    from screening.api.app import create_app

    settings = Settings(
        database_url="sqlite://",
        broker_url="",
        admin_key="",
        lists_dir=REPO_ROOT / "lists",
        data_dir=REPO_ROOT / "var",
    )
    service = ScreeningService(make_engine(settings.database_url), settings.lists_dir)
    return create_app(settings, service=service).openapi()


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is not current")
    parser.add_argument("--output", type=Path, default=OPENAPI_FILE)
    args = parser.parse_args(argv)
    text = render(current_openapi())
    if args.check:
        current = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        if not current:
            print(
                f"{args.output} is not current: run python -m screening.api.openapi_export",
                file=sys.stderr,
            )
        return 0 if current else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
