"""Error handlers: a page for people, JSON for API and htmx-JSON callers, never a stack trace."""

from __future__ import annotations

import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.errors.blueprint import bp
from app.extensions import db
from app.fragments import wants_fragment

log = logging.getLogger(__name__)

EXPLANATIONS = {
    400: "The request could not be understood. Check the form and try again.",
    403: "You do not have permission to see or change this.",
    404: "We could not find that page. It may have been removed, or the link is mistyped.",
    405: "That action is not allowed here.",
    413: "What you sent is too large.",
    429: "Too many attempts. Wait a few minutes and try again.",
    500: "Something went wrong on our side. Nothing you entered was half-saved; please try again.",
}


def wants_json() -> bool:
    """JSON callers get JSON errors: JSON bodies, /api/ paths, or an Accept header preferring JSON."""
    if request.is_json or request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(code: int, message: str | None = None):
    """Render the error as JSON or as a page, with the status code."""
    message = message or EXPLANATIONS.get(code, "Something went wrong.")
    if request.path.startswith("/api/"):
        from app.api.problems import problem  # the API's one error shape, RFC 9457

        return problem(code, message)
    if wants_json():
        return jsonify(error={"code": code, "message": message}), code
    template = "errors/_error.html" if wants_fragment() else "errors/error.html"
    try:
        return render_template(template, code=code, message=message), code
    except Exception:  # the error page itself failed: still answer without a trace
        log.exception("error page could not be rendered")
        return f"Error {code}: {message}", code, {"Content-Type": "text/plain; charset=utf-8"}


@bp.app_errorhandler(CSRFError)
def handle_csrf(error: CSRFError):
    """An expired or missing CSRF token: say how to recover."""
    return error_response(
        400, "Your session expired or the form was stale. Reload the page and try again."
    )


#: URL parts that are secrets (a reset or confirmation link, a calendar feed): never logged.
SECRET_URL_PARTS = ("token",)


def loggable_path() -> str:
    """The request's path for the error log, each secret part replaced by its name
    ("/meetings/feed/<token>.ics"), so a log reader cannot open someone's link."""
    path = request.path
    for name, value in (request.view_args or {}).items():
        if name in SECRET_URL_PARTS and value:
            path = path.replace(str(value), f"<{name}>")
    return path


@bp.app_errorhandler(SQLAlchemyError)
def handle_database_error(error: SQLAlchemyError):
    """Roll back so nothing is half-written, log it, and show a clean 500."""
    db.session.rollback()
    log.exception("database error on %s %s", request.method, loggable_path())
    return error_response(500)


@bp.app_errorhandler(HTTPException)
def handle_http_error(error: HTTPException):
    """Every HTTP error as a page or JSON; a description set with abort(code, msg) is shown."""
    default = type(error).description
    message = error.description if error.description and error.description != default else None
    return error_response(error.code or 500, message)


@bp.app_errorhandler(Exception)
def handle_unexpected(error: Exception):
    """Anything unexpected: roll back, log the trace, show a plain 500."""
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    db.session.rollback()
    log.exception("unhandled error on %s %s", request.method, loggable_path())
    return error_response(InternalServerError.code)
