"""Fixtures for the account tests: a valid registration and a helper that logs in through the form."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def registration():
    """Form data for a registration that succeeds."""
    return {
        "name": "Ana Novak",
        "email": "ana@cluster.si",
        "password": "a long passphrase",
        "confirm": "a long passphrase",
        "country": "SI",
        "organisation": "Slovenian Wood Cluster",
    }


@pytest.fixture
def log_in(client):
    """log_in(email, password=PASSWORD, **extra) → the response of posting the login form."""

    def _log_in(email, password=PASSWORD, *, query="", **extra):
        return client.post(f"/login{query}", data={"email": email, "password": password, **extra})

    return _log_in
