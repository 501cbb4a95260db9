"""All tables of the product on one MetaData: every `screening.<package>.tables` module, imported.

Packages own their tables (store, audit, jobs, ...); migrations and the schema check need them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from sqlalchemy import MetaData
from sqlmodel import SQLModel

import screening


def table_modules() -> list[str]:
    """Module names of every `tables.py` one level under the package (found without importing)."""
    names = []
    for root in screening.__path__:
        for package in pkgutil.iter_modules([root]):
            if package.ispkg and (Path(root) / package.name / "tables.py").is_file():
                names.append(f"screening.{package.name}.tables")
    return sorted(names)


def all_tables_metadata() -> MetaData:
    for name in table_modules():
        importlib.import_module(name)
    return SQLModel.metadata
