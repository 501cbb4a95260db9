"""Names written in Cyrillic, Hangul or Chinese characters match the lists' Latin names."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.screen import screen_supplier
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

# the names under which the lists give Korea Kwangson Banking Corp
KWANGSON_BANK = {"KOREA KWANGSON BANKING CORP", "KOREA KWANGSON BANKING CORPORATION (KKBC)"}


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_cyrillic_register_name_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="ООО «Мокран»", country="RU"))
    assert matches[0].entry.name == "MOKRAN LLC"
    assert "legal form OOO = LLC" in matches[0].notes
    assert "transliterated from Cyrillic" in matches[0].notes


def test_cyrillic_korean_name_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="Корея Рёнбон"))
    assert matches[0].entry.name == "KOREA RYONBONG GENERAL CORPORATION"


def test_cyrillic_full_russian_legal_form_matches(index: MatchIndex) -> None:
    name = "Общество с ограниченной ответственностью «Мокран»"
    assert screen_supplier(index, Supplier(name=name))[0].entry.name == "MOKRAN LLC"


def test_hangul_name_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="조선련봉총회사"))
    assert matches[0].entry.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert matches[0].score >= 95
    assert "transliterated from Hangul" in matches[0].notes


# in Hangul, and in Chinese characters read in Korean (光鲜 Kwangson, not the pinyin guangxian)
@pytest.mark.parametrize("name", ["조선광선은행", "朝鲜光鲜银行"])
def test_dprk_bank_name_in_hangul_or_chinese_characters_matches(
    index: MatchIndex, name: str
) -> None:
    assert screen_supplier(index, Supplier(name=name))[0].entry.name in KWANGSON_BANK


def test_chinese_name_matches(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="丹东鸿祥实业发展有限公司", country="CN"))
    assert matches[0].entry.name == "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD"
    assert "transliterated from Han" in matches[0].notes


def test_a_word_translated_from_chinese_meets_its_inflected_form(index: MatchIndex) -> None:
    # 材料 is "materials"; the list writes MATERIAL: an English word inflected, not another
    # character's pinyin
    matches = screen_supplier(index, Supplier(name="江苏邦德亚新材料科技有限公司", country="CN"))
    assert matches[0].entry.name == "JIANGSU BANGDEYA NEW MATERIAL TECHNOLOGY CO., LTD."
