"""Supplier sheets (xlsx, CSV) to supplier rows: pure, bytes in, rows and row errors out."""

from screening.ingest.mapping import MappingError, MappingRequest, mapping_json, parse_mapping
from screening.ingest.model import (
    FIELDS,
    ErrorCode,
    IngestResult,
    InputRow,
    RowError,
    SheetMapping,
    SkippedRow,
    UnreadableFileError,
    supplier_json,
)
from screening.ingest.read import check_readable_kind, read_suppliers, sheet_names

__all__ = [
    "FIELDS",
    "ErrorCode",
    "IngestResult",
    "InputRow",
    "MappingError",
    "MappingRequest",
    "RowError",
    "SheetMapping",
    "SkippedRow",
    "UnreadableFileError",
    "check_readable_kind",
    "mapping_json",
    "parse_mapping",
    "read_suppliers",
    "sheet_names",
    "supplier_json",
]
