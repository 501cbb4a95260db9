"""Write tests/data/ConList.csv: a CSV twin of part of the bundled UK OFSI ConList.xlsx.

OFSI publishes the same table as ConList.xlsx and ConList.csv (row 1 "Last Updated", row 2
the headers, then one row per name variant). Only the xlsx is bundled, so this script
derives a CSV with the same layout from it, keeping every row of the chosen designations:

- every designation with a row under the regime "Democratic People's Republic of Korea";
- every designation with a name written in Chinese (Han) or Korean (Hangul) script;
- the first 20 designations, in file order, with a name written in Cyrillic.

Run from the repository root:  .venv/bin/python tests/data/make_uk_csv_twin.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from screening.watchlist.scripts import detect_script

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE = REPO_ROOT / "lists" / "uk_ofsi" / "ConList.xlsx"
TARGET = Path(__file__).resolve().parent / "ConList.csv"
DPRK_REGIME = "Democratic People's Republic of Korea"
CYRILLIC_GROUPS = 20


def _text(value: object) -> str:
    return "" if value is None else str(value)


def main() -> None:
    workbook = load_workbook(SOURCE, read_only=True, data_only=True)
    rows = [
        tuple(_text(v) for v in values) for values in workbook["Data"].iter_rows(values_only=True)
    ]
    workbook.close()
    last_updated, header, data = rows[0], rows[1], rows[2:]
    column = {name: index for index, name in enumerate(header)}
    chosen: set[str] = set()
    cyrillic: list[str] = []
    for row in data:
        group = row[column["Group ID"]]
        script = detect_script(row[column["Name Non-Latin Script"]])
        if row[column["Regime"]] == DPRK_REGIME or script in {"Han", "Hangul"}:
            chosen.add(group)
        elif script == "Cyrillic" and group not in cyrillic and len(cyrillic) < CYRILLIC_GROUPS:
            cyrillic.append(group)
    chosen.update(cyrillic)
    with TARGET.open("w", encoding="utf-8", newline="") as output:
        writer = csv.writer(output, lineterminator="\r\n")
        writer.writerow(last_updated)
        writer.writerow(header)
        writer.writerows(row for row in data if row[column["Group ID"]] in chosen)
    print(f"{TARGET.relative_to(REPO_ROOT)}: {len(chosen)} designations")


if __name__ == "__main__":
    main()
