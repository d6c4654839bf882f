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
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Cluster Booster Community <noreply@clusterbooster.eu>"
    )

    REDIS_URL = os.environ.get("REDIS_URL")
    # The address people reach the site at: every link in a mail is built from it, and in
    # production requests naming another Host are refused (app/security.py).
    PUBLIC_URL = os.environ.get("PUBLIC_URL")
    TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    # How many proxies in front of the app set X-Forwarded-For/-Proto/-Host (0: none, trust no header).
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT") or 0)
    PASSWORD_RESET_MAX_AGE = 60 * 60 * 2
    # People imported from CSV get a link to choose their password; it lasts longer than a reset link.
    INVITATION_MAX_AGE = 60 * 60 * 24 * 14
    # A new account confirms its email through a mailed link that lasts this long (a new one can
    # be asked for from the banner every page shows until then).
    EMAIL_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3
    # Mail-sending forms (Flask-Limiter syntax): per client address, and mails to one email (or
    # one account) from any address.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    REGISTER_RATE_LIMIT = "5 per hour"
    REGISTER_RATE_LIMIT_PER_EMAIL = "3 per hour"
    PASSWORD_RESET_RATE_LIMIT = "10 per hour"
    PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = "3 per hour"
    CONFIRMATION_RATE_LIMIT = "10 per hour"
    CONFIRMATION_RATE_LIMIT_PER_ACCOUNT = "3 per hour"
    # Every forgot-password and registration answer takes at least this long, whether the email
    # has an account or not, so its timing does not tell which emails have one.
    PASSWORD_RESET_MIN_SECONDS = 0.5
    REGISTER_MIN_SECONDS = 0.5
    # The login throttle (app/auth/queries.py): 5 failures for one account from one address, then
    # a wait of 30 s that doubles at each further failure; 50 failures per account from all
    # addresses and 100 per address over all accounts, within 15 minutes.
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
    LOGIN_BACKOFF_SECONDS = 30
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 50
    LOGIN_MAX_FAILURES_PER_IP = 100
    LOGIN_FAILURE_WINDOW = 15 * 60
    INTRODUCTIONS_PER_DAY = 10
    PER_PAGE = 20
    PASSWORD_HASH_METHOD = "scrypt"

    # The JSON API (/api/v1): requests per token, and where the counters live (shared by every
    # worker through Redis in production; in memory, per process, without it).
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
    API_PER_PAGE_MAX = 100
    # People imported from CSV: the largest file accepted, and how long a preview waits for "Confirm import".
    IMPORT_MAX_BYTES = 5 * 1024 * 1024
    IMPORT_PREVIEW_MAX_AGE = 60 * 60

    # Eligible countries: EU-27 plus COSME-associated, from matching/data/countries.json. The list of
    # countries associated to the Single Market Programme's COSME strand changes, so it can be
    # replaced with ELIGIBLE_COUNTRIES="AT,BE,..." without a code change.
    ELIGIBLE_COUNTRIES = (
        [c.strip().upper() for c in os.environ["ELIGIBLE_COUNTRIES"].split(",")]
        if os.environ.get("ELIGIBLE_COUNTRIES")
        else None
    )

    # The background embedder: "thread" (in-process, the default), "rq" when REDIS_URL is set,
    # or "sync"/"off" for tests.
    EMBEDDING_BACKEND = os.environ.get("EMBEDDING_BACKEND") or (
        "rq" if os.environ.get("REDIS_URL") else "thread"
    )
    # A starting web or RQ worker loads the model and builds the peer index in the background
    # (app/services/warmup.py); WARM_UP=0 turns that off.
    WARM_UP = os.environ.get("WARM_UP", "1").lower() not in ("0", "false", "no", "off")
    # The sentence model: the packaged all-MiniLM-L6-v2, or the path of a local sentence-transformers
    # folder (e.g. a multilingual model). Nothing is downloaded; after changing it run `flask embed --all`.
    EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL") or "sentence-transformers/all-MiniLM-L6-v2"
    # torch threads per process (unset: web workers use 1, other processes torch's default).
    EMBEDDING_THREADS = os.environ.get("EMBEDDING_THREADS")

    # Practice attachments: stored under instance/uploads unless UPLOAD_DIR names another directory.
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR")
    PRACTICE_UPLOAD_MAX_BYTES = int(os.environ.get("PRACTICE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
    # Profile photos (app/profiles/photos.py), stored in UPLOAD_DIR/avatars as small thumbnails.
    PROFILE_PHOTO_MAX_BYTES = int(os.environ.get("PROFILE_PHOTO_MAX_BYTES", 8 * 1024 * 1024))


class TestConfig(Config):
    """Settings for the test suite: SQLite in memory unless TEST_DATABASE_URL names PostgreSQL."""

    TESTING = True
    SECRET_KEY = "test-secret"
    PUBLIC_URL = "http://localhost"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    REDIS_URL = None
    RATELIMIT_STORAGE_URI = "memory://"
    # Generous, so tests (and the browser journeys) that register people are not throttled;
    # tests/app/security/test_rate_limits.py sets small limits to check them.
    REGISTER_RATE_LIMIT = PASSWORD_RESET_RATE_LIMIT = PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (
        "1000 per hour"
    )
    REGISTER_RATE_LIMIT_PER_EMAIL = CONFIRMATION_RATE_LIMIT = "1000 per hour"
    CONFIRMATION_RATE_LIMIT_PER_ACCOUNT = "1000 per hour"
    PASSWORD_RESET_MIN_SECONDS = REGISTER_MIN_SECONDS = 0.0
    EMBEDDING_BACKEND = "off"
    WARM_UP = False
    SHORTLIST_BACKEND = "sync"
    LOGIN_MAX_FAILURES_PER_IP = 1000
    # Fast hashing keeps the suite quick; production uses scrypt.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
