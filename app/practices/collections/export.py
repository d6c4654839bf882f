"""A collection as a PDF: WeasyPrint lays out the printable page (the same HTML) in A4 pages."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def pdf_of(html: str) -> bytes:
    """The printable page as a PDF, made by WeasyPrint with the print stylesheet and nothing fetched."""
    return laid_out(html).write_pdf()


def laid_out(html: str):
    """The printable page laid out in A4 pages by WeasyPrint (a weasyprint Document)."""
    from weasyprint import CSS, HTML

    stylesheet = Path(current_app.static_folder) / "css" / "practices-print.css"

    def no_fetching(url: str, *args, **kwargs):
        # Links in practices are people's URLs: the PDF lists them, it never fetches them.
        raise ValueError(f"not fetched: {url}")

    document = HTML(string=html, url_fetcher=no_fetching)
    return document.render(stylesheets=[CSS(filename=str(stylesheet))])
