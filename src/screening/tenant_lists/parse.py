"""Read a tenant's own list (csv or xlsx) into watchlist entries, with the supplier upload's
heading detection: name, aliases, country, identifiers (and registration number), notes, type.

Pure: bytes in, entries out. A file with any row that cannot be read whole is refused with every
problem named by file, sheet, row and column: a blocklist that silently lost a row would be
worse than none.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from screening.ingest.cells import column_letter
from screening.ingest.headers import normalise_heading
from screening.ingest.model import ErrorCode, InputRow, RowError, SheetMapping
from screening.ingest.read import read_suppliers
from screening.names.normalise import normalise_name
from screening.names.scripts import detect_script
from screening.watchlist.model import (
    Alias,
    AliasType,
    Entry,
    EntryKind,
    Identifier,
    IdentifierKind,
)

# Cells holding several values: "A; B", "A | B", one per line.
_SEPARATORS = re.compile(r"\s*(?:;|\||\n)\s*")
_PERSON_WORDS = frozenset(
    {"person", "individual", "people", "natural person", "физическое лицо", "개인", "个人"}
)
# Errors that do not lose anything: the file is still read whole.
_HARMLESS = frozenset({ErrorCode.MACROS})


class TenantListFileError(ValueError):
    """The file cannot be imported as it is; `errors` name every problem where it is."""

    def __init__(self, file: str, message: str, errors: Sequence[RowError] = ()) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.errors = tuple(errors)


@dataclass(frozen=True, slots=True)
class TenantListFile:
    entries: tuple[Entry, ...]
    sha256: str
    file_name: str


@cache
def _column_phrases() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(
        files("screening.tenant_lists").joinpath("data/headings.toml").read_text("utf-8")
    )
    return {
        column: frozenset(normalise_heading(p) for p in spec["phrases"])
        for column, spec in raw["columns"].items()
    }


def _extra_columns(mapping: SheetMapping) -> dict[str, int]:
    """Column -> index of the tenant-list columns a supplier sheet does not have."""
    taken = set(mapping.columns.values())
    found: dict[str, int] = {}
    for column, phrases in _column_phrases().items():
        for index, heading in enumerate(mapping.headers):
            if index not in taken and normalise_heading(heading) in phrases:
                found.setdefault(column, index)
                taken.add(index)
    return found


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(cell.strip()) if part))


def _cell(row: InputRow, column: int | None) -> str:
    if column is None or column >= len(row.values):
        return ""
    return row.values[column].strip()


def _source_id(name: str, ref: str) -> str:
    """The tenant's own reference, else one made from the name: the same entry keeps its id from
    version to version whatever row it moves to, so monitoring sees what really changed."""
    if ref:
        return ref
    key = " ".join(normalise_name(name).tokens) or name.casefold()
    return "n-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _entry(list_id: str, row: InputRow, extra: Mapping[str, int], source_id: str) -> Entry:
    supplier = row.supplier
    aliases = tuple(
        Alias(alias, AliasType.AKA, detect_script(alias))
        for alias in _split(_cell(row, extra.get("aliases")))
        if alias != supplier.name
    )
    values = [*_split(_cell(row, extra.get("identifiers"))), *_split(supplier.registration_id)]
    identifiers = tuple(
        Identifier(IdentifierKind.REGISTRATION, value) for value in dict.fromkeys(values)
    )
    kind_text = normalise_heading(_cell(row, extra.get("kind")))
    is_person = kind_text in _PERSON_WORDS or bool(supplier.date_of_birth)
    countries = tuple(dict.fromkeys(c for c in (supplier.country, supplier.nationality) if c))
    return Entry(
        list_id=list_id,
        source_id=source_id,
        kind=EntryKind.PERSON if is_person else EntryKind.ORGANIZATION,
        name=supplier.name,
        aliases=aliases,
        countries=countries,
        identifiers=identifiers,
        remarks=_cell(row, extra.get("notes")),
    )


def _duplicate_refs(
    file_name: str, rows: Sequence[InputRow], mappings: Mapping[str, SheetMapping]
) -> list[RowError]:
    refs = Counter(row.supplier.ref for row in rows if row.supplier.ref)
    errors = []
    for row in rows:
        if refs[row.supplier.ref] > 1:
            column = mappings[row.sheet].columns.get("ref")
            errors.append(
                RowError(
                    file=file_name,
                    sheet=row.sheet,
                    row=row.row,
                    column=column_letter(column) if column is not None else None,
                    code="duplicate_ref",
                    message=f"the reference {row.supplier.ref!r} is on more than one row",
                    screened=False,
                )
            )
    return errors


def read_tenant_list(data: bytes, file_name: str, list_id: str) -> TenantListFile:
    """Every row of the file as an entry of `list_id`. Raises TenantListFileError (and
    screening.ingest's UnreadableFileError for a file that is no sheet at all)."""
    result = read_suppliers(data, file_name)
    mappings = {mapping.sheet: mapping for mapping in result.sheets}
    problems = [error for error in result.errors if error.code not in _HARMLESS]
    problems += _duplicate_refs(file_name, result.rows, mappings)
    if problems:
        raise TenantListFileError(
            file_name,
            f"{len(problems):,} problem(s) in the file; nothing was imported: correct them and "
            "upload it again",
            problems,
        )
    if not result.rows:
        raise TenantListFileError(file_name, "the file holds no entries")
    extra = {sheet: _extra_columns(mapping) for sheet, mapping in mappings.items()}
    seen: Counter[str] = Counter()
    entries = []
    for row in result.rows:
        source_id = _source_id(row.supplier.name, row.supplier.ref)
        seen[source_id] += 1
        if seen[source_id] > 1:  # the same name twice without references: both kept
            source_id = f"{source_id}-{seen[source_id]}"
        entries.append(_entry(list_id, row, extra[row.sheet], source_id))
    return TenantListFile(tuple(entries), hashlib.sha256(data).hexdigest(), file_name)
