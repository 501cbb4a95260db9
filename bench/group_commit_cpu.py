"""CPU time of storing screenings: the group committer's write of a group, with its audit records.

    .venv/bin/python -m bench.group_commit_cpu                 # SQLite in a temporary folder
    .venv/bin/python -m bench.group_commit_cpu --database postgresql
    PYTHONPATH=../base/src .venv/bin/python -m bench.group_commit_cpu   # another checkout

Writes `--groups` groups of `--size` single-supplier screenings of one tenant through POST
/v1/screen's group committer (its writer's step for one group: its connection, the screenings'
rows and audit records, the commit) and prints the process CPU time
per screening, the database's own time excluded (PostgreSQL's server is another process; SQLite's
fsync is I/O wait). CPU time, unlike wall time, stays put on a machine loaded by other work.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bench.http_load import POSTGRES_SERVER
from bench.workers import create_database
from screening.api.deps import Principal
from screening.api.results import json_bytes
from screening.api.routes.screen import (
    ScreeningToStore,
    ScreeningValues,
    screening_committer,
    screening_event,
)
from screening.audit.details import audit_details
from screening.audit.log import verify_chains
from screening.store.db import make_engine, migrate
from screening.store.tenants import IssuedKey, create_tenant
from screening.supplier import Supplier

RESULT = {
    "ref": "",
    "name": "Korea Sobaeksu Trading Company",
    "risk_score": 89.0,
    "risk_level": "high",
    "reasons": ["Name matches KOREA SOBAEKSU TRADING COMPANY (DL-055), score 95."] * 4,
    "matches": [{"list": "dprk-labour", "source_id": "DL-055", "score": 95.0}] * 3,
}
REQUEST = {"suppliers": [{"name": "Korea Sobaeksu Trading Company", "country": "KP"}]}
SUPPLIER = Supplier(name="Korea Sobaeksu Trading Company", country="KP")
# As many lists as a server serves, each named in the row and in the audit record.
LISTS = [{"list": f"list-{n}", "version": "2026-12-07", "sha256": f"{n:064x}"} for n in range(9)]


def screening(principal: Principal) -> ScreeningToStore:
    screening_id = str(uuid.uuid4())
    row = ScreeningValues(
        id=screening_id,
        tenant_id=principal.tenant_id,
        key_id=principal.key_id,
        created=datetime.now(UTC),
        supplier_count=1,
        input_json=json_bytes(REQUEST).decode(),
        results_json=json_bytes([RESULT]).decode(),
        list_versions_json=json_bytes(LISTS).decode(),
        threshold=80.0,
        engine_version="bench",
    )
    details = audit_details([SUPPLIER], LISTS, row.results_json.encode(), threshold=80.0)
    return ScreeningToStore(row, screening_event(principal, screening_id, details))


@contextmanager
def bench_tenant(database: str) -> Iterator[tuple[Engine, IssuedKey]]:
    """A fresh migrated database (SQLite in a temporary folder, or PostgreSQL on loopback)
    with one tenant; its engine and the tenant's admin key. Dropped afterwards."""
    drop = None
    folder = tempfile.TemporaryDirectory(prefix="screening-bench-store-")
    if database == "postgresql":
        url, drop = create_database(POSTGRES_SERVER)
    else:
        url = f"sqlite:///{Path(folder.name) / 'screening.db'}"
    engine = make_engine(url)
    try:
        migrate(engine)
        with Session(engine) as session:
            key = create_tenant(session, "bench")[1]
            session.commit()
        yield engine, key
    finally:
        engine.dispose()
        if drop is not None:
            drop()
        folder.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--groups", type=int, default=400)
    parser.add_argument("--size", type=int, default=4)
    args = parser.parse_args()
    with bench_tenant(args.database) as (engine, key):
        principal = Principal(key.tenant_id, key.key_id, key.role)
        groups = [[screening(principal) for _ in range(args.size)] for _ in range(args.groups)]
        committer = screening_committer(engine)
        cpu = time.process_time()
        for group in groups:
            # the writer thread's step, called here so that each group has `--size` items
            committer._write_in_one_transaction(group)
        cpu = time.process_time() - cpu
        committer.stop()
        with Session(engine) as session:
            assert verify_chains(session, [principal.tenant_id]).valid
        count = args.groups * args.size
        print(
            f"{args.database}: {count} screenings in groups of {args.size}: "
            f"{1000 * cpu / count:.3f} ms CPU each"
        )


if __name__ == "__main__":
    main()
