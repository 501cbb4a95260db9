"""The match index written to its file and opened again screens exactly as the index built in
memory; a file of another version or cut short is refused, never misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from match_index import shared_index
from screening.matching.index import MatchIndex
from screening.matching.index_file import IndexFileError, open_index_file, write_index_file
from screening.matching.screen import screen_suppliers
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot

STAMP = "engine under test"


@pytest.fixture(scope="session")
def index(bundled_snapshots: dict[str, ListSnapshot]) -> MatchIndex:
    return shared_index(bundled_snapshots)


@pytest.fixture(scope="module")
def index_path(index: MatchIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index-file") / "match.index"
    write_index_file(path, index, stamp=STAMP, attachment={"kept": "with the index"})
    return path


def _suppliers(index: MatchIndex) -> list[Supplier]:
    """Listed names of every list and kind as published, misspelt, and run together, with
    countries; and names of everyday words."""
    listed = [index.names[name_id].name for name_id in range(0, len(index.names), 499)]
    misspelt = [name[:3] + name[4] + name[3] + name[5:] for name in listed if len(name) > 6]
    run_together = [name.replace(" ", "", 1) for name in listed]
    everyday = ["Korea Development Bank", "Apex Security Services", "Golden Star Trading LLC"]
    names = [*listed, *misspelt, *run_together, *everyday]
    countries = ("KP", "RU", "CN", "")
    return [Supplier(name, country=countries[i % 4]) for i, name in enumerate(names)]


def test_an_index_opened_from_its_file_screens_as_the_index_built(
    index: MatchIndex, index_path: Path
) -> None:
    opened = open_index_file(index_path, stamp=STAMP)
    suppliers = _suppliers(index)
    built = screen_suppliers(index, suppliers, threshold=0.5)
    assert sum(map(len, built)) > len(suppliers) // 2  # the names do find entries
    assert screen_suppliers(opened.index, suppliers, threshold=0.5) == built
    assert opened.attachment == {"kept": "with the index"}


def test_an_opened_index_holds_the_same_structures(index: MatchIndex, index_path: Path) -> None:
    opened = open_index_file(index_path, stamp=STAMP).index
    key = list(index.postings)[len(index.postings) // 2]
    assert len(opened.postings) == len(index.postings)
    assert opened.postings[key] == list(index.postings[key])
    assert opened.key_weights[key] == index.key_weights[key]
    assert "no such key" not in opened.neighbours
    assert opened.neighbours.get("no such key") is None
    assert list(opened.forms[5:8]) == list(index.forms[5:8])
    assert opened.names[-1] == index.names[-1]


def test_a_file_of_another_engine_is_refused(index_path: Path) -> None:
    with pytest.raises(IndexFileError, match="another engine version"):
        open_index_file(index_path, stamp="another engine")


def test_a_file_cut_short_is_refused(index_path: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.index"
    cut.write_bytes(index_path.read_bytes()[:100_000])
    with pytest.raises(IndexFileError, match=r"cut short|does not hold"):
        open_index_file(cut, stamp=STAMP)


def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.index"
    other.write_bytes(b"PK\x03\x04 a workbook, say")
    with pytest.raises(IndexFileError, match="does not hold a match index"):
        open_index_file(other, stamp=STAMP)
