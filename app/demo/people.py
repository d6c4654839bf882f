"""Invent demo cluster managers: who they are, the cluster they run, and what they write about it.

Everything is plain data (no database), drawn from one `random.Random`, so the same seed gives the
same community and tests can check the mix without seeding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from app.demo import profile_texts
from app.demo.places import SECOND_LANGUAGES, Country, ascii_slug
from app.demo.texts import ARCHETYPES, JOB_TITLES, Archetype
from app.profiles.services import PLAIN_FIELDS
from app.reference import MATURITY_SLUGS, derive_maturity

# An edition takes 25 to 40 participants; one place is kept for the demo participant.
EDITION_SIZE = (25, 39)
EDITIONS = (
    4  # the three past editions of app/data/cohorts.json, then the live one (live_edition.py)
)
MATURITY_WEIGHTS = {"emerging": 15, "developing": 30, "established": 35, "advanced": 20}
NAME_ATTEMPTS = 30  # draws before accepting a name someone else has (only at benchmark sizes)


@dataclass
class DemoPerson:
    """A generated cluster manager and the profile of their cluster."""

    name: str
    email: str
    country: str
    region: str
    ecosystems: list[str]
    organisation: str
    website: str
    job_title: str
    founded_year: int
    members_count: int
    label: str
    maturity: str
    languages: str
    expertise_themes: list[str]
    need_themes: list[str]
    about: str = ""
    expertise: str = ""
    needs: str = ""
    visibility: str = "community"
    edition: int | None = None  # index into the editions: the three past ones, then the live one
    archetype: str = ""
    role: str = "participant"
    slots: dict = field(default_factory=dict, repr=False)

    def user_row(self, password_hash: str) -> dict:
        """Column values for the `user` table."""
        return {
            "email": self.email,
            "name": self.name,
            "password_hash": password_hash,
            "role": self.role,
        }

    def profile_row(self, user_id: int) -> dict:
        """Column values for the `profile` table."""
        fields = (
            *PLAIN_FIELDS,
            "maturity",
        )  # the columns a manager fills in, as the profile form saves them
        return {"user_id": user_id, **{name: getattr(self, name) for name in fields}}


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _founding(rng: random.Random, maturity: str, today: date) -> tuple[int, str]:
    """A founding year and label that derive_maturity turns into `maturity`."""
    ages = {"emerging": (1, 2), "developing": (3, 7), "established": (8, 15), "advanced": (16, 30)}
    label = "none"
    if maturity == "developing" and rng.random() < 0.3:
        label = "bronze"
    elif maturity == "established" and rng.random() < 0.5:
        label = rng.choice(("bronze", "silver"))
    elif maturity == "advanced" and rng.random() < 0.5:
        label = rng.choice(("silver", "gold", "gold"))
    return today.year - rng.randint(*ages[maturity]), label


def _languages(rng: random.Random, country: Country) -> str:
    languages = [country.language] + (["English"] if country.language != "English" else [])
    if rng.random() < 0.35:
        extra = rng.choice([lang for lang in SECOND_LANGUAGES if lang not in languages])
        languages.append(extra)
    return ", ".join(languages)


def unused_name(rng: random.Random, country: Country, taken: set[str]) -> str:
    """A name from `country` nobody in `taken` has, when the country's lists allow; adds it."""
    name = country.full_name(rng)
    for _ in range(NAME_ATTEMPTS):
        if name not in taken:
            break
        name = country.full_name(rng)
    taken.add(name)
    return name


def write_texts(rng: random.Random, person: DemoPerson, archetype: Archetype) -> None:
    """Fill the about, expertise and needs texts from the person's archetype."""
    slots = profile_texts.make_slots(
        rng,
        archetype,
        org=person.organisation,
        region=person.region,
        count=person.members_count,
        year=person.founded_year,
        label=person.label,
    )
    person.about = profile_texts.about_text(rng, archetype, slots)
    person.expertise = profile_texts.expertise_text(rng, archetype, person.expertise_themes, slots)
    person.needs = profile_texts.needs_text(rng, archetype, person.need_themes, slots)
    person.slots = slots


