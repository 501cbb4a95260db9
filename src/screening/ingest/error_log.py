"""Collects row errors, keeping the first few of each kind per sheet so a broken column of
100,000 formulas gives a readable list and one line saying how many more there were."""

from __future__ import annotations

from collections import Counter

from screening.ingest.model import ErrorCode, RowError

KEEP_PER_KIND = 1000


class ErrorLog:
    def __init__(self, file_name: str, keep_per_kind: int = KEEP_PER_KIND) -> None:
        self.file_name = file_name
        self.keep_per_kind = keep_per_kind
        self._kept: list[RowError] = []
        self._seen: Counter[tuple[str, str]] = Counter()

    def add(
        self,
        sheet: str,
        row: int | None,
        column: str | None,
        code: str,
        message: str,
        *,
        screened: bool = True,
    ) -> None:
        self._seen[(sheet, code)] += 1
        if self._seen[(sheet, code)] <= self.keep_per_kind:
            self._kept.append(RowError(self.file_name, sheet, row, column, code, message, screened))

    def errors(self) -> tuple[RowError, ...]:
        """The kept errors in the order found, then one summary per kind that overflowed."""
        summaries = [
            RowError(
                self.file_name,
                sheet,
                None,
                None,
                ErrorCode.MORE,
                f"{count - self.keep_per_kind:,} more {code} errors in this sheet are not listed",
            )
            for (sheet, code), count in self._seen.items()
            if count > self.keep_per_kind
        ]
        return (*self._kept, *summaries)
