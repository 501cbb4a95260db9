"""A messy workbook: title rows, Russian and Korean headings, blank and bad rows, merged cells,
formulas, several sheets. Bad rows are reported with sheet, row and column; good rows are kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from screening.ingest import ErrorCode, IngestResult, UnreadableFileError, read_suppliers
from screening.ingest.xlsx_package import formula_cells

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"
MESSY = SUPPLIERS / "messy_suppliers.xlsx"


@pytest.fixture(scope="module")
def messy() -> IngestResult:
    return read_suppliers(MESSY.read_bytes(), MESSY.name)


def errors_at(result: IngestResult, sheet: str, row: int) -> dict[str, str]:
    return {e.code: e.message for e in result.errors if e.sheet == sheet and e.row == row}


def test_every_sheet_with_a_supplier_heading_is_read(messy: IngestResult) -> None:
    assert [s.sheet for s in messy.sheets] == ["Поставщики", "협력업체", "Vendors"]


def test_heading_rows_are_found_below_title_blocks(messy: IngestResult) -> None:
    assert [s.header_row for s in messy.sheets] == [4, 3, 2]


def test_russian_headings_map_to_supplier_fields(messy: IngestResult) -> None:
    russian = messy.sheets[0]
    assert {field: russian.header_of(field) for field in russian.columns} == {
        "ref": "№ п/п",
        "name": "Наименование",
        "registration_id": "ИНН",
        "country": "Страна",
        "address": "Адрес",
        "sector": "Отрасль",
    }


def test_korean_headings_map_to_supplier_fields(messy: IngestResult) -> None:
    korean = messy.sheets[1]
    assert korean.header_of("name") == "업체명"
    assert korean.header_of("registration_id") == "사업자등록번호"
    assert korean.header_of("country") == "국가"


def test_a_sheet_without_supplier_headings_is_reported_and_skipped(messy: IngestResult) -> None:
    skipped = [e for e in messy.errors if e.code == ErrorCode.SHEET_SKIPPED]
    assert [(e.sheet, e.row) for e in skipped] == [("Notes", None)]


def test_good_rows_are_kept_with_their_original_cells(messy: IngestResult) -> None:
    first = messy.rows[0]
    assert (first.sheet, first.row) == ("Поставщики", 5)
    assert first.values[:4] == ("1", "ООО Ромашка", "9909000101", "Россия")
    assert first.supplier.country == "RU"


def test_blank_rows_are_skipped_without_an_error(messy: IngestResult) -> None:
    assert errors_at(messy, "Поставщики", 8) == {}
    assert 8 not in [row.row for row in messy.rows if row.sheet == "Поставщики"]


def test_row_without_a_name_is_reported_and_not_screened(messy: IngestResult) -> None:
    assert ErrorCode.NO_NAME in errors_at(messy, "Поставщики", 9)
    error = next(e for e in messy.errors if e.row == 9 and e.sheet == "Поставщики")
    assert (error.column, error.screened) == ("B", False)
    assert any(s.row == 9 and s.sheet == "Поставщики" for s in messy.skipped)


def test_merged_heading_inside_the_table_is_not_a_supplier(messy: IngestResult) -> None:
    assert ErrorCode.SECTION_HEADING in errors_at(messy, "Поставщики", 10)
    assert "Подрядчики" not in [row.supplier.name for row in messy.rows]


def test_merged_cells_in_a_supplier_row_are_reported_and_the_row_kept(messy: IngestResult) -> None:
    assert "E6:F6" in errors_at(messy, "Поставщики", 6)[ErrorCode.MERGED_CELL]
    assert any(row.row == 6 and row.sheet == "Поставщики" for row in messy.rows)


def test_name_cell_covered_by_a_merge_from_the_row_above(messy: IngestResult) -> None:
    message = errors_at(messy, "협력업체", 10)[ErrorCode.MERGED_CELL]
    assert "B9:B10" in message and "not screened" in message


def test_formula_is_reported_and_its_saved_result_read(messy: IngestResult) -> None:
    message = errors_at(messy, "Поставщики", 11)[ErrorCode.FORMULA]
    assert "CONCATENATE" in message
    row = next(r for r in messy.rows if r.sheet == "Поставщики" and r.row == 11)
    assert row.supplier.name == "ООО Сибирь Строй"


def test_formula_without_a_saved_result_is_read_as_empty(messy: IngestResult) -> None:
    error = next(e for e in messy.errors if e.code == ErrorCode.FORMULA and e.row == 7)
    assert error.column == "G" and "no saved result" in error.message


def test_over_long_name_is_reported_and_not_screened(messy: IngestResult) -> None:
    assert ErrorCode.TOO_LONG in errors_at(messy, "Поставщики", 12)
    assert 12 not in [row.row for row in messy.rows if row.sheet == "Поставщики"]


def test_unknown_country_is_reported_and_the_row_screened_without_one(messy: IngestResult) -> None:
    assert "Нарния" in errors_at(messy, "Поставщики", 13)[ErrorCode.UNKNOWN_COUNTRY]
    row = next(r for r in messy.rows if r.sheet == "Поставщики" and r.row == 13)
    assert row.supplier.country == ""


def test_korea_without_north_or_south_is_reported(messy: IngestResult) -> None:
    assert (
        "North (KP) or South (KR)" in errors_at(messy, "Поставщики", 14)[ErrorCode.UNKNOWN_COUNTRY]
    )


def test_korean_country_names_become_codes(messy: IngestResult) -> None:
    korean = {
        row.supplier.name: row.supplier.country for row in messy.rows if row.sheet == "협력업체"
    }
    assert korean["동방무역 유한회사"] == "CN"
    assert korean["블라디 목재"] == "RU"
    assert korean["새별 정보기술"] == "KP"


def test_only_the_sheet_asked_for_is_read() -> None:
    result = read_suppliers(MESSY.read_bytes(), MESSY.name, sheet="Vendors")
    assert [s.sheet for s in result.sheets] == ["Vendors"]
    assert len(result.rows) == 3


def test_an_unknown_sheet_is_refused_with_the_sheets_there_are() -> None:
    with pytest.raises(UnreadableFileError, match="Vendors"):
        read_suppliers(MESSY.read_bytes(), MESSY.name, sheet="Lieferanten")


def test_an_old_xls_workbook_is_refused_with_advice() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(UnreadableFileError, match=r"save it as \.xlsx"):
        read_suppliers(ole, "suppliers.xls")


def test_a_damaged_workbook_is_refused() -> None:
    with pytest.raises(UnreadableFileError):
        read_suppliers(b"PK\x03\x04 not really a zip", "suppliers.xlsx")


def test_a_workbook_without_any_supplier_column_is_refused() -> None:
    workbook = Workbook()
    workbook.active.append(["Date", "Amount"])
    workbook.active.append(["2024-01-01", 5])
    data = io.BytesIO()
    workbook.save(data)
    with pytest.raises(UnreadableFileError, match="no sheet with a column of supplier names"):
        read_suppliers(data.getvalue(), "payments.xlsx")


def test_formula_cells_are_found_with_a_namespace_prefix_and_shared_formulas() -> None:
    xml = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<x:sheetData><x:row r="2"><x:c r="B2" t="str"><x:f>A2&amp;"x"</x:f><x:v>ax</x:v></x:c>'
        b'<x:c r="C2"><x:f t="shared" si="0" ref="C2:C3">A2*2</x:f><x:v>2</x:v></x:c></x:row>'
        b'<x:row r="3"><x:c r="C3"><x:f t="shared" si="0"/><x:v>4</x:v></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    found = [(cell.row, cell.column, cell.formula) for cell in formula_cells(xml)]
    assert found == [(1, 1, 'A2&"x"'), (1, 2, "A2*2"), (2, 2, "")]


def test_a_package_that_inflates_beyond_reason_is_refused() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024 * 1024))
    with pytest.raises(UnreadableFileError, match="inflates"):
        read_suppliers(data.getvalue(), "bomb.xlsx")


def test_a_table_away_from_the_top_left_corner_keeps_its_columns() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet["C3"] = "Supplier name"
    sheet["D3"] = "Country"
    sheet["C4"] = "Acme Office Supplies GmbH"
    sheet["D4"] = "Germany"
    sheet["F6"] = "note"
    data = io.BytesIO()
    workbook.save(data)
    result = read_suppliers(data.getvalue(), "offset.xlsx")
    assert result.sheets[0].header_row == 3
    assert result.sheets[0].columns == {"name": 2, "country": 3}
    assert [(row.row, row.values, row.supplier.country) for row in result.rows] == [
        (4, ("", "", "Acme Office Supplies GmbH", "Germany", "", ""), "DE")
    ]
    assert [(s.row, s.values) for s in result.skipped] == [(6, ("", "", "", "", "", "note"))]


class _Sheet:
    """A cell reader's sheet whose row iterator lays rows out in some other way."""

    def __init__(self, grid: list[list[object]], iterated: list[list[object]]) -> None:
        self.grid = grid
        self.iterated = iterated
        self.start = (0, 0)
        self.end = (len(grid) - 1, len(grid[0]) - 1)

    def iter_rows(self) -> list[list[object]]:
        return self.iterated

    def to_python(self, skip_empty_area: bool = True) -> list[list[object]]:
        assert not skip_empty_area
        return self.grid


@pytest.mark.parametrize(
    "iterated",
    [[["x", 1.0]], [[1.0], [2.0]], [["", "a", "b"], ["", "c", "d"]]],
    ids=["rows missing", "columns missing", "too wide"],
)
def test_rows_are_taken_from_the_full_grid_when_the_iterator_differs(
    iterated: list[list[object]],
) -> None:
    from screening.ingest.xlsx import _cell_rows

    grid: list[list[object]] = [["", "a"], ["x", 1.0]]
    assert _cell_rows(_Sheet(grid, iterated)) == [("", "a"), ("x", 1.0)]  # type: ignore[arg-type]
