"""The error codes clients branch on: every code the API has is documented, and no other."""

from __future__ import annotations

import re
from pathlib import Path

from screening.api.error_codes import ApiErrorCode

API_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def documented_codes() -> list[str]:
    """The first column of the table under "## Errors" in docs/api.md, in order."""
    section = API_GUIDE.read_text(encoding="utf-8").split("\n## Errors\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def test_every_error_code_is_documented() -> None:
    undocumented = {code.value for code in ApiErrorCode} - set(documented_codes())
    assert undocumented == set()


def test_every_documented_error_code_is_one_the_api_has() -> None:
    unknown = set(documented_codes()) - {code.value for code in ApiErrorCode}
    assert unknown == set()


def test_each_error_code_is_documented_once() -> None:
    codes = documented_codes()
    assert len(codes) == len(set(codes))
