"""Invent demo challenges and the replies peers give them, as plain data.

A challenge's author writes about one of their own needs most of the time; replies come mostly
from peers whose expertise covers the challenge's main theme, and mention their own cluster.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape

from app.demo.challenge_texts import (
    BANKS,
    CLOSING,
    REPLY_CLOSERS,
    REPLY_OPENERS,
    REPLY_OWN_INTROS,
    TRIED_INTRO,
    Thread,
)
from app.demo.people import DemoPerson
from app.demo.texts import archetype_named

PICKS = 4  # draws for a replier from a kind of cluster that has not replied yet
REPLY_ATTEMPTS = 6  # compositions tried before a reply gets its author's own details
REPLY_COUNT_WEIGHTS = (18, 22, 20, 16, 11, 8, 5)  # 0..6 replies
SOLVED_SHARE = 0.35
EDITION_SHARE = 0.12
HISTORY_DAYS = 700


@dataclass
class DemoReply:
    """A peer's answer; `author` indexes the people list."""

    author: int
    body: str
    created_at: datetime
    helpful: bool = False


@dataclass
class DemoChallenge:
    """A generated challenge; `author` indexes the people list, `edition` the past editions."""

    author: int
    title: str
    body: str
    themes: list[str]
    ecosystem: str
    country: str
    created_at: datetime
    status: str = "open"
    solved_at: datetime | None = None
    edition: int | None = None
    replies: list[DemoReply] = field(default_factory=list)
    accepted: int | None = None  # index into replies
    thread: int = 0  # which of the main theme's threads the challenge tells

    def row(self, author_id: int, edition_id: int | None, body_html: str) -> dict:
        """Column values for the `challenge` table (accepted_reply_id is set once replies exist)."""
        return {
            "author_id": author_id,
            "title": self.title,
            "body": self.body,
            "body_html": body_html,
            "ecosystem": self.ecosystem,
            "country": self.country,
            "status": self.status,
            "edition_id": edition_id,
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "solved_at": self.solved_at,
        }


def write_body(rng: random.Random, themes: list[str], thread: Thread, author: DemoPerson) -> str:
    """The Markdown body: the situation (with local context), what was tried, and the question."""
    opening = [thread.situation]
    if rng.random() < 0.3:
        opening.append(author.slots["hook"])
    paragraphs = [" ".join(opening)]
    tried = rng.sample(BANKS[themes[0]].tried, rng.randint(2, 4))
    paragraphs.append(rng.choice(TRIED_INTRO) + "\n\n" + "\n".join(f"- {item}" for item in tried))
    paragraphs.append(f"{rng.choice(thread.questions)} {rng.choice(CLOSING)}".strip())
    return "\n\n".join(paragraphs).format(**author.slots)


def write_reply(
    rng: random.Random, theme: str, advice: str | None, replier: DemoPerson
) -> tuple[str, bool] | None:
    """A reply in the replier's words: the thread's `advice`, their own example, or both.

    Returns (body, whether the advice was used), or None when there is nothing new to say.
    """
    slots = {
        **replier.slots,
        "my_region": replier.region,
        "my_members": replier.slots["members_a"],
        "my_org": replier.organisation,
        "my_count": replier.members_count,
    }
    own = archetype_named(replier.ecosystems[0], replier.archetype).expertise.get(theme)
    tells_own = bool(own) and (advice is None or rng.random() < 0.35)
    if not tells_own and advice is None:
        return None
    parts = [rng.choice(REPLY_OPENERS)]
    if tells_own:
        own = own.format(**slots)
        intro = rng.choice(REPLY_OWN_INTROS)
        parts.append(intro.format(own=own, own_lower=own[0].lower() + own[1:]))
    gives_advice = advice is not None and (not tells_own or rng.random() < 0.5)
    if gives_advice:
        parts.append(advice)
    parts.append(rng.choice(REPLY_CLOSERS))
    return " ".join(part for part in parts if part).format(**slots), gives_advice


def unique_reply(
    rng: random.Random,
    theme: str,
    thread: Thread,
    replier: DemoPerson,
    used: set[str],
    told: set[str],
) -> str | None:
    """A reply nobody has posted yet, with advice not yet given on this challenge, or None.

    `used` holds every reply posted so far; `told` the thread's advice already given here, so two
    people never tell the same story under one challenge.
    """
    fresh = [advice for advice in thread.replies if advice not in told]
    for _ in range(REPLY_ATTEMPTS):
        advice = rng.choice(fresh) if fresh else None
        written = write_reply(rng, theme, advice, replier)
        if written is None:
            return None
        body, gave_advice = written
        if body not in used:
            used.add(body)
            if gave_advice:
                told.add(advice)
            return body
    return None


