"""Write the generated demo community to the database, in bulk so 10,000 profiles stay quick.

`seed_demo_community` only flushes; the `flask seed-demo` command commits. Generated people never
log in, so they share one password hash of a random password; the three demo logins get real ones.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, insert, select, text, update
from werkzeug.security import generate_password_hash

from app import reference, search
from app.demo.challenges import (
    DemoChallenge,
    experts_by_theme,
    generate_challenges,
    make_challenge,
    render_generated,
)
from app.demo.live_edition import ensure_live_edition, insert_applications
from app.demo.people import EDITIONS, DemoPerson, generate_coaches, generate_people, make_person
from app.demo.places import COUNTRIES, countries_for
from app.editions.members.services import ensure_reference_editions
from app.extensions import db
from app.meetings import demo as meeting_day
from app.models import (
    Challenge,
    ChallengeTheme,
    EditionMember,
    Profile,
    ProfileEcosystem,
    Reply,
    User,
)

DEFAULT_SEED = 2023
DEMO_PASSWORD = "booster-demo"
DEMO_LOGINS = (
    ("participant@demo.eu", "participant"),
    ("coach@demo.eu", "coach"),
    ("admin@demo.eu", "admin"),
)
DEMO_PARTICIPANT_CHALLENGES = 3


@dataclass
class SeedSummary:
    """What was written, for the command's closing line."""

    users: int
    profiles: int
    challenges: int
    replies: int
    editions: int


def demo_logins_present() -> list[tuple[str, str]]:
    """The demo logins (email, role) that exist in the database."""
    emails = [email for email, _ in DEMO_LOGINS]
    found = set(db.session.scalars(select(User.email).where(User.email.in_(emails))))
    return [(email, role) for email, role in DEMO_LOGINS if email in found]


def seed_demo_community(
    *, profiles: int, challenges: int, rng: random.Random | None = None, today: date | None = None
) -> SeedSummary:
    """Generate and insert the demo community from `rng`; flushes, never commits."""
    rng = rng or random.Random(DEFAULT_SEED)
    today = today or datetime.now(UTC).date()
    now = datetime.combine(today, time(9), tzinfo=UTC)
    countries = countries_for(set(reference.eligible_countries())) or list(COUNTRIES)
    # The demo participant and their open challenges count towards the totals asked for.
    names: set[str] = set()
    people = generate_people(
        rng, max(profiles - 1, 1), countries=countries, today=today, taken_names=names
    )
    used_replies: set[str] = set()
    generated = generate_challenges(
        rng,
        people,
        max(challenges - DEMO_PARTICIPANT_CHALLENGES, 0),
        now=now,
        used_replies=used_replies,
    )
    demo_person = _demo_participant(rng, countries, today, people, names)
    people.append(demo_person)
    experts = experts_by_theme(people)
    for _ in range(DEMO_PARTICIPANT_CHALLENGES):
        challenge = make_challenge(
            rng, people, len(people) - 1, experts=experts, now=now, used_replies=used_replies
        )
        generated.append(_open(challenge))
    # Two coaches per edition; the demo coach (inserted last) coaches the live one.
    coaches = generate_coaches(rng, 2 * EDITIONS - 1, countries=countries, taken_names=names)

    editions = [*ensure_reference_editions(), ensure_live_edition(today)]
    hashes = {
        "shared": _password_hash(secrets.token_urlsafe(24)),
        "demo": _password_hash(DEMO_PASSWORD),
    }
    user_ids = _insert_people(rng, people, now, hashes)
    coach_ids = _insert_coaches(coaches, now, hashes)
    _insert_edition_members(people, user_ids, coach_ids, [c.id for c in editions])
    insert_applications(rng, people, user_ids, editions[-1], live_index=EDITIONS - 1, today=today)
    replies = _insert_challenges(generated, user_ids, [c.id for c in editions])
    meeting_day.seed_meeting_day(rng, user_ids, coach_ids[0], today=today)
    db.session.flush()
    # The bulk inserts above bypass the ORM hook that writes search documents: write them all.
    search.rebuild_all(db.session.connection())
    db.session.expire_all()
    return SeedSummary(
        users=len(user_ids) + len(coach_ids) + 1,  # + admin@demo.eu
        profiles=len(people),
        challenges=len(generated),
        replies=replies,
        editions=len(editions),
    )


def _demo_participant(
    rng: random.Random, countries, today: date, people: list[DemoPerson], names: set[str]
) -> DemoPerson:
    """participant@demo.eu: a manager in the live edition, with a complete profile."""
    country = next((c for c in countries if c.code == "SI"), countries[0])
    person = make_person(
        rng,
        len(people),
        country=country,
        ecosystem="construction",
        today=today,
        taken_emails=set(),
        taken_names=names,
    )
    person.email, person.role, person.edition, person.visibility = (
        "participant@demo.eu",
        "participant",
        EDITIONS - 1,
        "community",
    )
    return person


def _open(challenge: DemoChallenge) -> DemoChallenge:
    """The demo participant's challenges stay open, so there is something to mark solved."""
    challenge.status, challenge.solved_at, challenge.accepted, challenge.edition = (
        "open",
        None,
        None,
        None,
    )
    for reply in challenge.replies:
        reply.helpful = False
    return challenge


