"""CSV files a spreadsheet can open safely: the one writer every CSV download uses.

A cell starting with = + - @ (or a tab or carriage return) is read by Excel, LibreOffice and
Google Sheets as a formula: a member named `=HYPERLINK("https://evil.example", "Click")` would
become a live link, or worse, in a coach's spreadsheet. OWASP's advice is followed: such cells get
a leading apostrophe, which spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value) -> object:
    """The value, with a leading apostrophe when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """A whole CSV document with every cell escaped."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_cell(cell) for cell in header])
    writer.writerows([escape_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
