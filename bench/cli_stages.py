"""CPU of each stage of `screening screen` in one process, its forked scoring workers apart.

    SCREENING_DATA_DIR=<dir> SCREENING_LISTS_MIRROR=../shared/watchlists \
        .venv/bin/python -m bench.cli_stages bench/out/listed-words-100000.xlsx
    PYTHONPATH=../base/src:. ...  # the same stages of another checkout (its own data dir:
                                  # the Screener file is stamped with the engine's code)

The stages the CLI runs (commands/screen.py), timed with getrusage: imports, reading the sheet,
opening the cached Screener (built on the first run), screening (the process's own CPU: matches,
explanations, risk; and its forked workers': scoring the distinct names), the report rows, the
xlsx written to memory. CPU, unlike wall time, holds on a loaded machine; on an idle one the wall
time is about the process's CPU plus the workers' divided by the cores.
"""

from __future__ import annotations

import itertools
import resource
import sys
import time

_marks: list[tuple[str, float, float, float]] = []


def _mark(label: str) -> None:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    _marks.append(
        (
            label,
            own.ru_utime + own.ru_stime,
            children.ru_utime + children.ru_stime,
            time.perf_counter(),
        )
    )


def main() -> None:
    _mark("start")
    import gc
    from datetime import UTC, datetime
    from io import BytesIO
    from pathlib import Path

    from screening.commands.screen import command_line_report, stored_screener
    from screening.ingest import read_suppliers
    from screening.reports.build import merge_in_sheet_order, report_rows
    from screening.reports.xlsx import write_xlsx

    _mark("imports")
    path = Path(sys.argv[1])
    content = path.read_bytes()
    ingested = read_suppliers(content, path.name)
    _mark("read the sheet")
    cached = stored_screener(progress=False)
    screener = cached.screener
    gc.freeze()  # as the CLI does
    _mark("open the Screener")
    results = screener.screen([row.supplier for row in ingested.rows], screener.default_threshold)
    _mark("screen")
    rows = merge_in_sheet_order(ingested.sheets, report_rows(ingested.rows, results), [])
    _mark("report rows")
    started = datetime.now(UTC)
    threshold = screener.default_threshold
    report = command_line_report(
        ingested, rows, screener, content, path.name, started=started, threshold=threshold
    )
    write_xlsx(report, BytesIO())
    _mark("write the xlsx")
    cached.finish()
    _mark("the index file")  # a cold run's, written by a forked child meanwhile
    print("stage               own CPU s  workers' CPU s  wall s")
    for before, after in itertools.pairwise(_marks):
        print(
            f"{after[0]:18} {after[1] - before[1]:10.2f} {after[2] - before[2]:15.2f} "
            f"{after[3] - before[3]:7.2f}"
        )
    print(f"{'total':18} {_marks[-1][1]:10.2f} {_marks[-1][2]:15.2f}")


if __name__ == "__main__":
    main()
