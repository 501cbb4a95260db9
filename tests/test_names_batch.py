"""Normalising many names at once gives what normalising them one by one gives."""

from __future__ import annotations

from screening.names.normalise import normalise_name, normalise_names
from screening.names.scripts import Script, script_runs
from screening.names.tokens import latin_words, split_words

NAMES = [
    "Korea Ryonbong General Corporation",
    "ООО «Корея Рёнбон»",
    "조선련봉총회사",
    "丹东鸿祥实业发展有限公司",
    "Namchongang Trading (Vladivostok branch)",
    "KOREA KWANGSON BANKING CORPORATION (KKBC) [Dubai] {x}",
    "LLC",
    "",
    "Hunjin Trading Head Office Co., Ltd.",
    "Ocean ) Phoenix ( Apparel",
]


def test_normalising_a_batch_is_normalising_each_name() -> None:
    assert normalise_names(NAMES) == [normalise_name(name) for name in NAMES]


def test_words_and_their_brackets() -> None:
    assert split_words("Mokran (Vladivostok branch) Ltd") == (
        ["mokran", "vladivostok", "branch", "ltd"],
        [False, True, True, False],
    )
    assert split_words("Mokran) Ltd") == (["mokran", "ltd"], None)  # no opening bracket
    assert latin_words("Mokran Ltd") == [("mokran", False), ("ltd", False)]


def test_a_name_is_cut_into_runs_of_one_script() -> None:
    assert script_runs("Ёлка Ltd 조선 中国 é☃") == [
        ("Ёлка", Script.CYRILLIC),
        (" Ltd ", Script.LATIN),
        ("조선", Script.HANGUL),
        (" ", Script.LATIN),
        ("中国", Script.HAN),
        (" é", Script.LATIN),
        ("☃", Script.OTHER),
    ]
