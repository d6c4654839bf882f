"""The breakout objective as pair terms, shared by every solver and by the scoring.

A round's score is the weighted mean, over all within-group pairs, of four pair values in [0, 1]:
topic (cosine of challenge vectors), country (different countries), ecosystem (1 - cosine of the
ecosystem tags) and maturity (squared level gap / 9); "cluster" mode uses 1 - value instead.
The weights a solver sees are already on the cohort's scale (scale.py: each divided by its term's
spread over the cohort's pairs), so nothing here needs to know about it.
Because every term is a pair term (the maximally diverse grouping form), a swap's effect is a
sum of pair weights, and with normalised vectors a group's pair sum is (|sum v|^2 - sum |v|^2) / 2,
so large cohorts never need an N x N matrix. Hard rules and repeats are large pair penalties.
"""

from __future__ import annotations

import numpy as np

from matching.groups.problem import Problem
from matching.groups.scale import ATTRIBUTES, raw_pair_values

__all__ = ["ATTRIBUTES", "category_weights", "dense_costs", "features", "pair_values", "penalties"]


def penalties(problem: Problem) -> tuple[float, float, float]:
    """Return (hard-rule pair penalty, repeat penalty, isolation penalty) for this problem.

    A repeat outweighs any change in the soft score over all rounds, and a hard-rule pair
    outweighs every possible repeat, so the search is lexicographic in effect.
    """
    w = problem.weights
    soft_total = (w.topic + w.country + w.ecosystem + w.maturity + 1.0) * problem.rounds
    repeat = 2.0 * soft_total
    hard = repeat * (problem.n * problem.rounds + 1.0)
    return hard, repeat, repeat


def _sign(mode: str) -> float:
    """+1 when diversifying (a similar pair costs), -1 when clustering (a similar pair earns)."""
    return 1.0 if mode == "diversify" else -1.0


def features(problem: Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature form of the soft pair cost: cost_ij = sum_d D_d F_id F_jd + u_i + u_j (+const).

    Country and organisation are left out: they are count-table terms (see `category_weights`).
    """
    w, npairs = problem.weights, float(problem.pairs_per_round)
    level = (problem.maturity.astype(np.float32) / 3.0)[:, None]
    blocks = [problem.vectors, problem.eco, level]
    # Topic "cluster" earns similar vectors (cost -w cos); "diversify" costs them (+w cos).
    topic_sign = _sign(problem.weights.topic_mode)
    scales = [
        topic_sign * w.topic / npairs,
        _sign(w.ecosystem_mode) * w.ecosystem / npairs,
        # (m_i - m_j)^2/9 = l_i^2 + l_j^2 - 2 l_i l_j with l = m/3; diversify earns the gap.
        _sign(w.maturity_mode) * 2.0 * w.maturity / npairs,
    ]
    F = np.hstack([b.astype(np.float32) for b in blocks])
    D = np.concatenate(
        [np.full(b.shape[1], s, dtype=np.float32) for b, s in zip(blocks, scales, strict=True)]
    )
    u = (-_sign(w.maturity_mode) * w.maturity / npairs) * (level[:, 0].astype(np.float64) ** 2)
    return F, D, u


def category_weights(problem: Problem) -> tuple[np.ndarray, float]:
    """Cost of a same-country pair (per country code) and of a same-organisation pair.

    "One country per group" is hard while a country has no more people than there are groups.
    A bigger country must share groups anyway; its pairs are priced like a repeat, which spreads
    them evenly (the cost is convex) without trading a clean schedule for one extra pair.
    """
    hard, repeat, _ = penalties(problem)
    w = problem.weights
    soft = w.country / problem.pairs_per_round
    if w.country_mode == "cluster":  # clustering lifts the one-per-country rule: asked for
        return np.full(int(problem.country.max()) + 1, -soft), hard
    fits = np.bincount(problem.country) <= len(problem.sizes)
    return np.where(fits, hard, repeat) + soft, hard


def dense_costs(problem: Problem) -> np.ndarray:
    """Full n x n soft + hard pair cost matrix (small cohorts only), zero diagonal."""
    F, D, u = features(problem)
    costs = ((F * D) @ F.T).astype(np.float64) + u[:, None] + u[None, :]
    same_country, same_org = category_weights(problem)
    costs += same_country[problem.country][:, None] * (
        problem.country[:, None] == problem.country[None, :]
    )
    costs += same_org * (problem.org[:, None] == problem.org[None, :])
    hard, _, _ = penalties(problem)
    for a, b in problem.apart:
        costs[a, b] += hard
        costs[b, a] += hard
    # c_ij and c_ji round differently (the float32 product above, then u_i + u_j in either order),
    # but the tabu search's swap deltas assume c is symmetric: an asymmetry of a few 1e-9 let it
    # "improve" forever by cycling between two schedules, so it never stalled and ran its whole budget.
    costs = (costs + costs.T) / 2
    np.fill_diagonal(costs, 0.0)
    return costs


def pair_values(problem: Problem, a: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """The four raw pair values (before modes and weights) for index arrays a and b."""
    return raw_pair_values(problem.vectors, problem.country, problem.eco, problem.maturity, a, b)


def soft_score(problem: Problem, a: np.ndarray, b: np.ndarray) -> tuple[float, dict[str, float]]:
    """Objective (weighted mean pair value, modes applied) and each attribute's mean value."""
    values = pair_values(problem, a, b)
    w = problem.weights
    means = {k: float(v.mean()) if len(v) else 0.0 for k, v in values.items()}
    total = 0.0
    for name in ATTRIBUTES:
        diversify = getattr(w, f"{name}_mode") == "diversify"
        want_high = (name == "topic") != diversify  # topic's natural direction is "cluster"
        total += getattr(w, name) * (means[name] if want_high else 1.0 - means[name])
    return total, means


def country_min_pairs(problem: Problem) -> int:
    """Fewest same-country pairs one round can have: each country dealt evenly over the groups."""
    k = len(problem.sizes)
    total = 0
    for count in np.bincount(problem.country):
        q, r = divmod(int(count), k)
        total += r * (q + 1) * q // 2 + (k - r) * q * (q - 1) // 2
    return total
