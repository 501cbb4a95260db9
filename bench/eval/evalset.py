"""The evaluation sets: which seed and half each uses, and where they are made and cached.

Two sets, both made at run time from the lists in the shared data directory and never
committed (renderings of listed names are derivatives of the publishers' files):

- `dev`: seed 20260227, the first half of the designations and of the split negative
  families. The engine's author may read its rows and misses.
- `heldout`: seed 4111, the other half. Only its figures are read; `bench.evaluate` refuses to
  list its rows.

A set is written to bench/out/eval/<set>/ (gitignored) as positives.csv and negatives.csv, with a
fingerprint of everything it was made from (list files, real supplier files, the generator's own
code and data, the seed); a set whose fingerprint still holds is read back instead of made again.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.eval import families, generate, negatives, sources
from bench.eval.generate import Generator, Row
from bench.eval.negatives import Negative
from screening.watchlist.model import ListSnapshot

HERE = Path(__file__).resolve().parent
OUT = sources.REPO_ROOT / "bench" / "out" / "eval"
FIRST_FAMILIES = tuple(generate.FAMILY_SIZES)  # issue 6: asserted by tests/test_matching_eval.py
WIDENED_FAMILIES = tuple(families.FAMILY_SIZES)  # issue 15: measured and reported
POSITIVE_COLUMNS = (
    "id", "family", "name", "country", "registration_id", "date_of_birth", "nationality",
    "evidence", "variant", "expected", "base_name", "base_entry",
)  # fmt: skip
NEGATIVE_COLUMNS = ("id", "family", "name", "country", "date_of_birth", "nationality", "note")


@dataclass(frozen=True, slots=True)
class SetSpec:
    name: str
    seed: int
    half: int  # which half of the designations and split negatives the set uses


SETS = {
    "dev": SetSpec("dev", generate.SEED, 0),
    "heldout": SetSpec("heldout", 4111, 1),
}


@dataclass(frozen=True, slots=True)
class SetFiles:
    positives: Path
    negatives: Path


def make_positives(generator: Generator, spec: SetSpec) -> list[Row]:
    """The first families (all designations, as issue 6 made them) and the widened ones (this
    set's half). `generator` must have been made with `spec.seed`."""
    return generator.generate() + families.Widener(generator, spec.seed, spec.half).generate()


def make_negatives(generator: Generator, spec: SetSpec) -> list[Negative]:
    return (
        negatives.hand_written(generator, spec.half)
        + negatives.short_real(generator, sources.real_companies(), spec.seed, spec.half)
        + negatives.shared_family_names(generator, spec.seed, spec.half)
    )


def fingerprint(spec: SetSpec) -> str:
    digest = hashlib.sha256(f"{spec}".encode())
    digest.update(sources.lists_fingerprint().encode())
    digest.update(sources.real_suppliers_fingerprint().encode())
    for path in sorted(HERE.glob("*.py")) + sorted(HERE.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_set(
    spec: SetSpec,
    snapshots: Sequence[ListSnapshot] | None = None,
    out: Path = OUT,
    regenerate: bool = False,
) -> SetFiles:
    """The set's files, made now unless a cached copy with the same fingerprint exists."""
    folder = out / spec.name
    files = SetFiles(folder / "positives.csv", folder / "negatives.csv")
    stamp = folder / "fingerprint"
    wanted = fingerprint(spec)
    if (
        not regenerate
        and stamp.is_file()
        and stamp.read_text().strip() == wanted
        and files.positives.is_file()
        and files.negatives.is_file()
    ):
        return files
    generator = Generator(list(snapshots or sources.load_snapshots()), spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    write_positives(files.positives, make_positives(generator, spec))
    write_negatives(files.negatives, make_negatives(generator, spec))
    stamp.write_text(wanted + "\n")
    return files


def write_positives(path: Path, rows: Sequence[Row]) -> None:
    _write(
        path,
        POSITIVE_COLUMNS,
        (
            (
                row.family, row.name, row.country, row.registration_id, row.date_of_birth,
                row.nationality, row.evidence, row.variant, ";".join(row.expected),
                row.base_name, row.base_entry,
            )
            for row in rows
        ),
    )  # fmt: skip


def write_negatives(path: Path, rows: Sequence[Negative]) -> None:
    _write(
        path,
        NEGATIVE_COLUMNS,
        (
            (row.family, row.name, row.country, row.date_of_birth, row.nationality, row.note)
            for row in rows
        ),
    )


def _write(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A CSV with a header and an `id` (1, 2, ...) before each row's values."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for number, values in enumerate(rows, 1):
            writer.writerow([number, *values])


def summary(files: SetFiles) -> str:
    with files.positives.open(newline="", encoding="utf-8") as handle:
        positive = Counter(row["family"] for row in csv.DictReader(handle))
    with files.negatives.open(newline="", encoding="utf-8") as handle:
        negative = Counter(row["family"] for row in csv.DictReader(handle))
    return (
        f"{sum(positive.values())} renderings {dict(positive)}; "
        f"{sum(negative.values())} clean names {dict(negative)}"
    )
