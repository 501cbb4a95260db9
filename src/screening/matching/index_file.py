"""The match index in one immutable file laid out for memory mapping: written once per set of list
snapshots, opened read-only by every process that screens, so the operating system's page cache
holds one copy for all of them and opening takes milliseconds.

Everything a query reads (postings, neighbours, key weights, the indexed forms, names and
entries) lies in mapped tables (screening.matching.mapped_tables), each record decoded when it
is read. The word weights (what weighs a query's words) and whatever the caller keeps with the
index are one small pickle section, loaded when the file is opened.

A header stamps the file: this format's version, the Python that wrote it (the byte order and
the marshal format of records) and the caller's stamp (the engine's code digest). A file with
another stamp is refused with IndexFileError, never misread.
"""

from __future__ import annotations

import json
import marshal
import mmap
import os
import pickle
import struct
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.matching.comparable import ComparableName, Span
from screening.matching.entry_records import (
    IdentifierRecord,
    entry_from_record,
    entry_record,
    identifier_from_record,
    identifier_record,
)
from screening.matching.index import IndexedName, KeyWeights, MatchIndex, NeighbourEnds
from screening.matching.mapped_tables import (
    IntLists,
    KeyedTable,
    Records,
    Sections,
    SectionWriter,
    Strings,
)
from screening.names.legal_forms import LegalForm
from screening.names.normalise import NormalisedName
from screening.names.vocabulary import WordKind
from screening.watchlist.model import Identifier

FORMAT_VERSION = 1
MAGIC = b"screening match index\n"
_LENGTH = struct.Struct("<Q")  # the header's length, after the magic
# the Python the records (marshal) and the numbers (byte order, item sizes) were written by
PLATFORM = f"{sys.implementation.cache_tag} marshal {marshal.version} {sys.byteorder}"
_KINDS = {kind.value: kind for kind in WordKind}
_POSTINGS = ("postings", "person_postings", "plain_postings", "whole")
_KEY_WEIGHTS = ("key_weights", "person_key_weights")
_HELD = ("versions", "org_weights", "person_weights")
_HELD_SECTION = "held"


class IndexFileError(ValueError):
    """The file is not a match index this program can read: cut short, or another version's."""


@dataclass(frozen=True, slots=True)
class OpenedIndex:
    index: MatchIndex
    attachment: Any  # what the writer kept with the index (see write_index_file)