def experts_by_theme(people: list[DemoPerson]) -> dict[str, list[int]]:
    """Theme → indexes of the people whose expertise covers it."""
    experts: dict[str, list[int]] = {theme: [] for theme in BANKS}
    for index, person in enumerate(people):
        for theme in person.expertise_themes:
            experts[theme].append(index)
    return experts


def _themes_for(rng: random.Random, author: DemoPerson, forced: str | None) -> list[str]:
    main = forced or (
        rng.choice(author.need_themes) if rng.random() < 0.7 else rng.choice(list(BANKS))
    )
    others = [theme for theme in BANKS if theme != main]
    return [main] + rng.sample(others, rng.choice((0, 1, 1, 2)))


def _add_replies(
    rng: random.Random,
    challenge: DemoChallenge,
    people: list[DemoPerson],
    experts: list[int],
    now: datetime,
    used: set[str],
) -> None:
    """Replies from peers, each from a different kind of cluster, so no story is told twice."""
    count = rng.choices(range(len(REPLY_COUNT_WEIGHTS)), weights=REPLY_COUNT_WEIGHTS)[0]
    moment = challenge.created_at
    theme = challenge.themes[0]
    thread = BANKS[theme].threads[challenge.thread]
    kinds, told = {_kind(people[challenge.author])}, set()
    for _ in range(count):
        pool = experts if experts and rng.random() < 0.7 else range(len(people))
        replier = next(
            (r for r in (rng.choice(pool) for _ in range(PICKS)) if _kind(people[r]) not in kinds),
            None,
        )
        if replier is None:
            continue
        kinds.add(_kind(people[replier]))
        body = unique_reply(rng, theme, thread, people[replier], used, told)
        if body is None:
            continue
        moment = min(moment + timedelta(minutes=rng.randint(20, 6 * 24 * 60)), now)
        challenge.replies.append(DemoReply(author=replier, body=body, created_at=moment))
    if challenge.replies and rng.random() < SOLVED_SHARE:
        challenge.accepted = rng.randrange(len(challenge.replies))
        challenge.replies[challenge.accepted].helpful = True
        challenge.status = "solved"
        challenge.solved_at = min(moment + timedelta(hours=rng.randint(1, 72)), now)


def _kind(person: DemoPerson) -> tuple[str, str]:
    """The archetype a person's cluster was composed from."""
    return person.ecosystems[0], person.archetype


def make_challenge(
    rng: random.Random,
    people: list[DemoPerson],
    author_index: int,
    *,
    experts: dict[str, list[int]],
    now: datetime,
    used_replies: set[str],
    theme: str | None = None,
) -> DemoChallenge:
    """One challenge by people[author_index], with its replies; `theme` forces the main theme."""
    author = people[author_index]
    chosen = _themes_for(rng, author, theme)
    threads = BANKS[chosen[0]].threads
    thread = rng.randrange(len(threads))
    challenge = DemoChallenge(
        author=author_index,
        title=threads[thread].title.format(**author.slots)[:160],
        body=write_body(rng, chosen, threads[thread], author),
        themes=chosen,
        ecosystem=author.ecosystems[0],
        country=author.country,
        created_at=now - timedelta(minutes=rng.randint(60, HISTORY_DAYS * 24 * 60)),
        edition=author.edition
        if author.edition is not None and rng.random() < EDITION_SHARE
        else None,
        thread=thread,
    )
    _add_replies(rng, challenge, people, experts[chosen[0]], now, used_replies)
    return challenge


def generate_challenges(
    rng: random.Random,
    people: list[DemoPerson],
    count: int,
    *,
    now: datetime,
    used_replies: set[str] | None = None,
) -> list[DemoChallenge]:
    """`count` challenges by visible people, covering every theme as main theme (when count allows)."""
    authors = [i for i, person in enumerate(people) if person.visibility != "hidden"] or list(
        range(len(people))
    )
    experts = experts_by_theme(people)
    themes = rng.sample(list(BANKS), len(BANKS))
    used = used_replies if used_replies is not None else set()
    return [
        make_challenge(
            rng,
            people,
            rng.choice(authors),
            experts=experts,
            now=now,
            used_replies=used,
            theme=themes[i] if i < len(themes) else None,
        )
        for i in range(count)
    ]


def render_generated(source: str) -> str:
    """The HTML app.text.render_markdown gives for generated texts (paragraphs and "- " lists).

    Building a Markdown parser per text made seeding 20,000 challenges take minutes; a test checks
    that this gives exactly render_markdown's output for generated bodies and replies.
    """
    blocks = []
    for block in source.split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = "\n".join(f"<li>{escape(line[2:], quote=False)}</li>" for line in lines)
            blocks.append(f"<ul>\n{items}\n</ul>")
        else:
            blocks.append(f"<p>{escape(block, quote=False)}</p>")
    return "\n".join(blocks)
