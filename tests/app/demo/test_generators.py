"""The demo generators, without a database: the community they invent at the default size."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from app import reference
from app.demo.challenges import generate_challenges, render_generated
from app.demo.people import generate_people
from app.demo.places import COUNTRIES, ascii_slug
from app.text import render_markdown

TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)


def _community(seed: int = 7, profiles: int = 160, challenges: int = 280):
    rng = random.Random(seed)
    people = generate_people(rng, profiles, countries=list(COUNTRIES), today=TODAY)
    return people, generate_challenges(rng, people, challenges, now=NOW)


@pytest.fixture(scope="module")
def community():
    """The default-size community (160 profiles, 280 challenges) from one seed."""
    return _community()


def test_same_seed_generates_the_same_community():
    first_people, first_challenges = _community(seed=11, profiles=40, challenges=60)
    second_people, second_challenges = _community(seed=11, profiles=40, challenges=60)
    assert first_people == second_people
    assert first_challenges == second_challenges


def test_another_seed_generates_another_community():
    assert _community(seed=1, profiles=40)[0] != _community(seed=2, profiles=40)[0]


def test_managers_come_from_at_least_twenty_eligible_countries(community):
    people, _ = community
    countries = {person.country for person in people}
    assert len(countries) >= 20
    assert countries <= set(reference.country_names())


def test_every_ecosystem_and_maturity_level_is_present(community):
    people, _ = community
    assert {slug for person in people for slug in person.ecosystems} == set(reference.ecosystems())
    assert {person.maturity for person in people} == set(reference.maturity_levels())


def test_maturity_agrees_with_founding_year_and_label(community):
    people, _ = community
    for person in people:
        assert person.maturity == reference.derive_maturity(
            person.founded_year, person.label, today=TODAY
        )


def test_profiles_read_differently(community):
    people, _ = community
    for text in ("about", "expertise", "needs"):
        assert len({getattr(person, text) for person in people}) >= 0.95 * len(people)
    assert not any("lorem" in person.about.lower() for person in people)


def test_emails_are_unique_and_ascii(community):
    people, _ = community
    emails = [person.email for person in people]
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and "@" in email for email in emails)


def test_four_editions_have_25_to_40_participants_and_past_ones_are_alumni(community):
    people, _ = community
    sizes = Counter(person.edition for person in people if person.edition is not None)
    assert sorted(sizes) == [0, 1, 2, 3]
    assert all(25 <= size <= 40 for size in sizes.values())
    assert all(person.role == "alumni" for person in people if person.edition in (0, 1, 2))
    assert all(person.role == "participant" for person in people if person.edition == 3)
    roles = Counter(person.role for person in people)
    assert set(roles) == {"alumni", "participant"}


def test_visibility_is_mostly_community(community):
    people, _ = community
    visibility = Counter(person.visibility for person in people)
    assert visibility["community"] >= 0.8 * len(people)


def test_challenges_cover_every_theme_with_one_to_three_themes(community):
    _, challenges = community
    assert len(challenges) == 280
    assert {c.themes[0] for c in challenges} == set(reference.themes())
    assert all(1 <= len(c.themes) <= 3 and len(set(c.themes)) == len(c.themes) for c in challenges)


def test_replies_come_from_peers_and_solved_challenges_have_one_helpful_reply(community):
    _, challenges = community
    assert all(0 <= len(c.replies) <= 6 for c in challenges)
    assert all(reply.author != c.author for c in challenges for reply in c.replies)
    solved = [c for c in challenges if c.status == "solved"]
    assert solved and len(solved) < len(challenges)
    for challenge in solved:
        assert [reply.helpful for reply in challenge.replies].count(True) == 1
        assert challenge.replies[challenge.accepted].helpful


def test_replies_never_predate_their_challenge(community):
    _, challenges = community
    for challenge in challenges:
        assert all(challenge.created_at <= reply.created_at <= NOW for reply in challenge.replies)


def test_fast_rendering_matches_render_markdown(community):
    _, challenges = community
    texts = [c.body for c in challenges[:120]] + [
        r.body for c in challenges[:120] for r in c.replies
    ]
    for text in texts:
        assert render_generated(text) == render_markdown(text)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bērziņš", "berzins"),
        ("de Vries", "de-vries"),
        ("Sørensen", "sorensen"),
        ("O'Connor", "oconnor"),
    ],
)
def test_ascii_slug_makes_names_safe_for_emails(text, slug):
    assert ascii_slug(text) == slug
