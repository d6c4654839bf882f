"""Builders for test data: users with profiles, challenges, replies and editions, in one call each.

Each builder flushes so the object has an id; the `app` fixture's database is thrown away after
the test, so nothing needs cleaning up.
"""

from __future__ import annotations

import itertools
from datetime import date

from app.extensions import db
from app.models import Challenge, Edition, EditionMember, Profile, Reply, User, utcnow
from app.text import render_markdown

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_user(
    *,
    role: str = "participant",
    email: str | None = None,
    name: str | None = None,
    password: str = PASSWORD,
    active: bool = True,
    verified: bool = True,
    country: str = "SI",
    with_profile: bool = True,
    **profile_fields,
) -> User:
    """A user (and, unless told not to, a filled-in profile) ready to log in with PASSWORD."""
    n = next(_counter)
    user = User(
        email=User.normalise_email(email or f"user{n}@example.eu"),
        name=name or f"Test Manager {n}",
        role=role,
        is_active_account=active,
        email_verified_at=utcnow() if verified else None,
    )
    user.set_password(password)
    db.session.add(user)
    if with_profile:
        profile = Profile(
            user=user,
            country=country,
            organisation=profile_fields.pop("organisation", f"Cluster Organisation {n}"),
            about=profile_fields.pop("about", "A regional cluster of SMEs and research bodies."),
            expertise=profile_fields.pop("expertise", "Member services and matchmaking events."),
            needs=profile_fields.pop("needs", "International partners for joint projects."),
            maturity=profile_fields.pop("maturity", "developing"),
            **profile_fields,
        )
        profile.ecosystems = profile_fields.get("ecosystems") or ["digital"]
        db.session.add(profile)
    db.session.flush()
    return user


def make_challenge(
    author: User,
    *,
    title: str = "How do we attract more SME members?",
    body: str = "Our membership has stalled at 80 companies. What worked for you?",
    themes: tuple[str, ...] = ("membership",),
    ecosystem: str | None = "digital",
    status: str = "open",
    edition: Edition | None = None,
) -> Challenge:
    """A challenge posted by `author`."""
    challenge = Challenge(
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        ecosystem=ecosystem,
        country=author.profile.country if author.profile else None,
        status=status,
        edition_id=edition.id if edition else None,
    )
    challenge.themes = list(themes)
    db.session.add(challenge)
    db.session.flush()
    return challenge


def make_reply(
    challenge: Challenge, author: User, *, body: str = "We ran a free first-year membership offer."
) -> Reply:
    """A reply by `author` on `challenge`."""
    reply = Reply(challenge=challenge, author=author, body=body, body_html=render_markdown(body))
    db.session.add(reply)
    db.session.flush()
    return reply


def make_edition(
    *,
    name: str | None = None,
    members: tuple[User, ...] = (),
    role: str = "participant",
    **fields,
) -> Edition:
    """An Academy edition with `members` in `role`."""
    edition = Edition(
        name=name or f"Test Academy {next(_counter)}",
        place=fields.pop("place", "Sofia, Bulgaria"),
        online_start=fields.pop("online_start", date(2024, 1, 23)),
        online_end=fields.pop("online_end", date(2024, 1, 25)),
        in_person_start=fields.pop("in_person_start", date(2024, 3, 11)),
        in_person_end=fields.pop("in_person_end", date(2024, 3, 12)),
        **fields,
    )
    db.session.add(edition)
    db.session.flush()
    for user in members:
        db.session.add(EditionMember(edition=edition, user=user, role=role))
    db.session.flush()
    return edition


def make_practice(
    author: User,
    *,
    title: str = "Speed-dating between SMEs and researchers",
    summary: str = "Twelve-minute meetings that start joint projects.",
    kind: str = "method",
    how_to: str = "1. Collect one-line needs from SMEs.\n2. Pair each with two labs.\n3. Follow up within a week.",
    themes: tuple[str, ...] = ("services",),
    ecosystems: tuple[str, ...] = ("digital",),
    maturities: tuple[str, ...] = (),
    visibility: str = "community",
    published: bool = True,
    **fields,
):
    """A practice shared by `author` through the service (tags, search text and first version included)."""
    from app.practices.services import PracticeContent, share_practice

    content = PracticeContent(
        title=title,
        summary=summary,
        kind=kind,
        how_to=how_to,
        themes=list(themes),
        ecosystems=list(ecosystems),
        maturities=list(maturities),
        visibility=visibility,
        **fields,
    )
    practice = share_practice(author, content)
    practice.published = published
    db.session.flush()
    return practice
