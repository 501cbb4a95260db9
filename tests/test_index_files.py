"""The index files of a server's data directory: one per set of list versions, built once (under
a lock every process shares), mapped by every process that screens, and the one served named in
the stamp `current` that a server's other processes follow."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from listfiles import LISTS_DIR
from screening.index_files import FILES_KEPT, IndexFiles, index_key
from screening.screener import Screener
from screening.screener_file import file_of
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import HOST_RISK_FILE

HOST_RISK = (LISTS_DIR / HOST_RISK_FILE).read_bytes()
SUPPLIERS = [Supplier("Korea Ryonbong General Corp", country="RU"), Supplier("Acme GmbH")]


@pytest.fixture(scope="module")
def labour_list(bundled_snapshots: dict[str, ListSnapshot]) -> ListSnapshot:
    return bundled_snapshots["dprk-labour"]


class CountingBuild:
    """A build of the labour list's Screener that counts its calls."""

    def __init__(self, snapshot: ListSnapshot, seconds: float = 0.0) -> None:
        self.snapshot, self.seconds, self.calls = snapshot, seconds, 0

    def __call__(self) -> Screener:
        self.calls += 1
        time.sleep(self.seconds)  # long enough for another caller to arrive meanwhile
        return Screener.from_snapshots([self.snapshot], HOST_RISK)


def key_of(snapshot: ListSnapshot) -> str:
    return index_key([(snapshot.list_id, snapshot.sha256)], HOST_RISK)


def test_the_key_names_the_list_versions_in_any_order() -> None:
    assert index_key([("a", "1"), ("b", "2")], HOST_RISK) == index_key(
        [("b", "2"), ("a", "1")], HOST_RISK
    )
    assert index_key([("a", "1")], HOST_RISK) != index_key([("a", "2")], HOST_RISK)
    assert index_key([("a", "1")], HOST_RISK) != index_key([("a", "1")], HOST_RISK + b"\n")


def test_the_file_of_a_set_of_lists_is_built_once(
    labour_list: ListSnapshot, tmp_path: Path
) -> None:
    files, build = IndexFiles(tmp_path), CountingBuild(labour_list)
    first = files.open_or_build(key_of(labour_list), build)
    second = files.open_or_build(key_of(labour_list), build)
    assert build.calls == 1
    assert second.screen(SUPPLIERS) == first.screen(SUPPLIERS)


def test_what_serves_is_mapped_from_the_file_others_open(
    labour_list: ListSnapshot, tmp_path: Path
) -> None:
    files = IndexFiles(tmp_path)
    built = Screener.from_snapshots([labour_list], HOST_RISK)
    served = files.open_or_build(key_of(labour_list), lambda: built)
    assert file_of(served) == files.path_of(key_of(labour_list))
    assert served.screen(SUPPLIERS) == built.screen(SUPPLIERS)


def test_callers_asking_at_once_build_it_once(labour_list: ListSnapshot, tmp_path: Path) -> None:
    files, build = IndexFiles(tmp_path), CountingBuild(labour_list, seconds=0.5)
    opened: list[Screener] = []
    callers = [
        threading.Thread(
            target=lambda: opened.append(files.open_or_build(key_of(labour_list), build))
        )
        for _ in range(3)
    ]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert build.calls == 1
    assert len(opened) == 3


def test_a_file_that_cannot_be_read_is_built_again(
    labour_list: ListSnapshot, tmp_path: Path
) -> None:
    files, build = IndexFiles(tmp_path), CountingBuild(labour_list)
    tmp_path.mkdir(exist_ok=True)
    files.path_of(key_of(labour_list)).write_bytes(b"written by another version")
    assert files.open(key_of(labour_list)) is None
    screener = files.open_or_build(key_of(labour_list), build)
    assert build.calls == 1
    assert (
        screener.list_versions()
        == Screener.from_snapshots([labour_list], HOST_RISK).list_versions()
    )


def test_the_stamp_names_the_file_published_last(tmp_path: Path) -> None:
    files = IndexFiles(tmp_path)
    assert files.current() is None
    files.publish("one")
    files.publish("two")
    assert files.current() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current"]  # no temporary left


def test_only_the_newest_files_are_kept(tmp_path: Path) -> None:
    files = IndexFiles(tmp_path)
    keys = [f"key{n}" for n in range(FILES_KEPT + 2)]
    for age, key in enumerate(keys):
        files.path_of(key).write_bytes(b"an index file")
        moment = time.time() - 100 + age
        os.utime(files.path_of(key), (moment, moment))
    files.publish(keys[-1])
    kept = sorted(p.name for p in tmp_path.glob("screener-*"))
    assert kept == sorted(files.path_of(k).name for k in keys[-FILES_KEPT:])
