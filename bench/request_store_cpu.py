"""CPU time of a single-supplier POST /v1/screen's database side, without HTTP and matching.

    .venv/bin/python -m bench.request_store_cpu                 # SQLite in a temporary folder
    .venv/bin/python -m bench.request_store_cpu --database postgresql
    PYTHONPATH=../base/src .venv/bin/python -m bench.request_store_cpu   # another checkout

`--threads` threads (as the server's request threads) each run `--requests` requests' database
work: the reads (the API key's holder, the tenant's list versions, the decisions on the supplier,
on a request session closed afterwards), the same reads as the API makes them now (the read
generation; the key, the list versions and the decided suppliers kept at it: store.generations)
and the write (the screening's row and audit record through the group committer, answered once
durable). Prints the process CPU time per request, reads and writes apart; PostgreSQL's server is
another process and SQLite's fsync is I/O wait, so this is the serving process's own cost. The
tenant's audit chain is verified at the end.
"""

from __future__ import annotations

import argparse
import threading
import time

from sqlmodel import Session

from bench.group_commit_cpu import bench_tenant, screening
from screening.api.deps import Principal
from screening.api.routes.screen import screening_committer
from screening.audit.log import verify_chains
from screening.decisions.store import decisions_in_force, kept_decisions_in_force
from screening.store.generations import GenerationCache, session_generation
from screening.store.tenants import find_key_holder, kept_key_holder
from screening.supplier import Supplier
from screening.tenant_lists.store import tenant_fingerprint

SUPPLIER = Supplier(name="Korea Sobaeksu Trading Company", country="KP")


def read_side(engine: object, secret: str) -> Principal:
    """What a request reads before it screens, on its own session as the API opens one."""
    session = Session(engine, expire_on_commit=False)  # type: ignore[call-overload]
    try:
        holder = find_key_holder(session, secret)
        assert holder is not None
        tenant_fingerprint(engine, holder.tenant_id)  # type: ignore[arg-type]
        decisions_in_force(session, holder.tenant_id, [SUPPLIER])
    finally:
        session.close()
    return Principal(holder.tenant_id, holder.key_id, holder.role)


def kept_read_side(engine: object, secret: str, kept: GenerationCache) -> Principal:
    """The same reads as the API makes them now: the read generation, then the key's holder,
    the tenant's list versions and decided suppliers as this process kept them at it."""
    session = Session(engine, expire_on_commit=False)  # type: ignore[call-overload]
    try:
        generation = session_generation(session)
        holder = kept_key_holder(session, kept, generation, secret)
        assert holder is not None
        kept.value(
            generation,
            ("tenant lists", holder.tenant_id),
            lambda: tenant_fingerprint(engine, holder.tenant_id),  # type: ignore[arg-type]
        )
        kept_decisions_in_force(session, kept, generation, holder.tenant_id, [SUPPLIER])
    finally:
        session.close()
    return Principal(holder.tenant_id, holder.key_id, holder.role)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=250, help="per thread")
    args = parser.parse_args()
    with bench_tenant(args.database) as (engine, key):
        committer = screening_committer(engine)
        try:
            read_side(engine, key.secret)  # warm: the statements compiled, connections opened
            count = args.threads * args.requests

            kept = GenerationCache()

            def reads() -> None:
                for _ in range(args.requests):
                    read_side(engine, key.secret)

            def kept_reads() -> None:
                for _ in range(args.requests):
                    kept_read_side(engine, key.secret, kept)

            def whole() -> None:
                for _ in range(args.requests):
                    committer.commit(screening(read_side(engine, key.secret)))

            figures = []
            runs = (("reads", reads), ("kept reads", kept_reads), ("reads+write", whole))
            for name, work in runs:
                threads = [threading.Thread(target=work) for _ in range(args.threads)]
                cpu, wall = time.process_time(), time.perf_counter()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                figures.append(
                    f"{name} {1000 * cpu / count:.3f} ms CPU ({count / wall:.0f}/s wall)"
                )
            with Session(engine) as session:
                assert verify_chains(session, [key.tenant_id]).valid
            print(
                f"{args.database}, {args.threads} threads x {args.requests}: " + "; ".join(figures)
            )
        finally:
            committer.stop()


if __name__ == "__main__":
    main()
