"""Explanations of a match: a JSON-able dict of per-feature details and short reviewer notes."""

from __future__ import annotations

from typing import Any

from screening.matching.basis import Basis, BasisKind
from screening.matching.comparable import ComparableName
from screening.matching.model import CountryEffect, CountryResult
from screening.matching.score import How, NameScore
from screening.names.legal_forms import LegalForm
from screening.watchlist.model import Entry, EntryKind, Identifier

NOTABLE_MISSING_WEIGHT = 3.0  # a missing word at least this rare is worth a note


def _words(name: ComparableName, start: int, stop: int) -> str:
    return " ".join(name.form.sources[start:stop])


def _legal_forms(forms: tuple[LegalForm, ...]) -> list[dict[str, str]]:
    return [{"form": form.form_id, "written": form.surface} for form in forms]


def _acronym(candidate: ComparableName) -> str | None:
    """The listed name, if it is an acronym (KOMID, KKBC): a short word matched on its own."""
    if len(candidate.tokens) != 1:
        return None
    word = candidate.form.sources[0]
    if 2 <= len(word) <= 6 and word.isalpha() and word.upper() in candidate.form.original.upper():
        original = candidate.form.original.strip("'\" ")
        if original.isupper() and len(original.split()) == 1:
            return original
    return None


def _legal_form_note(query: ComparableName, candidate: ComparableName) -> str | None:
    if not query.form.legal_forms or not candidate.form.legal_forms:
        return None
    mine, theirs = query.form.legal_forms[0], candidate.form.legal_forms[0]
    relation = "=" if mine.form_id == theirs.form_id else "differs from"
    return f"legal form {mine.surface.upper()} {relation} {theirs.surface.upper()}"


def _basis_note(basis: Basis) -> str:
    words = ", ".join(word.upper() for word in basis.words)
    if basis.kind is BasisKind.DISTINCTIVE:
        return f"rests on distinctive words: {words}"
    if basis.kind is BasisKind.SHORT_WORD:
        return f"rests on one short word only: {words}"
    if basis.kind is BasisKind.SHORT_WORD_AND_FORM:
        word, form = basis.words[0].upper(), basis.words[-1].upper()
        return f"rests on one short word and the same legal form: {word}, {form}"
    if basis.kind is BasisKind.SOUND_ONLY:
        return f"rests on the sound of one Chinese word only, written in other characters: {words}"
    if basis.kind is BasisKind.NAME_PARTS:
        return "rests on the parts of a person's name"
    if basis.kind is BasisKind.IDENTIFIER:
        return f"rests on the identifier {words}"
    if basis.needs_more:
        return f"rests on part of the listed name, of everyday words only: {words}"
    return f"rests on the whole listed name, of everyday words: {words}"


