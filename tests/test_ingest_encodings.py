"""CSVs in the legacy encodings of Korea, China, Taiwan and Japan are read as their names, and a
file whose encoding cannot be told is refused, naming the file: nothing is read as mojibake.

The files are made at test time by encoding real names (the Korea and China exchange lists of
the shared data, and names written here) into temporary files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.ingest import ErrorCode, IngestResult, UnreadableFileError, read_suppliers
from shared_data import shared_file

KOREAN = "조선광선은행"
CHINESE = "朝鲜光鲜银行"
TRADITIONAL = "朝鮮光鮮銀行"
JAPANESE = ["株式会社東芝", "トヨタ自動車株式会社", "丸紅株式会社", "任天堂株式会社"]


def korea_exchange_names(count: int) -> list[str]:
    # The file's lines end in a lone CR; splitlines reads them as a CSV reader would.
    text = shared_file("real_suppliers", "kr_krx_codes_2018.csv").read_bytes().decode("utf-8-sig")
    return [line.split(",")[0] for line in text.splitlines()[1:] if line][:count]


def china_exchange_names(count: int, encoding: str) -> list[str]:
    path = shared_file("real_suppliers", "cn_ashare_stock_basic.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    return [name for name in names if _encodable(name, encoding)][:count]


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def write_csv(folder: Path, name: str, heading: str, names: list[str], encoding: str) -> Path:
    lines = [f"{heading},Country"] + [f"{supplier},KP" for supplier in names]
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def read(path: Path) -> IngestResult:
    return read_suppliers(path.read_bytes(), path.name)


def names_read(result: IngestResult) -> list[str]:
    return [row.supplier.name for row in result.rows]


def test_a_cp949_korean_csv_reads_its_hangul_names(tmp_path: Path) -> None:
    names = [KOREAN, *korea_exchange_names(40)]
    result = read(write_csv(tmp_path, "협력업체.csv", "업체명", names, "cp949"))
    assert result.encoding == "cp949"
    assert names_read(result) == names
    assert names_read(result)[0] == "조선광선은행"  # not Б¶ј±±¤ј±АєЗа
    assert result.errors == ()


def test_an_euc_kr_csv_is_read_as_cp949_its_superset(tmp_path: Path) -> None:
    names = [KOREAN, "대한무역투자진흥공사", "삼성전자 주식회사", "현대건설"]
    result = read(write_csv(tmp_path, "suppliers.csv", "회사명", names, "euc_kr"))
    assert (result.encoding, names_read(result)) == ("cp949", names)


def test_a_gb18030_chinese_csv_reads_its_names(tmp_path: Path) -> None:
    names = [CHINESE, "丹东华信贸易有限公司", *china_exchange_names(40, "gb18030")]
    result = read(write_csv(tmp_path, "供应商.csv", "供应商名称", names, "gb18030"))
    assert (result.encoding, names_read(result)) == ("gb18030", names)


def test_a_gbk_chinese_csv_is_read_as_gb18030_its_superset(tmp_path: Path) -> None:
    names = [CHINESE, *china_exchange_names(20, "gbk")]
    result = read(write_csv(tmp_path, "供应商.csv", "公司名称", names, "gbk"))
    assert (result.encoding, names_read(result)) == ("gb18030", names)


def test_a_big5_csv_reads_its_traditional_chinese_names(tmp_path: Path) -> None:
    names = [TRADITIONAL, "丹東華信貿易有限公司", *china_exchange_names(30, "big5")]
    result = read(write_csv(tmp_path, "供應商.csv", "供應商名稱", names, "big5"))
    assert (result.encoding, names_read(result)) == ("cp950", names)


def test_a_shift_jis_csv_reads_its_japanese_names(tmp_path: Path) -> None:
    result = read(write_csv(tmp_path, "仕入先.csv", "仕入先名", JAPANESE, "shift_jis"))
    assert (result.encoding, names_read(result)) == ("cp932", JAPANESE)


def test_a_short_file_that_reads_as_two_encodings_is_refused_naming_the_file(
    tmp_path: Path,
) -> None:
    # 名称 / 丹东 in GB18030 are also valid CP949 bytes (츰냔 / 덮땜): two names cannot tell.
    path = tmp_path / "dandong.csv"
    path.write_bytes("名称\r\n丹东\r\n".encode("gb18030"))
    with pytest.raises(UnreadableFileError) as refused:
        read(path)
    message = str(refused.value)
    assert message.startswith("dandong.csv: cannot tell which encoding")
    assert "GB18030" in message and "CP949" in message and "UTF-8" in message


def test_bytes_that_read_as_no_encoding_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(b"Name,Country\r\n" + bytes(range(0x80, 0x100)) * 2 + b",DE\r\n")
    with pytest.raises(UnreadableFileError, match=r"^noise\.csv: the text reads as no encoding"):
        read(path)


def test_a_damaged_byte_in_a_korean_file_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    names = [KOREAN, *korea_exchange_names(200)]
    path = write_csv(tmp_path, "damaged.csv", "업체명", names, "cp949")
    data = path.read_bytes()
    last_row = data.rindex(b"\r\n", 0, -2) + 2
    path.write_bytes(data[:last_row] + b"\xff" + data[last_row:])  # a stray byte before a name
    result = read(path)
    assert result.encoding == "cp949"
    assert names_read(result)[:200] == names[:200]
    assert names_read(result)[200] == "\ufffd" + names[200]
    assert [e.code for e in result.errors] == [ErrorCode.ENCODING]


def test_a_utf8_line_in_a_korean_file_is_read_as_utf8_and_reported(tmp_path: Path) -> None:
    names = korea_exchange_names(30)
    path = write_csv(tmp_path, "pasted.csv", "업체명", names, "cp949")
    path.write_bytes(path.read_bytes() + f"{KOREAN},KP\r\n".encode())
    result = read(path)
    assert names_read(result)[-1] == KOREAN
    assert [(e.code, e.row) for e in result.errors] == [(ErrorCode.ENCODING, 32)]


def test_a_western_file_that_no_double_byte_encoding_reads_stays_windows_1252(
    tmp_path: Path,
) -> None:
    names = ["Société Générale", "Müller & Söhne GmbH", "Señor Pérez S.A.", "Café Noir"]
    result = read(write_csv(tmp_path, "west.csv", "Supplier", names, "cp1252"))
    assert (result.encoding, names_read(result)) == ("cp1252", names)
