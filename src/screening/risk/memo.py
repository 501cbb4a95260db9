"""A bounded memo of a pure function's results, kept beside the immutable data it reads.

A sheet of 100,000 suppliers names a few countries and sectors, so the risk model's steps that
depend on those alone are worked out a few dozen times instead of 100,000. A server lives long
and sees any text in a sector column: past `limit` results the memo starts afresh. It is not
part of the value it sits in: never compared, and a pickled copy starts empty.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_LIMIT = 10_000


class Memo(Generic[K, V]):
    __slots__ = ("_limit", "_values")

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._limit = limit
        self._values: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._values.get(key)

    def remember(self, key: K, value: V) -> V:
        """Keep `value` for `key` and return it. Safe from several threads: at worst two of them
        work out the same value and both keep it."""
        if len(self._values) >= self._limit:
            self._values = {}
        self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[type[Memo[K, V]], tuple[int]]:
        return (type(self), (self._limit,))
