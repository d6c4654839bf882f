"""Settings read from the environment, with development defaults that work on a fresh clone.

`Config` is what `make run` and production use; `TestConfig` is what the test suite uses.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'community.db'}"
    # Heroku-style URLs say postgres://; SQLAlchemy wants the psycopg 3 driver named.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    """Development and production settings; every value can be overridden by the environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in ("1", "true", "yes")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Cluster Booster Community <noreply@clusterbooster.eu>")

    REDIS_URL = os.environ.get("REDIS_URL")
    PASSWORD_RESET_MAX_AGE = 60 * 60 * 2
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_IP = 20
    LOGIN_FAILURE_WINDOW = 15 * 60
    INTRODUCTIONS_PER_DAY = 10
    PER_PAGE = 20
    PASSWORD_HASH_METHOD = "scrypt"

    # Eligible countries: EU-27 plus COSME-associated, from app/data/countries.json. The list of
    # countries associated to the Single Market Programme's COSME strand changes, so it can be
    # replaced with ELIGIBLE_COUNTRIES="AT,BE,..." without a code change.
    ELIGIBLE_COUNTRIES = [c.strip().upper() for c in os.environ["ELIGIBLE_COUNTRIES"].split(",")] if os.environ.get("ELIGIBLE_COUNTRIES") else None

    # The background embedder: "thread" (in-process, the default), "rq" when REDIS_URL is set,
    # or "sync"/"off" for tests.
    EMBEDDING_BACKEND = os.environ.get("EMBEDDING_BACKEND") or ("rq" if os.environ.get("REDIS_URL") else "thread")

    # Practice attachments: stored under instance/uploads unless UPLOAD_DIR names another directory.
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR")
    PRACTICE_UPLOAD_MAX_BYTES = int(os.environ.get("PRACTICE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


class TestConfig(Config):
    """Settings for the test suite: SQLite in memory unless TEST_DATABASE_URL names PostgreSQL."""

    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    REDIS_URL = None
    EMBEDDING_BACKEND = "off"
    LOGIN_MAX_FAILURES_PER_IP = 1000
    # Fast hashing keeps the suite quick; production uses scrypt.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
