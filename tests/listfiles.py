"""Where the test suite finds the real list files and its own fixture data.

The publishers' files are not in the repository: the suite reads them from the shared folder
beside the checkout, laid out like a mirror (`<shared>/watchlists/<list-id>/<file>`), through ONE
setting, SCREENING_TEST_SHARED (default: `<repo>/../shared`). The project's own lists (the
curated list, host risk) are read from the repository's lists/ folder.

A plain module (not conftest.py) so test modules can import it: several conftest.py files exist
and `from conftest import ...` would pick whichever was imported last.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from bench.shared_data import (
    LISTS_DIR,
    REPO_ROOT,
    SHARED,
    SHARED_SETTING,
    WATCHLISTS,
    read_list_files,
)

from screening.watchlist.model import ListSnapshot
from screening.watchlist.snapshot import build_snapshot
from shared_data import read_shared, shared_dir

__all__ = [
    "LISTS_DIR",
    "REPO_ROOT",
    "SHARED",
    "SHARED_SETTING",
    "TEST_DATA",
    "WATCHLISTS",
    "read_shared",
    "shared_dir",
]

TEST_DATA = Path(__file__).resolve().parent / "data"

# The OFAC CSV sets carry no date; these are the dates the mirror's SOURCES.md gives them, so
# the snapshots the suite builds are named as an operator's import would name them.
MIRROR_PUBLISHED = {"us-ofac-sdn": date(2024, 7, 2), "us-ofac-cons": date(2025, 12, 19)}


def missing_shared_message() -> str | None:
    """Why the suite cannot run, or None when the shared folder is there."""
    if WATCHLISTS.is_dir():
        return None
    return (
        f"the real list files are not at {WATCHLISTS}: set {SHARED_SETTING} to the shared "
        "folder that holds watchlists/<list-id>/<file> (default: <repo>/../shared)"
    )


def mirror_folder(list_id: str) -> Path:
    return WATCHLISTS / list_id


def read_bundled(list_id: str) -> dict[str, bytes]:
    """Every file of a list as the service would fetch it: the mirror's files of a publisher's
    list, the repository's file of a project list (dprk-labour); file name -> bytes."""
    return read_list_files(list_id)


def bundled_snapshot(list_id: str) -> ListSnapshot:
    """A list parsed from its real files, dated as the mirror's notes date it."""
    return build_snapshot(list_id, read_bundled(list_id), published=MIRROR_PUBLISHED.get(list_id))


def uk_csv_twin(folder: Path, *, regime: str = "Democratic People's Republic of Korea") -> Path:
    """ConList.csv made from the mirror's ConList.xlsx in `folder`: OFSI published the same
    table as both (row 1 "Last Updated", row 2 the headers, one row per name variant). Keeps every
    row of the designations under `regime` and of those with a name in Han or Hangul script."""
    from openpyxl import load_workbook

    from screening.names.scripts import detect_script

    target = folder / "ConList.csv"
    workbook = load_workbook(
        mirror_folder("uk-ofsi") / "ConList.xlsx", read_only=True, data_only=True
    )
    rows = [
        tuple("" if value is None else str(value) for value in values)
        for values in workbook["Data"].iter_rows(values_only=True)
    ]
    workbook.close()
    last_updated, header, data = rows[0], rows[1], rows[2:]
    column = {name: index for index, name in enumerate(header)}
    chosen = {
        row[column["Group ID"]]
        for row in data
        if row[column["Regime"]] == regime
        or detect_script(row[column["Name Non-Latin Script"]]) in {"Han", "Hangul"}
    }
    with target.open("w", encoding="utf-8", newline="") as output:
        writer = csv.writer(output, lineterminator="\r\n")
        writer.writerow(last_updated)
        writer.writerow(header)
        writer.writerows(row for row in data if row[column["Group ID"]] in chosen)
    return target
