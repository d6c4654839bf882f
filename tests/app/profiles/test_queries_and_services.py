"""The visibility rule other areas import, and update_profile used outside a request."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.extensions import db
from app.models import Profile
from app.profile_visibility import can_view_profile, visible_profiles_clause
from app.profiles.services import update_profile


def visible_names(viewer) -> set[str]:
    query = select(Profile).join(Profile.user).where(visible_profiles_clause(viewer))
    return {profile.user.name for profile in db.session.scalars(query)}


@pytest.fixture
def people(make_user, make_edition):
    """Owners of each visibility, an edition mate of the "cohorts" owner, and some outsiders."""
    people = {
        "community": make_user(name="community", visibility="community"),
        "cohorts": make_user(name="cohorts", visibility="cohorts"),
        "hidden": make_user(name="hidden", visibility="hidden"),
        "mate": make_user(name="mate", visibility="hidden"),
        "stranger": make_user(name="stranger", visibility="hidden"),
        "coach": make_user(name="coach", role="coach", visibility="hidden"),
        "admin": make_user(name="admin", role="admin", visibility="hidden"),
    }
    make_edition(members=(people["cohorts"], people["mate"], people["hidden"]))
    return people


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("visitor", {"community"}),
        ("stranger", {"community", "stranger"}),
        ("mate", {"community", "cohorts", "mate"}),
        ("coach", {"community", "cohorts", "coach"}),
        ("admin", {"community", "cohorts", "hidden", "mate", "stranger", "coach", "admin"}),
    ],
)
def test_visible_profiles_clause_and_can_view_profile_agree(people, viewer, expected):
    user = AnonymousUserMixin() if viewer == "visitor" else people[viewer]
    assert visible_names(user) == expected
    for name, owner in people.items():
        assert can_view_profile(user, owner.profile) is (name in expected)


def test_visibility_clause_works_inside_queries_that_already_join_users_and_editions(people):
    from app.models import EditionMember, User

    query = (
        select(User.name)
        .join(EditionMember, EditionMember.user_id == User.id)
        .join(Profile, Profile.user_id == User.id)
        .where(visible_profiles_clause(people["mate"]))
    )
    assert set(db.session.scalars(query)) == {"cohorts", "mate"}


def test_update_profile_changes_only_the_fields_given(make_user):
    user = make_user(organisation="Kept", ecosystems=["health"], visibility="community")
    update_profile(user.profile, visibility="cohorts")
    assert (user.profile.organisation, user.profile.ecosystems) == ("Kept", ["health"])
    assert user.profile.visibility == "cohorts"


def test_update_profile_rederives_maturity_unless_the_user_chose_it(make_user):
    profile = make_user().profile
    update_profile(profile, founded_year=1990, label="none")
    assert profile.maturity == "advanced"
    update_profile(profile, maturity="developing")
    update_profile(profile, founded_year=2025)
    assert (profile.maturity, profile.maturity_set_by_user) == ("developing", True)
    update_profile(profile, maturity=None)
    assert (profile.maturity, profile.maturity_set_by_user) == ("emerging", False)


def test_update_profile_replaces_ecosystems_keeping_their_order(make_user):
    profile = make_user(ecosystems=["digital", "health"]).profile
    update_profile(profile, ecosystems=["health", "tourism", "digital"])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Profile, profile.id).ecosystems == ["health", "tourism", "digital"]


def test_update_profile_refuses_unknown_fields(make_user):
    with pytest.raises(TypeError, match="user_id"):
        update_profile(make_user().profile, user_id=99)
