"""CPU time of single-supplier POST /v1/screen requests through the app itself, in one process.

    .venv/bin/python -m bench.request_path_cpu --data-dir <a served data folder>
    PYTHONPATH=../base/src .venv/bin/python -m bench.request_path_cpu --data-dir <its copy>

The app (`create_app`, its lifespan run) over a data folder that a server has already filled
(lists imported, index file built; `bench.http_load` leaves one under /tmp), driven by
`--connections` concurrent clients through httpx's ASGI transport: no socket, no uvicorn, no
load generator. The process's CPU time per request is the figure: it does not move with how
much of the cores other work takes, as wall figures on a shared machine do. The client's own
share is in it, the same for any two versions compared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

import httpx

from bench.http_load import SCREEN_BODY
from bench.shared_data import WATCHLISTS
from screening.api.app import create_app
from screening.config import load_settings

ADMIN_KEY = "bench-request-path-cpu-admin-key-0123456789"


async def run(app: object, connections: int, requests: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `requests` requests over `connections` clients."""
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    headers = {"X-API-Key": ADMIN_KEY, "Content-Type": "application/json"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        remaining = requests

        async def connection() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                response = await client.post("/v1/screen", content=SCREEN_BODY, headers=headers)
                assert response.status_code == 200, response.text

        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(connection() for _ in range(connections)))
        return time.process_time() - cpu, time.perf_counter() - wall


async def main_async(args: argparse.Namespace) -> None:
    os.environ |= {
        "SCREENING_DATA_DIR": str(args.data_dir),
        "SCREENING_DATABASE_URL": f"sqlite:///{args.data_dir / 'screening.db'}",
        "SCREENING_ADMIN_KEY": ADMIN_KEY,
        "SCREENING_RATE_LIMIT": "0",
        "SCREENING_SUPPLIER_RATE_LIMIT": "0",
        "SCREENING_JOB_WORKERS": "0",
        "SCREENING_LISTS_MIRROR": str(WATCHLISTS),
    }
    app = create_app(load_settings())
    async with app.router.lifespan_context(app):
        service = app.state.service
        while not service.readiness().ready:
            await asyncio.sleep(0.2)
        await run(app, args.connections, 50)  # warm: statements compiled, connections open
        for round_number in range(1, args.rounds + 1):
            cpu, wall = await run(app, args.connections, args.requests)
            print(
                f"round {round_number}: {1000 * cpu / args.requests:.2f} ms CPU a request, "
                f"{args.requests / wall:.0f} requests/s",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
