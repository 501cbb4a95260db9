"""Time the loaders of the lists added by issue 18 on the real files of the shared data folder.

Run from the repository root:  .venv/bin/python -m bench.load_new_lists
The shared folder is $SCREENING_TEST_SHARED, else ../shared beside the checkout (the setting the
tests use). Each file is parsed once, in one fresh process, after the territory index is loaded.
The UK Sanctions List and the EU file have no real file here: their loaders are not timed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from screening.countries.listed import country_code
from screening.watchlist.au_dfat import load_au_dfat
from screening.watchlist.ca_sema import load_ca_sema
from screening.watchlist.model import ParsedList
from screening.watchlist.ofac_enhanced_xml import load_ofac_cons_enhanced, load_ofac_sdn_enhanced
from screening.watchlist.ofac_xml import load_ofac_cons_xml

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SETTING = "SCREENING_TEST_SHARED"
FILES: tuple[tuple[str, str, Callable[[Mapping[str, bytes]], ParsedList]], ...] = (
    ("au-dfat", "watchlists/au-dfat/regulation8_consolidated.xlsx", load_au_dfat),
    ("ca-sema", "watchlists/ca-sema/sema-lmes.xml", load_ca_sema),
    ("ofac-sdn-xml", "watchlists/samples/ofac_sdn_xml/consolidated.xml", load_ofac_cons_xml),
    (
        "ofac-enhanced",
        "watchlists/samples/ofac_enhanced_xml/cons_enhanced.xml",
        load_ofac_cons_enhanced,
    ),
    (
        "ofac-enhanced",
        "watchlists/samples/ofac_enhanced_xml/IRGC_sanctions.xml",
        load_ofac_sdn_enhanced,
    ),
)


def main() -> None:
    shared = Path(os.environ.get(SHARED_SETTING) or REPO_ROOT.parent / "shared")
    if not shared.is_dir():
        sys.exit(f"no shared data folder at {shared}: set {SHARED_SETTING}")
    started = time.perf_counter()
    country_code("Korea, North")
    print(f"{'territory index':<16} {time.perf_counter() - started:6.2f} s")
    for label, relative, load in FILES:
        path = shared / relative
        data = {path.name: path.read_bytes()}
        begin = time.perf_counter()
        parsed = load(data)
        elapsed = time.perf_counter() - begin
        size = len(data[path.name]) / 1e6
        print(
            f"{label:<16} {elapsed:6.2f} s  {len(parsed.entries):>6} entries  "
            f"{size:5.1f} MB  {path.name}"
        )


if __name__ == "__main__":
    main()
