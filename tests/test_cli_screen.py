"""`screening screen INPUT -o REPORT`, run as the real console command in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"
COMMAND = Path(sys.executable).with_name("screening")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for the module, so the lists are parsed and indexed once."""
    return tmp_path_factory.mktemp("cli-var")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCREENING_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(COMMAND), "screen", *args], capture_output=True, text=True, env=env, timeout=900
    )


@pytest.fixture(scope="module")
def xlsx_run(
    data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str, str, int]:
    report = tmp_path_factory.mktemp("cli-out") / "report.xlsx"
    done = run(data_dir, str(SUPPLIERS / "messy_suppliers.xlsx"), "-o", str(report))
    return report, done.stdout, done.stderr, done.returncode


def test_screening_a_messy_workbook_exits_0_despite_row_errors(
    xlsx_run: tuple[Path, str, str, int],
) -> None:
    _report, _out, err, code = xlsx_run
    assert code == 0, err


def test_summary_line_counts_levels_skipped_rows_and_errors(
    xlsx_run: tuple[Path, str, str, int],
) -> None:
    _report, out, _err, _code = xlsx_run
    line = out.strip().splitlines()[-1]
    assert line.startswith("Screened 15 suppliers from messy_suppliers.xlsx:")
    assert "critical" in line and "5 rows not screened" in line and "Report:" in line


def test_progress_goes_to_stderr(xlsx_run: tuple[Path, str, str, int]) -> None:
    _report, out, err, _code = xlsx_run
    assert "Screening: 15/15 names (100%)" in err
    assert "Screening:" not in out


def test_the_report_is_the_auditor_workbook_with_the_listed_supplier_critical(
    xlsx_run: tuple[Path, str, str, int],
) -> None:
    report, _out, _err, _code = xlsx_run
    workbook = load_workbook(report)
    results = workbook["Results"]
    headings = [cell.value for cell in results[1]]
    name, level = headings.index("Наименование"), headings.index("Risk level")
    rows = {row[name]: row[level] for row in results.iter_rows(min_row=2, values_only=True)}
    assert rows["Korea Ryonbong General Corporation"] == "critical"
    assert workbook["Provenance"]["B7"].value == "messy_suppliers.xlsx"


def test_a_windows_1251_csv_gives_a_pdf_summary_without_progress(
    data_dir: Path, tmp_path: Path
) -> None:
    report = tmp_path / "summary.pdf"
    done = run(
        data_dir,
        str(SUPPLIERS / "suppliers_cp1251_semicolon.csv"),
        "-o",
        str(report),
        "--no-progress",
    )
    assert done.returncode == 0, done.stderr
    assert "Screening:" not in done.stderr and "Loading" not in done.stderr
    text = PdfReader(BytesIO(report.read_bytes())).pages[0].extract_text()
    assert "Korea Ryonbong General Corporation" in text


def test_an_unknown_report_extension_exits_2(data_dir: Path, tmp_path: Path) -> None:
    done = run(data_dir, str(SUPPLIERS / "messy_suppliers.xlsx"), "-o", str(tmp_path / "r.docx"))
    assert done.returncode == 2
    assert ".xlsx, .csv, .json, .pdf" in done.stderr


def test_a_missing_input_exits_1_with_its_name(data_dir: Path, tmp_path: Path) -> None:
    done = run(data_dir, str(tmp_path / "nothing.xlsx"), "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 1
    assert "no such file" in done.stderr and "nothing.xlsx" in done.stderr


def test_an_unreadable_input_exits_1_and_writes_no_report(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "payments.csv"
    bad.write_text("Date;Amount\n2024-01-01;5\n", encoding="utf-8")
    done = run(data_dir, str(bad), "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 1
    assert "no sheet with a column of supplier names" in done.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_a_second_run_loads_the_screener_from_the_cache(
    data_dir: Path, xlsx_run: tuple[Path, str, str, int], tmp_path: Path
) -> None:
    report = tmp_path / "again.xlsx"
    done = run(data_dir, str(SUPPLIERS / "messy_suppliers.xlsx"), "-o", str(report))
    assert done.returncode == 0, done.stderr
    assert "Loaded the lists and the match index from the cache" in done.stderr
    assert "Building the match index" not in done.stderr


def test_a_damaged_cache_is_rebuilt_not_trusted(
    data_dir: Path, xlsx_run: tuple[Path, str, str, int], tmp_path: Path
) -> None:
    # The lists stored by the first run come along (so no list is fetched and parsed again:
    # the cold path is xlsx_run's); only the index is damaged.
    own_dir = tmp_path / "var"
    shutil.copytree(data_dir, own_dir)
    (cached,) = (own_dir / "cache").glob("screener-*.index")
    # cut short, as a full disk or a killed copy leaves it
    cached.write_bytes(cached.read_bytes()[:4096])

    done = run(own_dir, str(SUPPLIERS / "messy_suppliers.xlsx"), "-o", str(own_dir / "b.xlsx"))

    assert done.returncode == 0, done.stderr
    assert "Building the match index" in done.stderr
    _report, first_out, _err, _code = xlsx_run
    assert (
        done.stdout.splitlines()[-1].split(": ", 1)[1].split(";")[0]
        == (first_out.splitlines()[-1].split(": ", 1)[1].split(";")[0])
    )  # the same counts per level as with an intact cache
    assert len(list((own_dir / "cache").glob("screener-*.index"))) == 1
