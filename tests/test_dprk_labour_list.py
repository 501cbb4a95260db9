"""The curated DPRK overseas-labour list: its content is checkable, and its loader is strict."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from types import ModuleType

import pytest

from listfiles import LISTS_DIR, WATCHLISTS
from screening.watchlist.curated import (
    FILE_NAME,
    LIST_ID,
    PROGRAM,
    LabourProfile,
    curated_gaps,
    load_dprk_labour,
    load_labour_profiles,
    role_from_remarks,
)
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import AliasType, EntryKind, LinkRelation, ListSnapshot

LABOUR_FILE = LISTS_DIR / FILE_NAME
HOST_RISK_FILE = LISTS_DIR / "host-risk.toml"


def load_checker() -> ModuleType:
    """lists/tools/check_dprk_labour.py, the script that checks the list against the files."""
    path = LISTS_DIR / "tools" / "check_dprk_labour.py"
    spec = importlib.util.spec_from_file_location("check_dprk_labour", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    return load_checker()


@pytest.fixture(scope="module")
def official_records(checker: ModuleType) -> dict[tuple[str, str], object]:
    records: dict[tuple[str, str], object] = checker.read_official_records(WATCHLISTS)
    return records


@pytest.fixture(scope="module")
def problems(checker: ModuleType, official_records: dict[tuple[str, str], object]) -> list[str]:
    found: list[str] = checker.check_labour_list(
        LABOUR_FILE.read_bytes(), HOST_RISK_FILE.read_bytes(), official_records
    )
    return found


@pytest.fixture(scope="module")
def profiles() -> dict[str, LabourProfile]:
    return load_labour_profiles(LABOUR_FILE.read_bytes())


def with_entry_changed(old: str, new: str) -> bytes:
    text = LABOUR_FILE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


# --- content ------------------------------------------------------------------------------------


def test_list_has_at_least_forty_entries(profiles: dict[str, LabourProfile]) -> None:
    assert len(profiles) >= 40


def test_every_entry_has_evidence_and_a_role(profiles: dict[str, LabourProfile]) -> None:
    for profile in profiles.values():
        assert profile.evidence, profile.id
        assert profile.role, profile.id


def test_every_ref_resolves_to_an_entry_of_the_bundled_lists(
    profiles: dict[str, LabourProfile], bundled_snapshots: dict[str, ListSnapshot]
) -> None:
    missing = [
        (profile.id, ref.list_id, ref.source_id)
        for profile in profiles.values()
        for ref in profile.refs
        if bundled_snapshots[ref.list_id].entry(ref.source_id) is None
    ]
    assert missing == []


def test_every_curated_name_is_a_name_of_its_official_entries(
    profiles: dict[str, LabourProfile], bundled_snapshots: dict[str, ListSnapshot]
) -> None:
    for profile in profiles.values():
        names = {
            name.casefold()
            for ref in profile.refs
            if (entry := bundled_snapshots[ref.list_id].entry(ref.source_id)) is not None
            for name in entry.all_names()
        }
        if names:
            assert profile.name.casefold() in names, profile.id


def test_every_quote_is_verbatim_in_its_official_entry_or_named_source(
    problems: list[str],
) -> None:
    assert [p for p in problems if "quote" in p or "cites" in p] == []


def test_every_ref_is_in_the_official_files_as_published(problems: list[str]) -> None:
    assert [p for p in problems if "ref " in p] == []


def test_every_host_country_has_an_address_or_quote_behind_it(problems: list[str]) -> None:
    assert [p for p in problems if "host country" in p] == []


def test_every_latin_alias_is_used_by_the_official_entries(problems: list[str]) -> None:
    assert [p for p in problems if "alias" in p or "name is not" in p] == []


def test_every_sector_is_a_host_risk_sector(problems: list[str]) -> None:
    assert [p for p in problems if "sector" in p] == []


def test_checker_reports_a_quote_that_is_not_verbatim(
    checker: ModuleType, official_records: dict[tuple[str, str], object]
) -> None:
    changed = with_entry_changed(
        "for construction-related activities", "for construction activities"
    )
    found = checker.check_labour_list(changed, HOST_RISK_FILE.read_bytes(), official_records)
    assert len(found) == 1
    assert "DL-001" in found[0] and "un-sc KPe.050" in found[0]


def test_checker_reports_a_host_country_without_support(
    checker: ModuleType, official_records: dict[tuple[str, str], object]
) -> None:
    changed = with_entry_changed('host_countries = ["KW", "DZ"]', 'host_countries = ["KW", "FR"]')
    found = checker.check_labour_list(changed, HOST_RISK_FILE.read_bytes(), official_records)
    assert found == [
        "dprk-labour DL-012 (CH'OLHYO'N OVERSEAS CONSTRUCTION COMPANY): "
        "host country FR has no address or quote behind it"
    ]


# --- loader -------------------------------------------------------------------------------------


def test_registry_loads_the_curated_list(bundled_snapshots: dict[str, ListSnapshot]) -> None:
    snapshot = bundled_snapshots[LIST_ID]
    assert len(snapshot.entries) >= 40
    assert snapshot.published is not None


def test_entry_points_at_its_official_entries_as_same_as_links() -> None:
    parsed = load_dprk_labour({FILE_NAME: LABOUR_FILE.read_bytes()})
    mansudae = next(entry for entry in parsed.entries if entry.source_id == "DL-001")
    assert mansudae.list_id == LIST_ID
    assert mansudae.kind is EntryKind.ORGANIZATION
    assert mansudae.programs == (PROGRAM,)
    assert {(link.relation, link.list_id, link.source_id) for link in mansudae.links} == {
        (LinkRelation.SAME_AS, "un-sc", "KPe.050"),
        (LinkRelation.SAME_AS, "us-ofac-sdn", "20578"),
        (LinkRelation.SAME_AS, "uk-ofsi", "13538"),
    }


def test_entry_carries_host_countries_sectors_and_aliases() -> None:
    parsed = load_dprk_labour({FILE_NAME: LABOUR_FILE.read_bytes()})
    kogen = next(entry for entry in parsed.entries if entry.source_id == "DL-005")
    assert kogen.countries == ("RU",)
    assert kogen.sectors == ("construction",)
    assert ("KOGEN", AliasType.AKA) in {(alias.name, alias.type) for alias in kogen.aliases}


def test_non_latin_alias_says_its_script() -> None:
    parsed = load_dprk_labour({FILE_NAME: LABOUR_FILE.read_bytes()})
    silverstar = next(entry for entry in parsed.entries if entry.source_id == "DL-026")
    scripts = {alias.name: alias.script for alias in silverstar.aliases}
    assert scripts["延边银星网络科技有限公司"] == "Han"


def test_remarks_carry_the_role_and_each_quote_with_its_source() -> None:
    parsed = load_dprk_labour({FILE_NAME: LABOUR_FILE.read_bytes()})
    mansudae = next(entry for entry in parsed.entries if entry.source_id == "DL-001")
    assert role_from_remarks(mansudae.remarks) == (
        "sends workers abroad for construction, statues and monuments"
    )
    assert "exportation of workers from the DPRK to other nations" in mansudae.remarks
    assert "(un-sc KPe.050)" in mansudae.remarks


def test_profiles_keep_the_evidence_structured(profiles: dict[str, LabourProfile]) -> None:
    chinyong = profiles["DL-021"]
    assert chinyong.sectors == ("it",)
    assert ("us-ofac-sdn", "43379") in {ref.key for ref in chinyong.refs}
    assert {item.official_key for item in chinyong.evidence} >= {("us-ofac-sdn", "48260")}


def test_missing_file_is_a_format_error() -> None:
    with pytest.raises(ListFormatError) as error:
        load_dprk_labour({"other.toml": b""})
    assert error.value.file == FILE_NAME


def test_bad_toml_is_a_format_error_naming_the_file() -> None:
    with pytest.raises(ListFormatError) as error:
        load_dprk_labour({FILE_NAME: b"[[entry]\nid = "})
    assert error.value.file == FILE_NAME
    assert "not valid TOML" in str(error.value)


def test_missing_required_field_names_the_entry() -> None:
    data = with_entry_changed(
        'role = "DPRK ministry named among the entities behind overseas labour"\n', ""
    )
    with pytest.raises(ListFormatError) as error:
        load_labour_profiles(data)
    assert "entry DL-008" in str(error.value)
    assert "'role'" in str(error.value)


def test_evidence_from_an_unknown_source_is_refused() -> None:
    data = with_entry_changed(
        '(KOGEN)", source = "domain-notes" }', '(KOGEN)", source = "press release" }'
    )
    with pytest.raises(ListFormatError) as error:
        load_labour_profiles(data)
    assert "entry DL-005" in str(error.value)


def test_unknown_kind_is_refused() -> None:
    data = with_entry_changed(
        'kind = "organization"\nrole = "Namibian',
        'kind = "company"\nrole = "Namibian',
    )
    with pytest.raises(ListFormatError) as error:
        load_labour_profiles(data)
    assert "entry DL-002" in str(error.value) and "company" in str(error.value)


def test_duplicate_id_is_refused() -> None:
    data = with_entry_changed('id = "DL-003"', 'id = "DL-002"')
    with pytest.raises(ListFormatError) as error:
        load_labour_profiles(data)
    assert "DL-002" in str(error.value) and "twice" in str(error.value)


# --- status against the serving lists --------------------------------------------------------


def test_designations_of_2025_await_their_official_record_by_the_publishers_statement(
    profiles: dict[str, LabourProfile],
) -> None:
    sobaeksu = profiles["DL-055"]
    assert sobaeksu.name == "KOREA SOBAEKSU TRADING COMPANY" and not sobaeksu.refs
    (statement,) = sobaeksu.awaiting
    assert (statement.list_id, statement.issued.isoformat()) == ("us-ofac-sdn", "2025-07-24")
    assert statement.url == "https://ofac.treasury.gov/recent-actions/20250724"


def test_the_list_status_names_entries_awaiting_their_official_record(
    bundled_snapshots: dict[str, ListSnapshot],
) -> None:
    gaps = curated_gaps(bundled_snapshots["dprk-labour"].entries, bundled_snapshots)
    (awaiting,) = (gap for gap in gaps if "await their official record" in gap)
    assert awaiting.startswith("22 entry(ies) await")
    assert "DL-055 KOREA SOBAEKSU TRADING COMPANY (us-ofac-sdn)" in awaiting
    assert not any("lack" in gap for gap in gaps)  # every ref is in the serving lists


def test_the_list_status_names_refs_the_serving_list_lacks(
    bundled_snapshots: dict[str, ListSnapshot],
) -> None:
    un = bundled_snapshots["un-sc"]
    without_mansudae = replace(un, entries=tuple(e for e in un.entries if e.source_id != "KPe.050"))
    serving = {**bundled_snapshots, "un-sc": without_mansudae}

    gaps = curated_gaps(bundled_snapshots["dprk-labour"].entries, serving)

    (missing,) = (gap for gap in gaps if "lack" in gap)
    assert "un-sc KPe.050 (DL-001 MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES)" in missing


def test_an_awaited_entity_now_on_the_fetched_list_is_named_with_its_id(
    bundled_snapshots: dict[str, ListSnapshot],
) -> None:
    sdn = bundled_snapshots["us-ofac-sdn"]
    listed = replace(
        sdn.entries[0], source_id="99999", name="KOREA SOBAEKSU TRADING COMPANY", aliases=()
    )
    serving = {**bundled_snapshots, "us-ofac-sdn": replace(sdn, entries=(*sdn.entries, listed))}

    gaps = curated_gaps(bundled_snapshots["dprk-labour"].entries, serving)

    assert any("DL-055 KOREA SOBAEKSU TRADING COMPANY (us-ofac-sdn 99999)" in gap for gap in gaps)
