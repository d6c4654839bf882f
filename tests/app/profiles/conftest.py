"""Fixtures for the profiles area: a valid profile form, and a recorder for the profile_saved signal."""

from __future__ import annotations

import pytest

from app.signals import profile_saved


@pytest.fixture
def profile_form():
    """profile_form(**changes) → a complete, valid POST body for /profiles/me/edit."""

    def _form(**changes):
        data = {
            "organisation": "Pomurje Digital Cluster",
            "website": "https://pomurje-digital.si",
            "job_title": "Cluster manager",
            "country": "SI",
            "region": "Pomurje",
            "ecosystems": ["digital", "agri-food"],
            "founded_year": "2012",
            "members_count": "85",
            "label": "bronze",
            "maturity": "",
            "about": "SMEs and two universities in north-east Slovenia.",
            "expertise": "Running matchmaking events.",
            "needs": "Partners for a smart farming project.",
            "languages": "English,  Slovenian, ",
            "visibility": "community",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return _form


@pytest.fixture
def saved_profiles():
    """A list that records (profile, changed_text) each time profile_saved is sent during the test."""
    received = []

    def receiver(profile, changed_text):
        received.append((profile, changed_text))

    profile_saved.connect(receiver)
    yield received
    profile_saved.disconnect(receiver)
