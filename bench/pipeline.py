"""A 100,000-row supplier workbook to a finished xlsx report: `.venv/bin/python -m bench.pipeline`.

    .venv/bin/python -m bench.pipeline                  # 100,000 rows: stages, CLI, API
    .venv/bin/python -m bench.pipeline --rows 20000
    .venv/bin/python -m bench.pipeline --skip-api       # stages and CLI only
    .venv/bin/python -m bench.pipeline --workload listed-words   # names made of listed words

Makes the workbook (bench/out/suppliers-<rows>.xlsx: a title block, Russian headings, the names
of bench/suppliers.py, a country in English, Russian or as a code, a sector, an INN, an address;
with `--workload listed-words`, bench/out/listed-words-<rows>.xlsx: the same columns, the names
made of the words of listed DPRK names, the hardest case for candidate generation, since every
word of every name is indexed),
then measures on the machine it runs on:
- the stages in this process: read the sheet, screen it, build the report rows, write the xlsx;
- the command line end to end (`screening screen IN.xlsx -o OUT.xlsx`), first with the screener
  cache empty (parse the lists and build the index) and then warm;
- the API end to end over real HTTP (uvicorn on 127.0.0.1, SQLite in a temporary directory):
  POST /v1/uploads, poll GET /v1/jobs/{id} until done, GET the xlsx report.
Wall-clock seconds; docs/benchmarks.md records the figures with the machine they came from.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import httpx
import uvicorn
from openpyxl import Workbook

from bench.shared_data import WATCHLISTS, read_list_files
from bench.suppliers import supplier_names
from screening.commands.screen import command_line_report, screen_rows, stored_screener
from screening.ingest import read_suppliers
from screening.reports.xlsx import write_xlsx
from screening.screener import Screener
from screening.watchlist.snapshot import build_snapshot

OUT = Path(__file__).resolve().parent / "out"
COUNTRIES = ("Россия", "RU", "China", "CN", "КНР", "Korea, South", "Germany", "TR", "ОАЭ", "VN", "")
SECTORS = ("строительство", "текстиль", "IT", "логистика", "лесозаготовка", "общепит", "")

# The lists come from the shared folder (SCREENING_TEST_SHARED), never from the publishers.
LIST_MIRROR = {"SCREENING_LISTS_MIRROR": str(WATCHLISTS)}


# A listed DPRK name: an entry of the curated list, or a UN entry of the DPRK regime (KPe/KPi).
DPRK_LISTS = ("dprk-labour", "un-sc")
LEGAL_FORMS = ("Co., Ltd.", "LLC", "Corporation", "Trading Company", "ООО", "JSC", "Group", "")


def listed_word_names(count: int, seed: int = 13) -> list[str]:
    """`count` names of two to four words drawn from the words of listed DPRK names, with a
    legal form or none (deterministic)."""
    words: dict[str, None] = {}
    for list_id in DPRK_LISTS:
        for entry in build_snapshot(list_id, read_list_files(list_id)).entries:
            if list_id == "un-sc" and not entry.source_id.startswith("KP"):
                continue
            for name in entry.all_names():
                words.update(dict.fromkeys(w for w in name.replace(",", " ").split() if len(w) > 1))
    vocabulary = sorted(words)
    rng = random.Random(seed)
    return [
        " ".join([*rng.sample(vocabulary, rng.randint(2, 4)), rng.choice(LEGAL_FORMS)]).strip()
        for _ in range(count)
    ]


WORKLOADS = {"suppliers": supplier_names, "listed-words": listed_word_names}


def make_workbook(rows: int, path: Path, workload: str = "suppliers") -> Path:
    """The benchmark sheet, written once per workload and row count and reused."""
    if path.is_file():
        return path
    rng = random.Random(11)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Поставщики")
    sheet.append(["Реестр поставщиков"])
    sheet.append(["Выгрузка для проверки"])
    sheet.append([])
    sheet.append(["№ п/п", "Наименование", "ИНН", "Страна", "Отрасль", "Адрес"])
    for number, name in enumerate(WORKLOADS[workload](rows), start=1):
        sheet.append(
            [
                number,
                name,
                str(9_900_000_000 + number),
                rng.choice(COUNTRIES),
                rng.choice(SECTORS),
                f"{rng.randint(1, 200)} Main Street, building {number % 50}",
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


@contextmanager
def stopwatch(label: str, results: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"{label}: {results[label]:.2f} s", flush=True)


def measure_stages(path: Path, results: dict[str, float], screener: Screener) -> None:
    content = path.read_bytes()
    gc.freeze()  # as the command line does once the Screener is loaded
    with stopwatch("stage: read the xlsx", results):
        ingested = read_suppliers(content, path.name)
    with stopwatch("stage: screen and build report rows", results):
        rows = screen_rows(screener, ingested, screener.default_threshold, progress=False)
    report = command_line_report(
        ingested,
        rows,
        screener,
        content,
        path.name,
        started=datetime.now(UTC),
        threshold=screener.default_threshold,
    )
    with stopwatch("stage: write the xlsx report", results):
        out = BytesIO()
        write_xlsx(report, out)
    print(f"  report size: {len(out.getvalue()) / 1e6:.1f} MB")


def measure_cli(path: Path, results: dict[str, float], data_dir: Path) -> None:
    command = Path(sys.executable).with_name("screening")
    env = {**os.environ, "SCREENING_DATA_DIR": str(data_dir), **LIST_MIRROR}
    target = OUT / "report-cli.xlsx"
    for label in ("CLI, screener cache empty", "CLI, screener cache warm"):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        with stopwatch(label, results):
            done = subprocess.run(
                [str(command), "screen", str(path), "-o", str(target)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        if done.returncode != 0:
            raise SystemExit(f"the CLI failed: {done.stderr}")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        print(f"  the CLI's CPU: {cpu:.2f} s (wall time varies with the machine's load)")
        cached = "from the cache" in done.stderr
        print(f"  {done.stdout.strip()}\n  screener {'from the cache' if cached else 'built'}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(client: httpx.Client) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if client.get("/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the API did not start")


def measure_api(path: Path, results: dict[str, float], screener: Screener) -> None:
    from screening.api.app import create_app
    from screening.config import load_settings
    from screening.service import ScreeningService
    from screening.store.db import make_engine

    folder = Path(tempfile.mkdtemp(prefix="bench-api-"))
    admin_key = "bench-operator-key-7f3a9c2e51d4b086"
    settings = load_settings(
        {
            "SCREENING_DATA_DIR": str(folder),
            "SCREENING_ADMIN_KEY": admin_key,
            "SCREENING_RATE_LIMIT": "0",
            "SCREENING_LIST_REFRESH_SECONDS": "0",
        }
    )
    service = ScreeningService(make_engine(settings.database_url), settings.lists_dir)
    service.use(screener)  # the lists are loaded before the clock starts
    app = create_app(settings, service=service)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=600) as client:
        _wait_until_up(client)
        # A server makes its job workers ready once its lists are loaded, as it does the lists.
        pool = app.state.job_pool
        if pool is not None and not pool.wait_ready(120):
            raise SystemExit("the job worker processes did not start")
        print(f"  job worker processes: {pool.size if pool is not None else 0}")
        tenant = client.post(
            "/v1/admin/tenants", headers={"X-API-Key": admin_key}, json={"name": "bench"}
        ).json()
        key = {"X-API-Key": tenant["api_key"]}
        content = path.read_bytes()
        with stopwatch("API: upload, job, xlsx download", results):
            accepted = client.post(
                "/v1/uploads", headers=key, files={"file": (path.name, content)}
            ).json()
            job_url = f"/v1/jobs/{accepted['job_id']}"
            while (job := client.get(job_url, headers=key).json())["status"] not in (
                "done",
                "failed",
            ):
                time.sleep(0.2)
            report = client.get(f"{job_url}/report?format=xlsx", headers=key)
        print(f"  job {job['status']}: {job['rows_done']:,} rows, summary {job['summary']}")
        print(f"  report {report.status_code}, {len(report.content) / 1e6:.1f} MB")
    server.should_exit = True
    thread.join(timeout=30)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="suppliers")
    args = parser.parse_args(argv)
    path = make_workbook(args.rows, OUT / f"{args.workload}-{args.rows}.xlsx", args.workload)
    print(
        f"input: {path} ({path.stat().st_size / 1e6:.1f} MB, {args.rows:,} rows), "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    results: dict[str, float] = {}
    data_dir = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    if not args.skip_cli:
        measure_cli(path, results, data_dir)
    os.environ["SCREENING_DATA_DIR"] = str(data_dir)  # reuse the CLI's cached Screener
    os.environ.update(LIST_MIRROR)
    cached = stored_screener(progress=False)
    cached.finish()
    screener = cached.screener
    if not args.skip_api:
        measure_api(path, results, screener)
    if not args.skip_stages:
        measure_stages(path, results, screener)
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
