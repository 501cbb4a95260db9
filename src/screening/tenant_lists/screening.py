"""A Screener with a tenant's own lists beside the shared official ones, for any process that
screens: the API, job threads, the job pool's workers, queue workers, monitoring.

The official index is never rebuilt for a tenant: the tenant's few entries get an index of
their own, built with the official index's word weights, kept for the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Engine

from screening.matching.index import MatchIndex
from screening.screener import Screener, TenantPart
from screening.tenant_lists.store import (
    is_tenant_list_id,
    load_tenant_snapshots,
    tenant_fingerprint,
    tenant_list_snapshot,
)
from screening.watchlist.model import ListSnapshot

_PARTS_KEPT = 64  # tenant indexes kept built, least recently used dropped first

Versions = tuple[tuple[str, str], ...]  # (list id, sha256) of each tenant list


class MissingTenantListError(LookupError):
    """A job names a version of a tenant list the database does not hold."""


class _TenantParts:
    """Built tenant indexes by (tenant, versions, official index); safe between threads."""

    def __init__(self) -> None:
        self._parts: OrderedDict[tuple[str, Versions, int], tuple[MatchIndex, TenantPart]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, tenant_id: str, versions: Versions, official: MatchIndex) -> TenantPart | None:
        key = (tenant_id, versions, id(official))
        with self._lock:
            found = self._parts.get(key)
            # the index itself kept in the value: an id is only unique while its object lives
            if found is None or found[0] is not official:
                return None
            self._parts.move_to_end(key)
            return found[1]

    def put(self, part: TenantPart, versions: Versions, official: MatchIndex) -> None:
        with self._lock:
            self._parts[(part.tenant_id, versions, id(official))] = (official, part)
            while len(self._parts) > _PARTS_KEPT:
                self._parts.popitem(last=False)


_PARTS = _TenantParts()


def _versions_of(snapshots: Sequence[ListSnapshot]) -> Versions:
    return tuple(sorted((s.list_id, s.sha256) for s in snapshots))


def _with_part(
    screener: Screener, tenant_id: str, versions: Versions, snapshots: Sequence[ListSnapshot]
) -> Screener:
    part = TenantPart.build(tenant_id, sorted(snapshots, key=lambda s: s.list_id), screener.index)
    _PARTS.put(part, versions, screener.index)
    return screener.with_tenant(part)


def tenant_screener(engine: Engine, screener: Screener, tenant_id: str) -> Screener:
    """`screener` with the tenant's lists as they are now (one small query when built)."""
    return tenant_screener_of(engine, screener, tenant_id, tenant_fingerprint(engine, tenant_id))


def tenant_screener_of(
    engine: Engine, screener: Screener, tenant_id: str, versions: Versions
) -> Screener:
    """`screener` with the tenant's lists at `versions`, as tenant_fingerprint read them."""
    return _attached(
        screener, tenant_id, versions, lambda: load_tenant_snapshots(engine, tenant_id)
    )


def job_screener(
    engine: Engine, screener: Screener, tenant_id: str, list_versions: Sequence[Mapping[str, Any]]
) -> Screener:
    """`screener` with the versions of the tenant's lists a job started with (its
    `list_versions`), whatever is active now: a job and its re-run screen the same entries."""
    refs = [
        (str(v["list_id"]), str(v["version"]), str(v.get("sha256") or ""))
        for v in list_versions
        if is_tenant_list_id(str(v["list_id"]))
    ]
    versions = tuple(sorted((list_id, sha256) for list_id, _version, sha256 in refs))

    def load() -> list[ListSnapshot]:
        snapshots = []
        for list_id, version, sha256 in refs:
            snapshot = tenant_list_snapshot(engine, tenant_id, list_id, version)
            if snapshot is None or (sha256 and snapshot.sha256 != sha256):
                raise MissingTenantListError(f"no stored version {version} of list {list_id}")
            snapshots.append(snapshot)
        return snapshots

    return _attached(screener, tenant_id, versions, load)


def _attached(
    screener: Screener,
    tenant_id: str,
    versions: Versions,
    load: Callable[[], list[ListSnapshot]],
) -> Screener:
    current = screener.tenant
    if (
        current is not None
        and current.tenant_id == tenant_id
        and _versions_of(current.snapshots) == versions
    ):
        return screener
    if not versions:
        return screener.with_tenant(None)
    part = _PARTS.get(tenant_id, versions, screener.index)
    if part is not None:
        return screener.with_tenant(part)
    return _with_part(screener, tenant_id, versions, load())
