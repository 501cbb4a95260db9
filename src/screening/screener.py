"""One object that screens suppliers: the match index and the risk knowledge of a set of snapshots.

Built once per set of active list snapshots and never changed afterwards, so a screening in flight
keeps the lists it started with while a new Screener is built for a new import.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

from screening.engine_version import engine_version_for
from screening.gc_pause import paused_garbage_collection
from screening.matching.index import MatchIndex
from screening.matching.model import Match
from screening.matching.screen import screen_suppliers
from screening.matching.thresholds import DEFAULT_THRESHOLD
from screening.parallel_scoring import forked_mapper, forked_scorer
from screening.risk.assess import assess_risk
from screening.risk.knowledge import RiskKnowledge
from screening.risk.model import Decision, RiskAssessment
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

MATCHES_PER_SUPPLIER = 10  # the best matches kept for a supplier


@dataclass(frozen=True, slots=True)
class ListVersion:
    list_id: str
    version: str
    published: date | None
    sha256: str

    def as_json(self) -> dict[str, str | None]:
        """The version as a job, a monitored list or an audit record stores it."""
        return {
            "list_id": self.list_id,
            "version": self.version,
            "published": self.published.isoformat() if self.published else None,
            "sha256": self.sha256,
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    supplier: Supplier
    matches: list[Match]
    risk: RiskAssessment


def match_levels(result: ScreeningResult) -> list[str]:
    """The risk level each of the result's matches carries (for counting matches by level)."""
    return [str(match.level) for match in result.risk.match_risks]


@dataclass(frozen=True, slots=True)
class TenantPart:
    """One tenant's own lists, indexed apart from the official ones (which every tenant shares
    and nobody rebuilds for a tenant) but with the official index's word weights."""

    tenant_id: str
    snapshots: tuple[ListSnapshot, ...]
    index: MatchIndex

    @classmethod
    def build(
        cls, tenant_id: str, snapshots: Sequence[ListSnapshot], official: MatchIndex
    ) -> TenantPart:
        return cls(tenant_id, tuple(snapshots), MatchIndex.build(snapshots, weights_of=official))


def _merged(official: list[Match], own: list[Match], limit: int) -> list[Match]:
    """The best `limit` of both, by score; the official list first on a tie."""
    return sorted([*official, *own], key=lambda match: -match.score)[:limit]


