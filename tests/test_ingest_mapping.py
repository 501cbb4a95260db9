"""Column mappings: what a user may write, how it overrides detection, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.ingest import ErrorCode, MappingError, mapping_json, parse_mapping, read_suppliers

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"
MESSY = SUPPLIERS / "messy_suppliers.xlsx"
CP1251 = SUPPLIERS / "suppliers_cp1251_semicolon.csv"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"name": None}, "supplier names cannot be left out"),
        ({"name": "A", "colour": "B"}, "unknown field 'colour'"),
        ({"name": 3}, "heading or letter"),
        ({"name": "A", "header_row": 0}, "row number from 1"),
        ({"sheets": {"S": {"name": ""}}}, "supplier names cannot be left out"),
    ],
)
def test_malformed_mappings_are_refused_with_the_reason(data: object, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        parse_mapping(data)


def test_a_mapping_changes_only_the_fields_it_names() -> None:
    mapping = parse_mapping({"name": "Юридический адрес", "ref": "Код"})
    result = read_suppliers(CP1251.read_bytes(), CP1251.name, mapping=mapping)
    first = result.rows[0].supplier
    assert first.name == "г. Москва, ул. Ленина, д. 1"
    # the detected country and tax number stay; the address column now holds the names
    assert (first.ref, first.country, first.registration_id) == ("0001", "RU", "9909000101")
    assert first.address == ""


def test_a_field_mapped_to_null_is_not_read() -> None:
    mapping = parse_mapping({"country": None, "registration_id": ""})
    result = read_suppliers(CP1251.read_bytes(), CP1251.name, mapping=mapping)
    first = result.rows[0].supplier
    assert (first.name, first.country, first.registration_id) == ("ООО Ромашка", "", "")


def test_a_mapping_without_a_name_keeps_the_detected_name_column() -> None:
    mapping = parse_mapping({"ref": "ИНН"})
    result = read_suppliers(CP1251.read_bytes(), CP1251.name, mapping=mapping)
    first = result.rows[0].supplier
    assert (first.name, first.ref, first.registration_id) == ("ООО Ромашка", "9909000101", "")


def test_mapping_by_column_letter_with_a_heading_row() -> None:
    mapping = parse_mapping({"name": "B", "country": "D", "header_row": 3})
    result = read_suppliers(CP1251.read_bytes(), CP1251.name, mapping=mapping)
    assert (result.rows[0].supplier.name, result.rows[0].supplier.country) == ("ООО Ромашка", "RU")


def test_a_mapped_heading_missing_from_a_sheet_falls_back_and_is_reported() -> None:
    mapping = parse_mapping({"name": "Наименование", "country": "Страна"})
    result = read_suppliers(MESSY.read_bytes(), MESSY.name, mapping=mapping)
    korean = result.mapping_of("협력업체")
    assert korean is not None and korean.header_of("name") == "업체명"
    assert any(e.code == ErrorCode.MAPPING and e.sheet == "협력업체" for e in result.errors)


def test_per_sheet_mappings_apply_to_their_sheet() -> None:
    mapping = parse_mapping({"sheets": {"Vendors": {"name": "Address", "ref": "Vendor ID"}}})
    result = read_suppliers(MESSY.read_bytes(), MESSY.name, sheet="Vendors", mapping=mapping)
    assert result.rows[0].supplier.name == "Leeds"


def test_the_mapping_a_job_reports_reads_back_to_the_same_columns() -> None:
    first = read_suppliers(MESSY.read_bytes(), MESSY.name)
    reported = mapping_json(first.sheets)
    again = read_suppliers(MESSY.read_bytes(), MESSY.name, mapping=parse_mapping(reported))
    assert [dict(s.columns) for s in again.sheets] == [dict(s.columns) for s in first.sheets]


def test_one_template_across_sheets_is_reported_in_the_short_form() -> None:
    result = read_suppliers(CP1251.read_bytes(), CP1251.name)
    assert mapping_json(result.sheets) == {
        "name": "Наименование контрагента",
        "ref": "Код",
        "country": "Страна регистрации",
        "sector": None,
        "registration_id": "ИНН",
        "address": "Юридический адрес",
        "date_of_birth": None,
        "nationality": None,
    }
