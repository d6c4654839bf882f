"""Input no view should have to think about, refused before any view runs with a 404 or a 400
that says what was wrong, never a 500.

- Ids in URLs are numbers the database can hold: an `<int:…>` part above 2³¹-1 (PostgreSQL's
  integer) is a plain 404 before the view runs, so /challenges/99999999999999999999 never reaches
  a query. (Checked here rather than in the converter: Werkzeug answers 405 instead of 404 when
  a converter refuses a path that another method's rule shares.)
- Page numbers and ids in query strings and forms (`page`, `…_id`) above that get a 400 naming
  the field; SQLite and PostgreSQL would otherwise overflow.
- Only views marked `@accepts_files` take file uploads (a file sent to any other view gets a 400),
  and forms take plain values: a JSON body with nested objects or lists gets a 400, except in the
  JSON API (/api/v1), whose schemas check every field's type and answer 422 naming it.
"""

from __future__ import annotations

import re

from flask import Flask, abort, current_app, request

LARGEST_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def accepts_files(view):
    """Mark a view that takes file uploads (it checks them itself: type by content, size)."""
    view.accepts_files = True
    return view


def _view_accepts_files() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "accepts_files", False))


def init_app(app: Flask) -> None:
    """Run the guard before every view of every blueprint."""
    app.before_request(refuse_unusable_input)


def refuse_unusable_input() -> None:
    """404 for ids out of range in the path; 400 for numbers out of range, files and nested JSON."""
    if any(isinstance(v, int) and abs(v) > LARGEST_ID for v in (request.view_args or {}).values()):
        abort(404)
    if request.blueprint == "api":
        return  # the JSON API's schemas check every parameter and field, and answer 422 naming it
    if request.files and not _view_accepts_files():
        abort(400, "This page takes no file uploads. Type the text into the form's field instead.")
    if request.is_json and request.method in ("POST", "PUT", "PATCH"):
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not all(isinstance(v, str) for v in body.values()):
            abort(
                400,
                "Send the form's fields as text values, one per field, not nested objects, lists or numbers.",
            )
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if (
                _counts(name)
                and _WHOLE_NUMBER.fullmatch(value.strip())
                and abs(int(value)) > LARGEST_ID
            ):
                abort(
                    400,
                    f"The {name.replace('_', ' ')} is too large: use a number below {LARGEST_ID + 1}.",
                )


def _counts(name: str) -> bool:
    """Fields that hold a page number or an id."""
    return name == "page" or name == "id" or name.endswith("_id")
