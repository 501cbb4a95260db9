"""The column of supplier names is chosen by what its cells hold as well as by its heading."""

from __future__ import annotations

from screening.ingest import IngestResult, parse_mapping, read_suppliers


def read_rows(headings: list[str], rows: list[list[str]]) -> IngestResult:
    lines = [";".join(headings), *(";".join(row) for row in rows)]
    return read_suppliers(("\n".join(lines) + "\n").encode(), "suppliers.csv")


def name_heading(result: IngestResult) -> str:
    return result.sheets[0].header_of("name")


COMPANIES = [
    "ООО Ромашка",
    "АО Восток-Лес",
    "Acme Trading Co., Ltd.",
    "Müller GmbH",
    "丹东华信贸易有限公司",
    "한빛건설 주식회사",
]


def test_a_column_of_one_repeated_tier_loses_to_the_column_of_company_names() -> None:
    result = read_rows(
        ["level_name", "full_name", "INN"],
        [["Первый уровень", company, f"99090001{n:02d}"] for n, company in enumerate(COMPANIES)],
    )
    assert name_heading(result) == "full_name"
    choice = result.sheets[0].name_choice
    assert choice is not None and choice.runner_up is not None
    assert choice.chosen.reason() == "full_name: 6 distinct values in 6 rows, legal forms in 100%"
    assert choice.runner_up.reason() == (
        "level_name: 1 distinct values in 6 rows, the same value in every row"
    )


def test_a_name_heading_over_codes_loses_to_an_unnamed_column_of_names() -> None:
    result = read_rows(
        ["Name", "Bezeichnung"], [[f"V{n:04d}", company] for n, company in enumerate(COMPANIES)]
    )
    assert name_heading(result) == "Bezeichnung"
    choice = result.sheets[0].name_choice
    assert choice is not None and choice.runner_up is not None
    assert choice.chosen.reason().endswith("heading not recognised")
    assert choice.runner_up.reason().endswith("mostly codes or numbers")


def test_of_two_alike_name_columns_the_exact_heading_on_the_left_wins() -> None:
    result = read_rows(
        ["Supplier", "Supplier (local script)"], [[company, company] for company in COMPANIES]
    )
    assert name_heading(result) == "Supplier"


def test_a_name_heading_wins_over_an_unnamed_column_when_both_hold_names() -> None:
    result = read_rows(["Beschreibung", "Supplier"], [[f"Partner {c}", c] for c in COMPANIES])
    assert name_heading(result) == "Supplier"


def test_a_mapping_that_names_the_name_column_is_not_second_guessed() -> None:
    data = ("level_name;full_name;INN\n" + "".join(f"Tier 1;{c};1\n" for c in COMPANIES)).encode()
    result = read_suppliers(data, "x.csv", mapping=parse_mapping({"name": "level_name"}))
    assert name_heading(result) == "level_name"
    assert result.sheets[0].name_choice is None
