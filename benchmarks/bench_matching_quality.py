"""Benchmark recommendation quality on real texts: random, TF-IDF, BM25, the raw model, and ours.

Run: .venv/bin/python benchmarks/bench_matching_quality.py [--data DIR] [--record] [--cache FILE.npz]

Reads the real-text yardstick in benchmarks/data/real/ (README.md there says where the texts
come from): challenge statements with a theme, cluster descriptions, and relevance judgements.
The community is built as the web app builds it: a challenge statement is a person whose
`challenge` is the statement; a cluster description is a person whose "about" text is the
description (the app puts "about" into the `challenge` text and the expertise beside it).

Metrics (benchmarks/quality_metrics.py):
* same-theme precision@3: the community of challenge statements only (clusters carry no theme),
  over the queries whose theme has 3 or more statements;
* nDCG@10 and recall of the relevance top-3 against judgements.jsonl, over the whole community;
* top-3 kept: share of the pure-relevance top-3 among the first 12 cards shown with no filter;
* reasons passing: share of topical reason lines on the first 3 cards that pass the rules;
* breakout groups at the default weights on 4 cohorts (coherence z on both judges, country-distinct
  share, repeated pairs), a short run of bench_matching_groups_real.py.

BM25 comes from `bm25s` (maintained, numpy/scipy only, sparse scores, the Lucene formula) rather
than `rank-bm25` (unreleased since 2022, pure-Python loops) or a hand-written scikit-learn one.

Deterministic: the random ranking is seeded, everything else has no randomness. Prints a
Markdown table; --record appends it with date and machine to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quality_metrics import (  # noqa: E402
    GENERIC_WORDS,
    PROMPT_WORDS,
    capped_recall_at,
    mean,
    ndcg_at,
    precision_at,
    reason_problems,
    top_kept_share,
)

from benchmarks.machine import cpu_model  # noqa: E402
from matching import Embedder, Person, RecommendWeights, embed_people, recommend  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "real"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Matching quality on real texts (bench_matching_quality.py)"
CARDS = 12  # cards per tab in the web app
DEFAULT = RecommendWeights()
PURE = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)


class DataError(Exception):
    """The yardstick is missing or malformed; the message says which file and what to do."""


@dataclass
class Yardstick:
    challenges: list[dict]
    clusters: list[dict]
    judgements: list[dict]

    @property
    def items(self) -> list[dict]:
        return self.challenges + self.clusters


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    """Records of a JSON Lines file, each checked for the required fields."""
    if not path.exists():
        raise DataError(f"{path} is missing; collect the yardstick first (see its README.md)")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{path.name} line {number}: not JSON ({error.msg})") from error
        missing = [name for name in required if name not in record]
        if missing:
            raise DataError(f"{path.name} line {number}: missing field {missing[0]!r}")
        records.append(record)
    return records


def load_yardstick(folder: Path) -> Yardstick:
    """Challenges, clusters and (if present) judgements, with unknown judged ids refused."""
    challenges = read_jsonl(folder / "challenges.jsonl", ("id", "theme", "text"))
    clusters = read_jsonl(folder / "clusters.jsonl", ("id", "name", "description"))
    judged = folder / "judgements.jsonl"
    judgements = read_jsonl(judged, ("query", "relevant")) if judged.exists() else []
    known = {r["id"] for r in challenges + clusters}
    for j in judgements:
        unknown = [
            i for i in [j["query"], *j["relevant"], *j.get("highly_relevant", [])] if i not in known
        ]
        if unknown:
            raise DataError(f"judgements.jsonl: query {j['query']} names unknown id {unknown[0]!r}")
    return Yardstick(challenges, clusters, judgements)


def person_of(item: dict) -> Person:
    """A yardstick item as the web app's Person: a statement is a challenge, a description "about"
    (and expertise: what the cluster offers)."""
    country = item.get("country") or "unknown"
    ecosystems = tuple(item.get("ecosystems") or ())
    if "description" in item:
        text = item["description"]
        return Person(
            item["id"], item["name"], item["id"], country, ecosystems, 2, about=text, expertise=text
        )
    return Person(
        item["id"], item["id"], item["id"], country, ecosystems, 2, challenge=item["text"]
    )


def text_of(item: dict) -> str:
    return item.get("description") or item["text"]


# --- Rankers: each returns, per item, the other items best first. ------------------------------


def ranked_from_scores(scores: np.ndarray, ids: list[str], k: int) -> dict[str, list[str]]:
    """Each row's best k other columns (self excluded), ties broken by position."""
    scores = scores.astype(np.float64).copy()
    np.fill_diagonal(scores, -np.inf)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return {ids[i]: [ids[j] for j in row] for i, row in enumerate(order)}


