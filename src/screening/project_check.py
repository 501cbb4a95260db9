"""What a server needs from the project's own data before it starts, checked up front: a missing
or broken file stops `screening serve` with a message naming it and the setting, instead of a
server answering 503 for ever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from screening.config import Settings
from screening.project_data import ProjectDataError
from screening.risk.host_risk import parse_host_risk
from screening.watchlist.curated import FILE_NAME as CURATED_FILE
from screening.watchlist.curated import parse_labour_list
from screening.watchlist.errors import ListFormatError
from screening.watchlist.registry import HOST_RISK_FILE

LISTS_DIR_SETTING = "SCREENING_LISTS_DIR"


def check_project_data(settings: Settings) -> None:
    """Raise ProjectDataError naming what is wrong and the setting to change."""
    folder = settings.lists_dir
    if not folder.is_dir():
        raise ProjectDataError(folder, LISTS_DIR_SETTING, "no such folder")
    _check(folder / HOST_RISK_FILE, parse_host_risk)
    _check(folder / CURATED_FILE, parse_labour_list)


def _check(path: Path, parse: Callable[[bytes], object]) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProjectDataError(path, LISTS_DIR_SETTING, error.strerror or "unreadable") from error
    try:
        parse(data)
    except (ListFormatError, ValueError) as error:
        raise ProjectDataError(path, LISTS_DIR_SETTING, f"not usable: {error}") from error


__all__ = ["ProjectDataError", "check_project_data"]
