"""The demo community reads like a real one: names, texts, replies, a live edition, counts that agree.

The first half checks the generators without a database (at the default size and at a size where
names must repeat across the community); the second half seeds the database and reads the pages a
newcomer sees first.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.demo.challenge_texts import BANKS
from app.demo.challenges import generate_challenges
from app.demo.people import generate_people
from app.demo.places import COUNTRIES
from app.demo.texts import ARCHETYPES, ECOSYSTEM_WORDS, EXPERTISE, NEEDS, archetype_named
from app.extensions import db
from app.models import Application, Edition, EditionMember, Reply, User
from app.models.coaching import BreakoutRound, CoachingSession, Homework

TODAY = date(2026, 12, 6)
NOW = datetime(2026, 12, 6, 9, tzinfo=UTC)


def _community(seed: int, profiles: int, challenges: int):
    rng = random.Random(seed)
    people = generate_people(rng, profiles, countries=list(COUNTRIES), today=TODAY)
    return people, generate_challenges(rng, people, challenges, now=NOW)


@pytest.fixture(scope="module")
def community():
    """The default-size community: 160 managers, 280 challenges."""
    return _community(2023, 160, 280)


@pytest.fixture(scope="module")
def crowded():
    """2,000 managers from 28 countries: names must repeat, but never inside one edition."""
    return _community(5, 2000, 3000)


def _words(slug: str) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in ECOSYSTEM_WORDS[slug])
    return re.compile(rf"\b(?:{alternatives})(?:s|es)?\b", re.IGNORECASE)


WORDS = {slug: _words(slug) for slug in ECOSYSTEM_WORDS}


def _profile_text(person) -> str:
    return " ".join((person.organisation, person.about, person.expertise, person.needs))


@pytest.mark.parametrize("size", ["community", "crowded"])
def test_names_are_unique_within_each_edition(size, request):
    people, _ = request.getfixturevalue(size)
    by_edition = defaultdict(list)
    for person in people:
        if person.edition is not None:
            by_edition[person.edition].append(person.name)
    assert len(by_edition) == 4
    for names in by_edition.values():
        assert len(names) == len(set(names)), Counter(names).most_common(3)


def test_names_are_unique_in_the_default_community(community):
    people, _ = community
    names = [person.name for person in people]
    assert len(names) == len(set(names))


def test_gendered_surnames_fit_the_first_name(crowded):
    people, _ = crowded
    countries = {country.code: country for country in COUNTRIES}
    checked = 0
    for person in people:
        country = countries[person.country]
        first, last = person.name.split(" ", 1)
        gender = "female" if first in country.female_names else "male"
        assert first in country.first_names(gender), person.name
        forms = {pair for pair in country.surnames if last in pair}
        assert forms, person.name
        masculine, feminine = forms.pop()
        if masculine != feminine:
            checked += 1
            assert last == (feminine if gender == "female" else masculine), person.name
    assert checked > 300  # Icelandic, Slavic, Baltic, Greek … names were really checked


@pytest.mark.parametrize(
    ("first", "wrong"),
    [("Gunnar", "dóttir"), ("Georgi", "ova"), ("Peter", "ová"), ("Jānis", "a")],
)
def test_no_man_gets_a_feminine_surname(crowded, first, wrong):
    people, _ = crowded
    assert not [p.name for p in people if p.name.startswith(f"{first} ") and p.name.endswith(wrong)]


def test_every_profile_uses_its_own_ecosystems_words_and_none_of_an_unrelated_one(crowded):
    people, _ = crowded
    for person in people:
        text = _profile_text(person)
        own = person.ecosystems[0]
        related = {own, *archetype_named(own, person.archetype).also}
        assert WORDS[own].search(text), (own, text)
        for slug, pattern in WORDS.items():
            if slug not in related:
                assert not pattern.search(text), (own, slug, pattern.search(text)[0], text)


def test_a_profiles_other_ecosystems_are_ones_its_kind_of_cluster_works_with(crowded):
    people, _ = crowded
    for person in people:
        archetype = archetype_named(person.ecosystems[0], person.archetype)
        assert set(person.ecosystems[1:]) <= set(archetype.also)


def test_every_ecosystem_has_several_kinds_of_cluster_covering_every_theme():
    themes_needed = set(EXPERTISE)
    for slug, archetypes in ARCHETYPES.items():
        assert len(archetypes) >= 2, slug
        covered = set()
        for archetype in archetypes:
            assert len(archetype.expertise) >= 3 and len(archetype.needs) >= 3, archetype.key
            assert set(archetype.also) <= set(ARCHETYPES) - {slug}, archetype.key
            covered |= set(archetype.expertise) | set(archetype.needs)
        assert covered <= themes_needed, slug


def test_sentences_for_any_cluster_use_no_ecosystems_words():
    for bank in (EXPERTISE, NEEDS):
        for sentences in bank.values():
            for sentence in sentences:
                assert not any(p.search(sentence) for p in WORDS.values()), sentence


@pytest.mark.parametrize("size", ["community", "crowded"])
def test_no_two_replies_are_identical(size, request):
    _, challenges = request.getfixturevalue(size)
    bodies = [reply.body for challenge in challenges for reply in challenge.replies]
    assert len(bodies) > len(challenges)
    assert len(bodies) == len(set(bodies)), Counter(bodies).most_common(2)


def test_no_advice_is_told_twice_under_one_challenge(crowded):
    _, challenges = crowded
    for challenge in challenges:
        for advice in BANKS[challenge.themes[0]].replies:
            fixed = max(advice.split("{"), key=len)  # the longest part without a slot
            told = [reply.body for reply in challenge.replies if fixed in reply.body]
            assert len(told) <= 1, told


def test_nobody_replies_twice_to_one_challenge(crowded):
    _, challenges = crowded
    for challenge in challenges:
        authors = [reply.author for reply in challenge.replies]
        assert len(authors) == len(set(authors))


# --- Seeded into the database -----------------------------------------------------------------


def _seed(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def test_the_seeded_database_has_no_identical_replies_and_unique_names_per_edition(runner):
    _seed(runner)
    duplicated = db.session.scalars(
        select(Reply.body).group_by(Reply.body).having(func.count() > 1)
    ).all()
    assert duplicated == []
    repeated = db.session.execute(
        select(EditionMember.edition_id, User.name)
        .join(User)
        .group_by(EditionMember.edition_id, User.name)
        .having(func.count() > 1)
    ).all()
    assert repeated == []


def test_a_live_edition_has_applicants_sessions_ahead_and_homework_due_soon(runner):
    _seed(runner)
    today = datetime.now(UTC).date()
    live = db.session.scalar(select(Edition).where(Edition.online_start > today))
    assert live is not None and live.in_person_start > live.online_start
    assert live.application_deadline < today
    statuses = Counter(
        db.session.scalars(select(Application.status).where(Application.edition_id == live.id))
    )
    participants = db.session.scalar(
        select(func.count()).where(
            EditionMember.edition_id == live.id, EditionMember.role == "participant"
        )
    )
    assert 25 <= participants <= 40 and statuses["accepted"] == participants
    assert statuses["declined"] and statuses["shortlisted"] and statuses["pending"]
    assert db.session.scalar(
        select(func.count()).where(
            Application.edition_id == live.id, Application.eligible.is_(False)
        )
    )
    sessions = db.session.scalars(
        select(CoachingSession).where(CoachingSession.edition_id == live.id)
    ).all()
    now = datetime.now()
    assert any(s.starts_at < now for s in sessions) and any(s.starts_at > now for s in sessions)
    assert db.session.scalar(
        select(func.count(BreakoutRound.id)).where(BreakoutRound.published_at.is_not(None))
    )
    homework = db.session.scalars(select(Homework).where(Homework.edition_id == live.id)).all()
    assert any(today < h.due_on <= today + timedelta(days=14) and h.submissions for h in homework)
    member = db.session.scalar(
        select(EditionMember).join(User).where(User.email == "participant@demo.eu")
    )
    assert member.edition_id == live.id


def _number(pattern: str, html: str) -> int:
    found = re.search(pattern, html)
    assert found, pattern
    return int(found.group(1).replace(",", ""))


MANAGERS_HOME = r"<strong>([\d,]+)</strong> cluster manager"
MANAGERS_DIRECTORY = r'result-count">([\d,]+) manager'


def test_home_page_and_directory_count_the_same_managers_for_every_viewer(runner, client, login):
    _seed(runner)
    participant = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    admin = db.session.scalar(select(User).where(User.email == "admin@demo.eu"))
    seen = {}
    for name, viewer in [
        ("visitor", client),
        *((u.role, login(u)) for u in (participant, coach, admin)),
    ]:
        home = _number(MANAGERS_HOME, viewer.get("/").text)
        directory = _number(MANAGERS_DIRECTORY, viewer.get("/profiles/").text)
        assert home == directory, name
        seen[name] = home
    # Hidden profiles are left out for everyone but admins, so the counts really differ by viewer.
    assert seen["visitor"] < seen["admin"]


def test_an_editions_participants_are_counted_the_same_on_every_page(runner, login):
    _seed(runner)
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    client = login(coach)
    editions_page = client.get("/editions/academy").text
    editions_page = client.get("/editions/").text
    for edition in db.session.scalars(select(Edition)):
        expected = db.session.scalar(
            select(func.count()).where(
                EditionMember.edition_id == edition.id, EditionMember.role == "participant"
            )
        )
        on_editions = re.search(
            rf"{re.escape(edition.name)}</a></td>\s*<td>[^<]*</td>\s*<td>.*?</td>\s*<td>.*?</td>\s*<td>(\d+)</td>",
            editions_page,
            re.S,
        )
        assert on_editions and int(on_editions.group(1)) == expected, edition.name
        on_editions = re.search(
            rf"{re.escape(edition.name)}</a></td>(?:\s*<td>.*?</td>){{3}}\s*<td>(\d+)</td>",
            editions_page,
            re.S,
        )
        assert on_editions and int(on_editions.group(1)) == expected, edition.name
        overview = client.get(f"/editions/{edition.id}").text
        assert _number(r"Participants \((\d+) of", overview) == expected
        edition_page = client.get(f"/editions/{edition.id}/members").text
        assert _number(r"Participants \((\d+)\)", edition_page) == expected
