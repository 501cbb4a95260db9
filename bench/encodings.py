"""How CSVs in the Korean, Chinese and Japanese legacy encodings are read: right, refused or
misread, by the number of names in the file; and how long a 100,000-row CP949 file takes.

    .venv/bin/python -m bench.encodings [--trials 200] [--shared ../shared]

Files are made in memory from real names: the Korea Exchange and China A-share lists of the
shared data (SCREENING_TEST_SHARED, default <repo>/../shared), and Japanese company names written
here. A "misread" is a file read without error whose names differ from those written: the one
outcome the reader must never give.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import time
from collections import Counter
from pathlib import Path

from screening.ingest import UnreadableFileError, read_suppliers

REPOSITORY = Path(__file__).resolve().parent.parent
JAPANESE = [
    "株式会社東芝",
    "トヨタ自動車株式会社",
    "ソニーグループ株式会社",
    "三菱商事株式会社",
    "日立製作所",
    "パナソニック株式会社",
    "丸紅株式会社",
    "伊藤忠商事",
    "住友化学株式会社",
    "日本製鉄株式会社",
    "キヤノン株式会社",
    "任天堂株式会社",
]
SIZES = (1, 2, 3, 5, 10, 30, 300)


def korea_names(shared: Path) -> list[str]:
    text = (shared / "real_suppliers" / "kr_krx_codes_2018.csv").read_bytes().decode("utf-8-sig")
    return [line.split(",")[0] for line in text.splitlines()[1:] if line]


def china_names(shared: Path) -> list[str]:
    path = shared / "real_suppliers" / "cn_ashare_stock_basic.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


def encodable(names: list[str], encoding: str) -> list[str]:
    kept = []
    for name in names:
        try:
            name.encode(encoding)
        except UnicodeEncodeError:
            continue
        kept.append(name)
    return kept


def outcome(names: list[str], heading: str, encoding: str) -> str:
    lines = [f"{heading},code", *(f"{name},{n}" for n, name in enumerate(names))]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    try:
        result = read_suppliers(data, "bench.csv")
    except UnreadableFileError:
        return "refused"
    return "right" if [row.supplier.name for row in result.rows] == names else "misread"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="files per encoding and size")
    default_shared = os.environ.get("SCREENING_TEST_SHARED") or str(REPOSITORY.parent / "shared")
    parser.add_argument("--shared", type=Path, default=Path(default_shared))
    args = parser.parse_args()
    korea, china = korea_names(args.shared), china_names(args.shared)
    corpora = (
        ("CP949 (Korea Exchange names)", "cp949", korea, "회사명"),
        ("GB18030 (China A-share names)", "gb18030", china, "公司名称"),
        ("Big5 (China A-share names in Big5)", "cp950", encodable(china, "cp950"), "公司名稱"),
        ("Shift-JIS (Japanese names)", "cp932", JAPANESE, "会社名"),
    )
    randomness = random.Random(15)
    print("| encoding | names per file | right | refused | misread |")
    print("| --- | --- | --- | --- | --- |")
    for label, encoding, names, heading in corpora:
        for size in SIZES:
            if size > len(names):
                continue
            trials = args.trials if size < 100 else max(1, args.trials // 10)
            counts = Counter(
                outcome(randomness.sample(names, size), heading, encoding) for _ in range(trials)
            )
            print(
                f"| {label} | {size} | {counts['right']} | {counts['refused']} | "
                f"{counts['misread']} |"
            )
    rows = [randomness.choice(korea) for _ in range(100_000)]
    text = "name,code\r\n" + "".join(f"{name},{n}\r\n" for n, name in enumerate(rows))
    for encoding in ("cp949", "utf-8"):
        data = text.encode(encoding)
        started = time.perf_counter()
        result = read_suppliers(data, "bench.csv")
        seconds = time.perf_counter() - started
        print(f"100,000 rows in {encoding}: {len(result.rows):,} read in {seconds:.2f} s")
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
