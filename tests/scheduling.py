"""How the suite's files are shared out between xdist's two workers.

Each file is one unit of work, so its module fixtures (a server, a cold CLI run) are built once;
the browser tests (tests/web) are one unit, so `screening serve` and Chromium start on one worker
only. xdist hands out units in collection order (`--no-loadscope-reorder`): the long ones first,
then the others by their number of tests, so that no worker is left alone with a long file at
the end.

xdist's own `--dist loadgroup` cannot group here: it renames items by a private attribute that
pytest 9 no longer reads, so the grouping is a scheduler of our own (a LoadFileScheduling whose
unit is `unit_of`), chosen through xdist's pytest_xdist_make_scheduler hook.
"""

from __future__ import annotations

import os

import pytest
from xdist.scheduler import LoadFileScheduling

# Units that take minutes, longest first, from `pytest --durations` and the JUnit times of a
# whole run (docs/benchmarks.md, "suite"). A file not named here is ordered by its tests' count.
LONG_UNITS: tuple[str, ...] = (
    "tests/package/test_wheel_install.py",  # a wheel built and pip-installed, a cold server
    "tests/web/",  # one `screening serve` fetching four lists, Chromium, uploads
    "tests/test_cli_screen.py",  # the CLI's cold run, then warm ones
    "tests/api/test_api_list_updates.py",
    "tests/test_serve_workers.py",  # `screening serve` with two processes
    "tests/scale/test_distributed_jobs.py",  # worker processes on Redis and RabbitMQ
    "tests/test_list_updates.py",
    "tests/api/test_jobs_pool.py",
    "tests/security/test_metrics_processes.py",
    "tests/security/test_fuzz_openapi.py",
    "tests/test_jobs_pool_lifetime.py",
    "tests/test_lists_ryonbong.py",
    "tests/security/test_hostile_uploads.py",
    "tests/api/test_api_list_import.py",
)

# Folders whose files share an expensive session fixture: run together, on one worker.
GROUPED_FOLDERS = ("tests/web/",)


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its folder's group, or its file."""
    path = nodeid.split("::", 1)[0]
    for folder in GROUPED_FOLDERS:
        if path.startswith(folder):
            return folder
    return path


class UnitScheduling(LoadFileScheduling):
    """xdist's file-by-file scheduling, with `unit_of` for a file."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)


def scheduled(items: list[pytest.Item]) -> list[pytest.Item]:
    """`items`, in an xdist worker, reordered unit by unit, long units first; the order within a
    unit is kept (pytest's own, which groups parametrised session fixtures). Without xdist,
    pytest's own order stands: it sets such fixtures up fewer times."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return items
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(unit_of(item.nodeid), []).append(item)

    def rank(unit: str) -> tuple[int, int]:
        if unit in LONG_UNITS:
            return (LONG_UNITS.index(unit), 0)
        return (len(LONG_UNITS), -len(units[unit]))

    return [item for unit in sorted(units, key=rank) for item in units[unit]]
