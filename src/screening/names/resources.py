"""Read the TOML data files shipped in `screening/names/data`, once each."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(name: str) -> dict[str, Any]:
    """The parsed content of `data/<name>.toml`."""
    text = resources.files("screening.names").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)
