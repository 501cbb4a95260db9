"""`screening lists import` and `screening lists show`, run as a user would, on a real database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from listfiles import LISTS_DIR, WATCHLISTS, mirror_folder
from screening.cli import main
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot, list_versions
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_IDS

CONS_FILES = ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")


@pytest.fixture()
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'var' / 'screening.db'}"
    monkeypatch.setenv("SCREENING_DATABASE_URL", url)
    monkeypatch.setenv("SCREENING_LISTS_DIR", str(LISTS_DIR))
    return url


CONS_FOLDER = mirror_folder("us-ofac-cons")


def cons_paths(directory: Path = CONS_FOLDER) -> list[str]:
    return [str(directory / name) for name in CONS_FILES]


def test_import_stores_and_activates_the_files(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["lists", "import", "--list", "us-ofac-cons", "--published", "2025-12-19", *cons_paths()]
    )
    assert code == 0
    assert "us-ofac-cons: imported 2025-12-19-" in capsys.readouterr().out
    (version,) = list_versions(make_engine(database), "us-ofac-cons")
    assert version.active and version.entry_count == 442


def test_imported_files_are_named_as_the_source_of_the_serving_version(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists", "import", "--list", "us-ofac-cons", *cons_paths()]) == 0
    capsys.readouterr()
    assert main(["lists", "show"]) == 0
    assert "serves (from files imported by cli)" in capsys.readouterr().out


def test_file_that_does_not_parse_is_refused_and_the_old_snapshot_stays(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists", "import", "--list", "us-ofac-cons", *cons_paths()]) == 0
    broken = tmp_path / "broken"
    shutil.copytree(mirror_folder("us-ofac-cons"), broken, copy_function=shutil.copyfile)
    data = (broken / "cons_prim.csv").read_bytes()
    (broken / "cons_prim.csv").write_bytes(data[: len(data) // 2])  # cut off mid-download
    capsys.readouterr()

    code = main(["lists", "import", "--list", "us-ofac-cons", *cons_paths(broken)])

    assert code == 2
    error = capsys.readouterr().err
    assert "cons_prim.csv" in error
    assert "unchanged" in error
    (version,) = list_versions(make_engine(database), "us-ofac-cons")
    assert version.active


def test_unknown_list_is_an_error(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "import", "--list", "ch-seco", *cons_paths()]) == 2
    assert "unknown list 'ch-seco'" in capsys.readouterr().err


def test_bad_publication_date_is_an_error(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["lists", "import", "--list", "us-ofac-cons", "--published", "19/12/2025", *cons_paths()]
    )
    assert code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_show_prints_every_list_with_its_active_version(
    database: str,
    bundled_snapshots: dict[str, ListSnapshot],
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = make_engine(database)
    migrate(engine)
    for snapshot in bundled_snapshots.values():
        import_snapshot(engine, snapshot, imported_by="test")

    assert main(["lists", "show"]) == 0

    output = capsys.readouterr().out.splitlines()
    lines = output[: output.index("")]  # the table; a line of status per list follows
    header = ["LIST", "VERSION", "PUBLISHED", "SHA256", "ENTRIES", "OLDER", "STATUS"]
    assert lines[0].split()[:7] == header
    shown = {line.split()[0]: line.split() for line in lines[1:]}
    assert list(shown) == list(LIST_IDS)  # every known list, those with no version too
    assert shown["ca-sema"][1] == "-"  # not imported here
    un = shown["un-sc"]
    assert un[1] == bundled_snapshots["un-sc"].version
    assert un[2] == "2026-02-27"
    assert un[4] == f"{len(bundled_snapshots['un-sc'].entries):,}"


def test_update_fetches_a_list_from_the_mirror_then_finds_it_unchanged(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SCREENING_LISTS_MIRROR", str(WATCHLISTS))

    assert main(["lists", "update", "--list", "un-sc"]) == 0
    assert "un-sc: updated: now serving 2026-02-27-66b392a4" in capsys.readouterr().out
    assert main(["lists", "update", "--list", "un-sc"]) == 0
    assert "un-sc: unchanged" in capsys.readouterr().out
    (version,) = list_versions(make_engine(database), "un-sc")
    assert version.active and version.imported_by == "cli"


def test_update_that_cannot_reach_the_lists_exits_1_and_says_why(
    database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    monkeypatch.setenv("SCREENING_LISTS_MIRROR", str(empty))

    assert main(["lists", "update", "--list", "un-sc"]) == 1
    out = capsys.readouterr().out
    assert "un-sc: failed: no format of un-sc at the mirror" in out
    assert "SCREENING_LISTS_MIRROR" in out


def test_update_of_an_unknown_list_is_an_error(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists", "update", "--list", "ch-seco"]) == 2
    assert "unknown list 'ch-seco'" in capsys.readouterr().err


def test_serve_without_the_curated_data_exits_naming_the_file_and_the_setting(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SCREENING_LISTS_DIR": str(tmp_path), "SCREENING_DATA_DIR": str(tmp_path)}
    command = Path(sys.executable).with_name("screening")
    done = subprocess.run(
        [str(command), "serve", "--port", "0"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2
    assert f"{tmp_path / 'host-risk.toml'}" in done.stderr
    assert "SCREENING_LISTS_DIR" in done.stderr
