"""Legal forms in many languages and scripts: removed from the words compared, and kept."""

from __future__ import annotations

import pytest

from screening.names import normalise_name


def forms_of(name: str) -> list[str]:
    return [form.form_id for form in normalise_name(name).legal_forms]


def test_russian_ooo_is_an_llc() -> None:
    name = normalise_name("OOO Mokran")
    assert name.tokens == ("mokran",)
    assert forms_of("OOO Mokran") == ["llc"]


def test_llc_written_with_dots_is_an_llc() -> None:
    assert forms_of("Mokran L.L.C.") == ["llc"]


def test_russian_full_form_in_cyrillic_is_an_llc() -> None:
    name = normalise_name("Общество с ограниченной ответственностью «Мокран»")
    assert name.tokens == ("mokran",)
    assert forms_of("Общество с ограниченной ответственностью «Мокран»") == ["llc"]


def test_russian_full_form_transliterated_is_an_llc() -> None:
    name = "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MOKRAN"
    assert normalise_name(name).tokens == ("mokran",)
    assert forms_of(name) == ["llc"]


def test_co_ltd_with_punctuation_is_one_legal_form() -> None:
    assert forms_of("Dandong Hongxiang Industrial Development Co., Ltd.") == ["llc"]


def test_closed_joint_stock_company_forms_are_joint_stock() -> None:
    assert forms_of("ZAO Tochmash") == ["jsc"]
    assert forms_of("ЗАО «Точмаш»") == ["jsc"]
    assert forms_of("Tochmash JSC") == ["jsc"]


def test_chinese_legal_form_is_found_inside_a_name_without_spaces() -> None:
    name = normalise_name("丹东鸿祥实业发展有限公司")
    assert "有限公司" not in name.latin
    assert [form.form_id for form in name.legal_forms] == ["llc"]


def test_korean_legal_forms_are_found() -> None:
    assert forms_of("주식회사 삼성전자") == ["jsc"]
    assert forms_of("㈜대우건설") == ["jsc"]


def test_corporation_and_company_are_legal_forms_not_name_words() -> None:
    assert normalise_name("Korea Ryonbong General Corporation").tokens == (
        "korea",
        "ryonbong",
        "general",
    )


def test_short_form_counts_only_at_an_edge_of_the_name() -> None:
    assert normalise_name("Kvaerner AS").tokens == ("kvaerner",)
    assert "as" in normalise_name("Flights As Planned").tokens


def test_legal_form_before_a_branch_qualifier_is_still_found() -> None:
    name = normalise_name("African Trans International Holdings B.V. Dubai Branch")
    assert [form.surface for form in name.legal_forms] == ["bv"]


def test_misspelt_legal_form_is_still_a_legal_form() -> None:
    name = normalise_name("Korea General Cmopany for External Construction")
    assert "cmopany" not in name.tokens
    assert [form.form_id for form in name.legal_forms] == ["company"]


def test_a_person_name_keeps_words_that_look_like_legal_forms() -> None:
    from screening.names import normalise_person_name

    assert normalise_person_name("SA Kim").tokens == ("sa", "kim")


@pytest.mark.parametrize(
    ("name", "form"),
    [
        # the long forms the abbreviations SRL, GmbH, sp. z o.o., BV, S.p.A., N.V. stand for
        ("Societatea cu Răspundere Limitată Andamios Dalmine", "llc"),
        ("First Ocean Gesellschaft mit beschränkter Haftung", "llc"),
        ("Suncan Sociedad de Responsabilidad Limitada", "llc"),
        ("Fleurette Holdings Netherlands Besloten Vennootschap", "llc"),
        ("Netherlands Caribbean Bank Naamloze Vennootschap", "jsc"),
    ],
)
def test_long_forms_of_european_legal_forms_are_legal_forms(name: str, form: str) -> None:
    assert forms_of(name) == [form]


def test_legal_form_in_capitals_glued_to_a_word_in_lower_case_is_parted() -> None:
    name = normalise_name("SurgutneftegazAG")
    assert name.tokens == ("surgutneftegaz",)
    assert forms_of("SurgutneftegazAG") == ["jsc"]


def test_brand_ending_in_capitals_that_are_not_a_legal_form_stays_one_word() -> None:
    # SA and AS end brands so written (PetroSA): only the unambiguous forms are read off
    assert normalise_name("PetroSA").tokens == ("petrosa",)
