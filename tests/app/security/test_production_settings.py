"""Production refuses to start with a guessable SECRET_KEY or without PUBLIC_URL (case 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from app.security import MISSING_PUBLIC_URL, WEAK_SECRET_KEY, UnsafeProductionSettings
from config import Config, TestConfig

ROOT = Path(__file__).resolve().parents[3]
STRONG_KEY = "0123456789abcdef" * 4


def production(**settings):
    values = {"DEBUG": False, "TESTING": False, "SQLALCHEMY_DATABASE_URI": "sqlite://", **settings}
    return type("ProductionConfig", (Config,), values)


@pytest.mark.parametrize("key", [None, "", "dev-only-change-me", "short-key", "test-secret"])
def test_production_refuses_a_missing_default_or_short_secret_key(key):
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(production(SECRET_KEY=key, PUBLIC_URL="https://community.clusterbooster.eu"))
    assert str(refused.value) == WEAK_SECRET_KEY
    assert "export SECRET_KEY=" in WEAK_SECRET_KEY and "\n" not in WEAK_SECRET_KEY


def test_production_refuses_to_start_without_a_public_url():
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(production(SECRET_KEY=STRONG_KEY, PUBLIC_URL=None))
    assert str(refused.value) == MISSING_PUBLIC_URL


def test_production_starts_with_a_strong_key_and_a_public_url():
    app = create_app(
        production(SECRET_KEY=STRONG_KEY, PUBLIC_URL="https://community.clusterbooster.eu")
    )
    assert app.config["TRUSTED_HOSTS"] == ["community.clusterbooster.eu"]


def test_debug_and_tests_start_with_the_development_key():
    assert create_app(production(DEBUG=True, SECRET_KEY="dev-only-change-me")).debug
    assert create_app(TestConfig).testing


def run_flask(*args, **env):
    environment = {**os.environ, "FLASK_APP": "app:create_app", "DATABASE_URL": "sqlite://", **env}
    for name in ("SECRET_KEY", "PUBLIC_URL", "FLASK_DEBUG"):
        if name not in env:
            environment.pop(name, None)
    flask = Path(sys.executable).with_name("flask")
    return subprocess.run(
        [str(flask), *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_gunicorn_refuses_to_start_with_the_development_key():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "PUBLIC_URL")}
    result = subprocess.run(
        [
            str(gunicorn),
            "--config",
            "python:app.gunicorn_hooks",
            "--bind",
            "127.0.0.1:0",
            "app:create_app()",
        ],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": "sqlite://"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert WEAK_SECRET_KEY in result.stderr


def test_flask_commands_other_than_run_need_no_production_secret():
    result = run_flask("routes")
    assert result.returncode == 0, result.stderr


def test_flask_run_without_debug_refuses_the_development_key():
    result = run_flask("run", "--port", "0")
    assert result.returncode != 0
    assert WEAK_SECRET_KEY in result.stderr
