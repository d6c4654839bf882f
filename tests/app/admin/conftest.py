"""Fixtures for the admin tests: an admin and their logged-in client."""

from __future__ import annotations

import pytest


@pytest.fixture
def admin(make_user):
    """An admin account."""
    return make_user(role="admin", name="Ada Admin", email="ada@admin.eu")


@pytest.fixture
def admin_client(login, admin):
    """A test client logged in as the admin."""
    return login(admin)
