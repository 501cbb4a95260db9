"""Names in Cyrillic, Hangul and Chinese become the Latin words the lists write."""

from __future__ import annotations

from screening.names import normalise_name
from screening.names.person_names import with_family_name_apart


def test_cyrillic_is_transliterated_as_the_lists_do() -> None:
    name = normalise_name("ООО «Мокран»")
    assert name.tokens == ("mokran",)
    assert name.scripts == ("Cyrillic",)


def test_cyrillic_yo_keeps_its_y_for_korean_names() -> None:
    assert normalise_name("Корея Рёнбон").tokens == ("korea", "ryonbon")


def test_latin_lookalikes_inside_a_cyrillic_word_are_read_as_cyrillic() -> None:
    # the UK list writes Belarusian і with the Latin i: ШУМIЛIН is one word, not shum and il
    assert normalise_name("Мiкалай ШУМIЛIН").tokens == ("mikalay", "shumilin")
    # a Latin word beside a Cyrillic one keeps its letters
    assert normalise_name("AO МЦСТ").words[0] == "ao"


def test_russian_generic_words_read_as_english() -> None:
    assert normalise_name("Корейская генеральная торговая корпорация").tokens == (
        "korea",
        "general",
        "trading",
    )


def test_hangul_name_is_cut_into_words_and_romanised() -> None:
    name = normalise_name("조선련봉총회사")
    assert name.tokens == ("korea", "ryonbong", "general")
    assert [form.form_id for form in name.legal_forms] == ["corporation"]
    assert name.scripts == ("Hangul",)


def test_hangul_bank_name_reads_as_the_list_name() -> None:
    assert normalise_name("조선광선은행").tokens == ("korea", "kwangson", "bank")


def test_hangul_romanisation_voices_and_assimilates_as_mccune_reischauer() -> None:
    assert normalise_name("남천강무역회사").tokens == ("namchongang", "trading")
    assert normalise_name("천리마").tokens == ("chollima",)


def test_chinese_name_becomes_pinyin_words_and_english_words() -> None:
    name = normalise_name("丹东鸿祥实业发展有限公司")
    assert name.tokens == ("dandong", "hongxiang", "industrial", "development")
    assert name.scripts == ("Han",)


def test_chinese_segmentation_prefers_known_words() -> None:
    # 深中国际航运 is 深中 + 国际 + 航运, not 深 + 中国 + ...
    assert normalise_name("深中国际航运").tokens == ("shenzhong", "international", "shipping")


def test_traditional_characters_read_like_simplified() -> None:
    assert normalise_name("華信船務(香港)有限公司").tokens[:2] == ("huaxin", "shipping")


def test_characters_with_two_readings_read_as_in_names() -> None:
    # 都 is du in names (成都 Chengdu), 长 is chang (长安 Chang'an): not dou, zhang
    assert normalise_name("江西鸿都航空工业").tokens[:2] == ("jiangxi", "hongdu")
    assert normalise_name("长安海连").tokens[0] == "changan"


def test_dprk_name_in_chinese_characters_reads_its_proper_name_in_korean() -> None:
    # 光鲜 is Kwangson as the lists romanise the Korean 광선, not the pinyin guangxian
    assert normalise_name("朝鲜光鲜银行").tokens == ("korea", "kwangson", "bank")
    assert normalise_name("平壤大同贸易").tokens == ("pyongyang", "taedong", "trading")


def test_a_chinese_name_with_korea_inside_stays_in_pinyin() -> None:
    # the Korean prefecture of Yanbian (延边朝鲜族自治州) does not make a Chinese company Korean
    assert normalise_name("延边朝鲜族自治州银星贸易").tokens == (
        "yanbian",
        "silver",
        "star",
        "trading",
    )


def test_chinese_places_read_as_the_lists_spell_them() -> None:
    # 陕西 is Shaanxi, told from 山西 Shanxi; 鄂尔多斯 is Ordos, not its pinyin
    assert normalise_name("陕西华达科技").tokens[:2] == ("shaanxi", "huada")
    assert normalise_name("鄂尔多斯煤业").tokens == ("ordos", "coal")


def test_a_chinese_name_past_the_hundred_commonest_family_names_is_read_family_name_first() -> None:
    # 倪高彬 is listed as NI Gaobin
    assert with_family_name_apart("倪高彬") == "倪 高彬"
