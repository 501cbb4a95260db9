"""Report rows as SpreadsheetML: written a column at a time where a column allows it, and always
the same markup as writing each cell on its own (`cell_xml`)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from screening.ingest.cells import column_letter
from screening.reports.rows_xml import ROWS_PER_BLOCK, Cell, cell_xml, column_blocks_xml, rows_xml

QUOTE_STYLE = 7


def one_cell_at_a_time(rows: Sequence[Sequence[Cell]], first_row: int) -> bytes:
    return "".join(
        f'<row r="{number}">'
        + "".join(
            cell_xml(f"{column_letter(column)}{number}", value, QUOTE_STYLE)
            for column, value in enumerate(row)
        )
        + "</row>"
        for number, row in enumerate(rows, start=first_row)
    ).encode("utf-8")


def written(rows: Sequence[Sequence[Cell]], first_row: int = 2) -> bytes:
    return b"".join(rows_xml(rows, first_row, QUOTE_STYLE))


PLAIN: list[Sequence[Cell]] = [
    ("Поставщики", 5, "ООО Ромашка", "RU", "clear", 0, "", "No match."),
    ("Поставщики", 6, "Acme & Sons <Ltd>", "", "high", 85, "KOREA (un-sc KPe.002, 96.5)", "x"),
    ("Vendors", 2, "中国公司", "CN", "low", None, "", "Registered in China."),
]

AWKWARD: list[Cell] = [
    "=SUM(A1:A9)",
    "+7 495 000",
    "-minus",
    "@handle",
    "\tTab first",
    " leading space",
    "trailing space ",
    "line\nbreak",
    "bell\x07in it",
    "\ufffe",
    "x" * 40_000,
    "a\u3000wide space",
    True,
    False,
    1.5,
    float("nan"),
    -0.0,
    10**15,
    None,
    "",
    "{} %s \\",
]


def test_plain_columns_are_written_as_each_cell_would_be() -> None:
    assert written(PLAIN) == one_cell_at_a_time(PLAIN, 2)


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_a_column_with_an_awkward_value_is_written_as_each_cell_would_be(value: Cell) -> None:
    rows = [(*row[:2], value, *row[3:]) for row in PLAIN]
    assert written(rows) == one_cell_at_a_time(rows, 2)


def test_text_that_looks_like_a_formula_gets_the_quote_prefix_style() -> None:
    assert b'<c r="A2" s="7" t="inlineStr"><is><t>=1+1</t></is></c>' in written([("=1+1",)])


def test_blank_cells_are_left_out() -> None:
    assert (
        written([("", None, "x")])
        == b'<row r="2"><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>'
    )


def test_rows_of_different_widths_are_written_as_each_cell_would_be() -> None:
    rows: list[Sequence[Cell]] = [("a", 1), ("b",), (), ("c", 2, "d & e")]
    assert written(rows, 10) == one_cell_at_a_time(rows, 10)


def test_many_rows_are_written_in_blocks_numbered_on() -> None:
    generator = random.Random(3)
    rows: list[Sequence[Cell]] = [
        tuple(generator.choice([*AWKWARD[:12], "plain", "plain", "", None, 3]) for _ in range(5))
        for _ in range(ROWS_PER_BLOCK * 2 + 17)
    ]
    blocks = list(rows_xml(rows, 2, QUOTE_STYLE))
    assert len(blocks) == 3
    assert b"".join(blocks) == one_cell_at_a_time(rows, 2)


def test_rows_given_as_blocks_of_columns_are_written_as_rows_are() -> None:
    rows = [(*row[:2], value, *row[3:]) for value in AWKWARD for row in PLAIN]
    blocks = [list(zip(*rows[start : start + 7], strict=True)) for start in range(0, len(rows), 7)]
    assert b"".join(column_blocks_xml(blocks, 2, QUOTE_STYLE)) == written(rows)
