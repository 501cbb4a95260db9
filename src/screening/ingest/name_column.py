"""Which column holds the supplier names, by what its cells hold as well as by its heading.

A heading alone misleads: a Moscow Exchange list has `s_level_name` (a listing tier, the same
few values in every row) before `e_full_name` (the issuers), and both "name" a name. Names are
many different values, written in letters rather than codes or numbers, often with a legal form
("ООО", "Co., Ltd.", "주식회사"); a tier, a code or a number column is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from screening.ingest.cells import cell_text, column_letter
from screening.ingest.headers import is_about_something_else, match_heading
from screening.names import normalise_name

SAMPLE_ROWS = 1000  # enough to tell names from a tier or a code column, cheap on 100,000 rows
LEGAL_FORM_SAMPLE = 50  # distinct values looked at for legal forms: enough for a share
MIN_WORDLIKE_SHARE = 0.5  # below this a column is codes or numbers, not names
EXACT_HEADING_BONUS = 0.5  # "Supplier" over "Supplier (local script)" when contents are alike
_LETTERS = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")
SHORT_CODE_LENGTH = 4  # "VALE", "SBER": a ticker, not a name, when every letter is a capital


@dataclass(frozen=True, slots=True)
class ColumnEvidence:
    """What a column's heading and first cells say about it holding supplier names."""

    column: int  # 0-based
    heading: str
    heading_names_supplier: bool  # its heading names the supplier (exactly or within)
    exact_heading: bool
    rows: int  # rows looked at: the first SAMPLE_ROWS below the heading at most
    filled: int  # non-empty cells among them
    distinct: int
    wordlike: int  # cells written in letters rather than codes or numbers
    legal_forms: int  # of the distinct values looked at, those with a legal form
    legal_forms_of: int  # how many distinct values were looked at for legal forms

    @property
    def label(self) -> str:
        return self.heading or f"column {column_letter(self.column)}"

    @property
    def holds_names(self) -> bool:
        """Values in letters, not one value repeated down the column."""
        if self.filled == 0 or self.wordlike < self.filled * MIN_WORDLIKE_SHARE:
            return False
        return not (self.distinct == 1 and self.filled >= 3)

    @property
    def legal_form_share(self) -> float:
        return self.legal_forms / self.legal_forms_of if self.legal_forms_of else 0.0

    @property
    def score(self) -> float:
        """Mostly different values, with legal forms: higher is more like a column of names."""
        distinct_share = self.distinct / self.filled if self.filled else 0.0
        bonus = EXACT_HEADING_BONUS if self.exact_heading else 0.0
        return distinct_share + self.legal_form_share + bonus

    def rank(self) -> tuple[bool, bool, float, int]:
        # The heading only decides between columns that both hold names; leftmost on a tie.
        return (self.holds_names, self.heading_names_supplier, self.score, -self.column)

    def reason(self) -> str:
        """ "e_full_name: 612 distinct values in 623 rows, legal forms in 71%"."""
        rows = f"{self.rows:,} rows"
        if self.rows >= SAMPLE_ROWS:
            rows = f"the first {rows}"
        parts = [f"{self.distinct:,} distinct values in {rows}"]
        if self.legal_forms:
            parts.append(f"legal forms in {round(100 * self.legal_form_share)}%")
        if self.filled and self.wordlike < self.filled * MIN_WORDLIKE_SHARE:
            parts.append("mostly codes or numbers")
        elif self.distinct == 1 and self.filled >= 3:
            parts.append("the same value in every row")
        if not self.heading_names_supplier:
            parts.append("heading not recognised")
        return f"{self.label}: {', '.join(parts)}"


@dataclass(frozen=True, slots=True)
class NameChoice:
    """The column read as supplier names, and the best of the others, with their evidence."""

    chosen: ColumnEvidence
    runner_up: ColumnEvidence | None


def choose_name_column(
    headings: Sequence[str], rows: Sequence[Sequence[object]], taken: Sequence[int] = ()
) -> NameChoice | None:
    """The column of supplier names among those whose heading names the supplier and those
    whose heading names nothing; None when no heading names the supplier.

    `rows` are the data rows below the heading row; `taken` the columns mapped to other fields.
    A column whose heading names the supplier wins over one whose heading says nothing, unless
    its cells are codes, numbers or one value repeated.
    """
    candidates = [
        _evidence(index, heading, rows[:SAMPLE_ROWS])
        for index, heading in enumerate(headings)
        if index not in taken and _may_hold_names(heading)
    ]
    if not any(evidence.heading_names_supplier for evidence in candidates):
        return None
    ranked = sorted(candidates, key=ColumnEvidence.rank, reverse=True)
    return NameChoice(ranked[0], ranked[1] if len(ranked) > 1 else None)


def _may_hold_names(heading: str) -> bool:
    if not heading:
        return False
    found = match_heading(heading)
    if found is not None:
        return found.field == "name"
    return not is_about_something_else(heading)


def _evidence(column: int, heading: str, rows: Sequence[Sequence[object]]) -> ColumnEvidence:
    values = [cell_text(row[column]) if column < len(row) else "" for row in rows]
    filled = [value for value in values if value]
    distinct = list(dict.fromkeys(filled))
    found = match_heading(heading)
    names_supplier = found is not None and found.field == "name"
    wordlike = sum(1 for value in filled if _is_wordlike(value))
    # Legal forms are looked for only where names may be: normalising is the costly part.
    may_be_names = wordlike >= len(filled) * MIN_WORDLIKE_SHARE and len(distinct) > 1
    looked_at = (
        [value for value in distinct if _is_wordlike(value)][:LEGAL_FORM_SAMPLE]
        if may_be_names
        else []
    )
    return ColumnEvidence(
        column=column,
        heading=heading,
        heading_names_supplier=names_supplier,
        exact_heading=names_supplier and found is not None and found.exact,
        rows=len(rows),
        filled=len(filled),
        distinct=len(distinct),
        wordlike=wordlike,
        legal_forms=sum(1 for value in looked_at if normalise_name(value).legal_forms),
        legal_forms_of=len(looked_at),
    )


def _is_wordlike(value: str) -> bool:
    """Written in letters, as a name is; not a code ("TDEU01", "VALE"), number or date."""
    letters = len(_LETTERS.findall(value))
    digits = len(_DIGITS.findall(value))
    if letters < 2 or letters < digits:
        return False
    is_one_ascii_word = value.isascii() and " " not in value
    return not (
        is_one_ascii_word and (digits or (value.isupper() and len(value) <= SHORT_CODE_LENGTH))
    )
