"""Compose a demo manager's organisation and texts from one cluster archetype.

Every field comes from the same archetype (app/demo/texts.py), so a wine cluster's manager writes
about winegrowers, frost and ProWein, and never about foundries. Lengths and sentence choices vary
per person, the way real profiles do: some write one line, some a paragraph.
"""

from __future__ import annotations

import random

from app.demo.places import Country, ascii_slug
from app.demo.texts import ABOUT_CLOSERS, EXPERTISE, NEEDS, Archetype


def organisation(
    rng: random.Random, archetype: Archetype, country: Country, region: str
) -> tuple[str, str]:
    """The organisation's name and its web domain."""
    name = rng.choice(archetype.names).format(region=region, adjective=country.adjective)
    return name, f"{archetype.domain}-{ascii_slug(region)}.{country.tld}.example"


def make_slots(
    rng: random.Random,
    archetype: Archetype,
    *,
    org: str,
    region: str,
    count: int,
    year: int,
    label: str,
) -> dict:
    """The words a person's sentences are filled with, all from their one archetype."""
    members = rng.sample(archetype.members, 2)
    return {
        "org": org,
        "region": region,
        "count": count,
        "year": year,
        "staff": rng.randint(2, 4) + count // 60,
        "some": rng.randint(6, max(7, count // 3)),
        "label": label,
        "adjective": rng.choice(("regional", "cross-border", "national", "regional")),
        "members_a": members[0],
        "members_b": members[1],
        "topic": rng.choice(archetype.topics),
        "product": rng.choice(archetype.products),
        "buyers": rng.choice(archetype.buyers),
        "hook": rng.choice(archetype.hooks),
    }


def pick_themes(rng: random.Random, archetype: Archetype) -> tuple[list[str], list[str]]:
    """Two themes the cluster is good at and two it needs help with, from what the archetype knows."""
    expertise = rng.sample(sorted(archetype.expertise), 2)
    open_needs = [theme for theme in sorted(archetype.needs) if theme not in expertise]
    needs = rng.sample(open_needs, min(2, len(open_needs)))
    return expertise, needs


def about_text(rng: random.Random, archetype: Archetype, slots: dict) -> str:
    """What the cluster is: the archetype's description, often local context, sometimes a closer."""
    sentences = [rng.choice(archetype.about)]
    if rng.random() < 0.6:
        sentences.append(slots["hook"])
    if rng.random() < 0.5:
        closers = [c for c in ABOUT_CLOSERS if slots["label"] != "none" or "{label}" not in c]
        sentences.append(rng.choice(closers))
    return " ".join(sentences).format(**slots)


def expertise_text(rng: random.Random, archetype: Archetype, themes: list[str], slots: dict) -> str:
    """What the cluster is good at: the archetype's own examples, sometimes one general line more."""
    return _compose(rng, archetype.expertise, EXPERTISE, themes, slots)


def needs_text(rng: random.Random, archetype: Archetype, themes: list[str], slots: dict) -> str:
    """What the cluster looks for, in the same words."""
    return _compose(rng, archetype.needs, NEEDS, themes, slots)


def _compose(
    rng: random.Random,
    own: dict[str, str],
    general: dict[str, tuple[str, ...]],
    themes: list[str],
    slots: dict,
) -> str:
    sentences = [own[theme] for theme in themes if theme in own]
    if rng.random() < 0.3:
        sentences = sentences[:1]  # a short profile: one thing, said plainly
    if rng.random() < 0.5 or not sentences:
        sentences.append(rng.choice(general[rng.choice(themes)]))
    return " ".join(sentences).format(**slots)
