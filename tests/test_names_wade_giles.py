"""Chinese places in their older Latin spellings are the pinyin names the lists use."""

from __future__ import annotations

from screening.names.normalise import normalise_name


def test_postal_and_wade_giles_place_names_read_as_pinyin() -> None:
    assert normalise_name("Tsingtao Brewery").tokens == normalise_name("Qingdao Brewery").tokens
    assert normalise_name("Kwangtung Peking Szechuan").tokens == (
        "guangdong",
        "beijing",
        "sichuan",
    )