def explain(
    query: ComparableName,
    candidate: ComparableName,
    name_score: NameScore,
    entry: Entry,
    supplier_country: str,
    country: CountryEffect,
    identifier: Identifier | None,
    score: float,
    basis: Basis,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The explanation dict and the notes for one supplier name against one entry name."""
    notes: list[str] = [_basis_note(basis)]
    if basis.caution:
        notes.append(basis.caution)
    if entry.kind in (EntryKind.VESSEL, EntryKind.AIRCRAFT) and identifier is None:
        notes.append(f"listed {entry.kind.value}: the supplier's name names one or runs one")
    matched: list[dict[str, Any]] = []
    folds: list[str] = []
    used_query: set[int] = set()
    used_candidate: set[int] = set()
    for pair in name_score.pairs:
        mine = _words(query, pair.query_start, pair.query_stop)
        theirs = _words(candidate, pair.candidate_start, pair.candidate_stop)
        used_query.update(range(pair.query_start, pair.query_stop))
        used_candidate.update(range(pair.candidate_start, pair.candidate_stop))
        weight = sum(candidate.weights[pair.candidate_start : pair.candidate_stop])
        matched.append(
            {
                "supplier": mine,
                "entry": theirs,
                "how": pair.how.value,
                "similarity": round(pair.similarity, 3),
                "weight": round(weight, 2),
            }
        )
        if pair.how is How.ROMANISATION:
            folds.append(f"{mine}~{theirs}")
            notes.append(f"romanisation {mine.title()} ~ {theirs.title()}")
        elif pair.how is How.TYPO:
            notes.append(f"spelling {mine.title()} ~ {theirs.title()}")
        elif pair.how is How.SHORT_FORM:
            notes.append(f"short form {mine.title()} ~ {theirs.title()}")
        elif pair.how is How.JOINED:
            if mine != theirs:  # equal words paired as one span say nothing to a reviewer
                notes.append(f"written together {mine.title()} ~ {theirs.title()}")
        elif mine != query.tokens[pair.query_start] and pair.query_stop - pair.query_start == 1:
            notes.append(f"{mine.title()} read as {query.tokens[pair.query_start].title()}")
    missing = [j for j in range(len(candidate.tokens)) if j not in used_candidate]
    extra = [i for i in range(len(query.tokens)) if i not in used_query]
    notable = [
        candidate.tokens[j] for j in missing if candidate.weights[j] >= NOTABLE_MISSING_WEIGHT
    ]
    if notable:
        notes.append(f"not in supplier name: {', '.join(notable)}")
    if extra:
        notes.append(f"not in listed name: {', '.join(query.tokens[i] for i in extra)}")
    acronym = _acronym(candidate)
    if acronym:
        notes.append(f"acronym {acronym}")
    legal_note = _legal_form_note(query, candidate)
    if legal_note:
        notes.append(legal_note)
    if query.form.scripts:
        notes.append(f"transliterated from {', '.join(query.form.scripts)}")
    if query.form.mended:
        notes.append(f"words read apart or together: {', '.join(query.form.mended).upper()}")
    if country.result is CountryResult.MATCH:
        notes.append(f"country {supplier_country.upper()} matches")
    elif country.result is CountryResult.CONFLICT:
        notes.append(f"country {supplier_country.upper()} not among {', '.join(entry.countries)}")
    if identifier is not None:
        notes.append(f"identifier {identifier.kind.value.upper()} {identifier.value} matches")
    explanation: dict[str, Any] = {
        "score": round(score, 1),
        "kind": entry.kind.value,
        "basis": basis.as_dict(),
        "name_similarity": round(name_score.score, 1),
        "supplier_name": {
            "latin": query.form.latin,
            "scripts": list(query.form.scripts),
            "tokens": list(query.tokens),
        },
        "entry_name": {"latin": candidate.form.latin, "tokens": list(candidate.tokens)},
        "tokens": {
            "matched": matched,
            "missing_in_supplier": [
                {"token": candidate.tokens[j], "weight": round(candidate.weights[j], 2)}
                for j in missing
            ],
            "extra_in_supplier": [
                {"token": query.tokens[i], "weight": round(query.weights[i], 2)} for i in extra
            ],
        },
        "romanisation": folds,
        "transliteration": (
            {"from": list(query.form.scripts), "latin": query.form.latin}
            if query.form.scripts
            else None
        ),
        "acronym": acronym,
        # words as written that were cut in two or joined to read the name (names.mend,
        # matching.mending): the match rests on that reading
        "mended": list(query.form.mended),
        "legal_form": {
            "supplier": _legal_forms(query.form.legal_forms),
            "entry": _legal_forms(candidate.form.legal_forms),
        },
        "country": {
            "supplier": supplier_country.upper(),
            "entry": list(entry.countries),
            "result": country.result.value,
            "adjustment": country.adjustment,
        },
        "identifier": (
            {"kind": identifier.kind.value, "value": identifier.value, "result": "match"}
            if identifier is not None
            else None
        ),
    }
    return explanation, tuple(notes)
