"""`screening lists import` re-screens monitored lists itself: alerts without a running server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from list_update_support import UN_FILE, monitor_suppliers, un_snapshot, updated_un_xml
from screening.cli import main
from screening.monitoring.tables import AlertRow
from screening.store.db import make_engine, migrate
from screening.store.snapshots import import_snapshot


def test_cli_import_raises_the_alerts_of_monitored_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    monkeypatch.setenv("SCREENING_DATABASE_URL", url)
    monkeypatch.setenv("SCREENING_DATA_DIR", str(tmp_path))
    engine = make_engine(url)
    migrate(engine)
    import_snapshot(engine, un_snapshot(), imported_by="bundled")
    monitored_id = monitor_suppliers(engine)
    updated = tmp_path / UN_FILE
    updated.write_bytes(updated_un_xml())

    assert main(["lists", "import", "--list", "un-sc", str(updated)]) == 0

    assert f"monitored list {monitored_id}: 3 new alerts" in capsys.readouterr().out
    with Session(engine) as session:
        kinds = session.exec(select(AlertRow.kind).order_by(col(AlertRow.id))).all()
    assert list(kinds) == ["changed_match", "match_gone", "new_match"]
    engine.dispose()
