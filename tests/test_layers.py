"""The import-linter contracts in pyproject.toml place every package and module of screening in a
layer, so `lint-imports` (make lint, make test) checks them all: a new one must be given a place."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "screening"


def _layered() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (layers,) = [
        contract["layers"]
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
    ]
    return {
        name.strip().removeprefix("screening.")
        for layer in layers
        for name in layer.replace(":", "|").split("|")
    }


def _children() -> set[str]:
    modules = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    return modules | packages


def test_every_package_and_module_has_a_layer() -> None:
    assert _children() - _layered() == set()


def test_every_layer_names_a_package_or_module() -> None:
    assert _layered() - _children() == set()


def _design_rows() -> list[tuple[list[str], str]]:
    """docs/design.md's table: each row's packages and modules, and what it says they hold."""
    text = (ROOT / "docs" / "design.md").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.startswith("| `"):
            layer, holds = line.replace("\\|", "¦").split("|")[1:3]
            rows.append((re.findall(r"`([\w.]+)`", layer), holds))
    return rows


def test_the_design_table_is_the_layers_contract_in_its_order() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (layers,) = [
        contract["layers"]
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
    ]
    in_contract = [
        name.strip().removeprefix("screening.") for row in layers for name in row.split("|")
    ]
    in_design = [name for names, _holds in _design_rows() for name in names]
    assert in_design == in_contract


def test_every_module_the_design_names_exists() -> None:
    missing = []
    for names, holds in _design_rows():
        for module in re.findall(r"`([\w/]+\.py)`", holds):
            places = [PACKAGE / name / module for name in names] + [PACKAGE / module]
            if not any(place.is_file() for place in places):
                missing.append(f"{'/'.join(names)}: {module}")
    assert missing == []