def random_scores(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, n))


def tfidf_scores(texts: list[str]) -> np.ndarray:
    """Cosine of scikit-learn TF-IDF vectors (English stop words, sublinear tf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return (matrix @ matrix.T).toarray()


def bm25_scores(texts: list[str]) -> np.ndarray:
    """BM25 (bm25s, Lucene's variant, k1=1.5, b=0.75) of every text as a query against all."""
    import bm25s

    tokens = bm25s.tokenize(texts, stopwords="en", return_ids=False, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    return np.vstack([retriever.get_scores(query) for query in tokens])


def model_scores(vectors) -> np.ndarray:
    """Cosine of the all-MiniLM-L6-v2 vectors of the texts (the challenge/about text)."""
    return vectors.challenge @ vectors.challenge.T


def ours(people: list[Person], vectors, k: int, weights: RecommendWeights = DEFAULT):
    """The product's recommendations, similar mode: {id: [Recommendation, ...]} best first."""
    return recommend(people, k, vectors=vectors, mode="similar", weights=weights)


# --- Metrics over a ranking. -------------------------------------------------------------------


def theme_queries(challenges: list[dict]) -> list[dict]:
    """Statements whose theme has 3 or more statements."""
    per_theme = Counter(c["theme"] for c in challenges)
    return [c for c in challenges if per_theme[c["theme"]] >= 3]


def theme_precision(ranked: dict[str, list[str]], challenges: list[dict]) -> float:
    theme = {c["id"]: c["theme"] for c in challenges}
    queries = theme_queries(challenges)
    return mean(
        precision_at(ranked[q["id"]], {i for i, t in theme.items() if t == q["theme"]}, 3)
        for q in queries
    )


def judged_metrics(ranked: dict[str, list[str]], judgements: list[dict]) -> tuple[float, float]:
    """(mean nDCG@10, mean recall of the relevance top-3) over the judged queries."""
    ndcg, recall = [], []
    for j in judgements:
        high = set(j.get("highly_relevant", []))
        grades = {i: 1.0 for i in j["relevant"]} | {i: 2.0 for i in high}
        ndcg.append(ndcg_at(ranked[j["query"]], grades, 10))
        recall.append(capped_recall_at(ranked[j["query"]], set(grades), 3))
    return mean(ndcg), mean(recall)


def community_common_words(texts: list[str], share: float = 0.5) -> frozenset[str]:
    """Words used by more than `share` of the texts."""
    import re

    counts = Counter(w for t in texts for w in set(re.findall(r"[a-z][a-z-]*", t.lower())))
    return frozenset(w for w, c in counts.items() if c > share * len(texts))


def banned_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | GENERIC_WORDS | PROMPT_WORDS


TOPICAL = ("Similar", "Their expertise", "You wrote", "Both write", "Close in meaning", "Both")


def reason_audit(recs, items_by_id: dict[str, dict], texts: list[str], shown: int = 3):
    """(share of topical reason lines passing, share of cards with a topical reason, failures)."""
    banned, common = banned_words(), community_common_words(texts)
    lines, passed, with_topic, cards, failures = 0, 0, 0, 0, []
    for query, found in recs.items():
        for rec in found[:shown]:
            cards += 1
            both = "text" in items_by_id[query] and "text" in items_by_id[rec.id]
            topical = [r for r in rec.reasons if not _is_fact(r)]
            with_topic += bool(topical)
            for line in topical:
                lines += 1
                problems = reason_problems(
                    line, banned=banned, common=common, both_have_challenges=both
                )
                passed += not problems
                if problems:
                    failures.append((query, rec.id, line, problems))
    return (passed / lines if lines else float("nan")), with_topic / max(cards, 1), failures


def _is_fact(line: str) -> bool:
    """Country, ecosystem and stage lines name reference data, not the texts."""
    return line.startswith(
        (
            "Different countries",
            "Different ecosystems",
            "Shared ecosystem",
            "Same country",
            "Same stage",
            "Close stage",
            "More mature",
            "Less mature",
        )
    )


# --- The run. ----------------------------------------------------------------------------------


def evaluate(yardstick: Yardstick, embedder: Embedder) -> tuple[list[tuple], dict]:
    """Rows (system, P@3, nDCG@10, recall top-3, top-3 kept, countries shown, reasons passing)
    and details."""
    challenges, items = yardstick.challenges, yardstick.items
    everyone = [person_of(i) for i in items]
    statements = everyone[: len(challenges)]
    vectors = embed_people(everyone, embedder)
    statement_vectors = replace(
        vectors,
        challenge=vectors.challenge[: len(challenges)],
        expertise=vectors.expertise[: len(challenges)],
        needs=vectors.needs[: len(challenges)],
    )
    ids_all, ids_q = [i["id"] for i in items], [c["id"] for c in challenges]
    texts_all = [text_of(i) for i in items]
    texts_q = texts_all[: len(challenges)]
    k = CARDS
    pure_rank = {
        "random": (
            ranked_from_scores(random_scores(len(ids_q)), ids_q, k),
            ranked_from_scores(random_scores(len(ids_all)), ids_all, k),
        ),
        "TF-IDF (scikit-learn)": (
            ranked_from_scores(tfidf_scores(texts_q), ids_q, k),
            ranked_from_scores(tfidf_scores(texts_all), ids_all, k),
        ),
        "BM25 (bm25s)": (
            ranked_from_scores(bm25_scores(texts_q), ids_q, k),
            ranked_from_scores(bm25_scores(texts_all), ids_all, k),
        ),
        "raw model (MiniLM cosine)": (
            ranked_from_scores(model_scores(statement_vectors), ids_q, k),
            ranked_from_scores(model_scores(vectors), ids_all, k),
        ),
    }
    country = {i["id"]: i.get("country") for i in items}

    def countries_shown(ranked: dict[str, list[str]]) -> float:
        """Mean number of distinct countries among the first 12 cards."""
        return mean(len({country[i] for i in found[:CARDS]}) for found in ranked.values())

    rows = []
    for name, (on_statements, on_all) in pure_rank.items():
        ndcg, recall = judged_metrics(on_all, yardstick.judgements)
        rows.append(
            (
                name,
                theme_precision(on_statements, challenges),
                ndcg,
                recall,
                float("nan"),
                countries_shown(on_all),
                float("nan"),
            )
        )
    ours_q = ours(statements, statement_vectors, k)
    ours_all = ours(everyone, vectors, k)
    pure_all = ours(everyone, vectors, 3, weights=PURE)
    shown = {q: [r.id for r in recs] for q, recs in ours_all.items()}
    ndcg, recall = judged_metrics(shown, yardstick.judgements)
    kept = mean(top_kept_share([r.id for r in pure_all[q]], shown[q]) for q in shown)
    items_by_id = {i["id"]: i for i in items}
    passing, with_topic, failures = reason_audit(ours_all, items_by_id, texts_all)
    rows.append(
        (
            "ours (recommend, similar, default weights)",
            theme_precision({q: [r.id for r in v] for q, v in ours_q.items()}, challenges),
            ndcg,
            recall,
            kept,
            countries_shown(shown),
            passing,
        )
    )
    details = {
        "queries_theme": len(theme_queries(challenges)),
        "queries_judged": len(yardstick.judgements),
        "statements": len(challenges),
        "clusters": len(yardstick.clusters),
        "countries": len({i.get("country") for i in items if i.get("country")}),
        "cards_with_topical_reason": with_topic,
        "failures": failures,
    }
    return rows, details


#: Which topic similarity stands for each system in breakout groups (form_groups at the default
#: weights); BM25 has no vectors to group with.
GROUP_TOPIC = {
    "random": None,
    "TF-IDF (scikit-learn)": "tfidf",
    "raw model (MiniLM cosine)": "vectors",
    "ours (recommend, similar, default weights)": "fused",
}


def group_quality(embedder: Embedder, seeds: tuple[int, ...] = (0, 1)) -> dict[str, tuple]:
    """System → (z TF-IDF, z embedding, country-distinct share, repeated pairs) of breakout groups
    of 5 over 3 rounds on cohorts of 40 (bench_matching_groups_real.py, fewer cohorts): z means
    over the cohorts, the lowest z of any cohort, share and repeats summed over them."""
    from benchmarks import bench_matching_groups_real as real
    from matching.groups import form_groups

    found: dict[str, list[tuple]] = {name: [] for name in GROUP_TOPIC}
    for pool in real.load_items().values():
        for seed in seeds:
            chosen, people = real.draw_cohort(pool, seed)
            texts = [c["text"] for c in chosen]
            embeddings = embedder.embed(texts).astype(np.float32)
            sims = real.judges(texts, embeddings)
            randoms = real.random_schedules(len(people), np.random.default_rng(1000 + seed))
            baseline = {j: np.array([real.within(m, r) for r in randoms]) for j, m in sims.items()}
            ids = [p.id for p in people]
            for name, topic in GROUP_TOPIC.items():
                schedule = randoms[0]
                if topic is not None:
                    result = form_groups(
                        people,
                        real.SIZE,
                        rounds=real.ROUNDS,
                        vectors=embeddings,
                        topic_similarity=topic,
                        random_state=seed,
                    )
                    schedule = real.schedule_of(result, ids)
                z = [
                    (real.within(m, schedule) - baseline[j].mean()) / baseline[j].std()
                    for j, m in sims.items()
                ]
                share, _ = real.country_numbers(people, schedule)
                found[name].append((*z, share, real.repeats(schedule)))
    return {
        name: (
            float(np.mean([r[0] for r in runs])),
            float(np.mean([r[1] for r in runs])),
            float(min(min(r[0], r[1]) for r in runs)),
            float(np.mean([r[2] for r in runs])),
            int(sum(r[3] for r in runs)),
        )
        for name, runs in found.items()
    }


def rank_fusion(*scores: np.ndarray, k: int = 60) -> np.ndarray:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings (self excluded)."""
    total = 0.0
    for matrix in scores:
        matrix = matrix.astype(np.float64).copy()
        np.fill_diagonal(matrix, -np.inf)
        ranks = np.argsort(np.argsort(-matrix, axis=1, kind="stable"), axis=1)
        total = total + 1.0 / (k + ranks + 1)
    return total


def standardised(scores: np.ndarray) -> np.ndarray:
    """Each row's scores as z-scores over the other items (per-query normalisation)."""
    scores = scores.astype(np.float64).copy()
    np.fill_diagonal(scores, np.nan)
    z = (scores - np.nanmean(scores, 1, keepdims=True)) / np.nanstd(scores, 1, keepdims=True)
    return np.nan_to_num(z)


def fusion_candidates(yardstick: Yardstick, embedder: Embedder) -> list[tuple]:
    """(variant, P@3, nDCG@10, recall) of the relevance variants compared to choose the fusion."""
    from matching.recommendations.relevance import fit_people

    challenges, items = yardstick.challenges, yardstick.items
    n = len(challenges)
    everyone = [person_of(i) for i in items]
    vectors = embed_people(everyone, embedder)
    ids_all, ids_q = [i["id"] for i in items], [c["id"] for c in challenges]
    texts = [text_of(i) for i in items]

    def fitted(**options):
        fused = fit_people(everyone, vectors, **options).fuse_people(everyone, vectors)
        return fused.challenge @ fused.challenge.T

    model, tfidf, bm25 = model_scores(vectors), tfidf_scores(texts), bm25_scores(texts)
    variants = {
        "raw model": model,
        "TF-IDF": tfidf,
        "0.3 model + 0.7 TF-IDF (plain sum)": 0.3 * model + 0.7 * tfidf,
        "0.5 model + 0.5 TF-IDF (plain sum)": 0.5 * model + 0.5 * tfidf,
        "z-scores per query, model + BM25": standardised(model) + standardised(bm25),
        "reciprocal rank fusion, model + BM25": rank_fusion(model, bm25),
        "reciprocal rank fusion, model + TF-IDF": rank_fusion(model, tfidf),
        "centred model alone": fitted(embedding_share=1.0),
        "LSA 32 alone (centred)": fitted(embedding_share=0.0),
    }
    for share in (0.5, 0.6, 0.7, 0.8):
        variants[f"model + LSA 32, uncentred, s={share}"] = fitted(
            embedding_share=share, centre=False
        )
    for share in (0.5, 0.6, 0.7, 0.8, 0.9):
        variants[f"centred model + LSA 32, s={share}"] = fitted(embedding_share=share)
    for dims in (16, 64, 128):
        for share in (0.6, 0.7, 0.8):
            variants[f"centred model + LSA {dims}, s={share}"] = fitted(
                embedding_share=share, dimensions=dims
            )
    rows = []
    for name, scores in variants.items():
        # Statements-only P@3 reads the statements' block of the whole community's scores.
        on_statements = ranked_from_scores(scores[:n, :n], ids_q, CARDS)
        ndcg, recall = judged_metrics(
            ranked_from_scores(scores, ids_all, CARDS), yardstick.judgements
        )
        rows.append((name, theme_precision(on_statements, challenges), ndcg, recall))
    return rows


def fusion_table(rows: list[tuple]) -> str:
    def cell(value: float) -> str:
        return "—" if value != value else f"{value:.3f}"

    lines = [
        "| Relevance variant (pure ranking, no diversity) | Same-theme P@3 | nDCG@10 | Recall of "
        "relevance top-3 |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | " + " | ".join(cell(v) for v in values) + " |" for name, *values in rows]
    return "\n".join(lines)


def table(rows: list[tuple], details: dict) -> str:
    """The results as a Markdown table with a line saying what was measured."""

    def cell(value: float) -> str:
        return "—" if value != value else f"{value:.3f}"  # NaN: not applicable

    lines = [
        f"Real set: {details['statements']} challenge statements, {details['clusters']} cluster "
        f"descriptions, {details['countries']} countries; same-theme P@3 over "
        f"{details['queries_theme']} queries, nDCG@10 and recall over {details['queries_judged']} "
        "judged queries.",
        "",
        "| System | Same-theme P@3 | nDCG@10 | Recall of relevance top-3 | Pure top-3 in first 12 "
        "cards | Countries in first 12 cards | Reasons passing the rules | Group coherence z "
        "(TF-IDF / embedding; lowest) | Country-distinct groups | Repeated pairs |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    groups = details.get("groups", {})
    for name, *values in rows:
        group = groups.get(name)
        extra = (
            [f"{group[0]:.1f} / {group[1]:.1f}; {group[2]:.1f}", f"{group[3]:.0%}", str(group[4])]
            if group
            else ["—", "—", "—"]
        )
        lines.append(f"| {name} | " + " | ".join([*(cell(v) for v in values), *extra]) + " |")
    lines.append("")
    if groups:
        lines.append(
            "Groups: form_groups at the default weights, 5 per group over 3 rounds, on 4 cohorts of "
            "40 (2 of challenge statements, 2 of cluster descriptions; the full run is "
            "bench_matching_groups_real.py); z against 300 random schedules, random = one of them."
        )
    lines.append(
        f"Cards (first 3 per query) with a topical reason: "
        f"{details['cards_with_topical_reason']:.0%}."
    )
    return "\n".join(lines)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, {cpu_model(platform.processor() or '')}"


def record_in_docs(text: str, command: str) -> None:
    """Append under the section heading (created at the end of the file the first time)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    entry = f"\n### {stamp}, {machine()}, commit {commit}\n\n`{command}`\n\n{text}\n"
    content = DOCS.read_text(encoding="utf-8")
    if SECTION not in content:
        content = content.rstrip("\n") + f"\n\n{SECTION}\n"
    start = content.index(SECTION)
    following = content.find("\n## ", start + len(SECTION))
    end = len(content) if following < 0 else following
    content = content[:end].rstrip("\n") + "\n" + entry + content[end:]
    DOCS.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="yardstick folder")
    parser.add_argument("--record", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="FILE.npz",
        help="embedding cache, read and updated (reruns skip the model: ~1 min saved)",
    )
    parser.add_argument(
        "--fusion",
        action="store_true",
        help="also compare the relevance variants the fusion was chosen from",
    )
    parser.add_argument(
        "--failures",
        type=int,
        default=0,
        metavar="N",
        help="also print the first N reason lines that break the rules",
    )
    args = parser.parse_args(argv)
    try:
        yardstick = load_yardstick(args.data)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    embedder = Embedder()
    if args.cache:
        embedder.load_cache(args.cache)
    rows, details = evaluate(yardstick, embedder)
    details["groups"] = group_quality(embedder)
    if args.cache:
        embedder.save_cache(args.cache)
    text = table(rows, details)
    if args.fusion:
        text += "\n\nChoosing the fusion (same yardstick; the fit uses every text of the community):\n\n"
        text += fusion_table(fusion_candidates(yardstick, embedder))
    print(text)
    for query, peer, line, problems in details["failures"][: args.failures]:
        print(f"- {query} → {peer}: {line} ({'; '.join(problems)})")
    if args.record:
        command = "python benchmarks/bench_matching_quality.py" + (
            " --fusion" if args.fusion else ""
        )
        if args.data != DATA:
            command += f" --data {args.data}"
        record_in_docs(text, command)
        print(f"Recorded in {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
