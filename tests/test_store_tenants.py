"""Tenants and API keys: keys are stored only as their sha256, work until revoked."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from screening.store.db import make_engine, migrate, open_session
from screening.store.tables import ApiKeyRow
from screening.store.tenants import (
    DEFAULT_TENANT_ID,
    KEY_PREFIX,
    TenantNameTakenError,
    UnknownRoleError,
    create_tenant,
    ensure_admin_key,
    find_key_holder,
    hash_key,
    issue_key,
    revoke_key,
)


@pytest.fixture()
def engine(database_url: str) -> Engine:
    engine = make_engine(database_url)
    migrate(engine)
    return engine


def test_new_tenant_gets_an_admin_key_that_is_stored_only_as_its_hash(engine: Engine) -> None:
    with open_session(engine) as session:
        tenant, key = create_tenant(session, "acme")
    assert key.secret.startswith(KEY_PREFIX)
    with Session(engine) as session:
        (row,) = session.exec(select(ApiKeyRow).where(ApiKeyRow.tenant_id == tenant.id)).all()
        assert row.key_sha256 == hash_key(key.secret)
        assert key.secret not in {row.key_sha256, row.label, row.id}
        holder = find_key_holder(session, key.secret)
    assert holder is not None
    assert (holder.tenant_id, holder.role) == (tenant.id, "admin")


def test_tenant_names_are_unique(engine: Engine) -> None:
    with open_session(engine) as session:
        create_tenant(session, "acme")
    with pytest.raises(TenantNameTakenError), open_session(engine) as session:
        create_tenant(session, "acme")


def test_revoked_key_no_longer_identifies_anyone(engine: Engine) -> None:
    with open_session(engine) as session:
        tenant, _admin = create_tenant(session, "acme")
        analyst = issue_key(session, tenant.id, "analyst")
    with open_session(engine) as session:
        assert revoke_key(session, tenant.id, analyst.key_id) is not None
    with Session(engine) as session:
        assert find_key_holder(session, analyst.secret) is None


def test_a_tenant_cannot_revoke_another_tenants_key(engine: Engine) -> None:
    with open_session(engine) as session:
        _acme, acme_admin = create_tenant(session, "acme")
        other, _ = create_tenant(session, "other")
        assert revoke_key(session, other.id, acme_admin.key_id) is None
        assert find_key_holder(session, acme_admin.secret) is not None


def test_unknown_role_is_refused(engine: Engine) -> None:
    with pytest.raises(UnknownRoleError), open_session(engine) as session:
        tenant, _ = create_tenant(session, "acme")
        issue_key(session, tenant.id, "superuser")


def test_bootstrap_admin_key_belongs_to_the_default_tenant(engine: Engine) -> None:
    with open_session(engine) as session:
        ensure_admin_key(session, "operator-secret-1")
        ensure_admin_key(session, "operator-secret-1")  # every restart: no second row
    with Session(engine) as session:
        holder = find_key_holder(session, "operator-secret-1")
        assert len(session.exec(select(ApiKeyRow)).all()) == 1
    assert holder is not None
    assert (holder.tenant_id, holder.role) == (DEFAULT_TENANT_ID, "admin")


def test_new_bootstrap_admin_key_retires_the_previous_one(engine: Engine) -> None:
    with open_session(engine) as session:
        ensure_admin_key(session, "operator-secret-1")
    with open_session(engine) as session:
        ensure_admin_key(session, "operator-secret-2")
    with Session(engine) as session:
        assert find_key_holder(session, "operator-secret-1") is None
        assert find_key_holder(session, "operator-secret-2") is not None
