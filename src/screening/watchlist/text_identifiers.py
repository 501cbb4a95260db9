"""IMO numbers and SWIFT/BIC codes written in free text: UN comments, UK "Other Information"."""

from __future__ import annotations

import re

from screening.watchlist.model import Identifier, IdentifierKind

# "IMO number: 5571322", "(IMO number):7408873", "Company Number IMO 5434358",
# "International Maritime Organization (IMO) Number: 1790183" (DFAT).
_IMO = re.compile(r"\bIMO\)?(?:\s+(?:number|no\.?))?\)?\s*:?\s*(\d{7})\b", re.IGNORECASE)
# "SWIFT: DCBKKPPY", "SWIFT/BIC: KUDBKPPY", "SWIFT/BIN KHJBSDKH": 8 or 11 upper-case characters.
_SWIFT = re.compile(
    r"\bSWIFT(?:/BI[CN])?(?:\s+code)?\s*:?\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b"
)


def find_identifiers(text: str) -> tuple[Identifier, ...]:
    """Every IMO number and SWIFT/BIC code in `text`, in order, without repeats."""
    found: dict[Identifier, None] = {}
    for match in _IMO.finditer(text):
        found.setdefault(Identifier(IdentifierKind.IMO, match.group(1), note="IMO number"))
    for match in _SWIFT.finditer(text):
        found.setdefault(Identifier(IdentifierKind.SWIFT, match.group(1), note="SWIFT/BIC"))
    return tuple(found)
