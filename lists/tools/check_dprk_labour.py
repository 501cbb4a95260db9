"""Check the curated data against the official files it quotes.

    .venv/bin/python lists/tools/check_dprk_labour.py [--mirror DIR] [--domain-notes DOMAIN.md]

Checks lists/dprk-labour.toml and lists/host-risk.toml against the official files of a mirror
laid out `<mirror>/<list-id>/<file>` (default: $SCREENING_TEST_SHARED/watchlists, the shared
folder beside the checkout, as the test suite reads it):
- every ref names a real entry of the mirror's OFAC, UN or UK file;
- every quote appears verbatim (whitespace runs compare equal) in the cited official entry's
  published record (remarks, names, title, program) or in the cited named source's excerpt;
- every address basis is an address country the official entry really has;
- every host country of a curated entry is an address country of an official entry it refers to
  or cites, or is named in one of its quotes;
- every Latin-script alias is a name the referenced official entries use; every curated name is
  the name of one of its refs (non-Latin aliases come from press releases, see the TOML);
- every curated sector is a sector of host-risk.toml;
- with --domain-notes, every named source's excerpt appears verbatim in the project domain notes.

The official files are read here with the standard library and openpyxl, independently of the
product's loaders, so a loader bug cannot hide a wrong quote. Exit status 1 when anything fails.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook
from rigour.territories import get_territory, lookup_territory

LISTS_DIR = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCREENING_TEST_SHARED", str(LISTS_DIR.parents[1] / "shared")))
DEFAULT_MIRROR = SHARED / "watchlists"
Key = tuple[str, str]
_OFAC_REMARKS_LIMIT = 1000  # sdn.csv cuts Remarks here; sdn_comments.csv carries the rest


@dataclass
class Record:
    """What an official file publishes about one entry, as text a quote can be looked up in."""

    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # remarks, title, program, ...
    address_countries: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return collapse("\n".join([*self.names, *self.texts]))


def collapse(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------
# Reading the official files


def _ofac_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes().decode("utf-8", errors="replace").rstrip("\x1a")
    rows = list(csv.reader(io.StringIO(raw)))
    return [[value.strip() if value.strip() != "-0-" else "" for value in row] for row in rows]


def in_folder(folder: Path, name: str) -> Path:
    """The file of that name in `folder`, compared case-insensitively (SDN.CSV is sdn.csv)."""
    for path in folder.iterdir():
        if path.name.casefold() == name.casefold():
            return path
    raise FileNotFoundError(folder / name)


def read_ofac(folder: Path, prefix: str, list_id: str) -> dict[Key, Record]:
    main = "sdn.csv" if prefix == "" else "cons_prim.csv"
    alt, add, comments = (
        ("alt.csv", "add.csv", "sdn_comments.csv")
        if prefix == ""
        else ("cons_alt.csv", "cons_add.csv", "cons_comments.csv")
    )
    records: dict[Key, Record] = {}
    overflow = {row[0]: row[1] for row in _ofac_rows(in_folder(folder, comments)) if len(row) > 1}
    for row in _ofac_rows(in_folder(folder, main)):
        if len(row) < 12:
            continue
        ent_num, name, _type, program, title = row[:5]
        remarks = row[11]
        if len(remarks) >= _OFAC_REMARKS_LIMIT and ent_num in overflow:
            remarks += overflow[ent_num]
        records[(list_id, ent_num)] = Record(names=[name], texts=[title, program, remarks])
    for row in _ofac_rows(in_folder(folder, alt)):
        if len(row) > 3 and (list_id, row[0]) in records:
            records[(list_id, row[0])].names.append(row[3])
    for row in _ofac_rows(in_folder(folder, add)):
        if len(row) > 4 and (list_id, row[0]) in records and row[4]:
            records[(list_id, row[0])].address_countries.append(row[4])
    return records


def read_un(path: Path) -> dict[Key, Record]:
    root = fromstring(path.read_bytes())
    records: dict[Key, Record] = {}
    for element in root.iter():
        if element.tag not in ("INDIVIDUAL", "ENTITY"):
            continue
        reference = (element.findtext("REFERENCE_NUMBER") or "").strip()
        parts = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        name = " ".join(t for part in parts if (t := (element.findtext(part) or "").strip()))
        record = Record(
            names=[name],
            texts=[(element.findtext("COMMENTS1") or ""), (element.findtext("UN_LIST_TYPE") or "")],
        )
        for child in element:
            if child.tag.endswith("_ALIAS"):
                record.names.append((child.findtext("ALIAS_NAME") or "").strip())
            if child.tag.endswith("_ADDRESS"):
                country = (child.findtext("COUNTRY") or "").strip()
                if country:
                    record.address_countries.append(country)
        records[("un-sc", reference)] = record
    return records


def read_uk(path: Path) -> dict[Key, Record]:
    workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    next(rows)  # "Last Updated"
    header = [str(cell) for cell in next(rows)]
    records: dict[Key, Record] = defaultdict(Record)
    for values in rows:
        row = dict(zip(header, values, strict=False))
        group = str(row.get("Group ID") or "").strip()
        if not group:
            continue
        record = records[("uk-ofsi", group)]
        parts = [str(row[f"Name {i}"]).strip() for i in (1, 2, 3, 4, 5, 6) if row.get(f"Name {i}")]
        record.names.append(" ".join(parts))
        if row.get("Name Non-Latin Script"):
            record.names.append(str(row["Name Non-Latin Script"]))
        for column in ("Other Information", "Regime"):
            if row.get(column) and str(row[column]) not in record.texts:
                record.texts.append(str(row[column]))
        if row.get("Country"):
            record.address_countries.append(str(row["Country"]).strip())
    workbook.close()
    return dict(records)


def read_official_records(mirror: Path = DEFAULT_MIRROR) -> dict[Key, Record]:
    records: dict[Key, Record] = {}
    records.update(read_ofac(mirror / "us-ofac-sdn", "", "us-ofac-sdn"))
    records.update(read_ofac(mirror / "us-ofac-cons", "cons_", "us-ofac-cons"))
    records.update(read_un(in_folder(mirror / "un-sc", "consolidated.xml")))
    records.update(read_uk(in_folder(mirror / "uk-ofsi", "ConList.xlsx")))
    return records


# ------------------------------------------------------------------------------------------------
# Checks


def official_key(source: str) -> Key | None:
    list_id, _, source_id = source.strip().partition(" ")
    if list_id in ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi") and source_id:
        return (list_id, source_id)
    return None


def _quote_found(
    quote: str, source: str, records: Mapping[Key, Record], excerpts: Mapping[str, str]
) -> str | None:
    """None when the quote is verbatim in its source, else what is wrong."""
    key = official_key(source)
    if key is not None:
        record = records.get(key)
        if record is None:
            return f"cites {source}, which is not in the official files"
        if collapse(quote) not in record.text:
            return f"quote not found verbatim in {source}: {quote!r}"
        return None
    excerpt = excerpts.get(source)
    if excerpt is None:
        return f"cites unknown source {source!r}"
    if collapse(quote) not in collapse(excerpt):
        return f"quote not found verbatim in source {source!r}: {quote!r}"
    return None


def _country_codes_named(texts: Iterable[str]) -> set[str]:
    """ISO-2 codes of the countries named in the texts, by fragment and word suffix."""
    codes: set[str] = set()
    for text in texts:
        for fragment in re.split(r"[,;()]| and |\n", text):
            words = fragment.split()
            for start in range(len(words)):
                territory = lookup_territory(" ".join(words[start:]))
                if territory is not None:
                    codes.add(territory.code.upper())
    return codes


def check_labour_list(
    labour_data: bytes, host_risk_data: bytes, records: Mapping[Key, Record]
) -> list[str]:
    labour = tomllib.loads(labour_data.decode("utf-8"))
    host_risk = tomllib.loads(host_risk_data.decode("utf-8"))
    sector_ids = {sector["id"] for sector in host_risk.get("sector", [])}
    excerpts = {key: value["excerpt"] for key, value in labour.get("sources", {}).items()}
    problems: list[str] = []
    for entry in labour.get("entry", []):
        where = f"dprk-labour {entry.get('id')} ({entry.get('name')})"
        refs = [(ref["list"], ref["source_id"]) for ref in entry.get("refs", [])]
        for key in refs:
            if key not in records:
                problems.append(f"{where}: ref {key[0]} {key[1]} is not in the official files")
        ref_records = [records[key] for key in refs if key in records]
        ref_names = {collapse(n).casefold() for record in ref_records for n in record.names}
        ref_text = "\n".join(record.text for record in ref_records).casefold()
        if ref_records and collapse(entry["name"]).casefold() not in ref_names:
            problems.append(f"{where}: name is not a name of its refs")
        # An entry awaiting its official record has no refs yet: its aliases must be in its
        # quotes (each checked verbatim in its source below).
        quoted = "\n".join(collapse(item["quote"]) for item in entry.get("evidence", []))
        alias_text = ref_text if refs else quoted.casefold()
        for alias in entry.get("aliases", []):
            if alias.isascii() and collapse(alias).casefold() not in alias_text:
                problems.append(f"{where}: alias {alias!r} is not used by its refs or quotes")

        evidence = entry.get("evidence", [])
        if not evidence:
            problems.append(f"{where}: no evidence")
        cited_records = list(ref_records)
        for item in evidence:
            problem = _quote_found(item["quote"], item["source"], records, excerpts)
            if problem:
                problems.append(f"{where}: {problem}")
            cited = official_key(item["source"])
            if cited is not None and cited in records:
                cited_records.append(records[cited])

        supported = {
            territory.code.upper()
            for record in cited_records
            for country in record.address_countries
            if (territory := lookup_territory(country)) is not None
        }
        supported |= _country_codes_named(item["quote"] for item in evidence)
        for code in entry.get("host_countries", []):
            if code not in supported:
                problems.append(f"{where}: host country {code} has no address or quote behind it")
        for sector in entry.get("sectors", []):
            if sector not in sector_ids:
                problems.append(f"{where}: sector {sector!r} is not in host-risk.toml")
    return problems


def check_host_risk(host_risk_data: bytes, records: Mapping[Key, Record]) -> list[str]:
    host_risk = tomllib.loads(host_risk_data.decode("utf-8"))
    excerpts = {key: value["excerpt"] for key, value in host_risk.get("sources", {}).items()}
    problems: list[str] = []
    items = [("country", c.get("code"), c) for c in host_risk.get("country", [])]
    items += [("sector", s.get("id"), s) for s in host_risk.get("sector", [])]
    for kind, name, table in items:
        where = f"host-risk {kind} {name}"
        if kind == "country" and get_territory(str(name).lower()) is None:
            problems.append(f"{where}: not an ISO 3166-1 country code")
        for basis in table.get("basis", []):
            source = basis["source"]
            if basis.get("quote"):
                problem = _quote_found(basis["quote"], source, records, excerpts)
                if problem:
                    problems.append(f"{where}: {problem}")
            if basis.get("address"):
                key = official_key(source)
                record = records.get(key) if key else None
                if record is None:
                    problems.append(f"{where}: address basis cites unknown entry {source}")
                elif basis["address"] not in record.address_countries:
                    problems.append(f"{where}: {source} has no address in {basis['address']!r}")
    return problems


def check_excerpts(data: bytes, domain_notes: str, file: str) -> list[str]:
    """Every named source's excerpt, paragraph by paragraph, verbatim in the domain notes."""
    document = tomllib.loads(data.decode("utf-8"))
    notes = collapse(domain_notes.replace("\n- ", "\n"))
    problems = []
    for key, source in document.get("sources", {}).items():
        for paragraph in source["excerpt"].split("\n\n"):
            if collapse(paragraph) and collapse(paragraph) not in notes:
                problems.append(f"{file} [sources.{key}]: excerpt not verbatim in domain notes")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists-dir", type=Path, default=LISTS_DIR)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="<list-id>/<file>")
    parser.add_argument("--domain-notes", type=Path, help="path of DOMAIN.md to check excerpts")
    args = parser.parse_args(argv)
    labour_data = (args.lists_dir / "dprk-labour.toml").read_bytes()
    host_risk_data = (args.lists_dir / "host-risk.toml").read_bytes()
    records = read_official_records(args.mirror)
    problems = check_labour_list(labour_data, host_risk_data, records)
    problems += check_host_risk(host_risk_data, records)
    if args.domain_notes:
        notes = args.domain_notes.read_text(encoding="utf-8")
        problems += check_excerpts(labour_data, notes, "dprk-labour.toml")
        problems += check_excerpts(host_risk_data, notes, "host-risk.toml")
    for problem in problems:
        print(problem)
    entries = len(tomllib.loads(labour_data.decode("utf-8")).get("entry", []))
    print(
        f"{entries} curated entries checked against {len(records)} official records: "
        f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
