"""The practice model: tags, adoptions and flags hang off a practice and go with it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Practice, PracticeAdoption, PracticeFlag, PracticeTag


def _practice(author) -> Practice:
    practice = Practice(
        author=author, title="Member-needs survey", summary="Ask members once a year."
    )
    practice.tags = [
        PracticeTag(kind="theme", value="membership", position=0),
        PracticeTag(kind="ecosystem", value="health", position=0),
        PracticeTag(kind="maturity", value="emerging", position=0),
    ]
    db.session.add(practice)
    db.session.flush()
    return practice


def test_a_practice_reads_its_tags_by_kind(make_user):
    practice = _practice(make_user())
    assert practice.themes == ["membership"]
    assert practice.ecosystems == ["health"]
    assert practice.maturities == ["emerging"]
    assert practice.published and practice.visibility == "community"


def test_a_member_adopts_a_practice_once_per_kind(make_user):
    adopter = make_user()
    practice = _practice(make_user())
    db.session.add(PracticeAdoption(practice=practice, user=adopter, kind="adopted", country="PT"))
    db.session.add(PracticeAdoption(practice=practice, user=adopter, kind="taught", country="PT"))
    db.session.flush()
    db.session.add(PracticeAdoption(practice=practice, user=adopter, kind="adopted", country="PT"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_deleting_a_practice_deletes_its_tags_adoptions_and_flags(make_user):
    member = make_user()
    practice = _practice(make_user())
    db.session.add(PracticeAdoption(practice=practice, user=member, kind="adopted"))
    db.session.add(PracticeFlag(practice=practice, user=member, reason="The grant closed in 2024."))
    db.session.flush()
    db.session.delete(practice)
    db.session.flush()
    for model in (PracticeTag, PracticeAdoption, PracticeFlag):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
