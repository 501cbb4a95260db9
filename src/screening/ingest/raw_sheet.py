"""A sheet as read from the file, before any header or supplier is recognised in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from screening.ingest.cells import column_letter


@dataclass(frozen=True, slots=True)
class CellRange:
    """A block of merged cells, 0-based and inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def ref(self) -> str:
        first = f"{column_letter(self.first_column)}{self.first_row + 1}"
        last = f"{column_letter(self.last_column)}{self.last_row + 1}"
        return f"{first}:{last}"

    def contains(self, row: int, column: int) -> bool:
        return (
            self.first_row <= row <= self.last_row
            and self.first_column <= column <= self.last_column
        )


@dataclass(frozen=True, slots=True)
class RawSheet:
    name: str
    cells: Sequence[Sequence[object]]  # row-major; cells[0] is the sheet's row 1
    merged: tuple[CellRange, ...] = ()
    formulas: Mapping[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based
