"""Names in Cyrillic, Hangul and Chinese become the Latin words the lists write."""

from __future__ import annotations

from screening.names import normalise_name


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
