"""A publisher's XML file read safely into elements named without their namespace.

defusedxml refuses a document that declares entities or points at external ones. Namespaces
are dropped from element names after parsing: publishers move their files to new namespaces
(OFAC's advanced XML did) while the layout stays, so a loader matches local names only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from screening.watchlist.errors import ListFormatError

Element = ElementTree.Element


def find_file(
    files: Mapping[str, bytes], names: Iterable[str], suffix: str, missing: str
) -> tuple[str, bytes]:
    """The file of one of `names` (any case, any folder), else the only file ending in
    `suffix`; else ListFormatError naming `missing`."""
    wanted = {name.lower() for name in names}
    for key, data in files.items():
        if key.replace("\\", "/").rsplit("/", 1)[-1].lower() in wanted:
            return key, data
    candidates = [(key, data) for key, data in files.items() if key.lower().endswith(suffix)]
    if len(candidates) == 1:
        return candidates[0]
    first = sorted(wanted)[0] if wanted else suffix
    raise ListFormatError(first, missing)


def local_name(tag: str) -> str:
    """ "{http://eu.europa.ec/fpi/fsd/export}nameAlias" -> "nameAlias"."""
    return tag.rsplit("}", 1)[-1]


def parse_xml(file: str, data: bytes) -> Element:
    """The root element, every element named by its local name."""
    try:
        root: Element = fromstring(data)
    except DefusedXmlException as error:
        raise ListFormatError(
            file, f"refused: the XML declares or references entities ({error})"
        ) from error
    except ElementTree.ParseError as error:
        line, _column = error.position
        raise ListFormatError(file, f"not well-formed XML: {error}", line=line) from error
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = local_name(element.tag)
    return root


def require_root(file: str, root: Element, *names: str) -> None:
    if root.tag not in names:
        expected = " or ".join(f"<{name}>" for name in names)
        raise ListFormatError(file, f"root element is <{root.tag}>, expected {expected}")


def clean(text: str | None) -> str:
    """Text with its runs of whitespace made one space: files wrap long text over lines."""
    return " ".join(text.split()) if text else ""


def child_text(element: Element, path: str) -> str:
    return clean(element.findtext(path))


def texts(element: Element, path: str) -> list[str]:
    """The non-empty texts of every element at `path`, in order."""
    return [value for found in element.iterfind(path) if (value := clean(found.text))]