def _password_hash(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return generate_password_hash(password, method=method)


def _insert_with_ids(model, rows: list[dict]) -> list[int]:
    """Insert rows with ids we choose (a plain executemany, far faster than RETURNING per batch)."""
    first = (db.session.scalar(select(func.max(model.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for row, row_id in zip(rows, ids, strict=True):
        row["id"] = row_id
    if rows:
        db.session.execute(insert(model), rows)
        _advance_sequence(model)
    return ids


def _advance_sequence(model) -> None:
    """On PostgreSQL, move the id sequence past the ids we chose, so later inserts do not collide."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    table = model.__tablename__
    db.session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT max(id) FROM "{table}"))'
        )
    )


def _insert_people(
    rng: random.Random, people: list[DemoPerson], now: datetime, hashes: dict
) -> list[int]:
    """Users, their profiles and profile ecosystems; returns user ids in people order."""
    user_rows = []
    for person in people:
        row = person.user_row(hashes["demo" if person.email.endswith("@demo.eu") else "shared"])
        row["created_at"] = now - timedelta(days=rng.randint(720, 1200))
        row["email_verified_at"] = row["created_at"]  # demo people are in the directory at once
        user_rows.append(row)
    user_ids = _insert_with_ids(User, user_rows)
    profile_rows = [
        person.profile_row(user_id)
        | {"created_at": user_rows[i]["created_at"], "updated_at": user_rows[i]["created_at"]}
        for i, (person, user_id) in enumerate(zip(people, user_ids, strict=True))
    ]
    profile_ids = _insert_with_ids(Profile, profile_rows)
    links = [
        {"profile_id": profile_id, "ecosystem": slug, "position": position}
        for person, profile_id in zip(people, profile_ids, strict=True)
        for position, slug in enumerate(person.ecosystems)
    ]
    db.session.execute(insert(ProfileEcosystem), links)
    return user_ids


def _insert_coaches(coaches: list[tuple[str, str]], now: datetime, hashes: dict) -> list[int]:
    """The generated coaches (shared hash) plus the demo coach and admin (real hashes)."""
    shared_hash, demo_hash = hashes["shared"], hashes["demo"]
    rows = [
        {
            "email": email,
            "name": name,
            "password_hash": shared_hash,
            "role": "coach",
            "created_at": now,
            "email_verified_at": now,
        }
        for name, email in coaches
    ]
    rows.append(
        {
            "email": "coach@demo.eu",
            "name": "Daniela Weber",
            "password_hash": demo_hash,
            "role": "coach",
            "created_at": now,
            "email_verified_at": now,
        }
    )
    ids = _insert_with_ids(User, rows)
    db.session.execute(
        insert(User),
        [
            {
                "email": "admin@demo.eu",
                "name": "Community Admin",
                "password_hash": demo_hash,
                "role": "admin",
                "created_at": now,
                "email_verified_at": now,
            }
        ],
    )
    return ids


def _insert_edition_members(
    people: list[DemoPerson], user_ids: list[int], coach_ids: list[int], edition_ids: list[int]
) -> None:
    """Participants of each edition, and two coaches each (the demo coach in the live one)."""
    rows = [
        {"edition_id": edition_ids[person.edition], "user_id": user_id, "role": "participant"}
        for person, user_id in zip(people, user_ids, strict=True)
        if person.edition is not None
    ]
    for position, coach_id in enumerate(coach_ids[: 2 * len(edition_ids)]):
        rows.append(
            {"edition_id": edition_ids[position // 2], "user_id": coach_id, "role": "coach"}
        )
    db.session.execute(insert(EditionMember), rows)


def _insert_challenges(
    generated: list[DemoChallenge], user_ids: list[int], edition_ids: list[int]
) -> int:
    """Challenges, their themes and replies, then each solved challenge's accepted reply."""
    rows = [
        c.row(
            user_ids[c.author],
            edition_ids[c.edition] if c.edition is not None else None,
            render_generated(c.body),
        )
        for c in generated
    ]
    challenge_ids = _insert_with_ids(Challenge, rows)
    theme_rows = [
        {"challenge_id": cid, "theme": theme, "position": position}
        for c, cid in zip(generated, challenge_ids, strict=True)
        for position, theme in enumerate(c.themes)
    ]
    db.session.execute(insert(ChallengeTheme), theme_rows)
    reply_rows, owners = [], []
    for c, cid in zip(generated, challenge_ids, strict=True):
        for position, reply in enumerate(c.replies):
            html = render_generated(reply.body)
            reply_rows.append(
                {
                    "challenge_id": cid,
                    "author_id": user_ids[reply.author],
                    "body": reply.body,
                    "body_html": html,
                    "helpful": reply.helpful,
                    "created_at": reply.created_at,
                    "updated_at": reply.created_at,
                }
            )
            owners.append((cid, position == c.accepted, c.solved_at))
    reply_ids = _insert_with_ids(Reply, reply_rows)
    accepted = [
        {"id": cid, "accepted_reply_id": rid, "updated_at": solved_at}
        for (cid, is_accepted, solved_at), rid in zip(owners, reply_ids, strict=True)
        if is_accepted
    ]
    if accepted:
        db.session.execute(update(Challenge), accepted)
    return len(reply_ids)