class Screener:
    """Screens suppliers against one fixed set of list snapshots (or some of them: `narrowed`),
    and a tenant's own lists beside them (`with_tenant`)."""

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        index: MatchIndex,
        knowledge: RiskKnowledge,
        engine_version: str,
        *,
        lists: frozenset[str] | None = None,
        tenant: TenantPart | None = None,
    ) -> None:
        self.official_snapshots = tuple(snapshots)  # the lists of `index`
        self.index = index
        self.knowledge = knowledge
        self.engine_version = engine_version  # names the code, data and libraries that score
        self.lists = lists  # the lists matches come from; None: every one
        self.tenant = tenant
        # every list indexed, whichever are screened: the official ones, then the tenant's
        self.snapshots = self.official_snapshots + (tenant.snapshots if tenant else ())

    def narrowed(self, list_ids: Collection[str] | None) -> Screener:
        """This Screener answering from the lists `list_ids` only (None: every list), sharing
        its index and knowledge: nothing is rebuilt, and an entry scores what it scores when
        every list is screened. What the risk model knows of a matched entry (the same
        designation on other lists, ties to DPRK labour) still comes from every list."""
        indexed = {snapshot.list_id for snapshot in self.snapshots}
        if list_ids is None or indexed <= set(list_ids):
            chosen = None
        else:
            chosen = frozenset(list_ids) & indexed
        if chosen == self.lists:
            return self
        return self._sharing_index(chosen, self.tenant)

    def with_tenant(self, tenant: TenantPart | None) -> Screener:
        """This Screener with a tenant's own lists screened beside the official ones (None:
        without any); the official index is shared, not rebuilt."""
        if tenant is self.tenant:
            return self
        return self._sharing_index(self.lists, tenant)

    def _sharing_index(self, lists: frozenset[str] | None, tenant: TenantPart | None) -> Screener:
        return Screener(
            self.official_snapshots,
            self.index,
            self.knowledge,
            self.engine_version,
            lists=lists,
            tenant=tenant,
        )

    def screened_snapshots(self) -> tuple[ListSnapshot, ...]:
        """The snapshots whose entries matches come from."""
        if self.lists is None:
            return self.snapshots
        return tuple(s for s in self.snapshots if s.list_id in self.lists)

    def _chosen_in(self, snapshots: Sequence[ListSnapshot]) -> frozenset[str] | None:
        """The chosen lists among `snapshots` (None: all of them)."""
        if self.lists is None:
            return None
        return self.lists & {s.list_id for s in snapshots}

    @classmethod
    def from_snapshots(cls, snapshots: Sequence[ListSnapshot], host_risk: bytes) -> Screener:
        """`host_risk` is the content of lists/host-risk.toml. The garbage collector waits
        while the index's million objects are made and the risk knowledge after them (see
        screening.gc_pause): a collection meanwhile would walk the whole new index, for
        nothing (1.5 s of the knowledge's 2.3 s on the 2-core machine)."""
        with paused_garbage_collection():
            index = MatchIndex.build(snapshots)
            knowledge = RiskKnowledge.build(snapshots, host_risk)
        return cls(snapshots, index, knowledge, engine_version_for(host_risk))

    @property
    def default_threshold(self) -> float:
        return DEFAULT_THRESHOLD

    def list_versions(self) -> tuple[ListVersion, ...]:
        """The versions of the lists screened (all indexed ones, unless narrowed)."""
        return tuple(
            ListVersion(s.list_id, s.version, s.published, s.sha256)
            for s in self.screened_snapshots()
        )

    def screen(
        self,
        suppliers: Sequence[Supplier],
        threshold: float | None = None,
        *,
        decisions: Sequence[Sequence[Decision]] | None = None,
        on_scored: Callable[[int], None] | None = None,
        limit: int = MATCHES_PER_SUPPLIER,
    ) -> list[ScreeningResult]:
        """Results in input order; matches at or above `threshold` (default: DEFAULT_THRESHOLD),
        the best `limit` of each supplier.

        `decisions`, when given, holds the reviewers' decisions in force for each supplier (same
        order as `suppliers`); the risk model applies them. `on_scored(n)` reports progress: n more
        distinct names scored.
        """
        # screening allocates many small objects and frees few: collecting them is wasted work
        with paused_garbage_collection():
            return self._screen(suppliers, threshold, decisions, on_scored, limit)

    def _screen(
        self,
        suppliers: Sequence[Supplier],
        threshold: float | None,
        decisions: Sequence[Sequence[Decision]] | None,
        on_scored: Callable[[int], None] | None,
        limit: int,
    ) -> list[ScreeningResult]:
        official_lists = self._chosen_in(self.official_snapshots)
        if official_lists is None or official_lists:
            all_matches = screen_suppliers(
                self.index,
                suppliers,
                threshold=threshold,
                limit=limit,
                lists=official_lists,
                score_apart=forked_scorer(),
                match_apart=forked_mapper(),
                on_scored=on_scored,
            )
        else:  # only tenant lists chosen
            all_matches = [[] for _ in suppliers]
        tenant = self.tenant
        own_lists = self._chosen_in(tenant.snapshots) if tenant is not None else frozenset()
        if tenant is not None and (own_lists is None or own_lists):
            # A handful of entries: one process scores them faster than forking would.
            own_matches = screen_suppliers(
                tenant.index,
                suppliers,
                threshold=threshold,
                limit=limit,
                lists=own_lists,
                on_scored=on_scored if official_lists is not None and not official_lists else None,
            )
            all_matches = [
                _merged(official, own, limit)
                for official, own in zip(all_matches, own_matches, strict=True)
            ]
        per_supplier = decisions if decisions is not None else [()] * len(suppliers)
        return [
            ScreeningResult(
                supplier,
                matches,
                assess_risk(supplier, matches, self.knowledge, decisions=supplier_decisions),
            )
            for supplier, matches, supplier_decisions in zip(
                suppliers, all_matches, per_supplier, strict=True
            )
        ]
