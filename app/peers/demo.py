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
    peers = list(db.session.scalars(
        select(User).join(Profile).where(Profile.visibility == "community", User.id != (me.id if me else 0),
                                         User.role.in_(("participant", "alumni"))).order_by(User.id).limit(200)))
    if me is None or len(peers) < 2:
        return
    accepted_with, asking = rng.sample(peers, 2)
    accepted = Introduction(sender_id=me.id, recipient_id=accepted_with.id, status="accepted",
                            message="We face the same question on membership fees; could we compare notes?")
    pending = Introduction(sender_id=asking.id, recipient_id=me.id, status="pending",
                           message="I read your profile: we are looking for partners for a joint project.")
    db.session.add_all([accepted, pending])
    db.session.flush()
    db.session.add(IntroductionOutcome(introduction_id=accepted.id, user_id=me.id, kind="met",
                                       note="A call in spring; we share our fee model."))
    db.session.add_all([
        Notification(user_id=me.id, event="introduction_answered", link="/peers/introductions",
                     message=f"{accepted_with.name} accepted your introduction request"),
        Notification(user_id=me.id, event="introduction_requested", link="/peers/introductions",
                     message=f"{asking.name} would like an introduction"),
    ])
    db.session.flush()


def connect_receivers() -> None:
    """Connect this area's part of `flask seed-demo` (create_app calls it; connecting twice is harmless)."""
    demo_seeded.connect(add_demo_peers)
