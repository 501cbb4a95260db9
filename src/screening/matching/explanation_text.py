"""A match's explanation as sentences a reviewer reads, made from the structured explanation.

The structured explanation (matching.explain) is for machines and auditors: token pairs, weights,
results per feature. A reviewer needs the same facts in plain words, and only those that say
something: no empty features, no raw keys. Pure: the same explanation always reads the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

_HOW_PHRASE = {
    "romanisation": "the same name romanised another way",
    "typo": "a small spelling difference",
    "joined": "the same words written together or apart",
}
_IDENTIFIER_WORDS = {
    "imo": "IMO number",
    "swift": "SWIFT/BIC code",
    "registration": "registration number",
    "tax": "tax number",
    "passport": "passport number",
    "national_id": "national identity number",
    "call_sign": "call sign",
    "other": "identifier",
}


def explanation_text(
    explanation: Mapping[str, Any], *, entry_name: str, matched_name: str
) -> list[str]:
    """The explanation as sentences, most telling first. `entry_name` is the entry's primary
    name, `matched_name` the name of it (primary or alias) the supplier resembled."""
    if not explanation:
        return []
    tokens = explanation.get("tokens") or {}
    matched: Sequence[Mapping[str, Any]] = tokens.get("matched") or ()
    missing = [str(item.get("token", "")) for item in tokens.get("missing_in_supplier") or ()]
    extra = [str(item.get("token", "")) for item in tokens.get("extra_in_supplier") or ()]
    identifier = explanation.get("identifier")
    sentences = [
        _name_sentence(explanation, entry_name, matched_name, matched, missing, extra, identifier)
    ]
    sentences += _word_sentences(matched)
    if missing:
        sentences.append(f"The listed name has words the supplier's name lacks: {_names(missing)}.")
    if extra:
        sentences.append(f"The supplier's name has words the listed name lacks: {_names(extra)}.")
    sentences += _script_sentences(explanation)
    sentences += _legal_form_sentences(explanation.get("legal_form") or {})
    sentences += _country_sentences(explanation.get("country") or {})
    if identifier:
        kind = _IDENTIFIER_WORDS.get(str(identifier.get("kind", "")), "identifier")
        sentences.append(f"The supplier's {kind} {identifier.get('value', '')} is the entry's too.")
    return [sentence for sentence in sentences if sentence]


def _name_sentence(
    explanation: Mapping[str, Any],
    entry_name: str,
    matched_name: str,
    matched: Sequence[Mapping[str, Any]],
    missing: Sequence[str],
    extra: Sequence[str],
    identifier: object,
) -> str:
    name = matched_name or entry_name
    which = "listed name" if not matched_name or matched_name == entry_name else "listed alias"
    exact = (
        bool(matched)
        and not missing
        and not extra
        and all(pair.get("how") == "exact" for pair in matched)
    )
    if exact:
        alone = "; no other word or identifier matches" if not identifier else ""
        return f"The supplier's name is the {which} {name}{alone}."
    similarity = explanation.get("name_similarity")
    alike = f" ({float(similarity):.0f}% alike)" if isinstance(similarity, int | float) else ""
    return f"The supplier's name resembles the {which} {name}{alike}."


def _word_sentences(matched: Sequence[Mapping[str, Any]]) -> list[str]:
    sentences = []
    for pair in matched:
        phrase = _HOW_PHRASE.get(str(pair.get("how", "")))
        if phrase is None:
            continue
        mine, theirs = str(pair.get("supplier", "")), str(pair.get("entry", ""))
        sentences.append(f"{mine.title()} is read as {theirs.title()}: {phrase}.")
    return sentences


def _script_sentences(explanation: Mapping[str, Any]) -> list[str]:
    transliteration = explanation.get("transliteration")
    sentences = []
    if transliteration:
        scripts = _words([str(s) for s in transliteration.get("from") or ()])
        latin = str(transliteration.get("latin", ""))
        sentences.append(f"The supplier's name is written in {scripts}; read as {latin.upper()}.")
    mended = [str(word) for word in explanation.get("mended") or ()]
    if mended:
        sentences.append(
            f"The supplier's {_words([word.upper() for word in mended])} is read as words written"
            " together or apart: the match rests on that reading."
        )
    acronym = explanation.get("acronym")
    if acronym:
        sentences.append(f"The listed name {acronym} is an acronym, matched as one word.")
    return sentences


def _legal_form_sentences(legal_form: Mapping[str, Any]) -> list[str]:
    mine = legal_form.get("supplier") or ()
    theirs = legal_form.get("entry") or ()
    if not mine or not theirs:
        return []  # a legal form on one side only says nothing either way
    mine_form, theirs_form = mine[0], theirs[0]
    mine_written = str(mine_form.get("written", "")).upper()
    theirs_written = str(theirs_form.get("written", "")).upper()
    if mine_form.get("form") == theirs_form.get("form"):
        if mine_written == theirs_written:
            return [f"Both names carry the legal form {mine_written}."]
        return [f"The legal forms {mine_written} and {theirs_written} are the same kind."]
    return [
        f"The legal forms differ: {mine_written} in the supplier's name, {theirs_written} listed."
    ]


def _country_sentences(country: Mapping[str, Any]) -> list[str]:
    result = country.get("result")
    supplier = str(country.get("supplier", ""))
    listed = [str(c) for c in country.get("entry") or ()]
    if result == "match":
        return [f"The supplier's country, {supplier}, is one of the entry's ({_words(listed)})."]
    if result == "conflict":
        return [f"The supplier's country, {supplier}, is not among the entry's ({_words(listed)})."]
    return []


def _words(items: Sequence[str]) -> str:
    return ", ".join(item for item in items if item)


def _names(tokens: Sequence[str]) -> str:
    """Matching's folded tokens ("capital") as a reviewer reads words of a name ("Capital")."""
    return _words([token.title() for token in tokens])
