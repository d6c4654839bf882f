"""How well "practices like my challenge" ranks: precision at 3 on the demo texts.

Queries are 200 generated demo challenges (app/demo, seed 2023) and, separately, each of the 46
demo practices against the other 45 (app/practices/data). A found practice counts as relevant
when it shares the query's main theme (a challenge's first theme; any theme of a practice).
Three rankings are compared: the sentence model through matching.TextLibrary (what the site
uses), TF-IDF cosine (matching.text.tfidf), and random order (its expected precision is the
share of relevant practices, computed exactly).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/practice_search_quality.py

Prints a Markdown table for docs/benchmarks.md; needs the packaged all-MiniLM-L6-v2 model.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo.challenges import generate_challenges  # noqa: E402
from app.demo.people import generate_people  # noqa: E402
from app.demo.places import COUNTRIES  # noqa: E402
from app.practices.demo import demo_practices  # noqa: E402
from matching import Embedder, TextLibrary  # noqa: E402
from matching.text.tfidf import tfidf_similarity  # noqa: E402

K = 3
CHALLENGES = 200


def practice_text(practice: dict) -> str:
    """What the site embeds for a practice (app/services/embedding.practice_texts)."""
    parts = (practice["title"], practice["summary"], practice["problem"], practice["how_to"])
    return "\n\n".join(part for part in parts if part)


def precision(ranked: list[list[int]], relevant: list[set[int]]) -> float:
    """Mean share of the top K that are relevant."""
    return float(
        np.mean([len(set(r[:K]) & rel) / K for r, rel in zip(ranked, relevant, strict=True)])
    )


def by_model(queries: np.ndarray, library: TextLibrary, skip: list[int | None]) -> list[list[int]]:
    """Top K keys per query vector through matching.TextLibrary."""
    return [
        [key for key, _ in library.search(q, k=K, skip=[s] if s is not None else [])]
        for q, s in zip(queries, skip, strict=True)
    ]


def by_tfidf(queries: list[str], texts: list[str], skip: list[int | None]) -> list[list[int]]:
    """Top K practice indices per query by TF-IDF cosine."""
    scores = tfidf_similarity(queries, texts)
    for row, s in enumerate(skip):
        if s is not None:
            scores[row, s] = -np.inf
    return [list(np.argsort(-row, kind="stable")[:K]) for row in scores]


def random_expectation(relevant: list[set[int]], pool: list[int]) -> float:
    """Expected precision at K of a random order: the share of relevant candidates."""
    return float(np.mean([len(rel) / n for rel, n in zip(relevant, pool, strict=True)]))


def main() -> int:
    """Measure and print the table."""
    practices = demo_practices()
    texts = [practice_text(p) for p in practices]
    themes = [set(p["themes"]) for p in practices]
    rng = random.Random(2023)
    people = generate_people(rng, 300, countries=list(COUNTRIES), today=datetime.now(UTC).date())
    challenges = generate_challenges(rng, people, CHALLENGES, now=datetime.now(UTC))
    challenge_texts = [f"{c.title}\n\n{c.body}" for c in challenges]

    embedder = Embedder()
    started = time.perf_counter()
    practice_vectors = embedder.embed(texts)
    challenge_vectors = embedder.embed(challenge_texts)
    seconds = time.perf_counter() - started
    library = TextLibrary(range(len(practices)), practice_vectors)

    rows = []
    # challenges → practices
    relevant = [{i for i, t in enumerate(themes) if c.themes[0] in t} for c in challenges]
    none = [None] * len(challenges)
    rows.append(
        (
            f"{CHALLENGES} demo challenges → 46 practices (same main theme)",
            precision(by_model(challenge_vectors, library, none), relevant),
            precision(by_tfidf(challenge_texts, texts, none), relevant),
            random_expectation(relevant, [len(practices)] * len(challenges)),
        )
    )
    # practice → other practices
    own = list(range(len(practices)))
    relevant = [{j for j in own if j != i and themes[i] & themes[j]} for i in own]
    rows.append(
        (
            "each demo practice → the other 45 (a shared theme)",
            precision(by_model(practice_vectors, library, own), relevant),
            precision(by_tfidf(texts, texts, own), relevant),
            random_expectation(relevant, [len(practices) - 1] * len(practices)),
        )
    )
    print(f"Embedded {len(texts) + len(challenge_texts)} texts in {seconds:.1f} s\n")
    print("| Queries | model P@3 | TF-IDF P@3 | random P@3 (expected) |")
    print("| --- | --- | --- | --- |")
    for name, model, tfidf, chance in rows:
        print(f"| {name} | {model:.2f} | {tfidf:.2f} | {chance:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
