"""Errors of the JSON API in one shape: RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, json, request
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Server error",
}


class ProblemSchema(ma.Schema):
    """An error (RFC 9457): what kind, a title, the status, what went wrong, and where."""

    type = ma.fields.String(metadata={"description": "A URI naming the kind of problem"})
    title = ma.fields.String(metadata={"description": "A short summary of the kind of problem"})
    status = ma.fields.Integer(metadata={"description": "The HTTP status code"})
    detail = ma.fields.String(metadata={"description": "What went wrong and what to do"})
    instance = ma.fields.String(metadata={"description": "The path of the request"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        metadata={"description": "For invalid input: each field with its messages"},
    )


def problem(
    status: int, detail: str, *, errors: dict | None = None, headers: dict | None = None
) -> Response:
    """A problem-details response."""
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    response.headers.update(headers or {})
    return response


def _flatten(messages) -> dict:
    """webargs nests messages by location ({"json": {"title": [...]}}); callers want the fields."""
    if isinstance(messages, dict) and set(messages) <= {
        "json",
        "query",
        "form",
        "files",
        "view_args",
        "headers",
    }:
        flat: dict = {}
        for by_field in messages.values():
            flat.update(by_field if isinstance(by_field, dict) else {"_schema": by_field})
        return flat
    return messages if isinstance(messages, dict) else {"_schema": messages}


def from_http_exception(error: HTTPException) -> Response:
    """Any HTTP error raised inside the API, including webargs' 422 with per-field messages."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    status = error.code or 500
    if errors:
        detail = "Some fields are invalid: see `errors` for each field and what to change."
        return problem(status, detail, errors=_flatten(errors), headers=data.get("headers"))
    default = type(error).description
    detail = data.get("message") or (
        error.description if error.description and error.description != default else None
    )
    headers = dict(data.get("headers") or {})
    if status == 429:
        headers.update(
            {k: v for k, v in (error.get_response().headers or {}).items() if k == "Retry-After"}
        )
    return problem(
        status, detail or _DEFAULT_DETAILS.get(status, "The request failed."), headers=headers
    )


_DEFAULT_DETAILS = {
    401: "Send a personal access token: `Authorization: Bearer <token>` (create one on your account page).",
    403: "Your token or your role does not allow this.",
    404: "There is no such resource, or you may not see it.",
    405: "This method is not allowed on this path.",
    429: "This token sent too many requests. Wait a minute and try again.",
    500: "Something went wrong on our side. Nothing was half-saved; try again.",
}
