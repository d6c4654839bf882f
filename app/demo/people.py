"""Invent demo cluster managers: who they are, the cluster they run, and what they write about it.

Everything is plain data (no database), drawn from one `random.Random`, so the same seed gives the
same community and tests can check the mix without seeding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from app.demo.places import SECOND_LANGUAGES, Country, ascii_slug
from app.demo.texts import ABOUT, ABOUT_CLOSERS, EXPERTISE, JOB_TITLES, NEEDS
from app.demo.vocabulary import SECTORS
from app.profiles.services import PLAIN_FIELDS
from app.reference import MATURITY_SLUGS, derive_maturity

# An edition takes 25 to 40 participants; one place is kept for the demo participant.
COHORT_SIZE = (25, 39)
MATURITY_WEIGHTS = {"emerging": 15, "developing": 30, "established": 35, "advanced": 20}
ORG_PATTERNS = (
    "{region} {sector} Cluster",
    "{adjective} {sector} Cluster",
    "{sector} Cluster {region}",
    "{region} {sector} Network",
    "{sector} Alliance {region}",
    "{sector} Valley {region}",
)


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
    cohort: int | None = None  # index into the three past editions
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
        fields = (*PLAIN_FIELDS, "maturity")  # the columns a manager fills in, as the profile form saves them
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


def _organisation(
    rng: random.Random, country: Country, region: str, ecosystem: str
) -> tuple[str, str]:
    """The organisation's name and its web domain."""
    if ecosystem == "digital" and rng.random() < 0.3:
        name, stem = f"Digital Innovation Hub {region}", "dih"
    else:
        sector = rng.choice(SECTORS[ecosystem].names)
        name = rng.choice(ORG_PATTERNS).format(
            region=region, sector=sector, adjective=country.adjective
        )
        stem = f"{ascii_slug(sector.replace(' & ', '-'))}-cluster"
    return name, f"{stem}-{ascii_slug(region)}.{country.tld}.example"


def _languages(rng: random.Random, country: Country) -> str:
    languages = [country.language] + (["English"] if country.language != "English" else [])
    if rng.random() < 0.35:
        extra = rng.choice([lang for lang in SECOND_LANGUAGES if lang not in languages])
        languages.append(extra)
    return ", ".join(languages)


def _slots(rng: random.Random, person: DemoPerson, staff: int) -> dict:
    """Words for the sentence banks, from the person's ecosystems and cluster."""
    primary = SECTORS[person.ecosystems[0]]
    members = rng.sample(primary.members, 2)
    topics = [rng.choice(SECTORS[slug].topics) for slug in person.ecosystems]
    return {
        "org": person.organisation,
        "region": person.region,
        "count": person.members_count,
        "year": person.founded_year,
        "staff": staff,
        "label": person.label,
        "adjective": rng.choice(("regional", "cross-border", "national", "regional")),
        "members_a": members[0],
        "members_b": members[1],
        "topic": topics[0],
        "product": rng.choice(primary.products),
        "buyers": rng.choice(primary.buyers),
    }


def _compose(
    rng: random.Random, bank: dict[str, tuple[str, ...]], themes: list[str], slots: dict
) -> str:
    sentences = []
    for theme in themes:
        sentences += rng.sample(bank[theme], rng.randint(1, 2))
    return " ".join(sentence.format(**slots) for sentence in sentences)


def write_texts(rng: random.Random, person: DemoPerson) -> None:
    """Fill the about, expertise and needs texts from the sentence banks."""
    slots = _slots(rng, person, staff=rng.randint(2, 12))
    closers = [c for c in ABOUT_CLOSERS if person.label != "none" or "{label}" not in c]
    person.about = f"{rng.choice(ABOUT)} {rng.choice(closers)}".format(**slots)
    person.expertise = _compose(rng, EXPERTISE, person.expertise_themes, slots)
    person.needs = _compose(rng, NEEDS, person.need_themes, slots)
    person.slots = slots


def make_person(
    rng: random.Random,
    index: int,
    *,
    country: Country,
    ecosystem: str,
    themes: list[str],
    today: date,
    taken_emails: set[str],
) -> DemoPerson:
    """One manager from `country` whose main ecosystem is `ecosystem`."""
    first, last = rng.choice(country.first_names), rng.choice(country.last_names)
    region = rng.choice(country.regions)
    others = [slug for slug in SECTORS if slug != ecosystem]
    ecosystems = [ecosystem] + rng.sample(others, rng.choice((0, 0, 1, 1, 2)))
    maturity = MATURITY_SLUGS[index] if index < 4 else _weighted(rng, MATURITY_WEIGHTS)
    founded_year, label = _founding(rng, maturity, today)
    organisation, domain = _organisation(rng, country, region, ecosystem)
    email = f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}"
    while email in taken_emails:
        email = f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(2, 9999)}@{domain}"
    taken_emails.add(email)
    chosen = rng.sample(themes, 4)
    person = DemoPerson(
        name=f"{first} {last}",
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
        expertise_themes=chosen[:2],
        need_themes=chosen[2:],
    )
    write_texts(rng, person)
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
    rng: random.Random, count: int, *, countries: list[Country], themes: list[str], today: date
) -> list[DemoPerson]:
    """`count` managers covering every country, ecosystem and maturity level (when count allows)."""
    countries, ecosystems = (
        rng.sample(countries, len(countries)),
        rng.sample(list(SECTORS), len(SECTORS)),
    )
    taken: set[str] = set()
    people = [
        make_person(
            rng,
            i,
            country=countries[i % len(countries)],
            ecosystem=ecosystems[i % len(ecosystems)],
            themes=themes,
            today=today,
            taken_emails=taken,
        )
        for i in range(count)
    ]
    assign_cohorts(rng, people)
    return people


def assign_cohorts(rng: random.Random, people: list[DemoPerson], editions: int = 3) -> None:
    """Put 25-40 people in each past edition; earlier editions' people become alumni."""
    pool = rng.sample(range(len(people)), len(people))
    for edition in range(editions):
        size = min(rng.randint(*COHORT_SIZE), len(pool))
        for index in (pool.pop() for _ in range(size)):
            person = people[index]
            person.cohort = edition
            person.role = "alumni" if edition < editions - 1 else "participant"
            person.visibility = "cohorts" if rng.random() < 0.08 else "community"
    for person in people:
        if person.cohort is None and rng.random() < 0.04:
            person.visibility = "hidden"


def generate_coaches(
    rng: random.Random, count: int, *, countries: list[Country]
) -> list[tuple[str, str]]:
    """(name, email) of Academy coaches: experienced cluster consultants."""
    coaches = []
    for n in range(count):
        country = rng.choice(countries)
        first, last = rng.choice(country.first_names), rng.choice(country.last_names)
        coaches.append(
            (
                f"{first} {last}",
                f"{ascii_slug(first)}.{ascii_slug(last)}.{n + 1}@coaches.clusterbooster.example",
            )
        )
    return coaches
