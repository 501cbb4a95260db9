"""Format ids of lists/sources.toml -> the loader that reads that format, and its extra checks.

A loader is a pure function from the publisher's files (name -> bytes) to a ParsedList. Adding a
format is one line here and a `[[lists.<id>.formats]]` block in lists/sources.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from screening.watchlist import (
    au_dfat,
    ca_sema,
    curated,
    eu_fsf,
    ofac,
    ofac_enhanced_xml,
    ofac_xml,
    uk,
    uk_sanctions_list,
    un,
)
from screening.watchlist.model import ParsedList

Loader = Callable[[Mapping[str, bytes]], ParsedList]
# Checks a file set must pass before it may replace a serving version, besides parsing; each
# returns the problems found ("" none). Formats without one have nothing more to check.
ConsistencyCheck = Callable[[Mapping[str, bytes]], tuple[str, ...]]

LOADERS: Mapping[str, Loader] = {
    "ofac-sdn-enhanced-xml": ofac_enhanced_xml.load_ofac_sdn_enhanced,
    "ofac-sdn-xml": ofac_xml.load_ofac_sdn_xml,
    "ofac-sdn-csv": ofac.load_ofac_sdn,
    "ofac-cons-enhanced-xml": ofac_enhanced_xml.load_ofac_cons_enhanced,
    "ofac-cons-xml": ofac_xml.load_ofac_cons_xml,
    "ofac-cons-csv": ofac.load_ofac_cons,
    "un-sc-xml": un.load_un_consolidated,
    "uk-sanctions-list-csv": uk_sanctions_list.load_uk_sanctions_list_csv,
    "uk-sanctions-list-xml": uk_sanctions_list.load_uk_sanctions_list_xml,
    "uk-ofsi-xlsx": uk.load_uk_ofsi,
    "uk-ofsi-csv": uk.load_uk_ofsi,
    "eu-fsf-xml": eu_fsf.load_eu_fsf_xml,
    "au-dfat-xlsx": au_dfat.load_au_dfat,
    "ca-sema-xml": ca_sema.load_ca_sema,
    "dprk-labour-toml": curated.load_dprk_labour,
}

CONSISTENCY_CHECKS: Mapping[str, ConsistencyCheck] = {
    "ofac-sdn-csv": ofac.sdn_set_problems,
    "ofac-cons-csv": ofac.cons_set_problems,
}


def loader(format_id: str) -> Loader:
    return LOADERS[format_id]


def consistency_problems(format_id: str, files: Mapping[str, bytes]) -> tuple[str, ...]:
    check = CONSISTENCY_CHECKS.get(format_id)
    return check(files) if check is not None else ()
