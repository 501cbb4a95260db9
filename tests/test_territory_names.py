"""The quick territory-name lookup: the answers of rigour's lookup_territory for the names
publishers write, without building rigour's transliterated index of every name (docs/benchmarks.md,
"Loading the lists of issue 18")."""

from __future__ import annotations

import pytest

from screening.countries.listed import country_code
from screening.countries.territory_names import lookup_territory_name, quick_territory_key
from screening.watchlist.au_dfat import load_au_dfat
from screening.watchlist.ca_sema import load_ca_sema
from screening.watchlist.un import load_un_consolidated
from shared_data import read_shared


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Democratic People’s Republic of Korea", "kp"),
        ("Côte d'Ivoire", "ci"),
        ("Cote d'Ivoire", "ci"),
        ("Türkiye", "tr"),
        ("Burma", "mm"),
        ("Crimea", "ua-cri"),
        ("RUS", "ru"),
        ("Россия", "ru"),
        ("中国", "cn"),
    ],
)
def test_publishers_country_names_give_rigours_territory(name: str, code: str) -> None:
    territory = lookup_territory_name(name)
    assert territory is not None and territory.code == code


@pytest.mark.usefixtures("without_rigours_name_index")
def test_a_name_no_territory_has_is_none_without_asking_rigour() -> None:
    assert lookup_territory_name("Karl-Barth-Straße 14, Bonn") is None
    assert lookup_territory_name("Unknown") is None
    assert lookup_territory_name("Нарния") is None


def test_accents_case_and_punctuation_do_not_count() -> None:
    assert quick_territory_key("CÔTE D’IVOIRE") == quick_territory_key("cote divoire")


def test_latin_letters_without_a_separable_accent_are_spelled_in_ascii() -> None:
    assert quick_territory_key("Białoruś") == quick_territory_key("BIALORUS") == "bialorus"


@pytest.mark.parametrize(
    ("relative", "load"),
    [
        ("watchlists/au-dfat/regulation8_consolidated.xlsx", load_au_dfat),
        ("watchlists/ca-sema/sema-lmes.xml", load_ca_sema),
        ("watchlists/un-sc/consolidated.xml", load_un_consolidated),
    ],
)
@pytest.mark.usefixtures("without_rigours_name_index")
def test_loading_a_real_list_never_builds_rigours_slow_index(relative: str, load: object) -> None:
    country_code.cache_clear()
    assert callable(load)
    parsed = load(read_shared(relative))
    assert parsed.entries
