"""Settings, read once from the environment. Nothing else reads os.environ."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from screening.project_data import packaged_lists_dir

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    broker_url: str  # "" = jobs run in-process
    admin_key: str  # "" = no bootstrap admin key
    lists_dir: Path  # the project's own list data: the curated list and host risk
    data_dir: Path  # uploads, reports, SQLite file
    rate_limit_per_minute: int = 600  # API requests per key per minute; 0 = no limit
    list_refresh_seconds: float = 30.0  # how often a server looks for lists imported elsewhere
    # Distributed jobs (SCREENING_BROKER_URL set): Redis keys start with the prefix, so
    # deployments sharing one Redis stay apart; a chunk held by a worker that died is handed to
    # another worker after the visibility timeout (seconds; keep it above the longest chunk).
    queue_prefix: str = "screening"
    queue_visibility_timeout: float = 600.0
    job_chunk_rows: int = 2000  # rows of an upload screened per step (per task on the queue)
    max_upload_bytes: int = 50 * 1024 * 1024  # a supplier sheet larger than this is refused
    # Worker processes that screen the chunks of a large upload when jobs run in the server (no
    # broker); each holds a whole Screener (~500 MB). 0: the jobs thread screens on one core.
    # load_settings defaults to one per core on a machine of several.
    job_workers: int = 0
    # The lists this deployment screens against (list ids); empty: every list. Others are kept
    # when imported but neither loaded nor screened; a request may narrow these further.
    screening_lists: tuple[str, ...] = ()
    # Where the lists are fetched from: "" = each list's publisher (lists/sources.toml); else a
    # mirror, a folder or an http(s) base URL laid out <mirror>/<list-id>/<file>.
    lists_mirror: str = ""
    list_update_hours: float = 6.0  # how often each list is checked against its source
    list_fetch_timeout: float = 60.0  # seconds to connect, and between reads of a download
    list_max_bytes: int = 256 * 1024 * 1024  # a list file larger than this is refused

    def __repr__(self) -> str:  # never print the admin key
        return (
            f"Settings(database_url={_redact_url(self.database_url)!r}, "
            f"broker_url={_redact_url(self.broker_url)!r}, lists_dir={str(self.lists_dir)!r}, "
            f"data_dir={str(self.data_dir)!r}, "
            f"lists_mirror={_redact_url(self.lists_mirror)!r})"
        )


def _redact_url(url: str) -> str:
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("SCREENING_DATA_DIR", "var")).resolve()
    default_db = f"sqlite:///{data_dir / 'screening.db'}"
    return Settings(
        database_url=env.get("SCREENING_DATABASE_URL", default_db),
        broker_url=env.get("SCREENING_BROKER_URL", ""),
        admin_key=env.get("SCREENING_ADMIN_KEY", ""),
        lists_dir=Path(env.get("SCREENING_LISTS_DIR", str(packaged_lists_dir()))).resolve(),
        data_dir=data_dir,
        rate_limit_per_minute=int(env.get("SCREENING_RATE_LIMIT", "600")),
        list_refresh_seconds=float(env.get("SCREENING_LIST_REFRESH_SECONDS", "30")),
        queue_prefix=env.get("SCREENING_QUEUE_PREFIX", "screening"),
        queue_visibility_timeout=float(env.get("SCREENING_QUEUE_VISIBILITY_TIMEOUT", "600")),
        job_chunk_rows=int(env.get("SCREENING_JOB_CHUNK_ROWS", "2000")),
        max_upload_bytes=int(env.get("SCREENING_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024))),
        job_workers=int(env.get("SCREENING_JOB_WORKERS", str(_default_job_workers()))),
        screening_lists=_comma_separated(env.get("SCREENING_LISTS", "")),
        lists_mirror=env.get("SCREENING_LISTS_MIRROR", "").strip(),
        list_update_hours=float(env.get("SCREENING_LIST_UPDATE_HOURS", "6")),
        list_fetch_timeout=float(env.get("SCREENING_LIST_FETCH_TIMEOUT", "60")),
        list_max_bytes=int(env.get("SCREENING_LIST_MAX_BYTES", str(256 * 1024 * 1024))),
    )


def _comma_separated(text: str) -> tuple[str, ...]:
    """ "un-sc, uk-ofsi" -> ("un-sc", "uk-ofsi"): order kept, blanks and repeats dropped."""
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class SettingError(ValueError):
    """A setting whose value cannot be used; names the variable."""


def check_settings(settings: Settings) -> Settings:
    if settings.list_update_hours <= 0:
        raise SettingError("SCREENING_LIST_UPDATE_HOURS must be a positive number of hours")
    if settings.list_fetch_timeout <= 0:
        raise SettingError("SCREENING_LIST_FETCH_TIMEOUT must be a positive number of seconds")
    if settings.list_max_bytes <= 0:
        raise SettingError("SCREENING_LIST_MAX_BYTES must be a positive number of bytes")
    return settings


def _default_job_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores if cores and cores > 1 else 0
