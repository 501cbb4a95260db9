"""engine_version names the build: package version, the code and data that score, the scoring
libraries' versions and the host-risk file; one build gives one version in every process."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from screening import __version__
from screening.engine_version import (
    SCORING_LIBRARIES,
    engine_version_for,
    library_versions,
    shaping_files,
)

REPO = Path(__file__).resolve().parents[1]
HOST_RISK = (REPO / "lists" / "host-risk.toml").read_bytes()


def test_engine_version_is_the_package_version_and_a_digest() -> None:
    assert re.fullmatch(rf"{re.escape(__version__)}\+[0-9a-f]{{12}}", engine_version_for(HOST_RISK))


def test_engine_version_changes_with_the_host_risk_file() -> None:
    edited = HOST_RISK + b"\n# a reviewer's edit\n"
    assert engine_version_for(edited) != engine_version_for(HOST_RISK)


def test_another_process_of_the_same_build_gets_the_same_version() -> None:
    code = (
        "import sys; from screening.engine_version import engine_version_for; "
        "print(engine_version_for(sys.stdin.buffer.read()))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], input=HOST_RISK, capture_output=True, check=True
    )
    assert other.stdout.decode().strip() == engine_version_for(HOST_RISK)


def test_the_digest_covers_the_matching_and_risk_code_and_their_data_files() -> None:
    names = {path.relative_to(REPO / "src" / "screening").as_posix() for path in shaping_files()}
    assert {"matching/score.py", "risk/assess.py", "names/data/legal_forms.toml"} <= names
    assert "screener.py" in names


def test_the_scoring_libraries_run_at_their_locked_versions() -> None:
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    installed = library_versions()
    assert set(installed) == set(SCORING_LIBRARIES)
    for name, version in installed.items():
        assert re.search(rf"^{re.escape(name)}=={re.escape(version)} ", lock, re.MULTILINE), name
