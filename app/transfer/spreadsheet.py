"""CSV and JSON files for download, safe to open in a spreadsheet.

Cells a spreadsheet would run as formulas are escaped by app/csv_safe.py, the one rule every CSV
download follows; this module adds the BOM, lists in cells, dates and the download headers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from flask import Response

from app.csv_safe import escape_cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (comma-separated, quoted where needed, UTF-8 with a BOM so Excel reads accents)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_plain(escape_cell(_plain(cell))) for cell in row])
    return buffer.getvalue()


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return "" if value is None else value


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A CSV attachment."""
    return _attachment(csv_text(header, rows), "text/csv; charset=utf-8", filename)


def json_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """The same rows as a JSON list of objects, one per row, keyed by the header."""
    records = [dict(zip(header, (_json_value(cell) for cell in row), strict=True)) for row in rows]
    body = json.dumps(records, ensure_ascii=False, indent=1)
    return _attachment(body, "application/json", filename)


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _attachment(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
