"""Chinese characters read as the lists write the names: traditional characters as simplified
ones, 韩国 as South Korea, a Korean name in characters in its Korean reading, and a reading of
characters never folded onto another reading of other characters."""

from __future__ import annotations

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.pair import judge_pair
from screening.matching.screen import screen_supplier
from screening.matching.thresholds import CONFIDENT_SCORE, DEFAULT_THRESHOLD
from screening.names.han import simplified
from screening.names.normalise import normalise_name
from screening.supplier import Supplier
from screening.watchlist.model import EntryKind, ListSnapshot


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


def test_traditional_characters_read_as_the_simplified_name() -> None:
    # Taiwan and Hong Kong write 鴻海精密工業, the mainland 鸿海精密工业
    assert normalise_name("鴻海精密工業股份有限公司") == normalise_name(
        "鸿海精密工业股份有限公司"
    )._replace(original="鴻海精密工業股份有限公司")


def test_a_word_listed_in_traditional_characters_is_known_in_simplified_ones() -> None:
    # the table of words holds 資訊 (information, as Taiwan writes it) in traditional only
    assert normalise_name("资讯科技").tokens == normalise_name("資訊科技").tokens
    assert normalise_name("资讯科技").tokens == ("information", "technology")


def test_a_traditional_character_of_another_reading_is_not_simplified() -> None:
    # 乾 (qian, as in 乾隆) is simplified to 干 (gan) only where it means "dry"
    assert simplified("乾隆") == "乾隆"
    assert normalise_name("乾隆贸易").tokens[0] == "qianlong"


def test_hanguo_is_south_korea_not_the_dprk(index: MatchIndex) -> None:
    assert normalise_name("韓國大成銀行").tokens[0] == "hanguk"
    south = judge_pair(index, "韩国大成银行", "KOREA DACHENG BANK", EntryKind.ORGANIZATION)
    assert south.score < DEFAULT_THRESHOLD
    china = judge_pair(index, "中国大成银行", "CHINA DACHENG BANK", EntryKind.ORGANIZATION)
    assert china.score >= DEFAULT_THRESHOLD


def test_a_name_calling_itself_hoesa_is_read_in_korean() -> None:
    # 会社 (Korean hoesa) is what a Korean company calls itself; a Chinese one is a 公司
    assert normalise_name("大同江贸易会社").tokens[0] == "taedonggang"
    assert normalise_name("大同江贸易公司").tokens[0] == "datongjiang"


def test_a_japanese_kabushiki_kaisha_stays_in_chinese_readings() -> None:
    assert normalise_name("三菱重工業株式会社").tokens[0] == "sanling"


def test_chong_is_read_as_in_names() -> None:
    # 重 as in 重庆 Chongqing; zhong (heavy) comes in words that are translated
    assert normalise_name("重明道国际贸易有限公司").tokens[0] == "chongmingdao"
    assert normalise_name("中国重工").tokens == ("china", "heavy", "industrial")


def test_a_reading_is_not_folded_onto_a_listed_name_in_other_characters(
    index: MatchIndex,
) -> None:
    # 鸿信 reads hongxin, 鸿兴 hongxing: both written in characters, the readings are exact
    listed = "丹东鸿兴科技有限公司"
    judged = judge_pair(index, "鸿信科技", listed, EntryKind.ORGANIZATION, korean=True)
    assert judged.score < DEFAULT_THRESHOLD
    same = judge_pair(index, "鸿兴科技", listed, EntryKind.ORGANIZATION, korean=True)
    assert same.score >= DEFAULT_THRESHOLD


def test_a_trade_name_of_everyday_words_is_translated_as_the_company_writes_it() -> None:
    # 延边银星 is YANBIAN SILVERSTAR on the lists, 大连金太阳 DALIAN GOLDEN SUN
    assert normalise_name("延边银星网络科技有限公司").tokens[:3] == ("yanbian", "silver", "star")
    assert normalise_name("大连金太阳进出口有限公司").tokens[:3] == ("dalian", "golden", "sun")


def test_a_trade_name_of_everyday_words_in_a_dprk_name_is_read_in_korean() -> None:
    assert normalise_name("朝鲜金星贸易会社").tokens[:2] == ("korea", "kumsong")


def test_zhongjin_is_not_a_korean_vessel(index: MatchIndex) -> None:
    matches = screen_supplier(index, Supplier(name="中金公司", country="CN"))
    assert not any("PHYONG" in match.entry.name for match in matches)


def test_a_company_cell_in_characters_meets_no_person_one_pinyin_letter_off(
    index: MatchIndex,
) -> None:
    # 鲁泰A: an A-share's short name, 鲁泰 (Lutai) and its share class; 泰 tai is another
    # character than the listed Lu'ai's syllable, not a misspelling of it
    judged = judge_pair(index, "鲁泰A", "Lu'ai AL-ALI", EntryKind.PERSON)
    assert judged.score < DEFAULT_THRESHOLD
    assert not screen_supplier(index, Supplier(name="鲁泰A", country="CN"))


def test_a_persons_name_in_characters_still_meets_its_pinyin(index: MatchIndex) -> None:
    judged = judge_pair(index, "张世龙", "ZHANG, Shilong", EntryKind.PERSON)
    assert judged.score >= CONFIDENT_SCORE


def test_a_persons_name_in_latin_letters_may_still_be_misspelt_one_letter_off(
    index: MatchIndex,
) -> None:
    # written by hand in Latin letters, a letter left out is a slip (Shilon for Shilong)
    judged = judge_pair(index, "Zhang Shilon", "ZHANG, Shilong", EntryKind.PERSON)
    assert judged.score >= DEFAULT_THRESHOLD
