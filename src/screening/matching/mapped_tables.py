"""Read-only tables laid out in one buffer, read where they lie: arrays of numbers, string
tables, lists of records and string-keyed hash tables. Over a memory-mapped file, every process
that opens it shares the operating system's one copy instead of holding its own objects.

Pure: the tables read a buffer they are given; opening the file is the caller's business
(screening.matching.index_file). Numbers are in the machine's own byte order, and a file is
read only on a machine of the order it was written on (the file's header says which).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any, Literal, Protocol, TypeVar, overload
from zlib import crc32

T = TypeVar("T")
V = TypeVar("V")

ALIGNMENT = 8  # every array starts on a multiple of its item size
OFFSET_TYPE: Literal["Q"] = "Q"  # byte and item offsets: 8 bytes, no file too big
RECORDS_CACHED = 8192  # decoded records kept per table: what a batch of queries meets again


class Buffer(Protocol):
    """What the tables read: a memory-mapped file, or bytes."""

    def __getitem__(self, index: slice, /) -> bytes: ...

    def __len__(self) -> int: ...


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


class SectionWriter:
    """Collects the sections of a buffer; `sections` says where each lies."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0
        self.sections: dict[str, tuple[int, int]] = {}  # name -> (offset, size in bytes)

    def add(self, name: str, data: bytes | memoryview) -> None:
        padding = -self._size % ALIGNMENT
        if padding:
            self._parts.append(bytes(padding))
            self._size += padding
        self.sections[name] = (self._size, len(data))
        self._parts.append(bytes(data))
        self._size += len(data)

    def add_array(self, name: str, typecode: str, values: Iterable[Any]) -> None:
        from array import array

        self.add(name, memoryview(array(typecode, values)).cast("B"))

    def add_strings(self, name: str, texts: Iterable[str]) -> None:
        self.add_blobs(name, (_encode(text) for text in texts))

    def add_blobs(self, name: str, blobs: Iterable[bytes]) -> None:
        """Byte strings one after another, with their offsets (n + 1) beside them."""
        parts = list(blobs)
        self.add_array(f"{name}.offsets", OFFSET_TYPE, accumulate(map(len, parts), initial=0))
        self.add(f"{name}.data", b"".join(parts))

    def add_records(self, name: str, records: Iterable[Any]) -> None:
        """Records of plain values (tuples, strings, numbers, None, frozensets, dicts) encoded
        with marshal, each decoded alone on access."""
        self.add_blobs(name, map(marshal.dumps, records))

    def add_int_lists(self, name: str, lists: Sequence[Sequence[int]]) -> None:
        """Lists of non-negative integers (< 2**32) one after another (compressed sparse rows)."""
        self.add_array(f"{name}.offsets", OFFSET_TYPE, accumulate(map(len, lists), initial=0))
        self.add_array(f"{name}.data", "I", chain.from_iterable(lists))

    def add_keys(self, name: str, keys: Iterable[str]) -> list[int]:
        """A hash table of string keys; returns the keys' order in it (indexes into `keys`),
        which the values stored beside it must follow."""
        raw = [key.encode("utf-8", "surrogatepass") for key in keys]
        buckets = max(1, len(raw))
        # a fixed hash, the same in every process (Python's own string hash is not)
        bucket = [crc32(key) % buckets for key in raw]
        order = sorted(range(len(raw)), key=bucket.__getitem__)
        counts = [0] * buckets
        for b in bucket:
            counts[b] += 1
        self.add_array(f"{name}.buckets", OFFSET_TYPE, accumulate(counts, initial=0))
        self.add_blobs(f"{name}.keys", (raw[i] for i in order))
        return order

    def add_keyed(
        self, name: str, table: Mapping[str, V], record: Callable[[V], Any] | None = None
    ) -> list[Any]:
        """The keys of `table` as a hash table (add_keys); returns its values (made records by
        `record`, if given) in the keys' order, to store beside them."""
        values = list(table.values())
        order = self.add_keys(name, table.keys())
        if record is None:
            return [values[i] for i in order]
        return [record(values[i]) for i in order]

    def parts(self) -> Iterator[bytes]:
        return iter(self._parts)

    @property
    def size(self) -> int:
        return self._size


