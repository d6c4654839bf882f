"""Benchmark breakout groups: quality against the exact optimum and baselines, the topic/diversity
trade-off, country mixing, repeat-free rounds against known maxima, and speed and memory.

This measures the optimiser on synthetic cohorts with the given vectors (topic_similarity="vectors");
bench_matching_groups_real.py measures the groups on real texts.

Run: .venv/bin/python benchmarks/bench_matching_groups.py   (about 5 minutes on 2 cores)
Only some parts: --part repeat-free (repeatable; quality, tradeoff, country, repeat-free, speed).
Appends a dated markdown section to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.machine import machine  # noqa: E402
from matching.groups import GroupWeights, evaluate_groups, form_groups  # noqa: E402
from matching.groups.exact import exact_round  # noqa: E402
from matching.groups.problem import build_problem  # noqa: E402
from matching.groups.rounds import KNOWN_MAX_ROUNDS, plan_sizes, repeat_free_outlook  # noqa: E402
from matching.groups.solve import _greedy_schedule  # noqa: E402
from matching.groups.synthetic import make_cohort  # noqa: E402
from matching.people import Person  # noqa: E402

SECTION = "## Matching: breakout groups (bench_matching_groups.py)"


def layout(assign: np.ndarray) -> list[list[str]]:
    """Group lists of ids (p0, p1, ...) from a group index per person."""
    return [[f"p{i}" for i in np.flatnonzero(assign == g)] for g in range(int(assign.max()) + 1)]


def problem_for(people, vectors, size, rounds=1):
    """The validated problem form_groups would build (default weights)."""
    return build_problem(
        people,
        size,
        rounds=rounds,
        weights=GroupWeights(),
        together=(),
        apart=(),
        locked={},
        vectors=vectors,
        previous_rounds=(),
    )


def hard_broken(result) -> int:
    """Unmet hard rules (organisation, apart, per-round country) in a result."""
    return sum(
        1
        for rule in result.unmet
        if "organisation" in rule or "apart" in rule or "round" in rule and "country" in rule
    )


def quality_vs_exact(rows: list[str]) -> None:
    """Objective of ours, greedy and random against the exact optimum (one round)."""
    rows += [
        "### Objective against the exact optimum (one round, groups of 4)",
        "",
        "| N | cohorts | ours / optimum (mean, min) | greedy / optimum | random / optimum "
        "| hard rules broken (ours, greedy, random) |",
        "|---|---|---|---|---|---|",
    ]
    for n in (12, 16, 20, 24):
        ratios = {"ours": [], "greedy": [], "random": []}
        broken = {"ours": 0, "greedy": 0, "random": 0}
        seeds = range(4)
        for seed in seeds:
            people, vectors, _ = make_cohort(n, random_state=seed, skew=0.8)
            problem = problem_for(people, vectors, 4)
            exact = exact_round(problem)
            if exact is None:
                continue
            optimum = exact[1]
            rng = np.random.default_rng(seed)
            candidates = {
                "ours": [
                    [
                        g.members
                        for g in form_groups(
                            people,
                            4,
                            vectors=vectors,
                            topic_similarity="vectors",
                            random_state=seed,
                        )
                        .rounds[0]
                        .groups
                    ]
                ],
                "greedy": [layout(_greedy_schedule(problem, rng)[0])],
                "random": [
                    layout(
                        np.array(sum(([g] * s for g, s in enumerate(plan_sizes(n, 4))), []))[
                            rng.permutation(n)
                        ]
                    )
                ],
            }
            for name, groups in candidates.items():
                result = evaluate_groups(
                    people, groups, vectors=vectors, topic_similarity="vectors"
                )
                ratios[name].append(result.metrics["objective"] / optimum)
                broken[name] += hard_broken(result)
        ours = ratios["ours"]
        rows.append(
            f"| {n} | {len(ours)} | {np.mean(ours):.4f}, {np.min(ours):.4f} "
            f"| {np.mean(ratios['greedy']):.4f} | {np.mean(ratios['random']):.4f} "
            f"| {broken['ours']}, {broken['greedy']}, {broken['random']} |"
        )
    rows.append("")


def tradeoff(rows: list[str]) -> None:
    """Coherence against diversity as the topic weight grows (N=40, groups of 5)."""
    rows += [
        "### Topic coherence against diversity (N=40, groups of 5, 3 cohorts)",
        "",
        "| topic weight | mean coherence | different-country pairs | ecosystem diversity "
        "| maturity gap² | all-distinct-country groups |",
        "|---|---|---|---|---|---|",
    ]
    for weight in (0.0, 0.5, 1.0, 2.0, 4.0, 8.0):
        values = []
        for seed in range(3):
            people, vectors, _ = make_cohort(40, random_state=seed, skew=0.6)
            m = form_groups(
                people,
                5,
                vectors=vectors,
                topic_similarity="vectors",
                random_state=seed,
                weights=GroupWeights(topic=weight),
            ).metrics
            values.append(
                [
                    m["mean_topic"],
                    m["mean_country"],
                    m["mean_ecosystem"],
                    m["mean_maturity"],
                    m["all_distinct_country_share"],
                ]
            )
        mean = np.mean(values, axis=0)
        rows.append(f"| {weight} | " + " | ".join(f"{v:.3f}" for v in mean) + " |")
    rows.append("")


def country_share(rows: list[str]) -> None:
    """Share of groups with all-distinct countries, as country mixes get more skewed."""
    rows += [
        "### Groups with all-distinct countries (N=40, groups of 5, 3 cohorts each)",
        "",
        "| country skew | biggest country (mean people) | best possible | ours | greedy | random |",
        "|---|---|---|---|---|---|",
    ]
    for skew in (0.3, 0.8, 1.2):
        shares = {"ours": [], "greedy": [], "random": []}
        biggest, possible = [], []
        for seed in range(3):
            people, vectors, _ = make_cohort(40, random_state=seed, skew=skew)
            counts = np.unique([p.country for p in people], return_counts=True)[1]
            biggest.append(counts.max())
            # Each person beyond one per group of a country spoils at least one group.
            possible.append(max(0, 8 - int(np.maximum(counts - 8, 0).sum())) / 8)
            rng = np.random.default_rng(seed)
            problem = problem_for(people, vectors, 5)
            ours = form_groups(
                people, 5, vectors=vectors, topic_similarity="vectors", random_state=seed
            )
            shares["ours"].append(ours.metrics["all_distinct_country_share"])
            for name, assign in (
                ("greedy", _greedy_schedule(problem, rng)[0]),
                ("random", rng.permutation(np.arange(40) % 8)),
            ):
                result = evaluate_groups(
                    people, [layout(assign)], vectors=vectors, topic_similarity="vectors"
                )
                shares[name].append(result.metrics["all_distinct_country_share"])
        rows.append(
            f"| {skew} | {np.mean(biggest):.1f} | {np.mean(possible):.3f} | "
            + " | ".join(f"{np.mean(shares[k]):.3f}" for k in ("ours", "greedy", "random"))
            + " |"
        )
    rows.append("")


def open_cohort(n: int) -> list[Person]:
    """Everyone from a different country and organisation: the pure social golfer problem."""
    return [
        Person(
            id=f"p{i}",
            name=f"P{i}",
            organisation=f"o{i}",
            country=f"C{i}",
            ecosystems=("digital",),
            maturity=1 + i % 4,
        )
        for i in range(n)
    ]


def repeat_free(rows: list[str]) -> None:
    """Most rounds without any repeated pair we reach, against known maxima and greedy."""
    rows += [
        "### Repeat-free rounds against the best known schedules",
        "",
        "| N | groups x size | counting bound | best known | greedy round by round "
        "| ours (open cohort) | ours / known | ours (Academy-like cohort) | seconds |",
        # Good-Enough Golfers' figures are the ones quoted in the project brief, not rerun.
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for groups, size in ((6, 4), (6, 5), (8, 4), (9, 4), (8, 5), (12, 5)):
        n = groups * size
        outlook = repeat_free_outlook(n, size, 1)
        known = KNOWN_MAX_ROUNDS.get((groups, size), (None, ""))[0]
        target = known or outlook.bound
        people, vectors, _ = make_cohort(n, random_state=0, skew=0.6)
        greedy = _greedy_schedule(
            problem_for(open_cohort(n), np.eye(n, dtype=np.float32), size, rounds=outlook.bound),
            np.random.default_rng(0),
        )
        started = time.perf_counter()
        best_open = _most_rounds(open_cohort(n), None, size, target)
        best_real = _most_rounds(people, vectors, size, target)
        seconds = time.perf_counter() - started
        ratio = f"{best_open / known:.2f}" if known else "n/a"
        rows.append(
            f"| {n} | {groups} x {size} | {outlook.bound} | {known or 'not tabled'} "
            f"| {_clean_prefix(greedy)} | {best_open} | {ratio} | {best_real} "
            f"| {seconds:.0f} |"
        )
    rows.append("")


def _most_rounds(people, vectors, size: int, target: int) -> int:
    """Largest R with a zero-repeat schedule: walk up from 60% of target, or down if that fails.

    A failed count costs the solver's whole budget while a clean one stops early, so the walk
    starts low enough to succeed and stops at the first failure (one failure per cohort instead
    of one per count above the answer). Assumes a count that fails makes the next one fail too.
    """

    def clean(rounds: int) -> bool:
        result = form_groups(
            people, size, rounds=rounds, vectors=vectors, topic_similarity="vectors"
        )
        return result.metrics["repeats"] == 0

    rounds = max(1, int(np.ceil(0.6 * target)))
    if clean(rounds):
        while rounds < target and clean(rounds + 1):
            rounds += 1
        return rounds
    while rounds > 1 and not clean(rounds - 1):
        rounds -= 1
    return rounds - 1


def _clean_prefix(schedule: np.ndarray) -> int:
    """Rounds from the start of a schedule before the first repeated pair."""
    seen: set[tuple[int, int]] = set()
    for r, assign in enumerate(schedule):
        for g in range(int(assign.max()) + 1):
            members = np.flatnonzero(assign == g)
            pairs = {(a, b) for a in members for b in members if a < b}
            if pairs & seen:
                return r
            seen |= pairs
    return len(schedule)


def one_speed_run(n: int) -> dict:
    """Time one cohort of n (embeddings given, so embedding is excluded); runs in a subprocess."""
    import resource

    people, vectors, _ = make_cohort(n, random_state=1, dim=384, skew=0.6)
    wall, cpu = time.perf_counter(), time.process_time()
    result = form_groups(people, 5, vectors=vectors, topic_similarity="vectors")
    return {
        "n": n,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "hard": hard_broken(result),
        "share": result.metrics["all_distinct_country_share"],
    }


def speed(rows: list[str]) -> None:
    """Wall and CPU seconds and peak memory for N = 40, 1,000 and 10,000 (one round)."""
    rows += [
        "### Speed and memory (one round, groups of 5, 384-d embeddings given)",
        "",
        "| N | wall s | CPU s | target | peak RSS MB | hard rules broken "
        "| all-distinct-country groups |",
        "|---|---|---|---|---|---|---|",
    ]
    targets = {40: "< 0.5 s", 1000: "< 5 s", 10000: "< 30 s, < 2 GB"}
    for n in targets:
        out = subprocess.run(
            [sys.executable, __file__, "--speed", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append(
            f"| {n:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {targets[n]} "
            f"| {r['rss_mb']:.0f} | {r['hard']} | {r['share']:.3f} |"
        )
    rows.append("")


PARTS = {
    "quality": quality_vs_exact,
    "tradeoff": tradeoff,
    "country": country_share,
    "repeat-free": repeat_free,
    "speed": speed,
}


def main(parts: list[str]) -> None:
    """Run the chosen parts, print the markdown and append it to docs/benchmarks.md."""
    started = time.perf_counter()
    only = "" if parts == list(PARTS) else f" Only: {', '.join(parts)}."
    rows = [SECTION, "", f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.{only}", ""]
    print("\n".join(rows), flush=True)
    for name in parts:
        done = len(rows)
        PARTS[name](rows)
        print("\n".join(rows[done:]), flush=True)
    rows += [f"Total benchmark time {time.perf_counter() - started:.0f} s.", ""]
    print(rows[-2])
    text = "\n".join(rows)
    docs = ROOT / "docs" / "benchmarks.md"
    with open(docs, "a", encoding="utf-8") as handle:
        handle.write("\n" + text + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        action="append",
        choices=list(PARTS),
        help="run only this part (repeatable); default: all",
    )
    parser.add_argument("--speed", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed:
        print(json.dumps(one_speed_run(args.speed)))
    else:
        main(args.part or list(PARTS))
