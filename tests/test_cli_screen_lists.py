"""`screening screen` on the lists a deployment chose (SCREENING_LISTS), and only those."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"
COMMAND = Path(sys.executable).with_name("screening")


def run(data_dir: Path, lists: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCREENING_DATA_DIR": str(data_dir), "SCREENING_LISTS": lists}
    return subprocess.run(
        [str(COMMAND), "screen", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_the_report_names_and_matches_the_chosen_lists_only(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = run(
        tmp_path, "un-sc,dprk-labour", str(SUPPLIERS / "messy_suppliers.xlsx"), "-o", str(report)
    )
    assert done.returncode == 0, done.stderr
    body = json.loads(report.read_text(encoding="utf-8"))
    assert sorted(item["list_id"] for item in body["provenance"]["lists"]) == [
        "dprk-labour",
        "un-sc",
    ]
    found = {m["list_id"] for row in body["rows"] for m in row.get("matches", [])}
    assert found and found <= {"un-sc", "dprk-labour"}


def test_an_unknown_list_in_the_setting_stops_the_command(tmp_path: Path) -> None:
    done = run(
        tmp_path,
        "un-sc,ofac",
        str(SUPPLIERS / "suppliers_utf8_bom.csv"),
        "-o",
        str(tmp_path / "r.csv"),
    )
    assert done.returncode == 1
    assert "ofac" in done.stderr and "SCREENING_LISTS" in done.stderr
