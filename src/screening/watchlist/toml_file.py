"""The project's own TOML data files (the curated list, host risk) read into a document, with the
file named in the error when its bytes are not UTF-8 TOML."""

from __future__ import annotations

import tomllib
from typing import Any

from screening.watchlist.errors import ListFormatError


def read_toml(data: bytes, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ListFormatError(file, f"not UTF-8 text: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ListFormatError(file, f"not valid TOML: {error}") from error
