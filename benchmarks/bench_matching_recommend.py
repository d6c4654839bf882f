"""Benchmark peer recommendations: speed, approximate recall, planted-topic precision, embedding.

Run: .venv/bin/python benchmarks/bench_matching_recommend.py [everyone explain single ivf ...]
Prints a markdown table and appends it, with date and machine, to docs/benchmarks.md.
Vectors for the speed rows are random unit 384-d vectors (speed does not depend on content);
the IVF rows use clustered vectors, because recall on structureless random vectors means
nothing; the precision row and the embedding rows use the real model on generated texts.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic_people import TOPICS, generated_people  # noqa: E402

from benchmarks.machine import load_average  # noqa: E402
from benchmarks.machine import machine as shared_machine  # noqa: E402
from matching.pairing import max_weight_pairing, pair_scores, pairing_total  # noqa: E402
from matching.recommendations.approx import IVFIndex  # noqa: E402
from matching.recommendations.index import PeerIndex  # noqa: E402
from matching.recommendations.recommend import recommend  # noqa: E402
from matching.recommendations.relevance import (  # noqa: E402
    LEXICAL_DIMENSIONS,
    SEMANTIC_DIMENSIONS,
)
from matching.recommendations.scoring import RecommendWeights  # noqa: E402
from matching.reference import countries, ecosystems  # noqa: E402
from matching.text.embedder import Embedder, load_model  # noqa: E402
from matching.text.vectors import PeopleVectors, embed_people  # noqa: E402

EMBEDDING_DIMS = 384
# The index holds fused rows: at these sizes the embedding's principal directions plus the
# lexical columns (matching/recommendations/relevance.py, communities of 1,000+ texts).
DIMS = (SEMANTIC_DIMENSIONS or EMBEDDING_DIMS) + LEXICAL_DIMENSIONS
ROWS: list[tuple[str, str, str]] = []  # (measurement, result, target)


def record(name: str, result: str, target: str = "") -> None:
    """Keep one table row and show it at once."""
    ROWS.append((name, result, target))
    print(f"{name}: {result} {('(target ' + target + ')') if target else ''}", flush=True)


def unit_rows(rng, n: int, dims: int = DIMS) -> np.ndarray:
    """n random unit vectors."""
    vectors = rng.standard_normal((n, dims), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def synthetic_index(n: int, seed: int = 0) -> PeerIndex:
    """A PeerIndex of n people with random vectors and realistic metadata spreads."""
    rng = np.random.default_rng(seed)
    codes, slugs = list(countries()), list(ecosystems())
    vectors = PeopleVectors(unit_rows(rng, n), unit_rows(rng, n), unit_rows(rng, n))
    return PeerIndex(
        vectors,
        countries=[codes[i] for i in rng.integers(0, len(codes), n)],
        ecosystems=[
            [slugs[i] for i in set(rng.integers(0, len(slugs), 1 + i % 2).tolist())]
            for i in range(n)
        ],
        organisations=[f"org{i}" for i in rng.integers(0, n // 3, n)],
        maturity=rng.integers(1, 5, n).tolist(),
        met=[set(rng.integers(0, n, 3).tolist()) for _ in range(n)],
    )


def bench_everyone(n: int = 10_000) -> None:
    """Exact top-10 for all n people, per mode: first call (builds matrices) and warm best of 3."""
    index = synthetic_index(n)
    for mode in ("similar", "helpers", "mixed"):
        start = time.perf_counter()
        index.top_k_all(10, mode=mode)
        cold = time.perf_counter() - start
        warm = min(_timed(lambda mode=mode: index.top_k_all(10, mode=mode)) for _ in range(3))
        cpu = _cpu_seconds(lambda mode=mode: index.top_k_all(10, mode=mode))
        record(
            f"Top-10 for everyone, N={n:,}, exact, mode {mode}",
            f"{warm:.2f} s warm, {cold:.2f} s first call; {cpu:.2f} CPU-s on one core",
            "< 1 s",
        )


def bench_explain(n: int = 10_000) -> None:
    """recommend() end to end on generated people: without reasons, and with reasons for every item."""
    people, _ = generated_people(n, seed=1)
    rng = np.random.default_rng(1)
    vectors = PeopleVectors(*(unit_rows(rng, n, EMBEDDING_DIMS) for _ in range(3)))
    plain = _timed(lambda: recommend(people, 10, vectors=vectors, explain=False))
    explained = _timed(lambda: recommend(people, 10, vectors=vectors, explain=True))
    record(f"recommend() N={n:,}, k=10, explain=False", f"{plain:.2f} s")
    record(
        f"recommend() N={n:,}, k=10, explain=True ({n * 10:,} reasons)",
        f"{explained:.2f} s ({(explained - plain) / (n * 10) * 1e6:.0f} µs per item)",
    )


def bench_single_query(n: int = 100_000, queries: int = 300) -> None:
    """Latency of one person's top-10 among n, per mode (exact, with MMR)."""
    index = synthetic_index(n, seed=2)
    who = np.random.default_rng(3).integers(0, n, queries)
    for mode in ("similar", "helpers", "mixed"):
        index.query(int(who[0]), 10, mode=mode)
        times = [_timed(lambda i=i, mode=mode: index.query(int(i), 10, mode=mode)) for i in who]
        cpu = [
            _cpu_seconds(lambda i=i, mode=mode: index.query(int(i), 10, mode=mode))
            for i in who[:100]
        ]
        record(
            f"One person's top-10 among {n:,}, exact, mode {mode}",
            f"p50 {np.percentile(times, 50) * 1e3:.1f} ms, p95 {np.percentile(times, 95) * 1e3:.1f} ms; "
            f"one core p50 {np.percentile(cpu, 50) * 1e3:.1f} CPU-ms, p95 {np.percentile(cpu, 95) * 1e3:.1f}",
            "< 10 ms p95",
        )


