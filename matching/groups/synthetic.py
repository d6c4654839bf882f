"""Synthetic Academy cohorts with planted topics and skewed country mixes, for tests and benchmarks.

Topics are planted twice: as words in the challenge text (for TF-IDF and the reasons) and as
directions in the embedding (topic centre plus noise), so the right answer is known.
"""

from __future__ import annotations

import numpy as np

from matching.people import Person

TOPICS = (
    "attracting sme members membership growth",
    "internationalisation export markets partners abroad",
    "digital transformation data platforms",
    "green transition circular economy energy",
    "skills talent training workforce",
    "funding grants public financing",
    "innovation projects research collaboration",
    "cluster strategy governance roadmap",
)
ECOSYSTEMS = (
    "aerospace",
    "agri-food",
    "construction",
    "cultural",
    "digital",
    "electronics",
    "energy",
    "health",
    "mobility",
    "proximity",
    "retail",
    "textile",
    "tourism",
    "industrial",
)
COUNTRIES = (
    "DE",
    "FR",
    "ES",
    "IT",
    "PL",
    "NL",
    "BE",
    "SE",
    "PT",
    "CZ",
    "AT",
    "RO",
    "GR",
    "FI",
    "DK",
    "HU",
    "IE",
    "SK",
    "SI",
    "LT",
)


def make_cohort(
    n: int,
    *,
    topics: int = 4,
    random_state: int = 0,
    dim: int = 32,
    skew: float = 1.2,
    noise: float = 0.6,
) -> tuple[list[Person], np.ndarray, np.ndarray]:
    """Return (people, L2-normalised embeddings, planted topic per person).

    Country shares follow a Zipf law with exponent `skew` (a few big countries, a long tail);
    about one person in ten is a colleague of the person before (same organisation, and so the
    same country: clusters are national or regional organisations).
    """
    rng = np.random.default_rng(random_state)
    topic = rng.integers(topics, size=n)
    centres = rng.normal(size=(topics, dim))
    vectors = centres[topic] + noise * rng.normal(size=(n, dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    shares = 1.0 / np.arange(1, len(COUNTRIES) + 1) ** skew
    country = rng.choice(len(COUNTRIES), size=n, p=shares / shares.sum())
    people: list[Person] = []
    for i in range(n):
        org = f"org-{i}"
        if i and rng.random() < 0.1:
            org, country[i] = people[-1].organisation, country[i - 1]
        ecos = tuple(sorted(set(rng.choice(ECOSYSTEMS, size=int(rng.integers(1, 3))))))
        text = f"{TOPICS[topic[i] % len(TOPICS)]} {rng.choice(['challenge', 'question', 'need'])}"
        people.append(
            Person(
                id=f"p{i}",
                name=f"Person {i}",
                organisation=org,
                country=COUNTRIES[country[i]],
                ecosystems=ecos,
                maturity=int(rng.integers(1, 5)),
                challenge=text,
            )
        )
    return people, vectors.astype(np.float32), topic
