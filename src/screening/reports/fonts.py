"""The PDF report's font: Noto Sans CJK (Latin, Cyrillic, Hangul, Chinese in one face), embedded.

A PDF that only names a font shows boxes for Korean and Chinese names on a machine without CJK
fonts, so the report carries the glyphs it uses. Noto Sans CJK comes from Debian's
fonts-noto-cjk (installed by `make`, CI and the image; nothing is fetched at run time). Its
outlines are PostScript (CFF), which reportlab cannot embed, so the glyphs a report needs are cut
out with fontTools' subsetter and their outlines converted to TrueType (quadratic curves, cu2qu)
before reportlab embeds them: a font of a few hundred glyphs, about 100 KB, half a second.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import table__g_l_y_f
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

# Where distributions put Noto Sans CJK: Debian and Ubuntu, Fedora, Arch.
FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/noto-cjk"),
)
REGULAR_FILE, BOLD_FILE = "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"
FACE = "Noto Sans CJK KR"  # Korean glyph forms: the DPRK's names are the ones that matter most
# Every report may use these, whatever its data: ASCII, Latin-1, Latin Extended-A, punctuation,
# the ruble and euro signs, Cyrillic.
BASE_CHARACTERS = "".join(
    chr(code)
    for first, last in (
        (0x20, 0x7E),
        (0xA0, 0x17F),
        (0x2010, 0x2044),
        (0x20AC, 0x20BD),
        (0x400, 0x4FF),
    )
    for code in range(first, last + 1)
)
_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG")  # layout, vertical
_CURVE_TOLERANCE = 1.0  # font units (of 1,000 a line): invisible at any print size


class ReportFontMissingError(RuntimeError):
    """Noto Sans CJK is not installed: the PDF would show boxes for Korean and Chinese names."""


def font_file(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise ReportFontMissingError(
        f"the PDF report needs {name} (Noto Sans CJK): install Debian's fonts-noto-cjk "
        "(`make` does; so does the Docker image)"
    )


def report_fonts(texts: Iterable[str]) -> tuple[str, str]:
    """(regular, bold) reportlab font names holding every character of `texts` and the base
    set, registered with reportlab on first use."""
    characters = "".join(sorted(set(BASE_CHARACTERS).union(*map(set, texts))))
    return _registered(characters, REGULAR_FILE), _registered(characters, BOLD_FILE)


@cache
def _registered(characters: str, file_name: str) -> str:
    digest = hashlib.sha256(characters.encode("utf-8")).hexdigest()[:10]
    name = f"{Path(file_name).stem}-{digest}"
    data = embeddable_subset(font_file(file_name), characters, name)
    pdfmetrics.registerFont(ReportLabFont(name, io.BytesIO(data)))
    return name


def embeddable_subset(path: Path, characters: str, postscript_name: str) -> bytes:
    """The FACE of the collection at `path`, cut to `characters`, with TrueType outlines, named
    `postscript_name` (reportlab keeps one font per PostScript name: each subset needs its own)."""
    font = _face(path)
    for tag in _UNUSED_TABLES:  # never read: decoding CJK layout tables alone takes a second
        if tag in font:
            del font[tag]
    options = subset.Options()
    options.layout_features = []  # reportlab lays out glyph by glyph
    options.layout_closure = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    _to_truetype_outlines(font)
    for record in font["name"].names:
        if record.nameID == 6:  # the PostScript name
            record.string = postscript_name
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _face(path: Path) -> TTFont:
    collection = TTCollection(str(path), lazy=True)
    for face in collection.fonts:
        if face["name"].getDebugName(1) == FACE:
            return face
    return collection.fonts[0]


def _to_truetype_outlines(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca with the same glyphs, quadratic curves."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = table__g_l_y_f()
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, _CURVE_TOLERANCE, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
