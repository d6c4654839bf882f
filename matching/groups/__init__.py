"""Breakout groups: rounds of groups that mix countries, ecosystems and maturity and stay on topic.

The public entry points are `form_groups` and `evaluate_groups` (form.py). The rest is the
machinery behind them, one step per module:

    problem.py   input checked and turned into arrays (`Problem`, `GroupWeights`)
    pairs.py     the pair terms of the objective and the rule penalties
    rounds.py    group sizes, repeat-free bounds and known schedules (designs)
    start.py     the first deal of a round
    search.py    tabu search over all rounds jointly (cohorts up to 150)
    large.py     batched local search for bigger cohorts
    solve.py     picks the solver and the starts
    exact.py     the exact optimum of one round, for benchmarks
    explain.py   metrics, topics, reasons and unmet rules of a result
    synthetic.py cohorts with planted topics, for tests and benchmarks
"""

from matching.groups.form import (
    Group,
    GroupResult,
    GroupWeights,
    RoundResult,
    evaluate_groups,
    form_groups,
    lock_groups,
)

__all__ = [
    "Group",
    "GroupResult",
    "GroupWeights",
    "RoundResult",
    "evaluate_groups",
    "form_groups",
    "lock_groups",
]
