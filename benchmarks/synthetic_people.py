"""Generated cluster managers with a planted topic each, for benchmarks of the matcher.

Each topic has its own phrases for challenge, expertise and needs; a person's texts combine two
phrases of their topic with a neutral sentence, so the topic is the only thing peers share.
"""

from __future__ import annotations

import numpy as np

from matching.people import Person
from matching.reference import countries, ecosystems

TOPICS = {
    "membership": [
        "members stop paying their annual fee",
        "few new companies join the cluster",
        "small firms see no value in membership",
        "member engagement drops after the first year",
        "we need a tiered membership offer",
        "members only attend the yearly conference",
    ],
    "hydrogen": [
        "building a regional hydrogen valley",
        "electrolyser suppliers for green hydrogen",
        "hydrogen storage and refuelling stations",
        "steel makers switching to hydrogen",
        "green hydrogen pilots with the port",
        "certifying renewable hydrogen for industry",
    ],
    "digital-skills": [
        "software developers leave for higher salaries abroad",
        "SMEs lack data and AI skills",
        "training programmes for digital talent",
        "cybersecurity specialists are impossible to hire",
        "upskilling workers in automation",
        "a digital academy with universities",
    ],
    "funding": [
        "our budget depends on project grants",
        "writing Horizon Europe proposals",
        "finding co-financing for EU projects",
        "the cluster has no income between funding periods",
        "regional authorities cut our core funding",
        "selling paid services to finance the team",
    ],
    "internationalisation": [
        "members want to export to new markets",
        "organising trade missions abroad",
        "finding partner clusters in other countries",
        "joining European strategic partnerships",
        "helping SMEs enter Asian markets",
        "matchmaking with foreign buyers",
    ],
    "circular": [
        "industrial waste is sent to landfill",
        "industrial symbiosis between factories",
        "recycling plastic packaging from members",
        "circular business models for manufacturers",
        "reusing construction materials",
        "turning side streams into raw materials",
    ],
    "supply-chain": [
        "suppliers depend on a single customer",
        "raw material shortages hit our members",
        "mapping critical supply chains",
        "nearshoring production back to Europe",
        "resilience plans for subcontractors",
        "logistics disruptions delay deliveries",
    ],
    "tourism-digital": [
        "small hotels have no online booking",
        "rural guesthouses cannot reach tourists online",
        "a shared booking platform for the region",
        "tourism businesses lack digital marketing",
        "seasonal tourism leaves hotels empty in winter",
        "promoting local food routes to visitors",
    ],
}
NEUTRAL = [
    "We are a cluster organisation with about {m} members.",
    "Our team has {t} staff members.",
    "The cluster was founded in {y}.",
    "We work closely with the regional government.",
]


def generated_people(n: int, *, seed: int = 0) -> tuple[list[Person], dict[str, str]]:
    """n people with random metadata and texts from one planted topic; also id → topic."""
    rng = np.random.default_rng(seed)
    codes, slugs, names = list(countries()), list(ecosystems()), list(TOPICS)
    people, topic_of = [], {}
    for i in range(n):
        topic = names[i % len(names)]
        pid = f"g{i}"
        people.append(
            Person(
                id=pid,
                name=f"Manager {i}",
                organisation=f"Cluster {i}",
                country=codes[rng.integers(len(codes))],
                ecosystems=(slugs[rng.integers(len(slugs))],),
                maturity=int(rng.integers(1, 5)),
                challenge=_text(rng, topic),
                expertise=_text(rng, topic),
                needs=_text(rng, topic),
            )
        )
        topic_of[pid] = topic
    return people, topic_of


def _text(rng, topic: str) -> str:
    """Two phrases of the topic and one neutral sentence, in random order."""
    first, second = rng.choice(TOPICS[topic], size=2, replace=False)
    neutral = rng.choice(NEUTRAL).format(
        m=rng.integers(20, 300), t=rng.integers(2, 15), y=rng.integers(1995, 2023)
    )
    sentences = [f"{first[0].upper()}{first[1:]}.", f"{second[0].upper()}{second[1:]}.", neutral]
    return " ".join(rng.permutation(sentences))
