"""Host countries and sectors of DPRK overseas labour: sourced facts, free-text sector mapping."""

from __future__ import annotations

from types import ModuleType

import pytest

from listfiles import LISTS_DIR, mirror_folder
from screening.risk.host_risk import CountryTier, HostRisk, SectorTier, parse_host_risk
from screening.risk.sectors import SectorIndex, sector_id
from screening.watchlist.errors import ListFormatError
from test_dprk_labour_list import load_checker

HOST_RISK_FILE = LISTS_DIR / "host-risk.toml"
ADVISORY_2018_SECTORS = {
    "apparel",
    "construction",
    "footwear",
    "hospitality",
    "it",
    "logging",
    "medical",
    "pharmaceuticals",
    "restaurants",
    "seafood",
    "textiles",
    "shipbuilding",
}


@pytest.fixture(scope="module")
def host_risk() -> HostRisk:
    return parse_host_risk(HOST_RISK_FILE.read_bytes())


@pytest.fixture(scope="module")
def sectors(host_risk: HostRisk) -> SectorIndex:
    return SectorIndex.of(host_risk)


def changed(old: str, new: str) -> bytes:
    text = HOST_RISK_FILE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


# --- the facts ----------------------------------------------------------------------------------


def test_china_and_russia_are_the_main_host_countries(host_risk: HostRisk) -> None:
    main = {code for code, c in host_risk.countries.items() if c.tier is CountryTier.MAIN}
    assert main == {"CN", "RU"}


def test_main_host_countries_cite_the_2018_advisory(host_risk: HostRisk) -> None:
    for code in ("CN", "RU"):
        country = host_risk.countries[code]
        assert host_risk.cited(country.basis) == "2018 US advisory"
        assert any("than all other countries combined" in b.quote for b in country.basis)


def test_a_country_known_from_a_listing_cites_that_listing(host_risk: HostRisk) -> None:
    assert host_risk.cited(host_risk.countries["NA"].basis) == "UN listing KPe.050"


def test_every_sector_of_the_2018_advisory_is_present(host_risk: HostRisk) -> None:
    assert set(host_risk.sectors) >= ADVISORY_2018_SECTORS


def test_construction_it_and_textiles_are_primary_sectors(host_risk: HostRisk) -> None:
    primary = {s for s, sector in host_risk.sectors.items() if sector.tier is SectorTier.PRIMARY}
    assert primary == {"construction", "it", "textiles"}


def test_every_country_and_sector_has_a_source(host_risk: HostRisk) -> None:
    for item in [*host_risk.countries.values(), *host_risk.sectors.values()]:
        assert item.basis
        assert all(basis.quote or basis.address for basis in item.basis)


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    return load_checker()


@pytest.fixture(scope="module")
def records(checker: ModuleType) -> dict[tuple[str, str], object]:
    """The OFAC SDN and UN records as published (the basis quotes none of the UK's)."""
    found: dict[tuple[str, str], object] = checker.read_ofac(
        mirror_folder("us-ofac-sdn"), "", "us-ofac-sdn"
    )
    found.update(checker.read_un(mirror_folder("un-sc") / "consolidated.xml"))
    return found


def test_every_basis_is_verbatim_or_a_real_address(
    checker: ModuleType, records: dict[tuple[str, str], object]
) -> None:
    assert checker.check_host_risk(HOST_RISK_FILE.read_bytes(), records) == []


def test_a_changed_address_basis_is_reported(
    checker: ModuleType, records: dict[tuple[str, str], object]
) -> None:
    data = changed('address = "Oman"', 'address = "Yemen"')
    assert checker.check_host_risk(data, records) == [
        "host-risk country OM: us-ofac-sdn 23083 has no address in 'Yemen'"
    ]


# --- sector synonyms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("software", "it"),
        ("IT services", "it"),
        ("IT-услуги", "it"),
        ("软件开发", "it"),
        ("소프트웨어 개발", "it"),
        ("строительство", "construction"),
        ("Строительная компания", "construction"),
        ("建筑", "construction"),
        ("建筑工程有限公司", "construction"),
        ("건설", "construction"),
        ("General contractor", "construction"),
        ("garments", "apparel"),
        ("швейная фабрика", "apparel"),
        ("fish processing", "seafood"),
        ("рыбопереработка", "seafood"),
        ("Textile mill", "textiles"),
        ("Hotel", "hospitality"),
        ("лесозаготовка", "logging"),
        ("судоремонтный завод", "shipbuilding"),
        ("restaurant", "restaurants"),
        ("Animation studio", "animation"),
    ],
)
def test_free_text_sector_maps_to_its_sector_id(
    sectors: SectorIndex, text: str, expected: str
) -> None:
    assert sectors.sector_id(text) == expected


@pytest.mark.parametrize("text", ["bakery", "Bäckerei", "consulting", "", "   "])
def test_unrelated_or_empty_sector_maps_to_none(sectors: SectorIndex, text: str) -> None:
    assert sectors.sector_id(text) is None


def test_korean_choson_alone_is_not_shipbuilding(sectors: SectorIndex) -> None:
    # 조선 is "Korea" in DPRK usage as well as "shipbuilding": only 조선업/조선소 count.
    assert sectors.sector_id("조선") is None
    assert sectors.sector_id("조선소") == "shipbuilding"


def test_it_matches_only_as_a_whole_word(sectors: SectorIndex) -> None:
    assert sectors.sector_id("Digital marketing") is None


def test_sector_id_function_reads_the_same_synonyms(host_risk: HostRisk) -> None:
    assert sector_id("fish processing", host_risk) == "seafood"


# --- format errors ------------------------------------------------------------------------------


def test_unknown_tier_names_the_file_and_country() -> None:
    with pytest.raises(ListFormatError) as error:
        parse_host_risk(
            changed(
                'code = "MN"\nname = "Mongolia"\ntier = "reported"',
                'code = "MN"\nname = "Mongolia"\ntier = "high"',
            )
        )
    assert error.value.file == "host-risk.toml"
    assert "country MN" in str(error.value)


def test_basis_from_an_unknown_source_is_refused() -> None:
    with pytest.raises(ListFormatError) as error:
        parse_host_risk(
            changed(
                '{ source = "domain-notes", quote = "above all',
                '{ source = "newspaper", quote = "above all',
            )
        )
    assert "country MN" in str(error.value) and "newspaper" in str(error.value)


def test_bad_toml_is_a_format_error() -> None:
    with pytest.raises(ListFormatError) as error:
        parse_host_risk(b"[[country]\n")
    assert "not valid TOML" in str(error.value)
