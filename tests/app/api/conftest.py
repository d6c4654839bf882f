"""Fixtures for the API tests: a token for any user, and a client that sends it."""

from __future__ import annotations

import pytest

from app.api import services
from app.extensions import db


class TokenClient:
    """A test client that sends `Authorization: Bearer <secret>` with every request."""

    def __init__(self, client, secret: str):
        self.client, self.secret = client, secret

    def _headers(self, headers):
        return {"Authorization": f"Bearer {self.secret}", **(headers or {})}

    def get(self, url, headers=None, **kwargs):
        return self.client.get(url, headers=self._headers(headers), **kwargs)

    def post(self, url, headers=None, **kwargs):
        return self.client.post(url, headers=self._headers(headers), **kwargs)


@pytest.fixture
def token_for(app):
    """token_for(user, scope="read") → (token row, secret)."""

    def _token(user, scope: str = "read"):
        token, secret = services.create_token(user, name=f"{scope} token", scope=scope)
        db.session.commit()
        return token, secret

    return _token


@pytest.fixture
def api_as(app, client, token_for):
    """api_as(user, scope="read") → a client calling the API with a fresh token of that user."""

    def _client(user, scope: str = "read"):
        _, secret = token_for(user, scope)
        return TokenClient(client, secret)

    return _client
