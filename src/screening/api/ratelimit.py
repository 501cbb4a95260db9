"""Rate limits per API key, with the `limits` library (MIT): two budgets a minute per key.

- requests: every authenticated request costs one;
- suppliers: a screening costs one per supplier in it, so a 10,000-supplier batch costs what
  10,000 single screenings do.

The counts live in Redis when the service has one (the broker's, or SCREENING_RATE_LIMIT_STORAGE),
so every server process spends from the same budget; otherwise in this process's memory. The
sliding-window counter keeps two numbers per key and budget, whatever the cost of a request.
If Redis cannot be reached the request is let through and the failure logged: the limiter
protects the service, it must not be what takes it down.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter

log = logging.getLogger(__name__)

REQUESTS = "requests"
SUPPLIERS = "suppliers"
MEMORY_STORAGE = "memory://"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request over budget: which budget, its size, and when to come back."""

    budget: str
    limit_per_minute: int
    retry_after: int  # whole seconds, at least 1

    @property
    def header(self) -> str:
        return str(self.retry_after)


def storage_uri(broker_url: str, explicit: str = "") -> str:
    """Where the counts live: `explicit` if set, else the broker when it is Redis, else memory."""
    if explicit:
        return explicit
    if broker_url.startswith(("redis://", "rediss://")):
        return broker_url
    return MEMORY_STORAGE


class RateLimits:
    """The two budgets of every key; 0 turns a budget off."""

    def __init__(
        self,
        requests_per_minute: int,
        suppliers_per_minute: int,
        *,
        storage: str = MEMORY_STORAGE,
        namespace: str = "screening",
    ) -> None:
        options: dict[str, str] = {}
        if storage.startswith(("redis://", "rediss://")):
            options["key_prefix"] = f"{namespace}:ratelimit"
        self.storage_kind = "redis" if options else "memory"
        self._limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage, **options))
        self._items = {
            REQUESTS: _per_minute(requests_per_minute, namespace),
            SUPPLIERS: _per_minute(suppliers_per_minute, namespace),
        }

    def limit(self, budget: str) -> int:
        item = self._items[budget]
        return item.amount if item is not None else 0

    def spend_request(self, key_id: str) -> Refusal | None:
        return self._spend(REQUESTS, key_id, 1)

    def spend_suppliers(self, key_id: str, suppliers: int) -> Refusal | None:
        return self._spend(SUPPLIERS, key_id, suppliers)

    def _spend(self, budget: str, key_id: str, cost: int) -> Refusal | None:
        item = self._items[budget]
        if item is None or cost <= 0:
            return None
        try:
            if self._limiter.hit(item, budget, key_id, cost=cost):
                return None
            stats = self._limiter.get_window_stats(item, budget, key_id)
        except Exception as error:  # the store is away: let it through, say so
            log.warning("rate limit store unreachable, request let through: %s", error)
            return None
        return Refusal(
            budget, item.amount, _retry_after(item, cost, stats.remaining, stats.reset_time)
        )


def _per_minute(amount: int, namespace: str) -> RateLimitItem | None:
    return RateLimitItemPerMinute(amount, namespace=namespace) if amount > 0 else None


def _retry_after(item: RateLimitItem, cost: int, remaining: int, reset_time: float) -> int:
    """Seconds until `cost` fits: when the next unit frees up, or, for a cost larger than what
    is left, the share of the window that frees the missing units; never more than a window."""
    window = item.get_expiry()
    wait = reset_time - time.time()
    if cost > remaining:
        wait = max(wait, window * (cost - remaining) / item.amount)
    return max(1, min(window, math.ceil(wait)))
