"""People on contractor lists: a date of birth and a nationality, recognised in headings in the
languages sheets arrive in, read as an ISO date (or year) and an ISO 3166-1 alpha-2 code, and
every cell that cannot be read that way reported on its row and column."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook

from screening.ingest import ErrorCode, IngestResult, parse_mapping, read_suppliers
from screening.ingest.headers import match_heading


@pytest.mark.parametrize(
    "heading",
    [
        "Date of birth",
        "DOB",
        "D.O.B.",
        "Birth date",
        "Date of birth (dd.mm.yyyy)",
        "Дата рождения",
        "생년월일",
        "出生日期",
        "生年月日",
        "Geburtsdatum",
        "Date de naissance",
        "Fecha de nacimiento",
    ],
)
def test_date_of_birth_headings_in_every_language(heading: str) -> None:
    found = match_heading(heading)
    assert found is not None and found.field == "date_of_birth"


@pytest.mark.parametrize(
    "heading",
    [
        "Nationality",
        "Citizenship",
        "Гражданство",
        "국적",
        "国籍",
        "國籍",
        "Staatsangehörigkeit",
        "Nationalité",
        "Nacionalidad",
    ],
)
def test_nationality_headings_in_every_language(heading: str) -> None:
    found = match_heading(heading)
    assert found is not None and found.field == "nationality"


@pytest.mark.parametrize("heading", ["Contract date", "Contact person date of birth", "Дата"])
def test_other_dates_are_not_a_date_of_birth(heading: str) -> None:
    assert match_heading(heading) is None


def read_people(rows: list[tuple[str, str, str]]) -> IngestResult:
    lines = ["Name;Date of birth;Nationality", *(";".join(row) for row in rows)]
    return read_suppliers(("\n".join(lines) + "\n").encode(), "contractors.csv")


def test_dates_of_birth_are_read_as_iso_dates_or_years() -> None:
    result = read_people(
        [
            ("KIM Chol Ho", "1975-03-02", "KP"),
            ("Иванов Иван Иванович", "02.03.1975", "Россия"),
            ("LI Wei", "1975年3月2日", "中国"),
            ("PAK Song Il", "1981", "North Korean"),
            ("Jean Dupont", "2 March 1975", "French"),
        ]
    )
    people = [row.supplier for row in result.rows]
    assert [p.date_of_birth for p in people] == [
        "1975-03-02",
        "1975-03-02",
        "1975-03-02",
        "1981",
        "1975-03-02",
    ]
    assert [p.nationality for p in people] == ["KP", "RU", "CN", "KP", "FR"]
    assert result.errors == ()


def test_a_day_and_month_that_could_be_either_keep_only_the_year_and_say_so() -> None:
    result = read_people([("KIM Chol Ho", "03/04/1975", "KP")])
    assert result.rows[0].supplier.date_of_birth == "1975"
    [error] = result.errors
    assert (error.code, error.row, error.column) == (ErrorCode.UNREADABLE_DATE, 2, "B")
    assert "could be day/month or month/day" in error.message


def test_an_unreadable_date_of_birth_is_a_row_error_and_the_row_is_screened() -> None:
    result = read_people([("KIM Chol Ho", "unknown", "KP"), ("PAK Song Il", "1975-02-30", "")])
    assert [row.supplier.date_of_birth for row in result.rows] == ["", ""]
    assert [(e.code, e.row, e.column, e.screened) for e in result.errors] == [
        (ErrorCode.UNREADABLE_DATE, 2, "B", True),
        (ErrorCode.UNREADABLE_DATE, 3, "B", True),
    ]
    assert "not a date in the calendar" in result.errors[1].message


def test_a_nationality_that_could_be_either_korea_is_not_read() -> None:
    result = read_people([("KIM Chol Ho", "1975", "Korean")])
    assert result.rows[0].supplier.nationality == ""
    [error] = result.errors
    assert (error.code, error.column) == (ErrorCode.UNKNOWN_COUNTRY, "C")
    assert "could be North (KP) or South (KR) Korea" in error.message


def test_several_nationalities_are_reported_not_guessed() -> None:
    result = read_people([("KIM Chol Ho", "1975", "RU, KP")])
    assert result.rows[0].supplier.nationality == ""
    assert "holds several nationalities" in result.errors[0].message


def test_a_workbook_date_cell_is_read_as_an_iso_date() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ф.И.О.", "Дата рождения", "Гражданство"])
    sheet.append(["Ким Чол Хо", datetime(1975, 3, 2), "КНДР"])
    sheet["A1"] = "Исполнитель"
    content = BytesIO()
    workbook.save(content)
    result = read_suppliers(content.getvalue(), "исполнители.xlsx")
    person = result.rows[0].supplier
    assert (person.name, person.date_of_birth, person.nationality) == (
        "Ким Чол Хо",
        "1975-03-02",
        "KP",
    )


def test_a_mapping_can_name_the_date_of_birth_column() -> None:
    data = b"Name;Born on;Passport\nKIM Chol Ho;1975-03-02;KP\n"
    mapping = parse_mapping({"date_of_birth": "Born on", "nationality": "Passport"})
    person = read_suppliers(data, "people.csv", mapping=mapping).rows[0].supplier
    assert (person.date_of_birth, person.nationality) == ("1975-03-02", "KP")
