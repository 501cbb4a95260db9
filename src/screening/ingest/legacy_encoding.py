"""Which legacy (non-Unicode) encoding a CSV is in: Windows-1251 or -1252, or one of the
Korean, Chinese and Japanese double-byte encodings; or that the bytes do not say clearly.

A Korean file read as Windows-1251 ("Б¶ј±±¤ј±АєЗа" for 조선광선은행) matches no listed name: a
silent false negative. So the double-byte encodings are tried first, each reading is scored by
how much it looks like text (charset-normalizer's mess ratio), and a file whose best readings
are too close to call is refused rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer.md import mess_ratio

# Supersets of the encodings people name: CP949 reads EUC-KR, GB18030 reads GBK and GB2312,
# CP950 reads Big5, CP932 reads Shift-JIS; each is what Windows and Excel write.
DOUBLE_BYTE: dict[str, str] = {
    "cp949": "CP949/EUC-KR (Korean)",
    "gb18030": "GB18030/GBK (Simplified Chinese)",
    "cp950": "Big5 (Traditional Chinese)",
    "cp932": "Shift-JIS (Japanese)",
}
SINGLE_BYTE: dict[str, str] = {
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252 (Western European)",
}
SAMPLE_BYTES = 256 * 1024
# The best reading must look this much more like text than any other reading that differs
# from it. Measured on names from the Korea and China exchange lists: with three names or more
# the right reading wins by 0.07 or more; with one or two, wrong readings can tie with it.
DECISIVE_MARGIN = 0.05
# A double-byte reading may have a few damaged bytes (a truncated cell) and still be the file's
# encoding: at most this share of its characters, and only when it wins by the margin.
DAMAGED_SHARE = 0.01
# A single-byte reading this messy is mojibake or binary: Russian and Western files score below
# 0.1, random bytes above 1, a damaged Korean file read as Windows-1251 about 0.7.
NOT_TEXT_MESS = 0.5
NOT_TEXT_MIN_CHARACTERS = 20  # fewer non-ASCII characters say too little


class UndecodableTextError(ValueError):
    """The bytes are not Unicode and no legacy encoding reads them with confidence."""


@dataclass(frozen=True, slots=True)
class _Reading:
    encoding: str
    text: str
    errors: int  # bytes that are not valid in the encoding
    mess: float  # 0 = reads like text; higher = more mojibake


def label(encoding: str) -> str:
    """ "cp949" -> "CP949/EUC-KR (Korean)"."""
    return DOUBLE_BYTE.get(encoding) or SINGLE_BYTE.get(encoding) or encoding


def legacy_encoding(data: bytes, single_byte_guess: str) -> str:
    """The encoding of `data`, which is not valid UTF-8: a double-byte one when its reading is
    clearly the best, else `single_byte_guess` (Windows-1251 or -1252, found by the caller).

    Only the lines that are not ASCII or UTF-8 are weighed: a file pasted together from several
    sources may hold UTF-8 lines too. Raises UndecodableTextError when the two best readings are
    too close to tell apart (a short file of a few Chinese or Korean names can read as sensible
    text in two encodings) and they differ.
    """
    legacy = _legacy_lines(data[:SAMPLE_BYTES])
    if not legacy:
        return single_byte_guess
    readings = [_read(legacy, encoding) for encoding in DOUBLE_BYTE]
    readings = [reading for reading in readings if _is_candidate(reading)]
    single = _read(legacy, single_byte_guess)
    if not readings:
        # No double-byte encoding reads it: Cyrillic or Western text, unless even that reading
        # is mostly symbols (a damaged double-byte file, or not text at all).
        if single.mess >= NOT_TEXT_MESS and _wide_characters(single) >= NOT_TEXT_MIN_CHARACTERS:
            raise UndecodableTextError(
                "the text reads as no encoding this reader knows (UTF-8, UTF-16, "
                f"{', '.join(map(label, (*DOUBLE_BYTE, *SINGLE_BYTE)))}): as "
                f"{label(single.encoding)} it would be {_excerpt(single.text)}; save it as "
                "UTF-8 (in Excel: CSV UTF-8) and upload it again"
            )
        return single_byte_guess
    readings.append(single)
    readings.sort(key=lambda reading: reading.mess)
    best = readings[0]
    rival = next((r for r in readings[1:] if r.text != best.text), None)
    if rival is not None and rival.mess - best.mess < DECISIVE_MARGIN:
        raise UndecodableTextError(_ambiguous(best, rival))
    return best.encoding


def reads_better_as(line: bytes, encoding: str, other: str) -> bool:
    """Whether `line` reads clearly more like text in `encoding` than in `other`."""
    return _read(line, encoding).mess + DECISIVE_MARGIN <= _read(line, other).mess


def _legacy_lines(sample: bytes) -> bytes:
    """The complete lines of the sample that are neither ASCII nor UTF-8."""
    lines = sample.splitlines(keepends=True)
    if len(sample) == SAMPLE_BYTES and len(lines) > 1:
        lines.pop()  # cut inside a line, maybe inside a character
    kept = []
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            kept.append(line)
    return b"".join(kept)


def _read(data: bytes, encoding: str) -> _Reading:
    text = data.decode(encoding, errors="replace")
    errors = text.count("\ufffd")
    return _Reading(encoding, text, errors, mess_ratio(text, maximum_threshold=1.0))


def _is_candidate(reading: _Reading) -> bool:
    if reading.errors == 0:
        return True
    return reading.errors <= _wide_characters(reading) * DAMAGED_SHARE


def _wide_characters(reading: _Reading) -> int:
    return sum(1 for char in reading.text if ord(char) > 0x7F)


def _ambiguous(best: _Reading, rival: _Reading) -> str:
    return (
        "cannot tell which encoding the file is in: it reads as "
        f"{label(best.encoding)} ({_excerpt(best.text)}) and as {label(rival.encoding)} "
        f"({_excerpt(rival.text)}); save it as UTF-8 (in Excel: CSV UTF-8) and upload it again"
    )


def _excerpt(text: str) -> str:
    """The first non-ASCII run of a reading, for a person to recognise their own names."""
    start = next((i for i, char in enumerate(text) if ord(char) > 0x7F), 0)
    return repr(text[start : start + 12].split("\n")[0])