class Sections:
    """The sections of a buffer, as SectionWriter laid them out: name -> (where it starts in
    the buffer, its size in bytes)."""

    def __init__(
        self, buffer: Buffer, view: memoryview, sections: Mapping[str, tuple[int, int]]
    ) -> None:
        self.buffer = buffer  # sliced for bytes (a mmap slice is bytes, made in C)
        self._view = view  # cast for numbers
        self._sections = sections

    def span(self, name: str) -> tuple[int, int]:
        offset, size = self._sections[name]
        return offset, offset + size

    def ints(self, name: str, typecode: Literal["I", "Q"] = "I") -> memoryview[int]:
        """A section as a read-only sequence of integers."""
        start, stop = self.span(name)
        return self._view[start:stop].cast(typecode)

    def floats(self, name: str) -> memoryview[float]:
        start, stop = self.span(name)
        return self._view[start:stop].cast("d")

    def bools(self, name: str) -> memoryview[bool]:
        start, stop = self.span(name)
        return self._view[start:stop].cast("?")


class Strings(Sequence[str]):
    """A table of strings (or, through `raw`, their UTF-8 bytes)."""

    def __init__(self, sections: Sections, name: str) -> None:
        self._buffer = sections.buffer
        self._offsets = sections.ints(f"{name}.offsets", OFFSET_TYPE)
        self._base = sections.span(f"{name}.data")[0]

    def layout(self) -> tuple[memoryview[int], Buffer, int]:
        """The offsets, the buffer and where the strings start in it (to read them inline)."""
        return self._offsets, self._buffer, self._base

    def raw(self, position: int) -> bytes:
        base = self._base
        return self._buffer[base + self._offsets[position] : base + self._offsets[position + 1]]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return _decode(self.raw(_position(index, len(self))))


def _position(index: int, size: int) -> int:
    if index < 0:
        index += size
    if not 0 <= index < size:
        raise IndexError(index)
    return index


class Records(Sequence[T]):
    """Records made by `decode` from marshalled values, the last ones used kept decoded."""

    def __init__(self, sections: Sections, name: str, decode: Callable[[Any], T]) -> None:
        blobs = Strings(sections, name)
        self._size = len(blobs)
        loads = marshal.loads
        raw = blobs.raw

        @lru_cache(maxsize=RECORDS_CACHED)
        def record(position: int) -> T:
            return decode(loads(raw(position)))

        self._record = record

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if 0 <= index < self._size:  # the usual case, checked once
            return self._record(index)
        return self._record(_position(index, self._size))


class IntLists(Sequence[list[int]]):
    """Lists of integers (compressed sparse rows), each read as a new list."""

    def __init__(self, sections: Sections, name: str) -> None:
        self._offsets = sections.ints(f"{name}.offsets", OFFSET_TYPE)
        self._data = sections.ints(f"{name}.data")

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> list[int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[list[int]]: ...
    def __getitem__(self, index: int | slice) -> list[int] | Sequence[list[int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = _position(index, len(self))
        values: list[int] = self._data[
            self._offsets[position] : self._offsets[position + 1]
        ].tolist()
        return values


class KeyedTable(Mapping[str, V]):
    """A hash table of string keys over a buffer, with values from a sequence in the keys'
    order (IntLists, Records...)."""

    def __init__(self, sections: Sections, name: str, values: Sequence[V] | None) -> None:
        self._keys = Strings(sections, f"{name}.keys")
        self._key_offsets, self._key_buffer, self._key_base = self._keys.layout()
        self._buckets = sections.ints(f"{name}.buckets", OFFSET_TYPE)
        self._bucket_count = len(self._buckets) - 1
        self._values = values

    def position(self, key: str) -> int:
        """Where `key` lies in the table; -1 when it is not a key. (On every query's path:
        written for speed, the key table's reading inlined.)"""
        raw = key.encode("utf-8", "surrogatepass")
        buckets = self._buckets
        bucket = crc32(raw) % self._bucket_count
        start, stop = buckets[bucket], buckets[bucket + 1]
        if start == stop:
            return -1
        offsets, buffer, base = self._key_offsets, self._key_buffer, self._key_base
        # most lookups are of words that are not keys: a key of another length is passed over
        # without slicing its bytes out, and each key's end is the next one's start
        size = len(raw)
        end = offsets[start]
        for position in range(start, stop):
            begin, end = end, offsets[position + 1]
            if end - begin == size and buffer[base + begin : base + end] == raw:
                return position
        return -1

    def __getitem__(self, key: str) -> V:
        position = self.position(key) if isinstance(key, str) else -1
        if position < 0 or self._values is None:
            raise KeyError(key)
        return self._values[position]

    def get(self, key: str, default: Any = None) -> Any:
        position = self.position(key)
        if position < 0 or self._values is None:
            return default
        return self._values[position]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.position(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
