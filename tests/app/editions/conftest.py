"""Fixtures for the editions area: a coach, an edition with a diverse set of participants, sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.editions.breakouts import builder
from app.extensions import db
from app.models import EditionMember
from app.models.coaching import CoachingSession

COUNTRIES = ("SI", "DE", "FR", "IT", "ES", "PL", "PT", "BE", "NL", "SE")
ECOSYSTEMS = ("digital", "health", "energy", "mobility", "agri-food", "textile")
MATURITY = ("emerging", "developing", "established", "advanced")
TOPICS = (
    "membership growth for SMEs",
    "internationalisation and export",
    "green transition energy",
    "digital platforms data",
)


@pytest.fixture
def coach(make_user):
    """A coach whose expertise is internationalisation."""
    return make_user(
        role="coach",
        name="Coach Clara",
        expertise="Internationalisation, export markets and partners abroad.",
    )


@pytest.fixture
def participant(make_user):
    """A plain participant with no coaching rights."""
    return make_user(role="participant", name="Pat Participant")


@pytest.fixture
def make_people(make_user):
    """make_people(n) → n participants spread over countries, ecosystems, maturity and topics."""

    def _make(n: int, **fields):
        return [
            make_user(
                name=f"Manager {i:02d}",
                country=COUNTRIES[i % len(COUNTRIES)],
                ecosystems=[ECOSYSTEMS[i % len(ECOSYSTEMS)]],
                maturity=MATURITY[i % 4],
                organisation=f"Cluster {i}",
                needs=TOPICS[i % len(TOPICS)],
                **fields,
            )
            for i in range(n)
        ]

    return _make


@pytest.fixture
def edition(make_edition, make_people):
    """An edition with 12 participants and an open call."""
    people = make_people(12)
    return make_edition(
        name="4th Academy",
        members=tuple(people),
        applications_open=True,
        application_deadline=date.today() + timedelta(days=10),
    )


@pytest.fixture
def session(edition):
    """An online session of the edition."""
    row = CoachingSession(
        edition_id=edition.id,
        title="Online day 1",
        mode="online",
        starts_at=datetime(2026, 12, 1, 9, 30),
    )
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def participant_ids(edition):
    """Ids of the edition's participants."""
    return [m.user_id for m in edition.members if m.role == "participant"]


@pytest.fixture
def generated(session, participant_ids):
    """Three draft rounds of groups of 4 for the session."""
    rounds = builder.generate(session, builder.BuilderSettings(participant_ids, 4, 3, {}))
    db.session.commit()
    return rounds


@pytest.fixture
def member_of(edition):
    """member_of(user) → makes the user a participant of the edition."""

    def _member(user):
        db.session.add(EditionMember(edition_id=edition.id, user_id=user.id, role="participant"))
        db.session.flush()
        return user

    return _member
