"""Suggesting a coach for each breakout group: whose expertise best matches the group's challenges.

Texts in, coach index per group out. The fit is the TF-IDF cosine between what a coach is good at
and what a group's members bring (matching.text.tfidf, fitted on both lists together); then the
strongest (group, coach) matches are taken first, and a coach stops taking groups at their fair
share, ceil(groups / coaches), so one broad profile cannot take every group.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.text.tfidf import tfidf_similarity


@dataclass(frozen=True)
class CoachSuggestion:
    """Per group, the suggested coach's index (None when no coach is left), and every fit."""

    coach_of_group: tuple[int | None, ...]
    fit: np.ndarray  # groups x coaches TF-IDF cosine
    fair_share: int


def suggest_coaches(coach_texts: Sequence[str], group_texts: Sequence[str]) -> CoachSuggestion:
    """One coach per group, best matches first, each coach taking at most a fair share of groups.

    Ties (e.g. groups with no words in common with any coach) go to the earlier group and coach,
    so the same texts always give the same suggestion.
    """
    n_groups, n_coaches = len(group_texts), len(coach_texts)
    if not n_groups or not n_coaches:
        return CoachSuggestion((None,) * n_groups, np.zeros((n_groups, n_coaches)), 0)
    fit = tfidf_similarity(group_texts, coach_texts)
    share = math.ceil(n_groups / n_coaches)
    load = [0] * n_coaches
    chosen: list[int | None] = [None] * n_groups
    for flat in np.argsort(-fit, axis=None, kind="stable"):
        g, c = divmod(int(flat), n_coaches)
        if chosen[g] is None and load[c] < share:
            chosen[g] = c
            load[c] += 1
    return CoachSuggestion(tuple(chosen), fit, share)