def write_index_file(path: Path, index: MatchIndex, *, stamp: str, attachment: object) -> None:
    """Write `index` to `path` atomically (a reader sees the whole file or none), readable by
    its owner only. `attachment` (pickled with the index's entries, so objects they share stay
    shared) comes back from open_index_file; `stamp` must match there."""
    writer = SectionWriter()
    _write_tables(writer, index)
    held = {name: getattr(index, name) for name in _HELD}
    writer.add(_HELD_SECTION, pickle.dumps((held, attachment), protocol=pickle.HIGHEST_PROTOCOL))
    header = json.dumps(
        {
            "format": FORMAT_VERSION,
            "platform": PLATFORM,
            "stamp": stamp,
            "sections": writer.sections,
        }
    ).encode()
    header += b" " * (-(len(MAGIC) + _LENGTH.size + len(header)) % 8)  # the data stay aligned
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + _LENGTH.pack(len(header)) + header)
            for part in writer.parts():
                out.write(part)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_index_file(path: Path, *, stamp: str) -> OpenedIndex:
    """The index in `path`, mapped read-only; OSError when it cannot be read, IndexFileError
    when it is not an index file of this format, Python and `stamp`."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size == 0:
            raise IndexFileError(f"{path} is empty")
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        header, base = _header(mapped, path)
        for field, expected in (("format", FORMAT_VERSION), ("platform", PLATFORM)):
            if header.get(field) != expected:
                raise IndexFileError(f"{path}: written by another version ({field})")
        if header.get("stamp") != stamp:
            raise IndexFileError(f"{path}: written by another engine version")
        placed = {
            name: (base + offset, length) for name, (offset, length) in header["sections"].items()
        }
        if any(offset + length > size for offset, length in placed.values()):
            raise IndexFileError(f"{path} is cut short")
        sections = Sections(mapped, memoryview(mapped), placed)
        start, stop = sections.span(_HELD_SECTION)
        held, attachment = pickle.loads(mapped[start:stop])  # our own file, checked above
    except IndexFileError:
        mapped.close()
        raise
    except Exception as error:
        mapped.close()
        raise IndexFileError(f"{path} does not hold a match index: {error}") from error
    return OpenedIndex(MatchIndex.from_parts({**held, **_read_tables(sections)}), attachment)


def _header(mapped: mmap.mmap, path: Path) -> tuple[dict[str, Any], int]:
    start = len(MAGIC) + _LENGTH.size
    if mapped[: len(MAGIC)] != MAGIC or len(mapped) < start:
        raise IndexFileError(f"{path} does not hold a match index")
    (length,) = _LENGTH.unpack(mapped[len(MAGIC) : start])
    try:
        header = json.loads(mapped[start : start + length])
    except ValueError as error:
        raise IndexFileError(f"{path} does not hold a match index: {error}") from error
    if not isinstance(header, dict):
        raise IndexFileError(f"{path} does not hold a match index")
    return header, start + length


def _write_tables(writer: SectionWriter, index: MatchIndex) -> None:
    writer.add_records("entries", map(entry_record, index.entries))
    writer.add_records(
        "identifiers.values",
        writer.add_keyed("identifiers", index.identifiers, _identified_record),
    )
    writer.add_array("names.entry_no", "I", (name.entry_no for name in index.names))
    writer.add_array("names.weak", "B", (name.weak for name in index.names))
    writer.add_strings("names.name", (name.name for name in index.names))
    writer.add_records("forms", map(_form_record, index.forms))
    writer.add_int_lists("form_names", index.form_names)
    writer.add_array("form_is_person", "B", index.form_is_person)
    writer.add_array("form_is_distinctive", "B", index.form_is_distinctive)
    writer.add_array("form_totals", "d", index.form_totals)
    writer.add_array("form_word_counts", "d", index.form_word_counts)
    writer.add_array("name_form", "I", index.name_form)
    writer.add_int_lists("entry_names", index.entry_names)
    writer.add_records("form_keys", index.form_keys)
    for name in _POSTINGS:
        writer.add_int_lists(f"{name}.values", writer.add_keyed(name, getattr(index, name)))
    for name in _KEY_WEIGHTS:
        weights = writer.add_keyed(name, getattr(index, name), _key_weights_record)
        writer.add_records(f"{name}.values", weights)
    writer.add_records("neighbours.values", writer.add_keyed("neighbours", index.neighbours))
    starts, ends = index.neighbour_ends.signatures()
    writer.add_keys("neighbour_starts", starts)
    writer.add_keys("neighbour_ends", ends)


def _read_tables(sections: Sections) -> dict[str, object]:
    def keyed(name: str, values: Callable[[Sections, str], Sequence[Any]]) -> KeyedTable[Any]:
        return KeyedTable(sections, name, values(sections, f"{name}.values"))

    def records(decode: Callable[[Any], Any]) -> Callable[[Sections, str], Records[Any]]:
        return lambda sections, name: Records(sections, name, decode)

    tables: dict[str, object] = {
        "entries": Records(sections, "entries", entry_from_record),
        "identifiers": keyed("identifiers", records(_identified)),
        "names": _IndexedNames(sections),
        "forms": Records(sections, "forms", _form),
        "form_names": IntLists(sections, "form_names"),
        "form_is_person": sections.bools("form_is_person"),
        "form_is_distinctive": sections.bools("form_is_distinctive"),
        "form_totals": sections.floats("form_totals"),
        "form_word_counts": sections.floats("form_word_counts"),
        "name_form": sections.ints("name_form"),
        "entry_names": IntLists(sections, "entry_names"),
        "form_keys": Records(sections, "form_keys", _same),
        "neighbours": keyed("neighbours", records(_same)),
        "neighbour_ends": NeighbourEnds.from_signatures(
            KeyedTable(sections, "neighbour_starts", None),
            KeyedTable(sections, "neighbour_ends", None),
        ),
    }
    for name in _POSTINGS:
        tables[name] = keyed(name, IntLists)
    for name in _KEY_WEIGHTS:
        tables[name] = keyed(name, records(_key_weights))
    return tables


def _same(value: Any) -> Any:
    return value


class _IndexedNames(Sequence[IndexedName]):
    def __init__(self, sections: Sections) -> None:
        self._entry_nos = sections.ints("names.entry_no")
        self._weak = sections.bools("names.weak")
        self._names = Strings(sections, "names.name")

    def __len__(self) -> int:
        return len(self._entry_nos)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return IndexedName(self._entry_nos[index], self._names[index], self._weak[index])


def _identified_record(
    found: Sequence[tuple[int, Identifier]],
) -> tuple[tuple[int, IdentifierRecord], ...]:
    return tuple((entry_no, identifier_record(identifier)) for entry_no, identifier in found)


def _identified(
    record: tuple[tuple[int, IdentifierRecord], ...],
) -> tuple[tuple[int, Identifier], ...]:
    return tuple((entry_no, identifier_from_record(found)) for entry_no, found in record)


def _key_weights_record(weights: KeyWeights) -> tuple[Any, ...]:
    return (
        weights.single,
        weights.single_least,
        weights.single_plain,
        weights.lightest,
        weights.heaviest,
        weights.words,
    )


def _key_weights(record: tuple[Any, ...]) -> KeyWeights:
    return KeyWeights(*record)


def _form_record(form: ComparableName) -> tuple[Any, ...]:
    name = form.form
    return (
        (
            name.original,
            name.latin,
            name.scripts,
            name.tokens,
            name.folds,
            name.sources,
            name.bracketed,
            tuple(tuple(legal) for legal in name.legal_forms),
            name.words,
        ),
        form.weights,
        form.plain_weights,
        tuple(kind.value for kind in form.kinds),
        form.qualifying,
        form.total,
        tuple(tuple(span) for span in form.spans),
        form.whole,
        form.nations,
        form.korean,
    )


def _form(record: tuple[Any, ...]) -> ComparableName:
    name, weights, plain, kinds, qualifying, total, spans, whole, nations, korean = record
    original, latin, scripts, tokens, folds, sources, bracketed, legal_forms, words = name
    return ComparableName(
        NormalisedName(
            original,
            latin,
            scripts,
            tokens,
            folds,
            sources,
            bracketed,
            tuple(LegalForm(*legal) for legal in legal_forms),
            words,
        ),
        weights,
        plain,
        tuple(_KINDS[kind] for kind in kinds),
        qualifying,
        total,
        tuple(Span(*span) for span in spans),
        whole,
        nations,
        korean,
    )
