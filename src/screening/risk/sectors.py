"""Map a supplier's free-text sector ("Software", "строительство", "建筑") to a host-risk sector id.

Driven entirely by the synonyms in lists/host-risk.toml. Matching rules, as the file documents
them: case-insensitive whole words or phrases; a trailing "*" matches any word starting so;
Chinese and Korean synonyms match anywhere, since those scripts do not separate words by spaces.
The longest synonym found wins, so "seafood processing" beats "fish".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from screening.names.scripts import is_unspaced
from screening.risk.host_risk import HostRisk
from screening.risk.memo import Memo

_NOT_WORD = re.compile(r"[\W_]+")


def normalise_sector_text(text: str) -> str:
    """NFKC, case-folded, punctuation to spaces: "IT-Services, Ltd." -> "it services ltd"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@dataclass(frozen=True, slots=True)
class _Rule:
    sector_id: str
    pattern: re.Pattern[str]
    length: int  # of the synonym, for longest-first


def _rule(sector_id: str, synonym: str) -> _Rule | None:
    is_prefix = synonym.rstrip().endswith("*")
    phrase = normalise_sector_text(synonym.rstrip().removesuffix("*"))
    if not phrase:
        return None
    words = [re.escape(word) for word in phrase.split()]
    if is_unspaced(phrase):
        body = r"\s*".join(words)
        pattern = body if not is_prefix else body + r"\w*"
    else:
        body = r"\s+".join(words)
        pattern = rf"(?<!\w){body}\w*(?!\w)" if is_prefix else rf"(?<!\w){body}(?!\w)"
    return _Rule(sector_id, re.compile(pattern), len(phrase))


@dataclass(frozen=True, slots=True)
class SectorIndex:
    """The synonyms of every sector, longest first."""

    rules: tuple[_Rule, ...]
    # Text -> sector id ("" for none): a sheet repeats a few sector texts in every row.
    memo: Memo[str, str] = field(default_factory=Memo, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, host_risk: HostRisk) -> SectorIndex:
        rules = [
            rule
            for sector in host_risk.sectors.values()
            for synonym in (sector.id, sector.label, *sector.synonyms)
            if (rule := _rule(sector.id, synonym)) is not None
        ]
        # Longest first; for equal lengths the file's order decides (sorted is stable).
        return cls(tuple(sorted(rules, key=lambda rule: -rule.length)))

    def sector_id(self, text: str) -> str | None:
        known = self.memo.get(text)
        if known is None:
            known = self.memo.remember(text, self._first_rule_matching(text))
        return known or None

    def _first_rule_matching(self, text: str) -> str:
        normalised = normalise_sector_text(text)
        if not normalised:
            return ""
        for rule in self.rules:
            if rule.pattern.search(normalised):
                return rule.sector_id
        return ""


def sector_id(text: str, host_risk: HostRisk) -> str | None:
    """The host-risk sector id a free-text sector names, or None when it names none of them.

    Builds the index each call; for many suppliers build a `SectorIndex` once (RiskKnowledge does).
    """
    return SectorIndex.of(host_risk).sector_id(text)
