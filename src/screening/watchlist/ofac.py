"""Loaders for OFAC's legacy CSV sets: the SDN list and the consolidated (non-SDN) list.

A set is one primary file (sdn.csv / cons_prim.csv) plus optional companions joined on
ent_num: aliases (alt.csv), addresses (add.csv) and the overflow of Remarks longer than
1,000 characters (sdn_comments.csv). Companion rows whose ent_num is not in the primary file
belong to another release and are ignored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from screening.countries.listed import country_code
from screening.names.scripts import detect_script
from screening.watchlist.errors import ListFormatError
from screening.watchlist.model import (
    Address,
    Alias,
    Identifier,
    IdentifierKind,
    ParsedList,
)
from screening.watchlist.ofac_csv import CsvRow, read_legacy_csv
from screening.watchlist.ofac_entries import OfacDraft, alias_type_of, entry_kind, resolve_links
from screening.watchlist.ofac_remarks import read_remarks

REMARKS_LIMIT = 1000  # sdn.csv cuts Remarks here; the rest is in sdn_comments.csv
# A companion file whose ent_nums are mostly not in the primary file belongs to another release
# (or another list): joined, it would leave most entries without their aliases and addresses.
# A release's companions run a little ahead of its primary file (9% in the mirror's copies).
MAX_UNJOINED_SHARE = 0.25
PROGRAM_SEPARATOR = "] ["


@dataclass(frozen=True, slots=True)
class _FileSet:
    list_id: str
    primary: str
    aliases: str
    addresses: str
    comments: str


SDN_FILES = _FileSet("us-ofac-sdn", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
CONSOLIDATED_FILES = _FileSet(
    "us-ofac-cons", "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"
)


def load_ofac_sdn(files: Mapping[str, bytes]) -> ParsedList:
    """The SDN list from sdn.csv (required) and alt.csv, add.csv, sdn_comments.csv (optional)."""
    return _load(SDN_FILES, files)


def load_ofac_cons(files: Mapping[str, bytes]) -> ParsedList:
    """The consolidated non-SDN list from cons_prim.csv (required) and its companions."""
    return _load(CONSOLIDATED_FILES, files)


def sdn_set_problems(files: Mapping[str, bytes]) -> tuple[str, ...]:
    """Why an SDN file set must not replace a serving version: companions that do not join."""
    return _set_problems(SDN_FILES, files)


def cons_set_problems(files: Mapping[str, bytes]) -> tuple[str, ...]:
    """Why a consolidated-list file set must not replace a serving version."""
    return _set_problems(CONSOLIDATED_FILES, files)


def _set_problems(names: _FileSet, files: Mapping[str, bytes]) -> tuple[str, ...]:
    primary = _find(files, names.primary)
    if primary is None:
        return (f"{names.primary} is missing",)
    known = {_ent_num(primary[0], row) for row in read_legacy_csv(*primary, columns=12)}
    problems: list[str] = []
    for companion, columns in ((names.aliases, 5), (names.addresses, 6), (names.comments, 2)):
        found = _find(files, companion)
        if found is None:
            continue
        ent_nums = {_ent_num(found[0], row) for row in read_legacy_csv(*found, columns=columns)}
        unjoined = len(ent_nums - known)
        if ent_nums and unjoined > MAX_UNJOINED_SHARE * len(ent_nums):
            problems.append(
                f"{found[0]}: {unjoined:,} of its {len(ent_nums):,} ent_nums are not in "
                f"{primary[0]}: the files are not one release of the list"
            )
    return tuple(problems)


def _find(files: Mapping[str, bytes], name: str) -> tuple[str, bytes] | None:
    for key, data in files.items():
        if key.replace("\\", "/").rsplit("/", 1)[-1].lower() == name:
            return key, data
    return None


def _load(names: _FileSet, files: Mapping[str, bytes]) -> ParsedList:
    primary = _find(files, names.primary)
    if primary is None:
        raise ListFormatError(
            names.primary,
            f"missing: an OFAC set needs {names.primary}; {names.aliases}, {names.addresses}"
            f" and {names.comments} are optional",
        )
    drafts = _read_primary(*primary)
    if (comments := _find(files, names.comments)) is not None:
        _join_comments(drafts, *comments)
    for draft in drafts.values():
        _read_draft_remarks(draft)
    warnings: list[str] = []
    if (aliases := _find(files, names.aliases)) is not None:
        warnings += _unjoined_warning(aliases[0], _join_aliases(drafts, *aliases), primary[0])
    if (addresses := _find(files, names.addresses)) is not None:
        warnings += _unjoined_warning(addresses[0], _join_addresses(drafts, *addresses), primary[0])
    entries = resolve_links(names.list_id, list(drafts.values()))
    # The legacy files carry no date.
    return ParsedList(entries=entries, published=None, warnings=tuple(warnings))


def _unjoined_warning(file: str, unjoined: set[str], primary: str) -> list[str]:
    if not unjoined:
        return []
    return [f"{file}: rows of {len(unjoined):,} ent_nums not in {primary} were ignored"]


def _ent_num(file: str, row: CsvRow) -> str:
    value = row.fields[0].strip()
    if not value.isdigit():
        raise ListFormatError(file, f"ent_num {value!r} is not a number", line=row.line)
    return str(int(value))


def _programs(field_text: str) -> tuple[str, ...]:
    parts = (part.strip(" []") for part in field_text.split(PROGRAM_SEPARATOR))
    return tuple(dict.fromkeys(part for part in parts if part))


def _read_primary(file: str, data: bytes) -> dict[str, OfacDraft]:
    drafts: dict[str, OfacDraft] = {}
    for row in read_legacy_csv(file, data, columns=12):
        ent_num = _ent_num(file, row)
        (_, name, sdn_type, program, title, call_sign, vessel_type, tonnage, grt, flag, owner) = (
            value.strip() for value in row.fields[:11]
        )
        if ent_num in drafts:
            raise ListFormatError(file, f"ent_num {ent_num} appears twice", line=row.line)
        if not name:
            raise ListFormatError(file, f"ent_num {ent_num} has no name", line=row.line)
        kind = entry_kind(sdn_type)
        if kind is None:
            raise ListFormatError(file, f"unknown SDN_Type {sdn_type!r}", line=row.line)
        draft = OfacDraft(ent_num, kind, name, _programs(program), row.fields[11], title=title)
        vessel = (
            ("Vessel Type", vessel_type),
            ("Tonnage", tonnage),
            ("GRT", grt),
            ("Vessel Flag", flag),
            ("Vessel Owner", owner),
        )
        draft.vessel_details = "; ".join(f"{label}: {value}" for label, value in vessel if value)
        if call_sign:
            draft.identifiers.append(
                Identifier(IdentifierKind.CALL_SIGN, call_sign, note="Call Sign")
            )
        if flag and (code := country_code(flag)):
            draft.countries.append(code)
        if owner:
            draft.linked_to.append(owner)
        drafts[ent_num] = draft
    return drafts


def _join_comments(drafts: dict[str, OfacDraft], file: str, data: bytes) -> None:
    overflow: dict[str, str] = defaultdict(str)
    for row in read_legacy_csv(file, data, columns=2):
        overflow[_ent_num(file, row)] += row.fields[1]
    for ent_num, text in overflow.items():
        draft = drafts.get(ent_num)
        # Only a Remarks field cut at the limit continues in the comments file; it goes on
        # mid-word, so the two parts join with no separator.
        if draft is not None and len(draft.remarks) == REMARKS_LIMIT:
            draft.remarks += text


def _read_draft_remarks(draft: OfacDraft) -> None:
    """Take the facts out of the publisher's Remarks, then add the title and vessel fields."""
    remarks = draft.remarks.strip()
    facts = read_remarks(remarks)
    draft.aliases.extend(facts.weak_aliases)
    draft.identifiers.extend(facts.identifiers)
    draft.countries.extend(facts.countries)
    draft.linked_to.extend(facts.linked_to)
    title = f"Title: {draft.title}" if draft.title and draft.title not in remarks else ""
    if draft.vessel_details:
        # The vessel fields continue the remark in its own style, closing full stop last.
        remarks = remarks.removesuffix(".")
    parts = (title, remarks, draft.vessel_details)
    draft.remarks = "; ".join(part for part in parts if part)
    if draft.vessel_details:
        draft.remarks += "."


