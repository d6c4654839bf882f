"""`flask seed-demo` and `flask demo-logins` against a real database."""

from __future__ import annotations

import random

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from app.extensions import db
from app.models import Challenge, Edition, EditionMember, Profile, Reply, User
from app.signals import demo_seeded

SMALL = ["seed-demo", "--profiles", "40", "--challenges", "60"]


def _seed(runner, *args):
    result = runner.invoke(args=list(args) or SMALL)
    assert result.exit_code == 0, result.output
    return result


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _snapshot() -> dict:
    """Everything the demo wrote, without ids and timestamps' identity."""
    return {
        "users": db.session.execute(
            select(User.email, User.name, User.role).order_by(User.email)
        ).all(),
        "profiles": db.session.execute(
            select(
                Profile.organisation,
                Profile.about,
                Profile.expertise,
                Profile.needs,
                Profile.maturity,
            ).order_by(Profile.organisation, Profile.about)
        ).all(),
        "challenges": db.session.execute(
            select(
                Challenge.title, Challenge.body, Challenge.status, Challenge.created_at
            ).order_by(Challenge.created_at, Challenge.title)
        ).all(),
        "replies": db.session.execute(
            select(Reply.body, Reply.helpful).order_by(Reply.created_at, Reply.body)
        ).all(),
    }


def test_seeding_twice_with_the_same_seed_writes_the_same_community(runner):
    _seed(runner, *SMALL, "--seed", "5")
    first = _snapshot()
    db.session.remove()
    db.drop_all()
    db.create_all()
    _seed(runner, *SMALL, "--seed", "5")
    assert _snapshot() == first


def test_default_seed_writes_a_community_of_the_promised_size(runner):
    result = _seed(runner, "seed-demo")
    assert "Seeded 160 profiles" in result.output
    assert _count(Profile) == 160
    assert _count(Challenge) == 280
    assert len(set(db.session.scalars(select(Profile.country)))) >= 20
    assert db.session.scalar(select(func.count()).where(Challenge.status == "solved")) > 0
    editions = db.session.scalars(select(Edition).order_by(Edition.name)).all()
    assert [c.name for c in editions] == [
        "1st Cluster Booster Academy",
        "2nd Cluster Booster Academy",
        "3rd Cluster Booster Academy",
        "4th Cluster Booster Academy",
    ]
    for edition in editions:
        roles = [member.role for member in edition.members]
        assert 25 <= roles.count("participant") <= 40
        assert roles.count("coach") == 2


def test_solved_challenges_point_at_their_helpful_reply(runner):
    _seed(runner)
    for challenge in db.session.scalars(select(Challenge).where(Challenge.status == "solved")):
        assert challenge.accepted_reply is not None
        assert challenge.accepted_reply.helpful
        assert challenge.accepted_reply.challenge_id == challenge.id


def test_demo_participant_has_a_profile_open_challenges_and_the_live_edition(runner):
    _seed(runner)
    participant = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    assert participant.role == "participant"
    assert participant.profile.is_complete
    open_challenges = db.session.scalars(
        select(Challenge).where(Challenge.author_id == participant.id, Challenge.status == "open")
    ).all()
    assert len(open_challenges) >= 2
    edition_names = db.session.scalars(
        select(Edition.name).join(EditionMember).where(EditionMember.user_id == participant.id)
    ).all()
    assert edition_names == ["4th Cluster Booster Academy"]


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("participant@demo.eu", "participant"),
        ("coach@demo.eu", "coach"),
        ("admin@demo.eu", "admin"),
    ],
)
def test_demo_logins_log_in_through_the_login_form(runner, client, email, role):
    _seed(runner)
    response = client.post("/login", data={"email": email, "password": "booster-demo"})
    assert response.status_code == 302
    with client.session_transaction() as session:
        user = db.session.get(User, int(session["_user_id"].partition(":")[0]))
    assert (user.email, user.role) == (email, role)


def test_generated_managers_cannot_log_in_with_the_demo_password(runner, client):
    _seed(runner)
    someone = db.session.scalar(select(User).where(User.role == "alumni").limit(1))
    assert not someone.check_password("booster-demo")


def test_if_empty_does_nothing_when_users_exist(runner, make_user):
    make_user()
    result = _seed(runner, *SMALL, "--if-empty")
    assert "already has users" in result.output
    assert _count(User) == 1


def test_if_empty_seeds_an_empty_database(runner):
    _seed(runner, *SMALL, "--if-empty")
    assert _count(Profile) == 40


def test_seeding_an_already_seeded_database_is_refused_with_exit_code_2(runner):
    _seed(runner)
    result = runner.invoke(args=SMALL)
    assert result.exit_code == 2
    assert "already there" in result.output


def test_records_added_after_seeding_get_fresh_ids(runner, make_user, make_challenge):
    _seed(runner)
    user = make_user(email="newcomer@example.eu")
    challenge = make_challenge(user)
    db.session.commit()
    assert user.id > 40 and challenge.id > 60


def test_seeding_tells_other_areas_with_the_random_generator(runner):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    with demo_seeded.connected_to(receiver):
        _seed(runner)
    assert len(received) == 1
    assert isinstance(received[0]["rng"], random.Random)


def test_demo_logins_lists_the_three_logins_and_password(runner):
    _seed(runner)
    result = runner.invoke(args=["demo-logins"])
    assert result.exit_code == 0
    for email in ("participant@demo.eu", "coach@demo.eu", "admin@demo.eu"):
        assert email in result.output
    assert "booster-demo" in result.output


def test_demo_logins_prints_nothing_without_the_demo_community(runner, make_user):
    make_user()
    result = runner.invoke(args=["demo-logins"])
    assert result.exit_code == 0
    assert result.output == ""


def test_the_seeded_community_shows_on_the_main_pages(runner, login):
    _seed(runner)
    participant = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    solved = db.session.scalar(select(Challenge).where(Challenge.status == "solved").limit(1))
    client = login(participant)
    pages = [
        "/",
        "/profiles/",
        "/challenges/",
        f"/challenges/{solved.id}",
        f"/profiles/{participant.profile.id}",
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path
    assert str(escape(solved.title)) in client.get(f"/challenges/{solved.id}").text
