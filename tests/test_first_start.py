"""A server's first start (no list stored yet): its lists fetched, parsed side by side and
indexed in a process of its own, as the command line does, and the file it wrote served."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

import screening.service
from listfiles import LISTS_DIR
from mirror_server import copy_mirror
from screening.index_files import IndexFiles
from screening.screener_file import file_of
from screening.service import ScreeningService
from screening.sources.download import FetchPolicy
from screening.sources.update import ListUpdater, UpdateConfig
from screening.store.db import make_engine, migrate
from screening.store.snapshots import stored_list_ids
from screening.supplier import Supplier

SERVED = ("un-sc", "eu-fsf", "dprk-labour")  # the mirror copied here holds no eu-fsf


def test_a_first_start_serves_the_index_file_written_beside_the_fetch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def built_here(*_: object) -> None:
        raise AssertionError("the first start's own process writes the index file")

    monkeypatch.setattr(screening.service, "write_index", built_here)
    engine = make_engine(f"sqlite:///{tmp_path / 'screening.db'}")
    migrate(engine)
    config = UpdateConfig(
        mirror=str(copy_mirror(tmp_path / "mirror", ("un-sc",))),
        lists_dir=LISTS_DIR,
        files_dir=tmp_path / "list-files",
        policy=FetchPolicy(),
        interval=timedelta(hours=6),
        list_ids=SERVED,
    )
    service = ScreeningService(
        engine,
        LISTS_DIR,
        updater=ListUpdater(engine, config),
        lists=SERVED,
        index_files=IndexFiles(tmp_path / "index"),
    )
    try:
        service.load()
        assert stored_list_ids(engine) >= {"un-sc", "dprk-labour"}
        served = service.screener
        assert {s.list_id for s in served.snapshots} == {"un-sc", "dprk-labour"}
        assert file_of(served) in set((tmp_path / "index").glob("screener-*.index"))
        (result,) = served.screen([Supplier(name="Korea Mining Development Trading Corporation")])
        assert result.risk.level == "critical"
    finally:
        engine.dispose()
