"""Where the evaluation set reads its inputs, through one setting.

The publishers' list files and the real supplier lists live in the shared data directory, never
in the repository: `SCREENING_TEST_SHARED` names it (default: `shared` beside the checkout). The
curated DPRK-labour list is the project's own data and is read from `lists/`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from screening.watchlist.model import ListSnapshot
from screening.watchlist.registry import LIST_SOURCES, ListSource
from screening.watchlist.snapshot import build_snapshot

SHARED_SETTING = "SCREENING_TEST_SHARED"
REPO_ROOT = Path(__file__).resolve().parents[2]
REPO_LISTS = REPO_ROOT / "lists"
# lists the project writes itself: shipped in lists/, not publishers' files
PROJECT_LISTS = frozenset({"dprk-labour"})


class SharedDataMissing(FileNotFoundError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} not found: the evaluation set reads the shared data directory "
            f"(set {SHARED_SETTING}, default {REPO_ROOT.parent / 'shared'})"
        )


def shared_dir() -> Path:
    return Path(os.environ.get(SHARED_SETTING) or REPO_ROOT.parent / "shared")


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise SharedDataMissing(path)
    return path.read_bytes()


def list_files(source: ListSource) -> dict[str, bytes]:
    """A list's files by their published names: `<shared>/watchlists/<list-id>/<file>`."""
    if source.list_id in PROJECT_LISTS:
        return {Path(p).name: _read(REPO_LISTS / p) for p in source.bundled}
    folder = shared_dir() / "watchlists" / source.list_id
    return {Path(p).name: _read(folder / Path(p).name) for p in source.bundled}


def load_snapshots() -> list[ListSnapshot]:
    return [build_snapshot(s.list_id, list_files(s)) for s in LIST_SOURCES]


def lists_fingerprint() -> str:
    """sha256 over every list file read: a cached set is stale when a list changes."""
    digest = hashlib.sha256()
    for source in LIST_SOURCES:
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
