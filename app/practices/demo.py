"""Demo practices, added after `flask seed-demo`: the library as cluster managers would fill it.

The texts live in app/practices/data/practices.json (written as managers write: concrete, with
numbers and local context). Each practice is shared by a demo member from its country, then
adopted by members across Europe, some with a story, some teaching it onwards. The demo coach
curates a toolkit for the demo participant's edition. Uses its own random stream, so the other
areas' demo data stays the same.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Edition, EditionMember, Practice, PracticeAdoption, Profile, User
from app.practices.collections import services as collections
from app.practices.services import PracticeContent, count_adopters, share_practice
from app.signals import demo_seeded

DATA = Path(__file__).resolve().parent / "data" / "practices.json"
DEMO_SEED = 14
MAX_ADOPTERS = 14
STORIES = (
    (
        "We ran it with {n} member companies in our region; it took a bit longer than described.",
        "{k} follow-up projects",
    ),
    (
        "Adapted it for a smaller cluster: half the budget, same steps.",
        "Members asked to repeat it",
    ),
    (
        "Our board was sceptical, so we piloted it once first. It convinced them.",
        "Now a yearly activity",
    ),
    ("Translated the material and used it at our general assembly.", "{k} new members joined"),
    (
        "Worked well; step 3 needed a local partner we did not have at first.",
        "{k} companies took part",
    ),
)


def demo_practices() -> list[dict]:
    """The demo practices as written in the data file."""
    return json.loads(DATA.read_text(encoding="utf-8"))["practices"]


@demo_seeded.connect
def add_demo_practices(app, **_) -> None:
    """Share the demo practices, adopt them across countries, and curate the demo edition's toolkit."""
    rng = random.Random(DEMO_SEED)
    members = _members_by_country()
    everyone = [user for users in members.values() for user in users]
    if not everyone:
        return
    now = datetime.now(UTC)
    practices = []
    for offset, item in enumerate(demo_practices()):
        author = rng.choice(members.get(item["country"]) or everyone)
        practice = share_practice(author, _content(item))
        practice.created_at = practice.updated_at = now - timedelta(
            days=7 * (len(demo_practices()) - offset) + 3
        )
        _adopt(practice, rng, everyone)
        practices.append(practice)
    _toolkit(practices)
    db.session.flush()


def _content(item: dict) -> PracticeContent:
    fields = {
        key: item[key]
        for key in (
            "title",
            "summary",
            "kind",
            "how_to",
            "problem",
            "needs_time",
            "needs_budget",
            "needs_team",
            "results",
            "languages",
        )
    }
    return PracticeContent(
        **fields,
        themes=item["themes"],
        ecosystems=item["ecosystems"],
        maturities=item["maturities"],
    )


def _members_by_country() -> dict[str, list[User]]:
    rows = db.session.execute(
        select(User, Profile.country)
        .join(Profile, Profile.user_id == User.id)
        .where(User.is_active_account.is_(True), User.role.in_(("participant", "alumni")))
        .order_by(User.id)
    ).all()
    members: dict[str, list[User]] = {}
    for user, country in rows:
        members.setdefault(country, []).append(user)
    return members


def _adopt(practice: Practice, rng: random.Random, everyone: list[User]) -> None:
    adopters = rng.sample(everyone, k=min(rng.randint(0, MAX_ADOPTERS), len(everyone)))
    for user in adopters:
        if user.id == practice.author_id:
            continue
        story, result = ("", "")
        if rng.random() < 0.35:
            story, result = rng.choice(STORIES)
            story, result = story.format(n=rng.randint(6, 40)), result.format(k=rng.randint(2, 9))
        when = practice.created_at + timedelta(days=rng.randint(3, 120))
        db.session.add(
            PracticeAdoption(
                practice=practice,
                user=user,
                kind="adopted",
                country=user.profile.country,
                story=story,
                result=result,
                created_at=when,
            )
        )
        if rng.random() < 0.3:
            db.session.add(
                PracticeAdoption(
                    practice=practice,
                    user=user,
                    kind="taught",
                    country=user.profile.country,
                    created_at=when + timedelta(days=30),
                )
            )
    db.session.flush()
    practice.adopters_count = count_adopters(practice)


def _toolkit(practices: list[Practice]) -> None:
    """The demo coach's toolkit for the demo participant's edition (most adopted first)."""
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    me = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    edition = me and db.session.scalar(
        select(Edition)
        .join(EditionMember)
        .where(EditionMember.user_id == me.id)
        .order_by(Edition.id.desc())
    )
    if coach is None or edition is None:
        return
    toolkit = collections.create_collection(
        coach,
        edition_id=edition.id,
        title=f"Toolkit of the {edition.name}",
        description="The practices we worked with during the edition, to take home and pass on to your team.",
    )
    for practice in sorted(practices, key=lambda p: -p.adopters_count)[:8]:
        collections.add_to_collection(toolkit, practice)
