"""Real supplier and company lists (the shared data's real_suppliers/) are read as a person would
read them: the right name column, every row, no row errors."""

from __future__ import annotations

import csv

import pytest

from screening.ingest import IngestResult, read_suppliers
from shared_data import shared_file


def read_shared(*parts: str) -> IngestResult:
    path = shared_file("real_suppliers", *parts)
    return read_suppliers(path.read_bytes(), path.name)


def read_columns(result: IngestResult) -> dict[str, str]:
    sheet = result.sheets[0]
    return {field: sheet.headers[index] for field, index in sheet.columns.items()}


def test_moscow_exchange_names_are_read_from_e_full_name_not_the_listing_tier() -> None:
    result = read_shared("ru_moex_listing_2018_cp1251.csv")
    assert result.encoding == "cp1251"
    columns = read_columns(result)
    assert (columns["name"], columns["registration_id"]) == ("e_full_name", "e_INN_code")
    second = result.rows[1].supplier
    assert second.name == 'Акционерное общество "Торговый дом "Энергетические угли"'
    assert second.registration_id == "2540088194"
    assert len(result.rows) == 623


def test_moscow_exchange_name_choice_says_why_with_its_runner_up() -> None:
    choice = read_shared("ru_moex_listing_2018_cp1251.csv").sheets[0].name_choice
    assert choice is not None and choice.runner_up is not None
    assert choice.chosen.reason().startswith("e_full_name: 567 distinct values in 623 rows")
    assert "legal forms in 9" in choice.chosen.reason()
    assert choice.runner_up.heading != "e_full_name"
    assert choice.chosen.score > choice.runner_up.score


def test_korea_exchange_list_with_a_byte_order_mark_and_lone_cr_line_ends() -> None:
    result = read_shared("kr_krx_codes_2018.csv")
    assert result.encoding == "utf-8-sig"
    assert read_columns(result) == {"name": "name", "ref": "code"}
    assert len(result.rows) == 2197
    names = {row.supplier.name for row in result.rows}
    assert {"CJ제일제당", "삼성전자", "LG화학"} <= names
    assert result.errors == ()


def test_china_a_share_list_reads_its_names_and_codes() -> None:
    result = read_shared("cn_ashare_stock_basic.csv")
    columns = read_columns(result)
    assert (columns["name"], columns["ref"]) == ("name", "ts_code")
    assert len(result.rows) == 5448
    assert result.rows[0].supplier.name == "平安银行"
    assert result.errors == ()


@pytest.mark.parametrize("number", range(2, 16))
def test_apparel_facility_lists_read_name_country_and_address(number: int) -> None:
    result = read_shared("oar_facility_lists", f"{number}.csv")
    assert read_columns(result) == {"name": "name", "country": "country", "address": "address"}
    path = shared_file("real_suppliers", "oar_facility_lists", f"{number}.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        expected = [row["name"].strip() for row in csv.DictReader(handle) if row["name"].strip()]
    assert [row.supplier.name for row in result.rows] == expected


def test_the_apparel_workbook_reads_as_its_csv_twin() -> None:
    workbook = read_shared("oar_facility_lists", "12.xlsx")
    text = read_shared("oar_facility_lists", "12.csv")
    # (Their addresses differ where the workbook itself holds mojibake: "N¬∫ 280" for "Nº 280".)
    assert [(row.supplier.name, row.supplier.country) for row in workbook.rows] == [
        (row.supplier.name, row.supplier.country) for row in text.rows
    ]
    assert read_columns(workbook) == read_columns(text)
