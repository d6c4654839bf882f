"""Page or fragment for the practice library's views: one name, two templates.

`render_page_or_fragment("like_this", ...)` renders practices/_like_this.html for htmx and
practices/like_this.html (which includes that partial) for a plain request.
"""

from __future__ import annotations

from flask import render_template

from app.fragments import wants_fragment


def render_page_or_fragment(name: str, **context) -> str:
    """The partial practices/_<name>.html for htmx, else the page practices/<name>.html."""
    template = f"practices/_{name}.html" if wants_fragment() else f"practices/{name}.html"
    return render_template(template, **context)
