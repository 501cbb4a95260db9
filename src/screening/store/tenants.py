"""Tenants and their API keys. A key is shown once when made; only its sha256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from screening.audit.log import SystemActor, append_audit
from screening.store.db import session_reads
from screening.store.generations import GenerationCache
from screening.store.tables import ROLES, ApiKeyRow, TenantRow
from screening.utc import utc_now

DEFAULT_TENANT_ID = "default"  # the operator's tenant; its admins manage tenants and lists
DEFAULT_TENANT_NAME = "default"
BOOTSTRAP_LABEL = "SCREENING_ADMIN_KEY"
KEY_PREFIX = "scr_"  # makes a leaked key easy to recognise (secret scanners, logs)
# The bootstrap key comes from the environment at start-up: the system records it.
_OPERATOR_SETUP = SystemActor(DEFAULT_TENANT_ID, "system", "system")


class TenantNameTakenError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"a tenant named {name!r} exists already")
        self.name = name


class UnknownRoleError(ValueError):
    def __init__(self, role: str) -> None:
        super().__init__(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        self.role = role


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new key: `secret` exists only here, in the response that hands it over."""

    key_id: str
    tenant_id: str
    role: str
    secret: str


@dataclass(frozen=True, slots=True)
class KeyHolder:
    """Who a presented key belongs to."""

    key_id: str
    tenant_id: str
    role: str


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def _new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def ensure_default_tenant(session: Session) -> TenantRow:
    tenant = session.get(TenantRow, DEFAULT_TENANT_ID)
    if tenant is None:
        tenant = TenantRow(id=DEFAULT_TENANT_ID, name=DEFAULT_TENANT_NAME)
        session.add(tenant)
        session.flush()
    return tenant


def create_tenant(session: Session, name: str) -> tuple[TenantRow, IssuedKey]:
    """A new tenant and its first admin key."""
    if session.exec(select(TenantRow).where(TenantRow.name == name)).first() is not None:
        raise TenantNameTakenError(name)
    tenant = TenantRow(id=_new_id("ten"), name=name)
    session.add(tenant)
    try:
        session.flush()
    except IntegrityError as error:  # created by a concurrent request a moment ago
        raise TenantNameTakenError(name) from error
    return tenant, issue_key(session, tenant.id, "admin", label="first admin key")


def issue_key(session: Session, tenant_id: str, role: str, *, label: str = "") -> IssuedKey:
    if role not in ROLES:
        raise UnknownRoleError(role)
    secret = new_secret()
    row = ApiKeyRow(
        id=_new_id("key"), tenant_id=tenant_id, key_sha256=hash_key(secret), role=role, label=label
    )
    session.add(row)
    session.flush()
    return IssuedKey(row.id, tenant_id, role, secret)


def ensure_admin_key(session: Session, secret: str) -> ApiKeyRow:
    """Register the operator's bootstrap key (SCREENING_ADMIN_KEY) as an admin of `default`.

    Setting a new bootstrap key retires the previous one. A bootstrap key that was revoked stays
    revoked: the operator sets a new one.
    """
    ensure_default_tenant(session)
    digest = hash_key(secret)
    for old in session.exec(
        select(ApiKeyRow).where(
            ApiKeyRow.label == BOOTSTRAP_LABEL,
            ApiKeyRow.key_sha256 != digest,
            col(ApiKeyRow.revoked).is_(None),
        )
    ).all():
        old.revoked = utc_now()
        session.add(old)
        append_audit(session, _OPERATOR_SETUP, "key.revoke", old.id, {"key_id": old.id})
    row = session.exec(select(ApiKeyRow).where(ApiKeyRow.key_sha256 == digest)).first()
    if row is None:
        row = ApiKeyRow(
            id=_new_id("key"),
            tenant_id=DEFAULT_TENANT_ID,
            key_sha256=digest,
            role="admin",
            label=BOOTSTRAP_LABEL,
        )
        session.add(row)
        session.flush()
        append_audit(session, _OPERATOR_SETUP, "key.create", row.id, {"role": "admin"})
    return row


# Asked on every request: three columns, one statement built once (its compiled form cached) and
# run without the ORM (a fifth of the CPU of an ORM select), outside a transaction unless the
# session has one (store.db.session_reads).
_KEYS = ApiKeyRow.__table__  # type: ignore[attr-defined]
_FIND_KEY_HOLDER = core_select(_KEYS.c.id, _KEYS.c.tenant_id, _KEYS.c.role).where(
    _KEYS.c.key_sha256 == bindparam("digest"), _KEYS.c.revoked.is_(None)
)


def find_key_holder(session: Session, secret: str) -> KeyHolder | None:
    """The holder of an active key, or None for an unknown or revoked one (read from the
    database on every call: a revoked key is refused at once)."""
    return _holder_of_digest(session, hash_key(secret))


def kept_key_holder(
    session: Session, kept: GenerationCache, generation: int, secret: str
) -> KeyHolder | None:
    """As find_key_holder, from what this process read at the database's read `generation`
    (store.generations), read then if it did not: a key revoked by any process has moved the
    generation, so it is refused at once here too. Unknown keys are kept as well: guessing
    keys costs the database nothing more."""
    digest = hash_key(secret)
    return kept.value(generation, ("key", digest), lambda: _holder_of_digest(session, digest))


def _holder_of_digest(session: Session, digest: str) -> KeyHolder | None:
    with session_reads(session) as connection:
        row = connection.execute(_FIND_KEY_HOLDER, {"digest": digest}).first()
    if row is None:
        return None
    return KeyHolder(row[0], row[1], row[2])


def tenant_keys(session: Session, tenant_id: str) -> list[ApiKeyRow]:
    return list(
        session.exec(
            select(ApiKeyRow)
            .where(ApiKeyRow.tenant_id == tenant_id)
            .order_by(col(ApiKeyRow.created), col(ApiKeyRow.id))
        ).all()
    )


def revoke_key(session: Session, tenant_id: str, key_id: str) -> ApiKeyRow | None:
    """Revoke a key of `tenant_id`; None when the tenant has no such key."""
    row = session.get(ApiKeyRow, key_id)
    if row is None or row.tenant_id != tenant_id:
        return None
    if row.revoked is None:
        row.revoked = utc_now()
        session.add(row)
        session.flush()
    return row


def get_tenant(session: Session, tenant_id: str) -> TenantRow | None:
    return session.get(TenantRow, tenant_id)
