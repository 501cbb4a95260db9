"""Column headings in English, Russian, Korean and Chinese, and the heading row under a title."""

from __future__ import annotations

import pytest

from screening.ingest.headers import find_header_row, map_headings, match_heading


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Supplier Name", "name"),
        ("Vendor", "name"),
        ("Contractor", "name"),
        ("Наименование", "name"),
        ("Наименование контрагента", "name"),
        ("업체명", "name"),
        ("거래처명", "name"),
        ("供应商名称", "name"),
        ("ИНН", "registration_id"),
        ("INN", "registration_id"),
        ("사업자등록번호", "registration_id"),
        ("统一社会信用代码", "registration_id"),
        ("Страна", "country"),
        ("국가", "country"),
        ("国家/地区", "country"),
        ("Юридический адрес", "address"),
        ("주소", "address"),
        ("Отрасль", "sector"),
        ("업종", "sector"),
        ("Vendor ID", "ref"),
        ("№ п/п", "ref"),
    ],
)
def test_common_headings_name_their_field(heading: str, field: str) -> None:
    found = match_heading(heading)
    assert found is not None and found.field == field


def test_an_identifier_heading_about_the_supplier_is_not_the_name() -> None:
    found = match_heading("ИНН поставщика")
    assert found is not None and found.field == "registration_id"


def test_a_supplier_address_heading_is_the_address() -> None:
    found = match_heading("供应商地址")
    assert found is not None and found.field == "address"


@pytest.mark.parametrize("heading", ["Contact name", "Контактное лицо", "담당자", "联系人", "Bank"])
def test_headings_about_people_and_banks_are_not_supplier_fields(heading: str) -> None:
    assert match_heading(heading) is None


def test_each_field_goes_to_its_leftmost_best_column() -> None:
    mapping = map_headings(["Name", "Name (local script)", "Country", "Contact name"])
    assert mapping == {"name": 0, "country": 2}


def test_heading_row_is_found_below_a_title_block() -> None:
    rows = [
        ["Реестр поставщиков", None, None],
        ["Выгрузка 2024-06-30", None, None],
        [None, None, None],
        ["Наименование", "ИНН", "Страна"],
        ["ООО Ромашка", "9909000101", "Россия"],
    ]
    assert find_header_row(rows) == 3


def test_a_title_naming_suppliers_is_not_taken_for_the_heading_row() -> None:
    rows = [["Supplier list 2024"], ["Name", "Country"], ["Acme", "GB"]]
    assert find_header_row(rows) == 1


def test_a_sentence_mentioning_vendors_is_not_a_heading() -> None:
    rows = [["Prepared by procurement. Do not edit the Vendors sheet by hand."]]
    assert find_header_row(rows) is None


def test_numbers_are_never_headings() -> None:
    assert find_header_row([[1, 2, 3], [4, 5, 6]]) is None
