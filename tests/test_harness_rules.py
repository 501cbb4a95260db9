"""The test suite's own house rules: helpers come from tests/support, never by editing sys.path
or importing a conftest (which one `conftest` names depends on which directory pytest collected
first, so such an import breaks when tests of two directories run in one command)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
THIS_FILE = Path(__file__).resolve()


def python_files() -> list[Path]:
    return [path for path in sorted(TESTS.rglob("*.py")) if path != THIS_FILE]


def offending(pattern: str) -> list[str]:
    found = re.compile(pattern, flags=re.MULTILINE)
    return [
        str(path.relative_to(TESTS))
        for path in python_files()
        if found.search(path.read_text(encoding="utf-8"))
    ]


def test_no_test_module_edits_sys_path() -> None:
    assert offending(r"^\s*sys\.path\.(insert|append)\(") == []


def test_no_test_module_imports_a_conftest() -> None:
    assert offending(r"^\s*(from conftest import|import conftest\b)") == []
