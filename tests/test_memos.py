"""The matching core's memos: those keyed by what suppliers write (words, names, characters,
addresses) are bounded, so a server screening ever new names does not grow with them; only
memos of a closed set (the data files by name) and of no argument at all are not."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import screening.matching
import screening.names

CLOSED_SETS = {"screening.names.resources.load_data"}  # keyed by a data file's name


def core_memos() -> Iterator[tuple[str, Callable[..., Any]]]:
    for package in (screening.names, screening.matching):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for name, value in vars(module).items():
                if hasattr(value, "cache_info") and value.__module__ == module.__name__:
                    yield f"{module.__name__}.{name}", value


def test_every_memo_keyed_by_a_suppliers_text_is_bounded() -> None:
    unbounded = [
        name
        for name, memo in core_memos()
        if inspect.signature(memo.__wrapped__).parameters  # type: ignore[attr-defined]
        and name not in CLOSED_SETS
        and memo.cache_info().maxsize is None
    ]
    assert unbounded == []


def test_the_palladius_and_han_readings_are_bounded() -> None:
    from screening.names import han, palladius

    assert palladius._syllables_of.cache_info().maxsize == 16384
    assert han._syllable.cache_info().maxsize == 8192
    assert palladius.pinyin_of("фуцзянь") == "fujian"  # read as before
