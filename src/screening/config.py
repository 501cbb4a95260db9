"""Settings, read once from the environment. Nothing else reads os.environ."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    broker_url: str  # "" = jobs run in-process
    admin_key: str  # "" = no bootstrap admin key
    lists_dir: Path  # the bundled publishers' files and curated data
    data_dir: Path  # uploads, reports, SQLite file
    rate_limit_per_minute: int = 600  # API requests per key per minute; 0 = no limit
    # Suppliers screened per key per minute (POST /v1/screen costs one per supplier); 0 = none.
    supplier_rate_limit_per_minute: int = 60_000
    # Where the counts live: "" = the broker when it is Redis (shared by every process), else
    # this process's memory; or a redis:// URL (e.g. with RabbitMQ as the broker).
    rate_limit_storage: str = ""
    list_refresh_seconds: float = 30.0  # how often a server looks for lists imported elsewhere
    # Distributed jobs (SCREENING_BROKER_URL set): Redis keys and the queue's name start with
    # the prefix, so deployments sharing one broker stay apart. On Redis, a chunk held by a
    # worker that died goes to another worker after the visibility timeout (seconds; a live
    # worker keeps its chunk however long it takes); RabbitMQ hands it on at once.
    queue_prefix: str = "screening"
    queue_visibility_timeout: float = 30.0
    job_chunk_rows: int = 2000  # rows of an upload screened per step (per task on the queue)
    max_upload_bytes: int = 50 * 1024 * 1024  # a supplier sheet larger than this is refused
    # Worker processes that screen the chunks of a large upload when jobs run in the server (no
    # broker); each holds a whole Screener (~500 MB). 0: the jobs thread screens on one core.
    # load_settings defaults to one per core on a machine of several.
    job_workers: int = 0
    # Webhook destinations allowed although not public (intranet ERPs): host names, `.suffix`
    # for every name under it, addresses or CIDRs. Public addresses are always allowed.
    webhook_allow: tuple[str, ...] = ()
    # Finished upload jobs (file, rows, results, reports) and stored screenings older than this
    # many days are deleted, every hour; 0 keeps them for ever.
    retention_days: int = 0
    log_format: str = "json"  # json: one object a line with the request id; text: for a terminal

    def __repr__(self) -> str:  # never print the admin key
        return (
            f"Settings(database_url={_redact_url(self.database_url)!r}, "
            f"broker_url={_redact_url(self.broker_url)!r}, lists_dir={str(self.lists_dir)!r}, "
            f"data_dir={str(self.data_dir)!r})"
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
        lists_dir=Path(env.get("SCREENING_LISTS_DIR", str(REPO_ROOT / "lists"))).resolve(),
        data_dir=data_dir,
        rate_limit_per_minute=int(env.get("SCREENING_RATE_LIMIT", "600")),
        supplier_rate_limit_per_minute=int(env.get("SCREENING_SUPPLIER_RATE_LIMIT", "60000")),
        rate_limit_storage=env.get("SCREENING_RATE_LIMIT_STORAGE", ""),
        list_refresh_seconds=float(env.get("SCREENING_LIST_REFRESH_SECONDS", "30")),
        queue_prefix=env.get("SCREENING_QUEUE_PREFIX", "screening"),
        queue_visibility_timeout=float(env.get("SCREENING_QUEUE_VISIBILITY_TIMEOUT", "30")),
        job_chunk_rows=int(env.get("SCREENING_JOB_CHUNK_ROWS", "2000")),
        max_upload_bytes=int(env.get("SCREENING_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024))),
        job_workers=int(env.get("SCREENING_JOB_WORKERS", str(_default_job_workers()))),
        log_format=env.get("SCREENING_LOG_FORMAT", "json"),
        retention_days=int(env.get("SCREENING_RETENTION_DAYS", "0")),
        webhook_allow=tuple(env.get("SCREENING_WEBHOOK_ALLOW", "").replace(",", " ").split()),
    )


def _default_job_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores if cores and cores > 1 else 0
