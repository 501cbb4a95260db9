"""CSV bytes to rows of text: the encoding (BOM, UTF-16, UTF-8, Windows-1251 or -1252, CP949,
GB18030, Big5, Shift-JIS) and the separator (comma, semicolon, tab, pipe) are found from the
content, never assumed; a file whose encoding cannot be told is refused."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from screening.ingest.legacy_encoding import SINGLE_BYTE, legacy_encoding, reads_better_as

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_SAMPLE_BYTES = 64 * 1024
_SAMPLE_RECORDS = 50

# A cell can be long (an address block); keep the csv module from rejecting one over 128 KiB.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))

# A "word" for the single-byte guess: ASCII letters and every byte that is a letter in
# Windows-1251 (0xC0-0xFF, Ё 0xA8, ё 0xB8) or an accented letter in Windows-1252.
_WORD = re.compile(rb"[A-Za-z\xa8\xb8\xc0-\xff]+")
_HIGH = re.compile(rb"[\x80-\xff]")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    # A Python codec name: utf-8, utf-8-sig, utf-16, utf-16-le, cp1251, cp1252, cp949, gb18030,
    # cp950 (Big5), cp932 (Shift-JIS).
    encoding: str
    replaced: int  # characters that could not be decoded and became U+FFFD
    # Lines read in another encoding than the file's: (1-based line, codec name).
    mixed_lines: tuple[tuple[int, str], ...] = ()


def decode_csv_bytes(data: bytes) -> DecodedText:
    """Decode a CSV file the way a person would guess its encoding.

    Raises UndecodableTextError when the encoding cannot be told with confidence.
    """
    encoding = _unicode_encoding(data)
    if encoding == "utf-8":
        try:
            return DecodedText(data.decode("utf-8"), "utf-8", 0)
        except UnicodeDecodeError:
            encoding = legacy_encoding(data, single_byte_encoding(data))
    if encoding in ("utf-8-sig", "utf-32", "utf-16", "utf-16-le", "utf-16-be"):
        return _decode(data, encoding)
    return _decode_lines(data, encoding)


def check_csv_encoding(data: bytes) -> None:
    """Raise UndecodableTextError for a file decode_csv_bytes would refuse, from a sample."""
    if _unicode_encoding(data) != "utf-8":
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        legacy_encoding(data, single_byte_encoding(data))


def _unicode_encoding(data: bytes) -> str:
    """The Unicode encoding a byte-order mark or UTF-16's zero bytes show; else utf-8 to try."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return _utf16_without_bom(data[:4096]) or "utf-8"


def _decode_lines(data: bytes, encoding: str) -> DecodedText:
    """Each line in the file's legacy `encoding`, unless the line itself says otherwise: valid
    UTF-8 with letters beyond ASCII or, in a single-byte file, words that are plainly of the
    other single-byte encoding. A file pasted together from several sources mixes them, and a
    UTF-8 line read as Windows-1251 is nonsense ("РћРћРћ") that matches no listed name."""
    parts: list[str] = []
    mixed: list[tuple[int, str]] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        line_encoding = encoding if line.isascii() else _line_encoding(line, encoding)
        if line_encoding != encoding:
            mixed.append((number, line_encoding))
        parts.append(line.decode(line_encoding, errors="replace"))
    text = "".join(parts)
    return DecodedText(text, encoding, text.count("\ufffd"), tuple(mixed))


def _line_encoding(line: bytes, default: str) -> str:
    try:
        as_utf8 = line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Double-byte text can be valid UTF-8 by chance (GBK 路通 is the bytes of UTF-8 "·ͨ"):
        # there a UTF-8 line must hold characters of three bytes, as Chinese, Japanese and
        # Korean ones are, and read better as UTF-8.
        if default in SINGLE_BYTE or (
            max(as_utf8) >= "\u0800" and reads_better_as(line, "utf-8", default)
        ):
            return "utf-8"
        return default
    if default not in SINGLE_BYTE:
        return default
    cyrillic, latin = _votes(line)
    if cyrillic == latin:
        return default
    return "cp1251" if cyrillic > latin else "cp1252"


def _decode(data: bytes, encoding: str) -> DecodedText:
    text = data.decode(encoding, errors="replace")
    return DecodedText(text, encoding, text.count("\ufffd"))


def _utf16_without_bom(sample: bytes) -> str:
    """UTF-16 text of mostly ASCII or Cyrillic has a zero or small byte in every other place."""
    if len(sample) < 4:
        return ""
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return ""


def single_byte_encoding(data: bytes) -> str:
    """cp1251 (Russian) or cp1252 (Western European), by how non-ASCII letters sit in words.

    In Russian text every letter of a word is a high byte ("Россия" is six of them); in French or
    German text high bytes are accented letters inside otherwise ASCII words ("Société", "Müller").
    """
    cyrillic_votes, latin_votes = _votes(data[: 4 * _SAMPLE_BYTES])
    return "cp1251" if cyrillic_votes > latin_votes else "cp1252"


def _votes(data: bytes) -> tuple[int, int]:
    """Words that look Russian in Windows-1251, and words that look Western in Windows-1252."""
    cyrillic_votes = 0
    latin_votes = 0
    for word in _WORD.findall(data):
        if not _HIGH.search(word):
            continue
        if _ASCII_LETTER.search(word):
            latin_votes += 1
        elif len(word) >= 2:  # a lone "à" or "é" is a French word, not evidence either way
            cyrillic_votes += 1
    return cyrillic_votes, latin_votes


def detect_delimiter(text: str) -> str:
    """The separator that splits the first records into the most, most consistent columns."""
    sample = text[:_SAMPLE_BYTES]
    best = ","
    best_score: tuple[float, int] = (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [
            len(record)
            for record in _records(sample, delimiter, _SAMPLE_RECORDS)
            if any(cell.strip() for cell in record)
        ]
        if not counts:
            continue
        width, seen = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (seen / len(counts), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= limit:
                break
    except csv.Error:
        pass  # a sample cut inside a quoted cell: the records before it still count
    return records


def parse_csv_text(text: str, delimiter: str) -> list[list[str]]:
    """Every record; a NUL (which csv rejects) is dropped, a stray quote kept as text."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
