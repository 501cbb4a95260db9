"""Fetching lists from a mirror over HTTP (a real server on loopback), verifying and importing
them: conditional requests, case-insensitive names, errors, retries, a slow server, truncated
files, the 10% drop guard, and each list's status."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from list_update_support import UN_FILE, updated_un_xml
from listfiles import LISTS_DIR, WATCHLISTS
from mirror_server import MirrorServer, copy_mirror, serving_mirror
from screening.audit.tables import AuditRecordRow
from screening.config import load_settings
from screening.monitoring.tables import WebhookEventRow, WebhookRow
from screening.service import ScreeningService
from screening.sources.addresses import AddressPolicy, BlockedAddressError
from screening.sources.download import FetchPolicy
from screening.sources.overview import list_statuses
from screening.sources.status import ListState, status_records
from screening.sources.update import ListUpdater, UpdateConfig, UpdateResult
from screening.store.db import make_engine, migrate
from screening.store.snapshots import active_info, list_versions, load_active_snapshots
from screening.store.tables import TenantRow
from screening.watchlist.registry import LIST_IDS, list_source

# Quick retries and a short timeout: the behaviour is the same, the suite waits less.
QUICK = FetchPolicy(timeout=2.0, max_bytes=64 * 1024 * 1024, tries=2, first_delay=0.1)
UN_PATH = f"/un-sc/{UN_FILE}"


@pytest.fixture()
def mirror(tmp_path: Path) -> Iterator[MirrorServer]:
    root = copy_mirror(tmp_path / "mirror", ("us-ofac-cons", "un-sc"))
    with serving_mirror(root) as server:
        yield server


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite: what the fetcher does is the same on either database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'screening.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture()
def each_engine(database_url: str) -> Iterator[Engine]:
    """SQLite, then PostgreSQL: for what writes the status, claims checks and imports."""
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


def updater_for(
    engine: Engine, mirror: str, tmp_path: Path, policy: FetchPolicy = QUICK, **kwargs: object
) -> ListUpdater:
    config = UpdateConfig(
        mirror=mirror,
        lists_dir=LISTS_DIR,
        files_dir=tmp_path / "list-files",
        policy=policy,
        interval=timedelta(hours=6),
    )
    return ListUpdater(engine, config, **kwargs)  # type: ignore[arg-type]


def audit_actions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(AuditRecordRow.action).order_by(col(AuditRecordRow.id))))


def event_types(engine: Engine) -> list[str]:
    with Session(engine) as session:
        bodies = session.exec(select(WebhookEventRow.body).order_by(col(WebhookEventRow.created)))
        return [re.search(r'"type":"([^"]+)"', body).group(1) for body in bodies]  # type: ignore[union-attr]


def with_webhook(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(TenantRow(id="acme", name="Acme"))
        session.flush()
        session.add(
            WebhookRow(
                tenant_id="acme",
                url="http://127.0.0.1:9/hook",
                secret="s" * 20,
                created_by="key",
                created=datetime.now(UTC),
            )
        )
        session.commit()


# -- fetching and importing --------------------------------------------------------------------


def test_a_list_is_fetched_from_an_http_mirror_and_becomes_active(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    outcome = updater_for(engine, mirror.url, tmp_path).update("un-sc")

    assert outcome.result is UpdateResult.UPDATED
    active = active_info(engine, "un-sc")
    assert active is not None and active.entry_count == 1003
    assert active.version == outcome.version == "2026-02-27-66b392a4"
    record = status_records(engine)["un-sc"]
    assert record.source == f"{mirror.url}/un-sc/"
    assert record.fetched_at is not None and record.checked_at == record.fetched_at
    assert record.error == ""


def test_publisher_file_names_are_found_on_the_mirror_whatever_their_case(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    outcome = updater_for(engine, mirror.url, tmp_path).update("us-ofac-cons")

    assert outcome.result is UpdateResult.UPDATED
    requested = mirror.paths_requested()
    # sources.toml names OFAC's files as the publisher does (CONS_PRIM.CSV); this mirror
    # keeps them in lower case. The XML formats, preferred, are not on this mirror.
    first_csv = requested.index("/us-ofac-cons/CONS_PRIM.CSV")
    assert requested[first_csv + 1] == "/us-ofac-cons/cons_prim.csv"
    assert requested[0] == "/us-ofac-cons/CONS_ENHANCED.XML"
    assert "/us-ofac-cons/CONSOLIDATED.XML" in requested[:first_csv]
    assert outcome.snapshot is not None and outcome.snapshot.list_id == "us-ofac-cons"
    assert status_records(engine)["us-ofac-cons"].format_id == "ofac-cons-csv"
    assert active_info(engine, "us-ofac-cons").entry_count == 442  # type: ignore[union-attr]


def test_a_directory_mirror_is_read_as_it_is(engine: Engine, tmp_path: Path) -> None:
    outcome = updater_for(engine, str(WATCHLISTS), tmp_path).update("us-ofac-cons")
    assert outcome.result is UpdateResult.UPDATED
    assert status_records(engine)["us-ofac-cons"].source == f"{WATCHLISTS}/us-ofac-cons/"


def test_an_unchanged_file_is_asked_for_conditionally_and_not_imported_again(
    each_engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(each_engine, mirror.url, tmp_path)
    updater.update("un-sc")
    first_check = status_records(each_engine)["un-sc"].checked_at
    mirror.clear()

    outcome = updater.update("un-sc")

    assert outcome.result is UpdateResult.UNCHANGED
    (request,) = mirror.requests
    assert request.status == 304
    assert request.headers.get("If-None-Match", "").startswith('"')
    assert len(list_versions(each_engine, "un-sc")) == 1
    record = status_records(each_engine)["un-sc"]
    assert record.checked_at is not None and first_check is not None
    assert record.checked_at > first_check
    assert record.fetched_at == first_check


def test_a_changed_file_becomes_a_new_version_and_tenants_are_told(
    each_engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    with_webhook(each_engine)
    updater = updater_for(each_engine, mirror.url, tmp_path)
    before = updater.update("un-sc").version
    mirror.replace("un-sc", UN_FILE, updated_un_xml())

    outcome = updater.update("un-sc")

    assert outcome.result is UpdateResult.UPDATED
    assert outcome.snapshot is not None and outcome.version != before
    assert outcome.snapshot.entry("KPe.999") is not None  # the entity added on the mirror
    assert [v.active for v in list_versions(each_engine, "un-sc")] == [True, False]
    assert event_types(each_engine) == ["list.updated", "list.updated"]
    assert audit_actions(each_engine) == ["list.import", "list.import"]


def test_lists_parsed_side_by_side_in_processes_are_stored_in_the_order_given(
    engine: Engine, tmp_path: Path
) -> None:
    root = copy_mirror(tmp_path / "mirror", ("us-ofac-cons", "un-sc"))
    whole = (root / "un-sc" / UN_FILE).read_bytes()
    (root / "un-sc" / UN_FILE).write_bytes(whole[: len(whole) // 2])  # refused alone
    updater = updater_for(engine, str(root), tmp_path)
    fork = multiprocessing.get_context("fork")

    with ProcessPoolExecutor(2, mp_context=fork) as parser:
        outcomes = updater.update_apart(["un-sc", "uk-ofsi", "us-ofac-cons"], parser)

    assert [o.list_id for o in outcomes] == ["un-sc", "uk-ofsi", "us-ofac-cons"]
    assert [o.result for o in outcomes] == [UpdateResult.FAILED] * 2 + [UpdateResult.UPDATED]
    assert "refused" in outcomes[0].detail and not outcomes[0].unavailable
    assert outcomes[1].unavailable  # not on this mirror
    assert outcomes[2].snapshot is not None and len(outcomes[2].snapshot.entries) == 442
    assert active_info(engine, "us-ofac-cons").entry_count == 442  # type: ignore[union-attr]
    assert active_info(engine, "un-sc") is None
    assert audit_actions(engine) == ["list.update_failed", "list.update_failed", "list.import"]


# -- failures keep the last good version -----------------------------------------------------


def test_a_truncated_file_is_refused_and_the_last_good_version_keeps_serving(
    each_engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    with_webhook(each_engine)
    updater = updater_for(each_engine, mirror.url, tmp_path)
    good = updater.update("un-sc").version
    whole = mirror.file("un-sc", UN_FILE).read_bytes()
    mirror.replace("un-sc", UN_FILE, whole[: len(whole) // 2])  # served whole, cut in the file

    outcome = updater.update("un-sc")

    assert outcome.result is UpdateResult.FAILED
    assert "consolidated.xml" in outcome.detail and "refused" in outcome.detail
    assert active_info(each_engine, "un-sc").version == good  # type: ignore[union-attr]
    record = status_records(each_engine)["un-sc"]
    assert record.error == outcome.detail and record.failures == 1
    assert audit_actions(each_engine) == ["list.import", "list.update_failed"]
    assert event_types(each_engine) == ["list.updated", "list.update_failed"]


def test_a_transfer_that_breaks_off_is_tried_again_then_fails(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    mirror.faults.cut_after[UN_PATH] = 100_000  # the full length announced, a part sent

    outcome = updater_for(engine, mirror.url, tmp_path).update("un-sc")

    assert outcome.result is UpdateResult.FAILED
    assert "broke off" in outcome.detail
    assert mirror.paths_requested().count(UN_PATH) == QUICK.tries
    assert active_info(engine, "un-sc") is None


def test_a_server_error_is_tried_again(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    mirror.faults.status[UN_PATH] = 500
    mirror.faults.status_times[UN_PATH] = 1  # the first answer only

    outcome = updater_for(engine, mirror.url, tmp_path).update("un-sc")

    assert outcome.result is UpdateResult.UPDATED
    assert mirror.paths_requested() == [UN_PATH, UN_PATH]


def test_a_server_that_keeps_failing_leaves_the_list_failed_with_the_reason(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    mirror.faults.status[UN_PATH] = 503
    mirror.faults.status_times[UN_PATH] = 99

    outcome = updater_for(engine, mirror.url, tmp_path).update("un-sc")

    assert outcome.result is UpdateResult.FAILED
    assert "HTTP 503" in outcome.detail
    record = status_records(engine)["un-sc"]
    assert record.next_check_at is not None and record.attempted_at is not None
    assert record.next_check_at - record.attempted_at == timedelta(minutes=1)  # retried soon


def test_a_slow_server_times_out_and_the_last_good_version_keeps_serving(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(engine, mirror.url, tmp_path, replace(QUICK, timeout=0.5, tries=1))
    good = updater.update("un-sc").version
    mirror.replace("un-sc", UN_FILE, updated_un_xml())
    mirror.faults.delay[UN_PATH] = 2.0

    outcome = updater.update("un-sc")

    assert outcome.result is UpdateResult.FAILED
    assert "timed out" in outcome.detail
    assert active_info(engine, "un-sc").version == good  # type: ignore[union-attr]


def test_a_list_missing_from_the_mirror_fails_naming_its_files_and_the_setting(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    mirror.file("un-sc", UN_FILE).unlink()

    outcome = updater_for(engine, mirror.url, tmp_path).update("un-sc")

    assert outcome.result is UpdateResult.FAILED and outcome.unavailable
    assert "consolidated.xml" in outcome.detail
    assert "SCREENING_LISTS_MIRROR" in outcome.detail
    (status,) = (s for s in list_statuses(engine, {}) if s.list_id == "un-sc")
    assert status.status is ListState.UNAVAILABLE
    assert "the other lists are screened without it" in status.status_detail


def test_a_list_the_mirror_lacks_is_failed_not_unavailable_while_a_version_serves(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(engine, mirror.url, tmp_path)
    serving = updater.update("un-sc")
    mirror.file("un-sc", UN_FILE).unlink()

    outcome = updater.update("un-sc")

    assert outcome.unavailable and outcome.version == serving.version
    assert serving.snapshot is not None
    statuses = list_statuses(engine, {"un-sc": serving.snapshot})
    (status,) = (s for s in statuses if s.list_id == "un-sc")
    assert status.status is ListState.FAILED
    assert f"version {serving.version} serves" in status.status_detail


def test_a_list_found_again_is_no_longer_unavailable(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    whole = mirror.file("un-sc", UN_FILE).read_bytes()
    mirror.file("un-sc", UN_FILE).unlink()
    updater = updater_for(engine, mirror.url, tmp_path)
    assert updater.update("un-sc").unavailable

    mirror.replace("un-sc", UN_FILE, whole)
    outcome = updater.update("un-sc")

    assert outcome.result is UpdateResult.UPDATED and not outcome.unavailable
    assert not status_records(engine)["un-sc"].unavailable


def test_a_server_serves_without_an_unavailable_list_and_adds_it_once_the_mirror_has_it(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(engine, mirror.url, tmp_path)
    service = ScreeningService(engine, LISTS_DIR, updater=updater, lists=("un-sc", "ca-sema"))

    service.load()  # ca-sema is not on this mirror: unavailable, not in the way

    assert [s.list_id for s in service.serving().screener.snapshots] == ["un-sc"]
    assert status_records(engine)["ca-sema"].unavailable
    copy_mirror(mirror.root, ("ca-sema",))
    (outcome,) = service.update_lists(["ca-sema"])
    assert outcome.result is UpdateResult.UPDATED
    assert [s.list_id for s in service.serving().screener.snapshots] == ["un-sc", "ca-sema"]


def test_an_unreachable_mirror_is_a_failure_that_may_pass_not_unavailable(
    engine: Engine, tmp_path: Path
) -> None:
    outcome = updater_for(engine, "http://127.0.0.1:9", tmp_path).update("un-sc")
    assert outcome.failed and not outcome.unavailable
    assert not status_records(engine)["un-sc"].unavailable


def test_an_unreachable_mirror_fails_naming_it(engine: Engine, tmp_path: Path) -> None:
    outcome = updater_for(engine, "http://127.0.0.1:9", tmp_path).update("un-sc")
    assert outcome.result is UpdateResult.FAILED
    assert "cannot be reached" in outcome.detail and "127.0.0.1:9" in outcome.detail


def test_a_file_over_the_size_limit_is_refused(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    small = replace(QUICK, max_bytes=1_000_000)  # the UN file is 2 MB
    outcome = updater_for(engine, mirror.url, tmp_path, small).update("un-sc")
    assert outcome.result is UpdateResult.FAILED
    assert "over the limit of 1,000,000" in outcome.detail


def test_an_entry_count_falling_over_10_percent_is_refused_unless_forced(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(engine, mirror.url, tmp_path)
    good = updater.update("un-sc").version
    text = mirror.file("un-sc", UN_FILE).read_text("utf-8")
    without_entities = re.sub(r"<ENTITIES>.*</ENTITIES>", "<ENTITIES/>", text, flags=re.DOTALL)
    mirror.replace("un-sc", UN_FILE, without_entities.encode("utf-8"))  # 1,003 -> 730 entries

    refused = updater.update("un-sc")
    forced = updater.update("un-sc", force=True, actor="key-operator")

    assert refused.result is UpdateResult.FAILED
    assert "1,003 to 730 entries" in refused.detail and "force" in refused.detail
    assert forced.result is UpdateResult.UPDATED and forced.version != good
    assert active_info(engine, "un-sc").entry_count == 730  # type: ignore[union-attr]


def test_an_ofac_set_whose_companions_belong_to_another_list_is_refused(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    sdn_aliases = (WATCHLISTS / "us-ofac-sdn" / "alt.csv").read_bytes()
    mirror.replace("us-ofac-cons", "cons_alt.csv", sdn_aliases)

    outcome = updater_for(engine, mirror.url, tmp_path).update("us-ofac-cons")

    assert outcome.result is UpdateResult.FAILED
    assert "cons_alt.csv" in outcome.detail.lower() and "not one release" in outcome.detail


def test_the_mirror_ofac_set_is_accepted_with_a_warning_for_companion_rows_not_joined(
    engine: Engine, tmp_path: Path
) -> None:
    outcome = updater_for(engine, str(WATCHLISTS), tmp_path).update("us-ofac-sdn")
    assert outcome.result is UpdateResult.UPDATED
    warnings = status_records(engine)["us-ofac-sdn"].warnings
    assert any(w.startswith("ALT.CSV: rows of 688 ent_nums") for w in warnings), warnings


# -- outbound addresses -----------------------------------------------------------------------


def test_a_publisher_host_on_an_internal_address_is_refused() -> None:
    with pytest.raises(BlockedAddressError, match="not a public address"):
        AddressPolicy().check("https://127.0.0.1/SDN.CSV")
    with pytest.raises(BlockedAddressError, match="https only"):
        AddressPolicy().check("http://sanctionslistservice.ofac.treas.gov/SDN.CSV")


def test_the_mirror_host_the_operator_named_may_be_internal() -> None:
    AddressPolicy(frozenset({"127.0.0.1"})).check("http://127.0.0.1:8080/un-sc/consolidated.xml")


# -- status --------------------------------------------------------------------------------


def test_a_list_is_current_then_stale_once_its_maximum_age_passes(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater_for(engine, mirror.url, tmp_path).update("un-sc")
    serving = load_active_snapshots(engine)
    now = datetime.now(UTC)
    max_age = list_source("un-sc").max_age

    def un_status(at: datetime) -> tuple[ListState, str]:
        (status,) = (s for s in list_statuses(engine, serving, at) if s.list_id == "un-sc")
        return status.status, status.status_detail

    assert un_status(now)[0] is ListState.CURRENT
    state, detail = un_status(now + max_age + timedelta(minutes=1))
    assert state is ListState.STALE
    assert "no successful check against its source since" in detail


def test_a_failed_check_makes_the_list_failed_and_says_what_serves(
    engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    updater = updater_for(engine, mirror.url, tmp_path)
    good = updater.update("un-sc").version
    mirror.faults.status[UN_PATH] = 404
    updater.update("un-sc")

    statuses = list_statuses(engine, load_active_snapshots(engine))

    (un,) = (s for s in statuses if s.list_id == "un-sc")
    assert un.status is ListState.FAILED
    assert f"version {good} serves" in un.status_detail


def test_the_closed_uk_list_says_so_and_names_what_replaced_it(engine: Engine) -> None:
    (uk,) = (s for s in list_statuses(engine, {}) if s.list_id == "uk-ofsi")
    assert "Closed by its publisher on 2026-01-28" in uk.status_detail
    assert "UK Sanctions List" in uk.status_detail


def test_due_checks_are_claimed_once_across_processes(
    each_engine: Engine, mirror: MirrorServer, tmp_path: Path
) -> None:
    later = datetime.now(UTC) + timedelta(days=1)
    first = updater_for(each_engine, str(WATCHLISTS), tmp_path, clock=lambda: later)
    second = updater_for(each_engine, str(WATCHLISTS), tmp_path / "other", clock=lambda: later)
    # Nothing stored yet: every list is due; the first updater checks them all.
    checked = [o.list_id for o in first.update_due()]
    assert checked == list(LIST_IDS)
    assert second.update_due() == []  # none due again before the update interval


def test_settings_name_the_mirror_schedule_timeout_and_size_limit() -> None:
    settings = load_settings(
        {
            "SCREENING_LISTS_MIRROR": " http://mirror.example/lists ",
            "SCREENING_LIST_UPDATE_HOURS": "12",
            "SCREENING_LIST_FETCH_TIMEOUT": "30",
            "SCREENING_LIST_MAX_BYTES": "1000",
        }
    )
    assert settings.lists_mirror == "http://mirror.example/lists"
    assert (settings.list_update_hours, settings.list_fetch_timeout) == (12, 30)
    assert settings.list_max_bytes == 1000
    assert load_settings({}).lists_mirror == ""
