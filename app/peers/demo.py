"""Demo data for the peers area, added after `flask seed-demo` from the same random stream.

The demo participant gets an accepted introduction (with an outcome), a pending request to answer,
and the notifications that go with them; every profile and challenge gets a stale vector row so
`flask embed` (or the web process's background thread) computes them.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from app.extensions import db
from app.models import Introduction, IntroductionOutcome, Notification, Profile, User
from app.services import embedding
from app.signals import demo_seeded

DEMO_EMAIL = "participant@demo.eu"


def add_demo_peers(app, *, rng: random.Random, **_) -> None:
    """Introductions and notifications for the demo participant; vector rows for everyone."""
    embedding.mark_missing()
    me = db.session.scalar(select(User).where(User.email == DEMO_EMAIL))
    peers = list(
        db.session.scalars(
            select(User)
            .join(Profile)
            .where(
                Profile.visibility == "community",
                User.id != (me.id if me else 0),
                User.role.in_(("participant", "alumni")),
            )
            .order_by(User.id)
            .limit(200)
        )
    )
    if me is None or len(peers) < 2:
        return
    accepted_with, asking = rng.sample(peers, 2)
    accepted = Introduction(
        sender_id=me.id,
        recipient_id=accepted_with.id,
        status="accepted",
        message=_asking_for_experience(me, accepted_with),
    )
    pending = Introduction(
        sender_id=asking.id,
        recipient_id=me.id,
        status="pending",
        message=_asking_for_experience(asking, me),
    )
    db.session.add_all([accepted, pending])
    db.session.flush()
    db.session.add(
        IntroductionOutcome(
            introduction_id=accepted.id,
            user_id=me.id,
            kind="met",
            note="A first call last month; we swap our service price lists next.",
        )
    )
    db.session.add_all(
        [
            Notification(
                user_id=me.id,
                event="introduction_answered",
                link="/peers/introductions",
                message=f"{accepted_with.name} accepted your introduction request",
            ),
            Notification(
                user_id=me.id,
                event="introduction_requested",
                link="/peers/introductions",
                message=f"{asking.name} would like an introduction",
            ),
        ]
    )
    db.session.flush()


def _first_sentence(text: str) -> str:
    return (text or "").split(". ")[0].rstrip(".")


def _asking_for_experience(sender: User, recipient: User) -> str:
    """An introduction request in the sender's words, about what the recipient's profile says."""
    theirs = _first_sentence(recipient.profile.expertise) if recipient.profile else ""
    mine = _first_sentence(sender.profile.needs) if sender.profile else ""
    organisation = sender.profile.organisation if sender.profile else "our cluster"
    if not theirs or not mine:
        return "I read your profile and would like to compare notes with you."
    return (
        f'I read on your profile: "{theirs}." At {organisation} our open question right now is '
        f"this: {mine[0].lower() + mine[1:]}. Would you have half an hour for a call?"
    )


def connect_receivers() -> None:
    """Connect this area's part of `flask seed-demo` (create_app calls it; connecting twice is harmless)."""
    demo_seeded.connect(add_demo_peers)