def clustered_vectors(n: int, seed: int = 4) -> np.ndarray:
    """Unit vectors shaped like profile embeddings: 40 themes × 25 sub-topics, each profile a
    blend of two sub-topics plus noise, so neighbourhoods cross cluster borders."""
    rng = np.random.default_rng(seed)
    themes = rng.standard_normal((40, DIMS), dtype=np.float32)
    topics = themes.repeat(25, axis=0) + 0.7 * rng.standard_normal((1000, DIMS), dtype=np.float32)
    main, second = rng.integers(0, 1000, n), rng.integers(0, 1000, n)
    noise = rng.standard_normal((n, DIMS), dtype=np.float32)
    vectors = topics[main] + 0.6 * topics[second] + 1.2 * noise
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def bench_ivf(n: int = 100_000, queries: int = 200) -> None:
    """IVF recall@10 against exact search, and its latency, at n clustered vectors."""
    vectors = clustered_vectors(n)
    start = time.perf_counter()
    ivf = IVFIndex(n_lists=316).fit(vectors)
    record(f"IVF build (k-means, 316 lists), N={n:,}", f"{time.perf_counter() - start:.1f} s")
    rng = np.random.default_rng(5)
    probes = vectors[rng.choice(n, queries, replace=False)]
    exact = [set(np.argpartition(-(vectors @ q), 11)[:11].tolist()) for q in probes]
    exact_times = [
        _timed(lambda q=q: np.argpartition(-(vectors @ q), 10)[:10]) for q in probes[:50]
    ]
    record(
        f"Exact cosine top-10 among {n:,} (no metadata)",
        f"p50 {np.percentile(exact_times, 50) * 1e3:.1f} ms",
    )
    for n_probe in (8, 16, 32):
        hits, times = [], []
        for q, truth in zip(probes, exact, strict=True):
            start = time.perf_counter()
            found, _ = ivf.search(q, 11, n_probe=n_probe)
            times.append(time.perf_counter() - start)
            hits.append(
                len(set(found.tolist()) & truth) / 11
            )  # 11: the query itself plus its top 10
        record(
            f"IVF recall@10, N={n:,}, n_probe={n_probe}",
            f"{np.mean(hits):.3f}, p50 {np.percentile(times, 50) * 1e3:.2f} ms, "
            f"p95 {np.percentile(times, 95) * 1e3:.2f} ms",
        )


