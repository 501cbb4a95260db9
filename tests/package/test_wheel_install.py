"""The package as a user installs it: the wheel built from this checkout, installed into a new
virtual environment outside the checkout, runs the CLI and a server that fetch the lists from a
mirror over HTTP and screen a supplier. Nothing of the checkout is on that environment's path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from listfiles import REPO_ROOT, WATCHLISTS
from mirror_server import MirrorServer, serving_mirror
from support.server_process import wait_until_serving
from support.serving import free_port

ADMIN_KEY = "wheel-smoke-admin-key-0123456789"
STEP_GUARD_SECONDS = 900  # only stops a hung step (a pip install, the first start under load)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a new virtual environment with the wheel of this checkout installed."""
    work = tmp_path_factory.mktemp("wheel")
    wheels = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), "."],
        cwd=REPO_ROOT,
        check=True,
        timeout=STEP_GUARD_SECONDS,
    )
    (wheel,) = wheels.glob("screening-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)],
        cwd=work,
        check=True,
        timeout=STEP_GUARD_SECONDS,
    )
    return venv / "bin"


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with serving_mirror(WATCHLISTS) as server:
        yield server


def clean_env(data_dir: Path, mirror: MirrorServer) -> dict[str, str]:
    """Only what a user would set: no PYTHONPATH, nothing pointing into the checkout."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(data_dir),
        "SCREENING_DATA_DIR": str(data_dir),
        "SCREENING_LISTS_MIRROR": mirror.url,
        "SCREENING_ADMIN_KEY": ADMIN_KEY,
    }


def test_the_installed_package_carries_its_own_list_data(installed: Path, tmp_path: Path) -> None:
    script = (
        "import screening, screening.project_data as p; "
        "print(screening.__file__); print(sorted(x.name for x in p.packaged_lists_dir().iterdir()))"
    )
    done = subprocess.run(
        [str(installed / "python"), "-c", script],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, data_files = done.stdout.splitlines()
    assert not module_file.startswith(str(REPO_ROOT))
    assert data_files == str(["SOURCES.md", "dprk-labour.toml", "host-risk.toml", "sources.toml"])


def test_the_installed_cli_fetches_a_list_from_the_mirror(
    installed: Path, mirror: MirrorServer, tmp_path: Path
) -> None:
    done = subprocess.run(
        [str(installed / "screening"), "lists", "update", "--list", "un-sc"],
        cwd=tmp_path,
        env=clean_env(tmp_path, mirror),
        capture_output=True,
        text=True,
        timeout=STEP_GUARD_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    assert "un-sc: updated: now serving 2026-02-27-66b392a4" in done.stdout


def test_the_installed_server_starts_fetches_the_lists_and_screens(
    installed: Path, mirror: MirrorServer, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(installed / "screening"), "serve", "--port", str(port)],
            cwd=tmp_path,
            env=clean_env(tmp_path, mirror),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server, log, timeout=STEP_GUARD_SECONDS)
        response = httpx.post(
            f"{base}/v1/screen",
            headers={"X-API-Key": ADMIN_KEY},
            json={"suppliers": [{"name": "Korea Ryonbong General Corporation", "country": "CN"}]},
            timeout=60,
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["risk_level"] == "critical"
    assert server.returncode in (0, -15)
