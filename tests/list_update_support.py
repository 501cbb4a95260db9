"""A list update to monitor: the bundled UN XML, and a copy changed the way a real update changes.

The copy is made from lists/un/consolidated.xml at test time by three edits, each checked to
apply exactly once:
- KPe.001 (KOREA MINING DEVELOPMENT TRADING CORPORATION) gains the alias "KOMID TRADING COMPANY";
- KPe.050 (MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES) is removed;
- a new entity KPe.999 "RASON TIMBER EXPORT CORPORATION" (made up for the test) is added.
Screeners are built over the UN list alone, so they take a second, not a minute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from screening.screener import Screener
from screening.store.db import make_engine, migrate
from screening.store.tables import TenantRow
from screening.supplier import Supplier
from screening.watchlist.model import ListSnapshot
from screening.watchlist.snapshot import build_snapshot

LISTS_DIR = Path(__file__).resolve().parents[1] / "lists"
UN_FILE = "consolidated.xml"
NEW_ALIAS = "KOMID TRADING COMPANY"
NEW_ENTITY_NAME = "RASON TIMBER EXPORT CORPORATION"

# The monitored suppliers: one per kind of change, and one that matches nothing.
SUPPLIERS = (
    Supplier(name="Korea Mining Development Trading Corporation", ref="V-1", country="RU"),
    Supplier(name="Mansudae Overseas Project Group of Companies", ref="V-2", country="RU"),
    Supplier(name="Acme Timber GmbH", ref="V-3", country="DE"),
    Supplier(name="Rason Timber Export Corporation", ref="V-4", country="RU"),
)


def original_un_xml() -> bytes:
    return (LISTS_DIR / "un" / UN_FILE).read_bytes()


def _entity_block(text: str, reference: str) -> re.Match[str]:
    pattern = re.compile(
        r"    <ENTITY>\n(?:(?!    </ENTITY>).)*?<REFERENCE_NUMBER>"
        + re.escape(reference)
        + r"\s*</REFERENCE_NUMBER>.*?    </ENTITY>\n",
        re.DOTALL,
    )
    found = list(pattern.finditer(text))
    assert len(found) == 1, f"{reference}: {len(found)} entity blocks"
    return found[0]


def updated_un_xml() -> bytes:
    text = original_un_xml().decode("utf-8")
    komid = _entity_block(text, "KPe.001")
    block = komid.group(0)
    anchor = "      <ENTITY_ADDRESS>"
    assert block.count(anchor) == 1
    alias = (
        "      <ENTITY_ALIAS>\n        <QUALITY>a.k.a.</QUALITY>\n"
        f"        <ALIAS_NAME>{NEW_ALIAS}</ALIAS_NAME>\n      </ENTITY_ALIAS>\n"
    )
    new_entity = (
        block.replace("KOREA MINING DEVELOPMENT TRADING CORPORATION", NEW_ENTITY_NAME)
        .replace("<REFERENCE_NUMBER>KPe.001", "<REFERENCE_NUMBER>KPe.999")
        .replace("<DATAID>690735", "<DATAID>999999")
    )
    new_entity = re.sub(
        r"      <ENTITY_ALIAS>.*?</ENTITY_ALIAS>\n", "", new_entity, flags=re.DOTALL
    )
    text = (
        text[: komid.start()]
        + block.replace(anchor, alias + anchor)
        + new_entity
        + text[komid.end() :]
    )
    mansudae = _entity_block(text, "KPe.050")
    text = text[: mansudae.start()] + text[mansudae.end() :]
    return text.encode("utf-8")


@cache
def un_snapshot(updated: bool = False) -> ListSnapshot:
    data = updated_un_xml() if updated else original_un_xml()
    return build_snapshot("un-sc", {UN_FILE: data})


@cache
def un_screener(updated: bool = False) -> Screener:
    host_risk = (LISTS_DIR / "host-risk.toml").read_bytes()
    return Screener.from_snapshots([un_snapshot(updated)], host_risk)


@contextmanager
def engine_with_tenant(database_url: str, tenant_id: str) -> Iterator[Engine]:
    """A migrated database holding one tenant, to monitor its suppliers."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        session.add(TenantRow(id=tenant_id, name=tenant_id.title()))
        session.commit()
    yield engine
    engine.dispose()
