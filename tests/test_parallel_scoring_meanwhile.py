"""The forked map: the parent's own work while the workers run."""

from __future__ import annotations

import os
from collections.abc import Sequence

from screening.countries.territory_names import prepare_territory_names
from screening.parallel_scoring import map_forked


def _doubled(items: Sequence[int]) -> list[int]:
    return [item * 2 for item in items]


def test_meanwhile_runs_once_in_this_process_and_leaves_the_results_as_they_are() -> None:
    ran: list[int] = []
    items = list(range(20))
    results = map_forked(_doubled, items, 2, meanwhile=lambda: ran.append(os.getpid()))
    assert results == _doubled(items)
    assert ran == [os.getpid()]


def test_country_names_prepared_still_answer_as_before() -> None:
    from screening.countries.cells import country_code

    prepare_territory_names()
    assert country_code("Germany") == "DE"
    assert country_code("Narnia") is None