def bench_approximate_query(n: int = 100_000, queries: int = 200) -> None:
    """One person's top-10 among n through IVF candidates, against exact search on the same data."""
    base = synthetic_index(n, seed=9)
    vectors = clustered_vectors(n, seed=9)

    def build() -> PeerIndex:
        return PeerIndex(
            PeopleVectors(vectors, vectors, vectors),
            countries=_names(base, "country"),
            ecosystems=_ecosystem_lists(base),
            organisations=base.organisation.tolist(),
            maturity=base.maturity.tolist(),
            met=base.met,
        )

    exact = build()
    start = time.perf_counter()
    approximate = build().enable_approximate()
    record(
        f"Approximate PeerIndex build (2 IVF indexes), N={n:,}",
        f"{time.perf_counter() - start:.1f} s",
    )
    who = np.random.default_rng(10).integers(0, n, queries).tolist()
    for mode in ("similar", "mixed"):
        same = [
            len(
                {j for j, _ in exact.query(i, 10, mode=mode)}
                & {j for j, _ in approximate.query(i, 10, mode=mode)}
            )
            / 10
            for i in who[:100]
        ]
        times = [_timed(lambda i=i, mode=mode: approximate.query(i, 10, mode=mode)) for i in who]
        cpu = [
            _cpu_seconds(lambda i=i, mode=mode: approximate.query(i, 10, mode=mode))
            for i in who[:100]
        ]
        record(
            f"One person's top-10 among {n:,}, IVF candidates (n_probe 16, 200), mode {mode}",
            f"p50 {np.percentile(times, 50) * 1e3:.1f} ms, p95 {np.percentile(times, 95) * 1e3:.1f} ms; "
            f"one core p95 {np.percentile(cpu, 95) * 1e3:.1f} CPU-ms; overlap with exact list {np.mean(same):.3f}",
            "< 10 ms p95",
        )


def _names(index: PeerIndex, kind: str) -> list[str]:
    """The original names (e.g. country codes) of an index's rows."""
    names = {code: name for name, code in index._codes[kind].items()}
    return [names[code] for code in getattr(index, kind).tolist()]


def _ecosystem_lists(index: PeerIndex) -> list[list[str]]:
    """Each row's ecosystem slugs, read back from the bitmasks."""
    bits = {bit: slug for slug, bit in index._codes["ecosystem"].items()}
    return [
        [slug for bit, slug in bits.items() if mask >> bit & 1]
        for mask in index.ecosystem_mask.tolist()
    ]


def bench_planted_topics(n: int = 240) -> None:
    """Precision@5: share of recommended peers whose planted topic is the person's own."""
    people, topic_of = generated_people(n, seed=6)
    vectors = embed_people(people, Embedder(progress=False))
    for label, weights in (
        ("default weights", RecommendWeights()),
        ("topic only", RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)),
    ):
        recs = recommend(people, 5, vectors=vectors, mode="similar", weights=weights, explain=False)
        hits = [topic_of[r.id] == topic_of[pid] for pid, items in recs.items() for r in items]
        record(
            f"Planted-topic precision@5, {n} generated people, {len(TOPICS)} topics, real model, {label}",
            f"{np.mean(hits):.3f}",
            f"chance {1 / len(TOPICS):.2f}",
        )


