"""Security headers on every response, and secure cookies in production (case 6)."""

from __future__ import annotations

import pathlib
import re

import pytest

from app import create_app
from config import TestConfig

ROOT = pathlib.Path(__file__).resolve().parents[3]
STRONG_KEY = "k" * 48


@pytest.mark.parametrize(
    "path", ["/", "/login", "/challenges/", "/no-such-page", "/static/css/app.css"]
)
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers

    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert (
        "frame-ancestors 'none'" in policy
        and "unsafe-inline" not in policy
        and "unsafe-eval" not in policy
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_reset_pages_still_send_no_referrer(client):
    assert client.get("/reset-password/not-a-token").headers["Referrer-Policy"] == "no-referrer"


def production_app(public_url):
    values = {
        "TESTING": False,
        "DEBUG": False,
        "SECRET_KEY": STRONG_KEY,
        "PUBLIC_URL": public_url,
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
    return create_app(type("ProductionConfig", (TestConfig,), values))


def test_production_cookies_are_secure_and_lax():
    app = production_app("https://community.clusterbooster.eu")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_a_plain_http_public_url_keeps_cookies_usable():
    assert not production_app("http://intranet.example").config["SESSION_COOKIE_SECURE"]


def templates_and_scripts():
    return [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/js/*.js")]


@pytest.mark.parametrize(
    "pattern",
    [r"\sstyle=", r"\son[a-z]+=", r"hx-on", r"<script>", r"<script(?![^>]*\bsrc=)", r"javascript:"],
)
def test_no_template_needs_inline_script_or_style(pattern):
    offenders = [
        str(path.relative_to(ROOT))
        for path in templates_and_scripts()
        if re.search(pattern, path.read_text())
    ]
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_indicator_styles(client):
    page = client.get("/login").get_data(as_text=True)
    assert '"includeIndicatorStyles": false' in page
