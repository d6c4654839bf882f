"""Breakout groups on real texts: are groups at the default weights on topic, diverse and repeat-free?

Cohorts of 40 people are drawn from the real-text yardstick (benchmarks/data/real): either
challenge statements (each with a theme label) or cluster descriptions, from 20+ countries, with
a random maturity level per person (the yardstick has none). Each cohort gets groups of 5 over 3
rounds from several objectives, and each schedule is measured with judges that are not the
objective itself:

* coherence: mean within-group cosine, averaged over rounds, of (a) scikit-learn TF-IDF of the
  texts (English stop words, words and two-word phrases) and (b) all-MiniLM-L6-v2 embeddings,
  each as a z-score against 300 random 3-round schedules of the same cohort;
* same theme (challenge cohorts only): share of within-group pairs whose hand-given themes agree,
  as a z-score against the same random schedules;
* country-distinct share: groups with no two people of one country; excess: same-country pairs
  beyond the fewest the country mix allows (0 = as distinct as the countries allow);
* repeats: pairs who meet in more than one round.

Run: .venv/bin/python benchmarks/bench_matching_groups_real.py   (about 3 minutes on 2 cores)
Appends a dated markdown section to docs/benchmarks.md (--no-write to only print it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_matching_groups import machine  # noqa: E402
from matching.groups import GroupWeights, form_groups  # noqa: E402
from matching.groups.pairs import country_min_pairs  # noqa: E402
from matching.groups.problem import build_problem  # noqa: E402
from matching.people import Person  # noqa: E402
from matching.text.embedder import Embedder  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "real"
SECTION = "## Matching: breakout groups on real texts (bench_matching_groups_real.py)"
COHORT, SIZE, ROUNDS, RANDOM_SCHEDULES = 40, 5, 3, 300


def load_items() -> dict[str, list[dict]]:
    """Challenge statements (with a country) and cluster descriptions, as {id, text, country, ...}."""
    challenges = [json.loads(line) for line in (DATA / "challenges.jsonl").open(encoding="utf-8")]
    clusters = [json.loads(line) for line in (DATA / "clusters.jsonl").open(encoding="utf-8")]
    return {
        "challenges": [
            {
                "id": c["id"],
                "text": c["text"],
                "country": c["country"],
                "ecosystems": tuple(c.get("ecosystems") or ()),
                "label": c["theme"],
            }
            for c in challenges
            if c.get("country")
        ],
        "clusters": [
            {
                "id": c["id"],
                "text": c["description"],
                "country": c["country"],
                "ecosystems": tuple(c["ecosystems"]),
                "label": None,
            }
            for c in clusters
        ],
    }


def draw_cohort(items: list[dict], seed: int) -> tuple[list[dict], list[Person]]:
    """40 items from 20+ countries, each as a Person with its own organisation."""
    rng = np.random.default_rng(seed)
    while True:
        chosen = [items[i] for i in rng.choice(len(items), COHORT, replace=False)]
        if len({c["country"] for c in chosen}) >= 20:
            break
    people = [
        Person(
            id=c["id"],
            name=c["id"],
            organisation=c["id"],
            country=c["country"],
            ecosystems=c["ecosystems"],
            maturity=int(rng.integers(1, 5)),
            challenge=c["text"],
        )
        for c in chosen
    ]
    return chosen, people


def judges(texts: list[str], embeddings: np.ndarray) -> dict[str, np.ndarray]:
    """Pair similarity matrices the objective does not use: scikit-learn TF-IDF and the model."""
    tfidf = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    matrix = tfidf.fit_transform(texts)
    return {"tfidf": (matrix @ matrix.T).toarray(), "embedding": embeddings @ embeddings.T}


def within(similarity: np.ndarray, schedule: np.ndarray) -> float:
    """Mean within-group pair value over all rounds of a schedule (rounds x n group indexes)."""
    total, pairs = 0.0, 0
    for assign in schedule:
        same = assign[:, None] == assign[None, :]
        np.fill_diagonal(same, False)
        total += similarity[same].sum() / 2
        pairs += same.sum() // 2
    return total / pairs


def random_schedules(n: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Random 3-round schedules with the planned group sizes."""
    k = -(-n // SIZE)
    base = np.arange(n) % k
    return [
        np.stack([rng.permutation(base) for _ in range(ROUNDS)]) for _ in range(RANDOM_SCHEDULES)
    ]


def schedule_of(result, ids: list[str]) -> np.ndarray:
    """rounds x n group indexes from a GroupResult."""
    index = {pid: i for i, pid in enumerate(ids)}
    out = np.zeros((len(result.rounds), len(ids)), dtype=np.int64)
    for r, round_result in enumerate(result.rounds):
        for g, group in enumerate(round_result.groups):
            out[r, [index[m] for m in group.members]] = g
    return out


def country_numbers(people: list[Person], schedule: np.ndarray) -> tuple[float, int]:
    """(share of groups with all countries distinct, same-country pairs beyond the fewest)."""
    country = np.array([p.country for p in people])
    problem = build_problem(
        people,
        SIZE,
        rounds=1,
        weights=GroupWeights(),
        together=(),
        apart=(),
        locked={},
        vectors=np.ones((len(people), 1)),
        previous_rounds=(),
    )
    distinct, groups, excess = 0, 0, 0
    for assign in schedule:
        same_pairs = 0
        for g in range(int(assign.max()) + 1):
            members = country[assign == g]
            distinct += len(set(members)) == len(members)
            groups += 1
            same_pairs += sum(
                int(c) * (int(c) - 1) // 2 for c in np.unique(members, return_counts=True)[1]
            )
        excess += same_pairs - country_min_pairs(problem)
    return distinct / groups, excess


def repeats(schedule: np.ndarray) -> int:
    """Pair meetings beyond the first."""
    met: dict[tuple[int, int], int] = {}
    for assign in schedule:
        for g in range(int(assign.max()) + 1):
            members = np.flatnonzero(assign == g).tolist()
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    met[(a, b)] = met.get((a, b), 0) + 1
    return sum(c - 1 for c in met.values())


def variants(embeddings: np.ndarray) -> dict[str, tuple[GroupWeights, np.ndarray | None, str]]:
    """The objectives compared: the old raw scale, and the cohort scale with three topic similarities."""
    return {
        "raw scale, embeddings (before)": (GroupWeights(scale="raw"), embeddings, "vectors"),
        "cohort scale, embeddings": (GroupWeights(), embeddings, "vectors"),
        "cohort scale, TF-IDF": (GroupWeights(), None, "tfidf"),
        "cohort scale, fused, topic 1 (before)": (GroupWeights(topic=1.0), embeddings, "fused"),
        "cohort scale, fused, topic 2 (default)": (GroupWeights(), embeddings, "fused"),
    }


def run(seeds: list[int]) -> list[str]:
    """Measure every variant on every cohort; return the markdown rows."""
    items = load_items()
    embedder = Embedder()
    every_text = [item["text"] for kind in items.values() for item in kind]
    vectors = dict(zip(every_text, embedder.embed(every_text), strict=True))
    table: dict[tuple[str, str], list[dict]] = {}
    for kind, pool in items.items():
        for seed in seeds:
            chosen, people = draw_cohort(pool, seed)
            texts = [c["text"] for c in chosen]
            embeddings = np.stack([vectors[t] for t in texts]).astype(np.float32)
            sims = judges(texts, embeddings)
            labels = [c["label"] for c in chosen]
            if kind == "challenges":
                sims["theme"] = np.array(
                    [[a == b for b in labels] for a in labels], dtype=np.float64
                )
            randoms = random_schedules(len(people), np.random.default_rng(1000 + seed))
            baseline = {name: np.array([within(s, r) for r in randoms]) for name, s in sims.items()}
            ids = [p.id for p in people]
            rows = {"random (300 schedules)": randoms[0]}
            for name, (weights, given, similarity) in variants(embeddings).items():
                started = time.perf_counter()
                result = form_groups(
                    people,
                    SIZE,
                    rounds=ROUNDS,
                    weights=weights,
                    vectors=given,
                    topic_similarity=similarity,
                    random_state=seed,
                )
                rows[name] = (schedule_of(result, ids), time.perf_counter() - started)
            for name, row in rows.items():
                schedule, seconds = row if isinstance(row, tuple) else (row, 0.0)
                share, excess = country_numbers(people, schedule)
                z = {}
                for judge, similarity in sims.items():
                    spread = baseline[judge].std()
                    value = within(similarity, schedule)
                    z[judge] = (
                        0.0
                        if name.startswith("random")
                        else ((value - baseline[judge].mean()) / spread if spread else 0.0)
                    )
                table.setdefault((kind, name), []).append(
                    {
                        "z": z,
                        "share": share,
                        "excess": excess,
                        "repeats": repeats(schedule),
                        "seconds": seconds,
                        "countries": len({p.country for p in people}),
                    }
                )
            print(f"{kind} seed {seed} done", file=sys.stderr)
    return markdown(table, seeds)


def _cell(runs: list[dict], name: str, judge: str) -> str:
    """Mean (min) z of one judge over the seeds; random is 0 by definition."""
    values = [r["z"][judge] for r in runs if judge in r["z"]]
    if not values or name.startswith("random"):
        return "0 (by definition)" if values else "–"
    return f"{np.mean(values):.1f} ({min(values):.1f})"


def markdown(table: dict[tuple[str, str], list[dict]], seeds: list[int]) -> list[str]:
    """One row per (cohort kind, objective): mean and minimum z, countries, repeats."""
    rows = [
        f"Cohorts of {COHORT} from the yardstick ({len(seeds)} seeds per kind, 20+ countries each), "
        f"groups of {SIZE} over {ROUNDS} rounds, default weights (topic 2, the others 1). z = (coherence - mean of "
        f"{RANDOM_SCHEDULES} random schedules) / their standard deviation; mean (min) over seeds.",
        "",
        "| cohort | objective | z TF-IDF | z embedding | z same theme | country-distinct groups "
        "| excess same-country pairs | repeated pairs | seconds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (kind, name), runs in table.items():
        rows.append(
            f"| {kind} | {name} | {_cell(runs, name, 'tfidf')} | {_cell(runs, name, 'embedding')} "
            f"| {_cell(runs, name, 'theme')} "
            f"| {np.mean([r['share'] for r in runs]):.0%} | {sum(r['excess'] for r in runs)} "
            f"| {sum(r['repeats'] for r in runs)} | {np.mean([r['seconds'] for r in runs]):.2f} |"
        )
    return rows


def main() -> None:
    """Run, print the markdown and append it to docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="cohorts per kind (default 5)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rows = run(list(range(args.seeds)))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([SECTION, "", f"{stamp}; {machine()}.", "", *rows, ""])
    print(text)
    if not args.no_write:
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