def _join_aliases(drafts: dict[str, OfacDraft], file: str, data: bytes) -> set[str]:
    """Join the aliases; returns the ent_nums of rows that name no entry of the primary file."""
    strong: dict[str, list[Alias]] = defaultdict(list)
    unjoined: set[str] = set()
    for row in read_legacy_csv(file, data, columns=5):
        ent_num = _ent_num(file, row)
        _, _, alt_type, alt_name, _ = (value.strip() for value in row.fields)
        if ent_num not in drafts:
            unjoined.add(ent_num)
        elif alt_name:
            alias_type = alias_type_of(alt_type)
            strong[ent_num].append(Alias(alt_name, alias_type, detect_script(alt_name)))
    for ent_num, aliases in strong.items():
        # Strong aliases (alt.csv) come before the weak ones found in Remarks.
        drafts[ent_num].aliases[:0] = aliases
    return unjoined


def _join_addresses(drafts: dict[str, OfacDraft], file: str, data: bytes) -> set[str]:
    """Join the addresses; returns the ent_nums of rows that name no entry of the primary file."""
    unjoined: set[str] = set()
    for row in read_legacy_csv(file, data, columns=6):
        ent_num = _ent_num(file, row)
        draft = drafts.get(ent_num)
        _, _, street, city, country, _ = (value.strip() for value in row.fields)
        if draft is None:
            unjoined.add(ent_num)
            continue
        if not (street or city or country):
            continue
        code = country_code(country) if country else ""
        draft.addresses.append(Address(street, city, country, code))
        if code:
            draft.countries.append(code)
    return unjoined