def make_person(
    rng: random.Random,
    index: int,
    *,
    country: Country,
    ecosystem: str,
    today: date,
    taken_emails: set[str],
    taken_names: set[str],
) -> DemoPerson:
    """One manager from `country` running a cluster of one of `ecosystem`'s archetypes."""
    archetype = rng.choice(ARCHETYPES[ecosystem])
    name = unused_name(rng, country, taken_names)
    region = rng.choice(country.regions)
    also = [slug for slug in archetype.also if slug in ARCHETYPES]
    ecosystems = [ecosystem] + rng.sample(also, min(len(also), rng.choice((0, 0, 1, 1, 2))))
    maturity = MATURITY_SLUGS[index] if index < 4 else _weighted(rng, MATURITY_WEIGHTS)
    founded_year, label = _founding(rng, maturity, today)
    organisation, domain = profile_texts.organisation(rng, archetype, country, region)
    first, last = name.split(" ", 1)
    email = f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}"
    while email in taken_emails:
        email = f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(2, 9999)}@{domain}"
    taken_emails.add(email)
    expertise_themes, need_themes = profile_texts.pick_themes(rng, archetype)
    person = DemoPerson(
        name=name,
        email=email,
        country=country.code,
        region=region,
        ecosystems=ecosystems,
        organisation=organisation,
        website=f"https://{domain}",
        job_title=rng.choice(JOB_TITLES),
        founded_year=founded_year,
        members_count=_members_count(rng, maturity),
        label=label,
        maturity=derive_maturity(founded_year, label, today=today),
        languages=_languages(rng, country),
        expertise_themes=expertise_themes,
        need_themes=need_themes,
        archetype=archetype.key,
    )
    write_texts(rng, person, archetype)
    return person


def _members_count(rng: random.Random, maturity: str) -> int:
    low, high = {
        "emerging": (12, 45),
        "developing": (30, 90),
        "established": (60, 180),
        "advanced": (120, 420),
    }[maturity]
    return rng.randint(low, high)


def generate_people(
    rng: random.Random,
    count: int,
    *,
    countries: list[Country],
    today: date,
    taken_names: set[str] | None = None,
) -> list[DemoPerson]:
    """`count` managers covering every country, ecosystem and maturity level (when count allows)."""
    countries = rng.sample(countries, len(countries))
    ecosystems = rng.sample(list(ARCHETYPES), len(ARCHETYPES))
    emails: set[str] = set()
    names = taken_names if taken_names is not None else set()
    people = [
        make_person(
            rng,
            i,
            country=countries[i % len(countries)],
            ecosystem=ecosystems[i % len(ecosystems)],
            today=today,
            taken_emails=emails,
            taken_names=names,
        )
        for i in range(count)
    ]
    assign_editions(rng, people)
    return people


def assign_editions(rng: random.Random, people: list[DemoPerson], editions: int = EDITIONS) -> None:
    """Put 25-40 people in each edition, no two with the same name in one edition.

    The last edition is the live one: its people are participants; earlier editions' are alumni.
    """
    pool = rng.sample(range(len(people)), len(people))
    for edition in range(editions):
        size, names, skipped = rng.randint(*EDITION_SIZE), set(), []
        while pool and len(names) < size:
            index = pool.pop()
            person = people[index]
            if person.name in names:
                skipped.append(index)
                continue
            names.add(person.name)
            person.edition = edition
            person.role = "alumni" if edition < editions - 1 else "participant"
            person.visibility = "cohorts" if rng.random() < 0.08 else "community"
        pool.extend(skipped)
    for person in people:
        if person.edition is None and rng.random() < 0.04:
            person.visibility = "hidden"


def generate_coaches(
    rng: random.Random, count: int, *, countries: list[Country], taken_names: set[str]
) -> list[tuple[str, str]]:
    """(name, email) of Academy coaches: experienced cluster consultants."""
    coaches = []
    for n in range(count):
        name = unused_name(rng, rng.choice(countries), taken_names)
        first, last = name.split(" ", 1)
        email = f"{ascii_slug(first)}.{ascii_slug(last)}.{n + 1}@coaches.clusterbooster.example"
        coaches.append((name, email))
    return coaches
