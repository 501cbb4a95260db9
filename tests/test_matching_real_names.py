"""Matching that holds on real names (issue 15, companies): short names and acronyms, kinds,
Russian in Cyrillic, noisy cells, and what every flagged match rests on. The names are the
issue's own examples from real exchange lists, screened on the production default threshold."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.pair import judge_pair
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import CONFIDENT_SCORE, DEFAULT_THRESHOLD
from screening.names.cell_noise import read_name_cell
from screening.names.normalise import normalise_name
from screening.names.romanise import fold
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def screen(index: MatchIndex, name: str, country: str = "") -> list[Match]:
    return screen_supplier(index, Supplier(name=name, country=country))


def listed_names(matches: list[Match]) -> set[str]:
    return {name for match in matches for name in match.entry.all_names()}


# short names and acronyms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "absurd"),
    [
        ("안랩", "KR", "ALEPH"),
        ("대원", "KR", "DEVON"),
        ("UCI", "KR", "UGANDA COMMERCIAL IMPEX (UCI) LTD"),
        ("SG", "KR", "AKTSIONERNOE OBSHCHESTVO SG-DEVELOPMENT"),
        ("3M Company", "", "3M"),
        ("오리온", "KR", "ORION LIMITED LIABILITY COMPANY"),
    ],
)
def test_one_short_word_alone_is_not_flagged(
    index: MatchIndex, name: str, country: str, absurd: str
) -> None:
    assert absurd not in listed_names(screen(index, name, country))


@pytest.mark.parametrize(
    ("name", "country", "listed"),
    [
        ("UCI", "UG", "UCI"),
        # an everyday English word alone is treated as a short word
        ("Alphabet Inc.", "AE", "ALPHABET"),
    ],
)
def test_short_alias_with_the_entry_country_is_flagged_but_not_confident(
    index: MatchIndex, name: str, country: str, listed: str
) -> None:
    matches = [m for m in screen(index, name, country) if listed in m.entry.name]
    assert matches
    assert all(m.score < CONFIDENT_SCORE for m in matches)
    assert matches[0].explanation["basis"]["kind"] == "short word"


def test_four_letter_initialism_is_a_strong_alias(index: MatchIndex) -> None:
    assert "KKBC" in listed_names(screen(index, "KKBC LLC"))


def test_hangul_name_does_not_fold_onto_an_english_word(index: MatchIndex) -> None:
    # Taewon is not Devon, even with a word more
    assert "DEVON" not in listed_names(screen(index, "태원물산", "KR"))


def test_chinese_name_in_other_characters_is_not_the_listed_company(index: MatchIndex) -> None:
    # 华纬 reads "huawei" in pinyin, as 华为 does
    assert not any("HUAWEI" in m.entry.name for m in screen(index, "华纬科技", "CN"))
    assert any("HUAWEI" in m.entry.name for m in screen(index, "华为技术有限公司", "CN"))


def test_pinyin_syllable_one_letter_off_is_another_name(index: MatchIndex) -> None:
    assert not any("TONGSHENG" in m.entry.name for m in screen(index, "隆盛科技", "CN"))


# kinds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Dover Corporation", "Baxter International Inc.", "신흥"])
def test_company_is_not_matched_to_a_vessel_by_name(index: MatchIndex, name: str) -> None:
    assert all(m.entry.kind is not EntryKind.VESSEL for m in screen(index, name))


def test_cell_naming_a_vessel_matches_it_and_says_it_is_one(index: MatchIndex) -> None:
    matches = screen(index, "M/V Chonmasan")
    vessel = next(m for m in matches if m.entry.name == "CHON MA SAN")
    assert vessel.explanation["kind"] == "vessel"
    assert any("listed vessel" in note for note in vessel.notes)


def test_every_match_carries_the_entry_kind(index: MatchIndex) -> None:
    matches = screen(index, "Korea Ryonbong General Corporation")
    assert matches and all(m.explanation["kind"] == m.entry.kind.value for m in matches)


# Russian in Cyrillic ----------------------------------------------------------------------------


def test_russian_exchange_in_cyrillic_matches_without_its_tax_number(index: MatchIndex) -> None:
    matches = screen(index, 'ПАО "Санкт-Петербургская биржа"')
    assert "PUBLIC JOINT STOCK COMPANY SAINT PETERSBURG EXCHANGE" in {m.entry.name for m in matches}


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("Московский завод", ("moscow", "plant")),
        ("Трейдинг Корпорейшн", ("trading",)),
        ("Корея Рёнбон Менеджмент", ("korea", "ryonbon", "management")),
    ],
)
def test_russian_words_read_as_the_lists_write_them(written: str, tokens: tuple[str]) -> None:
    assert normalise_name(written).tokens == tokens


# noise ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("MIRIM SHIPPINGco ltd", ("mirim", "shipping")),
        ("TANCHON COMMERCIAL BANKco., Ltd.", ("tanchon", "commercial", "bank")),
        ("HANAag", ("hana",)),
        ("KOREA INTER NATIONAL CHEMICAL", ("korea", "international", "chemical")),
        ("NAM CHON GANG SHIP PING", ("nam", "chon", "gang", "shipping")),
        ("PaekmaShipping CO", ("paekma", "shipping")),
        ("MOKRANLLC", ("mokran",)),
    ],
)
def test_words_split_or_run_together_are_mended(written: str, tokens: tuple[str]) -> None:
    assert normalise_name(written).tokens == tokens


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("CHO SON TAESONG UNHAENG", ("korea", "taesong", "bank")),
        ("CHO-SUN EXPO", ("korea", "expo")),
        ("JO-SON PAEKHO MUYOK", ("korea", "paekho", "trading")),
    ],
)
def test_a_translated_korean_word_split_at_its_syllables_is_mended(
    written: str, tokens: tuple[str]
) -> None:
    assert normalise_name(written).tokens == tokens


def test_two_short_words_are_not_joined_into_an_untranslated_word() -> None:
    assert normalise_name("KIM SON HUI").tokens == ("kim", "son", "hui")


def test_glued_legal_form_is_found_on_the_default_threshold_path(index: MatchIndex) -> None:
    assert "MIRIM SHIPPING CO LTD" in {m.entry.name for m in screen(index, "MIRIM SHIPPINGco ltd")}


def test_city_and_office_words_anywhere_in_the_cell(index: MatchIndex) -> None:
    matches = screen(index, "Pyongyang office Korea Ryonbong General Corporation")
    assert matches[0].entry.name == "KOREA RYONBONG GENERAL CORPORATION"


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("LIBERTY Dandong SHIPPING CO LTD", "LIBERTY SHIPPING CO LTD"),
        (
            "KOREA MINING DEVELOPMENT Phnom Penh TRADING CORPORATION",
            "KOREA MINING DEVELOPMENT TRADING CORPORATION",
        ),
        ("KOREA FOREIGN TECHNICAL Nampho TRADE CENTER", "KOREA FOREIGN TECHNICAL TRADE CENTER"),
    ],
)
def test_a_city_inside_the_suppliers_name_only_says_where_it_is(
    index: MatchIndex, name: str, listed: str
) -> None:
    assert listed in {m.entry.name for m in screen(index, name)}


# what a match rests on --------------------------------------------------------------------------


def test_flagged_match_says_which_distinctive_word_it_rests_on(index: MatchIndex) -> None:
    match = screen(index, "Korea Ryonbong General Corporation")[0]
    assert match.explanation["basis"] == {"kind": "distinctive word", "words": ["ryonbong"]}
    assert "rests on distinctive words: RYONBONG" in match.notes


# everyday words, cell noise and ships' numbers (issue 15, match2) -------------------------------


def test_alphabet_inc_alone_is_not_a_confident_match(index: MatchIndex) -> None:
    # one everyday English word; the listed name's other words are generic
    matches = [m for m in screen(index, "Alphabet Inc.") if "ALPHABET" in m.entry.name]
    assert not matches


def test_everyday_word_with_a_second_word_of_the_listed_name_is_a_match(
    index: MatchIndex,
) -> None:
    assert "ALPHABET INTERNATIONAL DMCC" in listed_names(
        screen(index, "Alphabet International DMCC")
    )


@pytest.mark.parametrize(
    "cell",
    [
        "Attn: Sales Dept., KOREA RYONBONG GENERAL CORPORATION",
        "Accounts of Korea Ryonbong General Corporation",
        "KOREA RYONBONG GENERAL CORPORATION (Procurement Department, Vladivostok)",
        "c/o KOREA RYONBONG GENERAL CORPORATION; Branch No. 2",
    ],
)
def test_department_and_addressing_words_in_the_cell_are_not_part_of_the_name(
    index: MatchIndex, cell: str
) -> None:
    matches = screen(index, cell)
    assert matches[0].entry.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert matches[0].score >= CONFIDENT_SCORE


def test_a_name_opening_with_department_keeps_it() -> None:
    assert read_name_cell("Department of Space Technology").name == (
        "Department of Space Technology"
    )


def test_imo_number_in_the_name_cell_identifies_the_vessel(index: MatchIndex) -> None:
    matches = screen(
        index, "M/V CHON MA SAN, IMO 8660313 (Democratic People's Republic of Korea flag)"
    )
    vessel = matches[0]
    assert vessel.entry.kind is EntryKind.VESSEL
    assert vessel.explanation["basis"]["kind"] == "identifier"


def test_kontsevich_dzh_is_the_lists_j() -> None:
    assert fold(normalise_name("Джинмён").tokens[0]) == fold("jinmyong")


def test_cell_giving_a_short_name_and_its_full_name_finds_the_entry(index: MatchIndex) -> None:
    # the short name alone needs more; the full name beside it is that more
    names = listed_names(screen(index, "KOMID (Korea Mining Development Trading Corporation)"))
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in names


@pytest.mark.parametrize(
    "cell",
    ["iSoftStone Information Technology (Group) Co., Ltd.", "Namdeb Holdings (Pty) Ltd"],
)
def test_a_bracketed_generic_word_or_legal_form_is_not_screened_alone(
    index: MatchIndex, cell: str
) -> None:
    assert not screen(index, cell)


# Russian letters: English words by sound, Chinese by Palladius; German and French spellings -----


def test_english_words_and_legal_form_written_in_russian_letters_match(index: MatchIndex) -> None:
    matches = screen(index, "Унчон Трейдинг Корп")
    assert matches[0].entry.name == "UNCHON TRADING CORPORATION"
    assert matches[0].notes[0] == "rests on distinctive words: UNCHON"


def test_a_loose_spelling_of_international_matches(index: MatchIndex) -> None:
    matches = screen(index, "Чосон Интернешенал Кемиклз Джойнт Оперейшн Компани")
    assert matches[0].matched_name == "CHOSON INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY"


def test_a_chinese_name_in_palladius_matches_its_pinyin(index: MatchIndex) -> None:
    matches = screen(index, "Фуцзянь Нанань импортно-экспортная корпорация")
    assert "FUJIAN NANAN IMPORT AND EXPORT CORPORATION" in listed_names(matches[:1])


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Andrej Schischkin", "SHISHKIN, Andrei Nikolaevich"),  # German
        ("Timour Chaguivaleiev", "SHAGIVALEEV, Timur Nailevich"),  # French
    ],
)
def test_a_russian_name_in_german_or_french_spelling_finds_the_listed_person(
    index: MatchIndex, written: str, listed: str
) -> None:
    assert listed in {match.entry.name for match in screen(index, written)}


# the public name benchmark's causes (issue 15, namebench) ---------------------------------------


def test_names_of_different_countries_are_different_organisations(index: MatchIndex) -> None:
    # the listed subsidiary in brackets is not another country's subsidiary, even though the
    # listed name without its brackets ("VTB BANK ... AG") is the supplier's without them
    austria = "VTB BANK (AUSTRIA) AG"
    other = judge_pair(index, "VTB Bank (Switzerland) AG", austria, EntryKind.ORGANIZATION)
    same = judge_pair(index, "VTB Bank (Austria) AG", austria, EntryKind.ORGANIZATION)
    assert other.score < DEFAULT_THRESHOLD <= same.score


def test_ordinal_in_digits_is_the_ordinal_word() -> None:
    assert normalise_name("1st Credit Bank").tokens == normalise_name("FIRST CREDIT BANK").tokens


def test_short_name_with_the_same_legal_form_is_flagged_but_not_confident(
    index: MatchIndex,
) -> None:
    # the whole listed name is ORION and its form: the form is the second word a short name needs
    match = next(m for m in screen(index, "Orion LLC") if m.entry.name.startswith("ORION"))
    assert DEFAULT_THRESHOLD <= match.score < CONFIDENT_SCORE
    assert match.explanation["basis"] == {
        "kind": "short word and legal form",
        "words": ["orion", "limited liability company"],
    }
    assert "rests on one short word and the same legal form: ORION, LIMITED LIABILITY COMPANY" in (
        match.notes
    )


def test_short_name_with_another_legal_form_still_needs_more(index: MatchIndex) -> None:
    assert "ORION LIMITED LIABILITY COMPANY" not in listed_names(screen(index, "Orion Corporation"))


@pytest.mark.parametrize(
    ("supplier", "listed"),
    [
        ("Korea Ryonbong General Corp.", "KOREA RYONBONG GENERAL CORPORATION"),
        ("Orion LLC", "ORION LIMITED LIABILITY COMPANY"),
        ("Attn: Sales Dept., Korea Ryonbong General Corp.", "KOREA RYONBONG GENERAL CORPORATION"),
    ],
)
def test_a_pair_is_judged_as_screening_reports_it(
    index: MatchIndex, supplier: str, listed: str
) -> None:
    match = next(m for m in screen(index, supplier) if m.entry.name == listed)
    judged = judge_pair(index, supplier, listed, EntryKind.ORGANIZATION)
    assert judged.score == match.score


def test_a_pair_on_one_short_word_is_held_below_the_threshold(index: MatchIndex) -> None:
    judged = judge_pair(
        index, "Orion Corporation", "ORION LIMITED LIABILITY COMPANY", EntryKind.ORGANIZATION
    )
    assert judged.score < DEFAULT_THRESHOLD
    assert judged.basis is not None and judged.basis.kind == "short word"


def test_country_initials_are_the_country() -> None:
    # OFAC writes BELNEFTEKHIM USA, INC.; a supplier may write U.S. or United States
    usa = normalise_name("BELNEFTEKHIM USA, INC.").tokens
    assert normalise_name("Belneftekhim U.S. Inc.").tokens == usa
    assert normalise_name("Belneftekhim United States Inc.").tokens == usa
