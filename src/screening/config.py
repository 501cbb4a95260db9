"""Settings, read once from the environment (pydantic-settings): typed, checked when the process
starts, secrets held as SecretStr. Nothing else reads os.environ.

Every setting is SCREENING_<NAME> (README, "Configuration"); a value that cannot be right stops
the process with a message naming the variable, rather than surfacing later as a strange fault.
A Settings made in code (tests, benchmarks) takes only what it is given: only `load_settings`
reads the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

from screening.egress import EgressPolicy
from screening.project_data import packaged_lists_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
ENV_PREFIX = "SCREENING_"
MIN_ADMIN_KEY_CHARS = 32
# What deployment templates and tutorials put in place of a secret: such a key is known to all.
_PLACEHOLDER_WORDS = ("changeme", "replaceme", "placeholder", "yourkey", "secretkey", "example")


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def _default_job_workers() -> int:
    cores = _cores()
    return cores if cores > 1 else 0


class SettingsError(ValueError):
    """Settings that cannot be right; the message names each variable and what is wrong."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", validate_by_name=True
    )

    database_url: str = ""  # "" = SQLite in data_dir
    broker_url: str = ""  # "" = jobs run in-process
    admin_key: SecretStr = SecretStr("")  # "" = no bootstrap admin key
    # The project's own list data (the curated list, host risk): the packaged lists/ folder
    # unless an operator names a folder of their own.
    lists_dir: Path = Field(default_factory=packaged_lists_dir)
    data_dir: Path = Path("var")  # uploads, reports, SQLite file, metrics
    # API requests per key per minute; 0 = no limit.
    rate_limit_per_minute: int = Field(600, ge=0, validation_alias="SCREENING_RATE_LIMIT")
    # Suppliers screened per key per minute (POST /v1/screen costs one per supplier); 0 = none.
    supplier_rate_limit_per_minute: int = Field(
        60_000, ge=0, validation_alias="SCREENING_SUPPLIER_RATE_LIMIT"
    )
    # Where the counts live: "" = the broker when it is Redis (shared by every process), else
    # this process's memory; or a redis:// URL (e.g. with RabbitMQ as the broker).
    rate_limit_storage: str = ""
    # How often a server looks for lists imported elsewhere (seconds); 0 = never.
    list_refresh_seconds: float = Field(30.0, ge=0)
    # Distributed jobs (SCREENING_BROKER_URL set): Redis keys and the queue's name start with
    # the prefix, so deployments sharing one broker stay apart. On Redis, a chunk held by a
    # worker that died goes to another worker after the visibility timeout (seconds; a live
    # worker keeps its chunk however long it takes); RabbitMQ hands it on at once.
    queue_prefix: str = Field("screening", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    queue_visibility_timeout: float = Field(30.0, gt=0)
    job_chunk_rows: int = Field(2000, gt=0)  # rows of an upload screened per step (per task)
    max_upload_bytes: int = Field(50 * 1024 * 1024, gt=0)  # a larger supplier sheet is refused
    # Worker processes that screen the chunks of a large upload when jobs run in the server (no
    # broker), started for a job and ended soon after (~150 MB each while they live; the index
    # file is shared). 0: the jobs thread screens on one core.
    # Default: one per core on a machine of several.
    job_workers: int = Field(default_factory=_default_job_workers, ge=0)
    # An upload of no more rows than this is screened in the jobs thread: the workers' start
    # (~2 s CPU and ~150 MB each) costs more than they save on it.
    job_workers_above_rows: int = Field(20_000, ge=0)
    # HTTP server processes `screening serve` starts on its one port, sharing one index file;
    # one of them (the leader) also does the background work. Default: one per core.
    serve_workers: int = Field(default_factory=_cores, ge=1)
    # Webhook destinations allowed although not public (intranet ERPs): host names, `.suffix`
    # for every name under it, addresses or CIDRs, separated by commas or spaces. Public
    # addresses are always allowed.
    webhook_allow: Annotated[tuple[str, ...], NoDecode] = ()
    # Finished upload jobs (file, rows, results, reports) and stored screenings older than this
    # many days are deleted, every hour; 0 keeps them for ever.
    retention_days: int = Field(0, ge=0)
    log_format: Literal["json", "text"] = "json"  # json: an object a line; text: for a terminal
    # The lists this deployment screens against (list ids, separated by commas); empty: every
    # list. Others are kept when imported but neither loaded nor screened; a request may narrow
    # these further.
    screening_lists: Annotated[tuple[str, ...], NoDecode] = Field(
        (), validation_alias="SCREENING_LISTS"
    )
    # Where the lists are fetched from: "" = each list's publisher (lists/sources.toml); else a
    # mirror, a folder or an http(s) base URL laid out <mirror>/<list-id>/<file>.
    lists_mirror: str = ""
    list_update_hours: float = Field(6.0, gt=0)  # how often each list is checked at its source
    # Seconds to connect, and between reads of a download.
    list_fetch_timeout: float = Field(60.0, gt=0)
    list_max_bytes: int = Field(256 * 1024 * 1024, gt=0)  # a larger list file is refused

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)  # the environment is read by load_settings alone

    @field_validator("lists_dir", "data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.resolve()

    @field_validator("lists_mirror")
    @classmethod
    def _stripped(cls, value: str) -> str:
        return value.strip()

    @field_validator("webhook_allow", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(value.replace(",", " ").split())
        return value

    @field_validator("screening_lists", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        """ "un-sc, uk-ofsi" -> ("un-sc", "uk-ofsi"): order kept, blanks and repeats dropped."""
        if isinstance(value, str):
            return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
        return value

    @field_validator("webhook_allow")
    @classmethod
    def _parseable(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        EgressPolicy.parse(value)  # ValueError names the bad item
        return value

    @field_validator("admin_key")
    @classmethod
    def _strong_admin_key(cls, value: SecretStr) -> SecretStr:
        key = value.get_secret_value()
        if not key:
            return value
        if len(key) < MIN_ADMIN_KEY_CHARS:
            raise ValueError(
                f"{ENV_PREFIX}ADMIN_KEY is {len(key)} characters; it must be at least "
                f"{MIN_ADMIN_KEY_CHARS} random characters (e.g. `openssl rand -base64 32`)"
            )
        if is_placeholder(key):
            raise ValueError(
                f"{ENV_PREFIX}ADMIN_KEY is a placeholder, not a secret: set a random value "
                "(e.g. `openssl rand -base64 32`)"
            )
        return value

    @model_validator(mode="after")
    def _sqlite_in_data_dir(self) -> Settings:
        if not self.database_url:  # frozen: set once, here, before anyone reads it
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'screening.db'}")
        return self

    def __repr__(self) -> str:  # never print the admin key or a password in a URL
        return (
            f"Settings(database_url={_redact_url(self.database_url)!r}, "
            f"broker_url={_redact_url(self.broker_url)!r}, lists_dir={str(self.lists_dir)!r}, "
            f"data_dir={str(self.data_dir)!r})"
        )

    __str__ = __repr__


def is_placeholder(key: str) -> bool:
    """A value a template or a tutorial ships: a placeholder word, or one character repeated."""
    letters = re.sub(r"[^a-z0-9]", "", key.lower())
    return len(set(letters)) <= 2 or any(word in letters for word in _PLACEHOLDER_WORDS)


def _redact_url(url: str) -> str:
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping (os.environ, or a test's)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(Settings)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(
            self._environ, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from SCREENING_* variables; SettingsError names every one that is wrong."""
    values = _Environment(os.environ if environ is None else environ)()
    try:
        return Settings(**values)
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None  # the values stay out of the message


def _explain(error: ValidationError) -> str:
    problems = []
    for item in error.errors(include_input=False):
        field = str(item["loc"][0]) if item["loc"] else ""
        variable = _variable(field)
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(message if variable in message else f"{variable}: {message}")
    return "; ".join(problems)


def _variable(field: str) -> str:
    if field.startswith(ENV_PREFIX):
        return field
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info is not None else None
    if isinstance(alias, str):
        return alias
    return f"{ENV_PREFIX}{field.upper()}" if field else "settings"
