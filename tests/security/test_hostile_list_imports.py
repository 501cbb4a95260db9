"""Hostile list files sent to the admin import: entity expansion (billion laughs), external
entities pointing at a local file (XXE), and files cut short. Each is refused with a 4xx that
names the file, nothing of the local file leaks, and the version in use keeps serving.

The files are the bundled publishers' files, altered here: a real list with one poisoned part.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from listfiles import read_bundled
from support.serving import OPERATOR_KEY, Api

UN_FILE = "consolidated.xml"
MANSUDAE = {"ref": "V-1", "name": "Mansudae Overseas Project Group of Companies"}


def billion_laughs(root: str) -> str:
    """A DOCTYPE whose last entity expands to 10^9 copies of "lol"."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def un_xml_with(doctype: str, first_name: str) -> bytes:
    """The bundled UN list with a DOCTYPE and its first individual's name replaced."""
    text = read_bundled("un-sc")[UN_FILE].decode("utf-8")
    declaration, body = text.split("?>", 1)
    body = body.replace(
        "<FIRST_NAME>ERIC</FIRST_NAME>", f"<FIRST_NAME>{first_name}</FIRST_NAME>", 1
    )
    return f"{declaration}?>{doctype}{body}".encode()


def uk_xlsx_with_laughs() -> bytes:
    """The bundled UK workbook with the billion laughs inside its worksheet XML."""
    source = zipfile.ZipFile(io.BytesIO(read_bundled("uk-ofsi")["ConList.xlsx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                declaration, body = part.split(b"?>", 1)
                body = body.replace(b"<v>", b"<v>&lol9;", 1)
                part = declaration + b"?>" + billion_laughs("worksheet").encode() + body
            target.writestr(info, part)
    return out.getvalue()


def cut_at_line(data: bytes) -> bytes:
    """The first half of a CSV file, ending on a whole line: it still parses."""
    return data[: data.index(b"\r\n", len(data) // 2) + 2]


def ofac_cons_with(name: str, cut: Callable[[bytes], bytes]) -> dict[str, bytes]:
    files = read_bundled("us-ofac-cons")
    return {**files, name: cut(files[name])}


@pytest.fixture(scope="module")
def local_secret(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A real file on the server's disk that an external entity tries to read."""
    content = f"local-secret-{secrets.token_hex(12)}"
    path = tmp_path_factory.mktemp("server-disk") / "secret.txt"
    path.write_text(content, encoding="utf-8")
    return path, content


HostileFiles = Callable[[Path], tuple[str, dict[str, bytes]]]  # a local file -> list, files


def xxe(path: Path) -> str:
    return f'<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>'


def parameter_xxe(path: Path) -> str:
    return f'<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY % ext SYSTEM "{path.as_uri()}"> %ext;]>'


QUADRATIC = f'<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY big "{"x" * 100_000}">]>'

# Built only when their test runs: each is a whole list file.
HOSTILE: dict[str, HostileFiles] = {
    "billion laughs in the UN XML": lambda _: (
        "un-sc",
        {UN_FILE: un_xml_with(billion_laughs("CONSOLIDATED_LIST"), "&lol9;")},
    ),
    "quadratic blowup in the UN XML": lambda _: (
        "un-sc",
        {UN_FILE: un_xml_with(QUADRATIC, "&big;" * 10_000)},
    ),
    "external entity (file://) in the UN XML": lambda path: (
        "un-sc",
        {UN_FILE: un_xml_with(xxe(path), "&xxe;")},
    ),
    "external parameter entity in the UN XML": lambda path: (
        "un-sc",
        {UN_FILE: un_xml_with(parameter_xxe(path), "ERIC")},
    ),
    "UN XML cut in half": lambda _: (
        "un-sc",
        {UN_FILE: read_bundled("un-sc")[UN_FILE][:1_000_000]},
    ),
    "billion laughs in the UK workbook": lambda _: (
        "uk-ofsi",
        {"ConList.xlsx": uk_xlsx_with_laughs()},
    ),
    "UK workbook cut in half": lambda _: (
        "uk-ofsi",
        {"ConList.xlsx": read_bundled("uk-ofsi")["ConList.xlsx"][:1_000_000]},
    ),
    "OFAC CSV cut mid-line": lambda _: (
        "us-ofac-cons",
        ofac_cons_with("cons_prim.csv", lambda data: data[: len(data) // 2]),
    ),
    "OFAC CSV cut at a line break": lambda _: (
        "us-ofac-cons",
        ofac_cons_with("cons_prim.csv", cut_at_line),
    ),
    "OFAC alias CSV cut at a line break": lambda _: (
        "us-ofac-cons",
        ofac_cons_with("cons_alt.csv", cut_at_line),
    ),
}


def serving_state(api: Api, list_id: str) -> tuple[Any, Any]:
    lists = api.get("/v1/lists", OPERATOR_KEY).json()
    versions = api.get(f"/v1/lists/{list_id}/versions", OPERATOR_KEY).json()
    return lists, versions


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_list_file_is_refused_and_the_old_version_keeps_serving(
    api: Api, local_secret: tuple[Path, str], case: str
) -> None:
    list_id, files = HOSTILE[case](local_secret[0])
    before = serving_state(api, list_id)

    response = api.post(
        f"/v1/admin/lists/{list_id}",
        OPERATOR_KEY,
        files=[("files", (name, data)) for name, data in files.items()],
    )

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "list_format"
    assert error["details"]["file"] in files
    assert "keeps serving" in error["message"]
    assert local_secret[1] not in response.text
    assert serving_state(api, list_id) == before
    screened = api.screen(OPERATOR_KEY, MANSUDAE).json()["results"][0]
    assert ("un-sc", "KPe.050") in {(m["list"], m["source_id"]) for m in screened["matches"]}
    assert api.client.get("/healthz").status_code == 200