def bench_embedding(n: int = 600) -> None:
    """Embedder throughput against raw model.encode on the same texts, then a cached re-run."""
    people, _ = generated_people(n // 3, seed=7)
    texts = [t for p in people for t in (p.challenge, p.expertise, p.needs)]
    model = load_model()
    model.encode(texts[:64], batch_size=64)  # warm-up
    raw = _timed(
        lambda: model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    )
    embedder = Embedder(progress=False)
    ours = _timed(lambda: embedder.embed(texts))
    record(
        f"Embedding {len(texts)} profile texts: raw model.encode", f"{len(texts) / raw:.0f} texts/s"
    )
    record(
        f"Embedding {len(texts)} profile texts: Embedder.embed",
        f"{len(texts) / ours:.0f} texts/s ({raw / ours * 100:.0f}% of raw)",
        "≥ 95%",
    )
    before = embedder.encoded_texts
    again = _timed(lambda: embedder.embed(texts))
    record(
        "Second run over unchanged texts",
        f"{embedder.encoded_texts - before} texts embedded, {again * 1e3:.0f} ms",
        "0 embedded",
    )


def bench_pairing(n: int = 30) -> None:
    """Tandem score against the exact optimum (PuLP/CBC integer programme) on a generated cohort."""
    try:
        import pulp
    except ImportError:
        record("Pairing vs exact optimum", "skipped: pulp not installed")
        return
    rng = np.random.default_rng(8)
    people, _ = generated_people(n, seed=8)
    vectors = PeopleVectors(unit_rows(rng, n), unit_rows(rng, n), unit_rows(rng, n))
    from matching.pairing import DEFAULT_PAIR_WEIGHTS

    scores = pair_scores(people, vectors, DEFAULT_PAIR_WEIGHTS)
    start = time.perf_counter()
    pairs, _ = max_weight_pairing(scores)
    ours_time = time.perf_counter() - start
    problem = pulp.LpProblem("tandems", pulp.LpMaximize)
    edges = {
        (a, b): pulp.LpVariable(f"x_{a}_{b}", cat="Binary")
        for a in range(n)
        for b in range(a + 1, n)
    }
    problem += pulp.lpSum(scores[a, b] * x for (a, b), x in edges.items())
    for person_row in range(n):
        problem += pulp.lpSum(x for (a, b), x in edges.items() if person_row in (a, b)) == 1
    problem.solve(pulp.PULP_CBC_CMD(msg=False))
    best = pulp.value(problem.objective)
    record(
        f"Pairing N={n}: local search vs exact ILP",
        f"{pairing_total(scores, pairs) / best * 100:.2f}% of optimum in {ours_time * 1e3:.0f} ms",
    )


def _cpu_seconds(function) -> float:
    """CPU seconds of one call with BLAS on a single thread.

    On a shared machine wall time measures the neighbours; single-threaded CPU time does not,
    and on an idle machine it bounds the wall time from above (two cores can only help).
    """
    with threadpool_limits(1):
        start = time.process_time()
        function()
        return time.process_time() - start


def _timed(function) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def machine() -> str:
    """uname -m, core count, CPU model and the load when the run starts."""
    return f"{shared_machine()} at start"


def table() -> str:
    """The rows as a markdown table."""
    lines = ["| Measurement | Result | Target |", "|---|---|---|"]
    lines += [f"| {name} | {result} | {target} |" for name, result, target in ROWS]
    return "\n".join(lines)


def append_to_docs(text: str) -> None:
    """Add a run under this benchmark's heading in docs/benchmarks.md, before any next section."""
    path = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
    heading = "## Matching: recommendations (bench_matching_recommend.py)"
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if heading not in existing:
        existing = existing.rstrip("\n") + f"\n\n{heading}\n"
    end = existing.find("\n## ", existing.index(heading) + len(heading))
    end = len(existing) if end < 0 else end
    before, after = existing[:end], existing[end:]
    path.write_text(before.rstrip("\n") + "\n\n" + text + "\n" + after, encoding="utf-8")


BENCHES = {
    "everyone": bench_everyone,
    "explain": bench_explain,
    "single": bench_single_query,
    "ivf": bench_ivf,
    "approximate": bench_approximate_query,
    "planted": bench_planted_topics,
    "embedding": bench_embedding,
    "pairing": bench_pairing,
}


def main() -> None:
    """Run every measurement (or those named on the command line), print and append the table."""
    started = time.perf_counter()
    chosen = sys.argv[1:] or list(BENCHES)
    if {"-h", "--help"} & set(chosen):
        print(f"usage: {Path(__file__).name} [NAME ...]; NAME is one of {', '.join(BENCHES)} (all)")
        sys.exit(0)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(
            f"unknown measurement {unknown[0]!r}; choose from: {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        sys.exit(2)
    header = f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {machine()}."
    if sys.argv[1:]:
        header += f" Only: {', '.join(chosen)}."
    print(header)
    for name in chosen:
        BENCHES[name]()
    load = load_average()[0]
    report = f"{header} Total {time.perf_counter() - started:.0f} s, load average {load:.1f} at the end.\n\n{table()}"
    print("\n" + report)
    append_to_docs(report)


if __name__ == "__main__":
    main()
