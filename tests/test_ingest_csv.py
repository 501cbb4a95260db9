"""CSV supplier files: encoding and separator are found from the content."""

from __future__ import annotations

import codecs
from pathlib import Path

from screening.ingest import IngestResult, read_suppliers
from screening.ingest.csv_text import decode_csv_bytes, detect_delimiter, single_byte_encoding

SUPPLIERS = Path(__file__).resolve().parent / "data" / "suppliers"


def read(name: str) -> IngestResult:
    return read_suppliers((SUPPLIERS / name).read_bytes(), name)


def test_windows_1251_semicolon_csv_is_read_as_russian_text() -> None:
    result = read("suppliers_cp1251_semicolon.csv")
    assert (result.encoding, result.delimiter) == ("cp1251", ";")
    names = [row.supplier.name for row in result.rows]
    assert "ООО Ромашка" in names
    assert "ИП Ёлкин Пётр Семёнович" in names


def test_title_line_above_the_csv_headings_is_skipped() -> None:
    result = read("suppliers_cp1251_semicolon.csv")
    assert result.sheets[0].header_row == 3
    assert result.sheets[0].headers[1] == "Наименование контрагента"


def test_windows_1252_csv_keeps_its_accented_letters() -> None:
    result = read("suppliers_cp1252_semicolon.csv")
    assert result.encoding == "cp1252"
    assert [row.supplier.name for row in result.rows][:2] == [
        "Société Générale d'Équipement",
        "Müller & Söhne GmbH",
    ]


def test_utf16_tab_separated_csv_with_korean_headings() -> None:
    result = read("suppliers_utf16_tab.csv")
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert result.rows[0].supplier.name == "한빛건설 주식회사"
    assert result.rows[0].supplier.country == "KR"


def test_utf8_with_byte_order_mark_and_chinese_headings() -> None:
    result = read("suppliers_utf8_bom.csv")
    assert result.encoding == "utf-8-sig"
    first = result.rows[0].supplier
    assert (first.name, first.country, first.registration_id) == (
        "丹东华信贸易有限公司",
        "CN",
        "91210600MA0000001X",
    )


def test_utf16_without_byte_order_mark_is_recognised() -> None:
    data = "Supplier Name;Country\r\nАльфа;Россия\r\n".encode("utf-16-le")
    assert decode_csv_bytes(data).encoding == "utf-16-le"


def test_russian_bytes_are_guessed_as_windows_1251() -> None:
    assert (
        single_byte_encoding("Поставщик;Страна\nООО Ромашка;Россия\n".encode("cp1251")) == "cp1251"
    )


def test_french_bytes_are_guessed_as_windows_1252() -> None:
    text = "Fournisseur;Pays\nSociété Générale à Paris;France\n"
    assert single_byte_encoding(text.encode("cp1252")) == "cp1252"


def test_utf8_without_bom_is_utf8() -> None:
    assert decode_csv_bytes("Наименование\nООО Ромашка\n".encode()).encoding == "utf-8"


def test_byte_order_mark_decides_over_content() -> None:
    decoded = decode_csv_bytes(codecs.BOM_UTF8 + b"Name\nAcme\n")
    assert decoded.text.startswith("Name")


def test_separator_with_the_most_consistent_columns_wins() -> None:
    text = "Name;Country;Address\nAcme, Ltd;GB;1 High St, Leeds\nBeta;DE;Berlin\n"
    assert detect_delimiter(text) == ";"


def test_commas_inside_quotes_do_not_confuse_the_separator() -> None:
    text = 'Name,Country\n"Acme; Beta, Ltd",GB\n"Gamma; Delta",DE\n'
    assert detect_delimiter(text) == ","


def test_undecodable_bytes_are_reported_not_fatal() -> None:
    data = b"Name;Country\n" + b"Caf\xe9 \xff\xfe Ltd;FR\n" + b"Beta;DE\n"
    result = read_suppliers(data, "broken.csv")
    assert len(result.rows) == 2
