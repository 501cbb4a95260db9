"""Where the evaluation set reads its inputs, through one setting.

The publishers' list files and the real supplier lists live in the shared data directory, never
in the repository: `SCREENING_TEST_SHARED` names it (default: `shared` beside the checkout). The
curated DPRK-labour list is the project's own data and is read from `lists/`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from bench.shared_data import REPO_ROOT as REPO_ROOT
from bench.shared_data import SHARED, SHARED_SETTING, WATCHLISTS, indexed_list_ids, read_list_files
from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES, ListSource
from screening.watchlist.snapshot import build_snapshot


class SharedDataMissing(FileNotFoundError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} not found: the evaluation set reads the shared data directory "
            f"(set {SHARED_SETTING}, default <repo>/../shared)"
        )


def shared_dir() -> Path:
    return SHARED


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise SharedDataMissing(path)
    return path.read_bytes()


def list_files(source: ListSource) -> dict[str, bytes]:
    """A list's files by their published names: `<shared>/watchlists/<list-id>/<file>`, or the
    repository's own file of a project list."""
    try:
        return read_list_files(source.list_id)
    except FileNotFoundError as error:
        raise SharedDataMissing(WATCHLISTS / source.list_id) from error


def _indexed_sources() -> list[ListSource]:
    """The lists the evaluation indexes (bench.shared_data.INDEXED_LISTS)."""
    indexed = indexed_list_ids()
    return [s for s in LIST_SOURCES if s.list_id in indexed]


def load_snapshots() -> list[ListSnapshot]:
    return [build_snapshot(s.list_id, list_files(s)) for s in _indexed_sources()]


def lists_fingerprint() -> str:
    """sha256 over every list file read: a cached set is stale when a list changes."""
    digest = hashlib.sha256()
    for source in _indexed_sources():
        for name, data in sorted(list_files(source).items()):
            digest.update(f"{source.list_id}/{name}\0".encode())
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


# --- real supplier lists (clean negatives), read as published ----------------------------------

REAL_SUPPLIER_FILES = (
    "kr_krx_codes_2018.csv",
    "cn_ashare_stock_basic.csv",
    "ru_moex_listing_2018_cp1251.csv",
)


@dataclass(frozen=True, slots=True)
class RealCompany:
    name: str
    country: str  # ISO-2 of the exchange's home, "" when the issuer may be foreign
    source: str  # file name


def _supplier_file(name: str) -> bytes:
    return _read(shared_dir() / "real_suppliers" / name)


def real_companies() -> list[RealCompany]:
    """Names of companies listed on the Korea Exchange (KOSPI/KOSDAQ short names), the Shanghai
    and Shenzhen exchanges (A-share short names) and the Moscow Exchange (issuers' full names)."""
    companies: list[RealCompany] = []
    krx = "kr_krx_codes_2018.csv"
    # UTF-8 with a BOM and CR-only line ends, as published
    text = _supplier_file(krx).decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    for row in csv.DictReader(io.StringIO(text)):
        companies.append(RealCompany(row["name"].strip(), "KR", krx))
    ashare = "cn_ashare_stock_basic.csv"
    for row in csv.DictReader(io.StringIO(_supplier_file(ashare).decode("utf-8-sig"))):
        companies.append(RealCompany(row["name"].strip(), "CN", ashare))
    moex = "ru_moex_listing_2018_cp1251.csv"
    reader = csv.DictReader(io.StringIO(_supplier_file(moex).decode("cp1251")), delimiter=";")
    seen: set[str] = set()
    for row in reader:
        name = " ".join(row["e_full_name"].split())
        if name and name not in seen:
            seen.add(name)
            # foreign issuers' depositary receipts trade there too: the country is not known
            companies.append(RealCompany(name, "", moex))
    return companies


def real_suppliers_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in REAL_SUPPLIER_FILES:
        digest.update(hashlib.sha256(_supplier_file(name)).digest())
    return digest.hexdigest()
