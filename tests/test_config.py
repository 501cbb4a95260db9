"""Settings are typed and checked when a process starts: a wrong value stops it with a message
naming the variable; the operator's key must be a real secret; secrets never print."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from screening.config import Settings, SettingsError, load_settings

STRONG_KEY = "k7Qm2vX9pL4sT8wZ1rB6nC3yF5hJ0dGa"


@pytest.mark.parametrize(
    "key",
    ["change-me", "short-but-random-Zq81", "change-me-change-me-change-me-change-me", "x" * 40],
)
def test_a_short_or_placeholder_admin_key_is_refused_by_name(key: str) -> None:
    with pytest.raises(SettingsError, match="SCREENING_ADMIN_KEY") as refused:
        load_settings({"SCREENING_ADMIN_KEY": key})
    assert key not in str(refused.value)


def test_the_server_does_not_start_with_the_templates_admin_key() -> None:
    environment = {**os.environ, "SCREENING_ADMIN_KEY": "change-me"}
    started = subprocess.run(
        [sys.executable, "-m", "screening", "serve", "--port", "1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 2
    assert "SCREENING_ADMIN_KEY" in started.stderr
    assert "change-me" not in started.stderr


def test_a_strong_admin_key_is_kept_as_a_secret() -> None:
    settings = load_settings({"SCREENING_ADMIN_KEY": STRONG_KEY})
    assert settings.admin_key.get_secret_value() == STRONG_KEY
    assert STRONG_KEY not in repr(settings) and STRONG_KEY not in str(settings.admin_key)


def test_values_are_typed_and_every_wrong_one_is_named() -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(
            {
                "SCREENING_RATE_LIMIT": "lots",
                "SCREENING_QUEUE_VISIBILITY_TIMEOUT": "0",
                "SCREENING_LOG_FORMAT": "xml",
            }
        )
    message = str(refused.value)
    for variable in (
        "SCREENING_RATE_LIMIT",
        "SCREENING_QUEUE_VISIBILITY_TIMEOUT",
        "SCREENING_LOG_FORMAT",
    ):
        assert variable in message


def test_the_webhook_allow_list_is_split_and_checked() -> None:
    settings = load_settings({"SCREENING_WEBHOOK_ALLOW": "erp.intra.example, 10.20.0.0/16"})
    assert settings.webhook_allow == ("erp.intra.example", "10.20.0.0/16")
    with pytest.raises(SettingsError, match="SCREENING_WEBHOOK_ALLOW"):
        load_settings({"SCREENING_WEBHOOK_ALLOW": "10.0.0.0/33"})


def test_the_database_defaults_to_sqlite_in_the_data_directory(tmp_path: object) -> None:
    settings = load_settings({"SCREENING_DATA_DIR": "/srv/screening"})
    assert settings.database_url == "sqlite:////srv/screening/screening.db"


def test_settings_made_in_code_do_not_read_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCREENING_BROKER_URL", "redis://elsewhere:6379/0")
    assert Settings(database_url="sqlite://").broker_url == ""
    assert load_settings().broker_url == "redis://elsewhere:6379/0"
