"""What a loader met in a file but does not read: columns, elements and attributes it does not
know. They become the import's warnings, so a publisher's new field is seen, never silently
dropped (the UK and EU layouts were built from documentation, not from a complete real file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from screening.watchlist.errors import ListFormatError
from screening.watchlist.xml_files import Element


@dataclass(slots=True)
class UnreadFields:
    """Counts each unread field once per record that has it, remembering the first record."""

    file: str
    record_word: str  # "designations", "rows": what the counts count
    _counts: dict[str, int] = field(default_factory=dict)
    _first: dict[str, str] = field(default_factory=dict)

    def declare(self, what: str) -> None:
        """A field met once for the whole file, such as a column heading: reported even if no
        record holds a value in it."""
        self._counts.setdefault(what, 0)

    def note_all(self, whats: Iterable[str], where: str) -> None:
        """`whats` are e.g. 'column "Gender"' or "element Designation/Foo"; `where` the record."""
        for what in dict.fromkeys(whats):
            self._counts[what] = self._counts.get(what, 0) + 1
            self._first.setdefault(what, where)

    def note_foreign_children(self, root: Element, known: Iterable[str]) -> None:
        """The root's children that are none of the `known` elements."""
        names = frozenset(known)
        self.note_all(
            (f"element {root.tag}/{child.tag}" for child in root if child.tag not in names),
            "in the file",
        )

    def warnings(self) -> tuple[str, ...]:
        return tuple(
            f"{self.file}: {what} is not read by the loader ({count} {self.record_word}"
            + (f", first {self._first[what]})" if what in self._first else ")")
            for what, count in self._counts.items()
        )


def unknown_columns(header: Sequence[str], known: Iterable[str]) -> list[str]:
    """The non-empty headings the loader does not know."""
    names = frozenset(known)
    return [heading for heading in header if heading and heading not in names]


def column(heading: str) -> str:
    """How a warning names a column."""
    return f'column "{heading}"'


@dataclass(frozen=True, slots=True)
class XmlLayout:
    """The paths under a record element a loader reads or knowingly passes over: child
    elements as "Names/Name/Name1", attributes as "nameAlias/@strong" ("@logicalId" for the
    record's own), "X/*" for anything under X. The elements that only hold known paths are
    known too."""

    paths: frozenset[str]
    containers: frozenset[str]

    @classmethod
    def of(cls, *paths: str) -> XmlLayout:
        containers = {
            "/".join(parts[:end])
            for path in paths
            for parts in [path.split("/")]
            for end in range(1, len(parts))
        }
        return cls(frozenset(paths), frozenset(containers))

    def _is_known(self, path: str) -> bool:
        """A path of the layout, a container of one, or anything under a "X/*" path."""
        if path in self.paths or path in self.containers:
            return True
        parts = path.split("/")
        return any("/".join(parts[:end]) + "/*" in self.paths for end in range(len(parts)))

    def unknown(self, record: Element) -> Iterator[str]:
        """ "element X" or "attribute X/@a" for each path under `record` not in the layout.
        Attributes in a namespace (xsi:nil, xml:lang) are the schema's plumbing, not data."""
        stack: list[tuple[str, Element]] = [("", record)]
        while stack:
            prefix, element = stack.pop()
            for name in element.attrib:
                attribute = f"{prefix}/@{name}" if prefix else f"@{name}"
                if "}" not in name and not self._is_known(attribute):
                    yield f"attribute {record.tag}/{attribute}"
            for child in reversed(element):
                if not isinstance(child.tag, str):
                    continue  # a comment or processing instruction
                path = f"{prefix}/{child.tag}" if prefix else child.tag
                if self._is_known(path):
                    stack.append((path, child))
                else:
                    yield f"element {record.tag}/{path}"


class _Identified(Protocol):
    @property
    def source_id(self) -> str: ...


Record = TypeVar("Record", bound=_Identified)


def read_records(
    file: str,
    elements: Iterable[Element],
    read: Callable[[int, Element], Record],
    layout: XmlLayout,
    unread: UnreadFields,
) -> dict[str, Record]:
    """Each record element read (`read(number, element)`, numbered from 1) into an entry or a
    draft, by its source id. An id given twice and a file without records are refused; what
    the layout does not know is noted."""
    found: dict[str, Record] = {}
    tag = ""
    for number, element in enumerate(elements, start=1):
        tag = element.tag
        record = read(number, element)
        where = f"{tag} {record.source_id}"
        if record.source_id in found:
            raise ListFormatError(file, f"{where} appears twice")
        found[record.source_id] = record
        unread.note_all(layout.unknown(element), where)
    if not found:
        raise ListFormatError(file, "no records: the file holds no listing")
    return found
