"""A supplier's name cell read apart from what sheets write beside the name (issue 15, noise):
departments, addressees, places set off by punctuation, a ship's IMO number and flag."""

from __future__ import annotations

import pytest

from screening.names.cell_noise import bracketed_parts, named_parts, read_name_cell


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("Attn: Sales Dept., NAMCHONGANG TRADING", "NAMCHONGANG TRADING"),
        ("c/o MOTORINVEST", "MOTORINVEST"),
        ("Pyongyang Filial, APOLLON OOO / Procurement Department", "APOLLON OOO"),
        ("Accounts of WT MARINE PTE LTD", "WT MARINE PTE LTD"),
        ("Branch No. 2 of (Liaison Office) RUNGRADO TRADING", "RUNGRADO TRADING"),
        ("SIGMA\r\nAIRLINES (Procurement Department, Vientiane)", "SIGMA AIRLINES"),
        ("St. Petersburg - KCST", "KCST"),
    ],
)
def test_department_addressee_and_place_parts_are_left_out(cell: str, name: str) -> None:
    assert read_name_cell(cell).name == name


@pytest.mark.parametrize(
    "cell",
    [
        "Department of Space Technology of the DPRK",
        "Office 39 of the Korean Workers Party",
        "Dandong Hongxiang Industrial Development Co., Ltd.",
        "KIM, Chol Ung",
        "Moscow",
        "AGRO-REGION",
    ],
)
def test_a_cell_whose_words_name_someone_is_read_as_written(cell: str) -> None:
    assert read_name_cell(cell).name == cell


def test_imo_number_and_flag_are_taken_from_the_cell() -> None:
    cell = read_name_cell("M/V MI RIM IMO:8713471 (Democratic People's Republic of Korea flag)")
    assert cell.imo_numbers == ("8713471",)
    assert cell.name.split() == ["M/V", "MI", "RIM"]


def test_a_cell_with_two_names_gives_both() -> None:
    assert bracketed_parts("CHAM (AL SHAM COMPANY)") == ("CHAM", "AL SHAM COMPANY")
    assert bracketed_parts("Acme Trading Ltd") == ()


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        (
            "[MANAGEMENT\nCOMPANY FOR INFRASTRUCTURE PROJECTS]",
            "MANAGEMENT\nCOMPANY FOR INFRASTRUCTURE PROJECTS",
        ),
        ("(KORYO BANK)", "KORYO BANK"),
    ],
)
def test_a_cell_wholly_in_brackets_is_read_without_them(cell: str, name: str) -> None:
    assert read_name_cell(cell).name == name


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        (
            "MT Marivan / owner: NATIONAL IRANIAN TANKER COMPANY",
            ("MT Marivan", "NATIONAL IRANIAN TANKER COMPANY"),
        ),
        ("M/V Chem - Safe Seas Ship Management FZE", ("M/V Chem", "Safe Seas Ship Management FZE")),
        ("M/V Firouzeh, flag: Iran / owner: IRISL", ("M/V Firouzeh", "IRISL")),
    ],
)
def test_a_cell_naming_a_ship_and_its_owner_gives_both(cell: str, parts: tuple[str, ...]) -> None:
    assert named_parts(cell) == parts


@pytest.mark.parametrize(
    "cell",
    ["M/V Kang Song, IMO 8705539", "M.V. Hao Fan 6 / Panama flag", "Mirim Shipping / Dandong"],
)
def test_a_ship_with_only_its_number_or_flag_or_a_company_with_its_city_gives_no_parts(
    cell: str,
) -> None:
    assert named_parts(cell) == ()


def test_a_construction_site_beside_the_name_is_left_out() -> None:
    assert read_name_cell("Accounts of ACME TRADING LTD; Construction Site 3").name == (
        "ACME TRADING LTD"
    )
