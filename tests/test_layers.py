"""The import-linter contracts in pyproject.toml place every package and module of screening in a
layer, so `lint-imports` (make lint, make test) checks them all: a new one must be given a place."""

from __future__ import annotations

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
