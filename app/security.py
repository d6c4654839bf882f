"""Site-wide protections: the public address links are built from, the production start-up check,
trusted hosts, the proxy count, and the security headers every response carries.

docs/security.md says what each of these protects against.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import click
from flask import Flask, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.serving import WSGIRequestHandler

DEVELOPMENT_SECRET_KEYS = frozenset(
    {"dev-only-change-me", "test-secret", "change-me", "secret", ""}
)
MIN_SECRET_KEY_LENGTH = 32
DEVELOPMENT_PUBLIC_URL = "http://127.0.0.1:5000"

WEAK_SECRET_KEY = (
    "SECRET_KEY is unset or weak: set it to a long random value before serving, e.g. "
    "export SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_hex(32))')\""
)
MISSING_PUBLIC_URL = (
    "PUBLIC_URL is unset: set it to the address people reach the site at, e.g. "
    "export PUBLIC_URL=https://community.clusterbooster.eu"
)


class UnsafeProductionSettings(SystemExit):
    """Raised (and so printed as one line, exit code 1) when production settings are unsafe."""


def init_app(app: Flask) -> None:
    """Check the settings, then install the proxy fix, trusted hosts and security headers."""
    if serves_production(app):
        check_production_settings(app.config)
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
        secure_cookies(app)
    elif not app.config.get("PUBLIC_URL"):
        app.config["PUBLIC_URL"] = DEVELOPMENT_PUBLIC_URL
    if app.config.get("PROXY_COUNT"):
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.jinja_env.globals["external_url"] = external_url
    app.after_request(add_security_headers)
    hide_development_server_version()


def hide_development_server_version() -> None:
    """`flask run`'s server says "Server: Werkzeug", without its and Python's versions.

    Gunicorn (`make serve`) already sends "Server: gunicorn" alone. Werkzeug's development server
    sends the header before the app sees the response, so the one place to change it is the
    request handler's `version_string` (the hook http.server offers for this).
    """
    WSGIRequestHandler.version_string = _plain_server_name  # type: ignore[method-assign]


def _plain_server_name(handler) -> str:
    return "Werkzeug"


def secure_cookies(app: Flask) -> None:
    """Session and remember-me cookies only over HTTPS (SameSite=Lax stays, from config.py).

    A site served on a plain-http PUBLIC_URL (a closed network) keeps cookies usable there, and
    says so in the log.
    """
    if urlsplit(app.config["PUBLIC_URL"]).scheme == "http":
        app.logger.warning("PUBLIC_URL is http: cookies are sent without the Secure flag")
        return
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)


def serves_production(app: Flask) -> bool:
    """True when this process will serve pages to people: not debug, not tests, not a CLI chore.

    `flask db upgrade`, `flask worker` and the other commands sign nothing and mail no links, so
    they may run with development settings; `flask run` without --debug and gunicorn may not.
    """
    if app.debug or app.testing:
        return False
    command = click.get_current_context(silent=True)
    return command is None or command.info_name == "run"


def check_production_settings(config) -> None:
    """Refuse to start with a guessable SECRET_KEY or without PUBLIC_URL (one line on stderr)."""
    key = str(config.get("SECRET_KEY") or "")
    if key in DEVELOPMENT_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise UnsafeProductionSettings(WEAK_SECRET_KEY)
    if not config.get("PUBLIC_URL"):
        raise UnsafeProductionSettings(MISSING_PUBLIC_URL)


def trusted_hosts(config) -> list[str]:
    """PUBLIC_URL's host plus any extra TRUSTED_HOSTS: requests naming another Host get a 400."""
    hosts = [urlsplit(config["PUBLIC_URL"]).hostname]
    hosts += [host.strip() for host in (config.get("TRUSTED_HOSTS") or []) if host.strip()]
    return list(dict.fromkeys(host for host in hosts if host))


def external_url(endpoint: str, **values) -> str:
    """An absolute link to the site for mails, built from PUBLIC_URL, never from the Host header."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def absolute_link(path: str) -> str:
    """A site path (as stored in a notification) made absolute with PUBLIC_URL."""
    if path.startswith(("http://", "https://")):
        return path
    return current_app.config["PUBLIC_URL"].rstrip("/") + "/" + path.lstrip("/")


# The Content-Security-Policy the site works under: every script and style is a file from this
# site (no inline <script>, no on*= handlers, no style= attributes), nothing may frame a page,
# and forms only post back here. htmx's own indicator <style> is turned off in base.html.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    """Every response: the CSP, no sniffing, no framing, a short referrer, HSTS over HTTPS."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response
