"""Ranking metrics and the reason audit of the real-text quality benchmark (bench_matching_quality.py).

Pure functions over ids and strings, so tests can check them on hand-built cases:

* `precision_at` — share of the first k results that are relevant (e.g. same theme);
* `ndcg_at` — discounted cumulative gain of the first k results against graded judgements
  (gain 2 for "highly relevant", 1 for "relevant"), divided by the best possible ordering's;
* `capped_recall_at` — how many of the first k results are relevant, out of min(k, |relevant|):
  "recall of the relevance top-3" reaches 1.0 when the top 3 are all relevant, or all relevant
  items are in the top 3 when fewer than 3 exist;
* `top_kept_share` — share of the pure-relevance top-n found among the first m cards;
* `reason_problems` — what is wrong with one reason line, judged by the rules of docs/matching.md
  ("Reasons"): quoted single words that are stop words, generic words, words of the profile
  form's prompts or words most texts use; "Similar challenge" when one side has no challenge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

# The word lists of the reason rules live with the phrase extractor that obeys them.
from matching.text.phrases import GENERIC_WORDS, PROMPT_WORDS  # noqa: F401  (re-exported)


def precision_at(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the first k of `ranked` that are in `relevant` (a short list counts as k)."""
    relevant = set(relevant)
    return sum(1 for item in ranked[:k] if item in relevant) / k


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain: gain at rank r (from 1) divided by log2(r + 1)."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, start=1))


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, float], k: int) -> float:
    """nDCG@k of `ranked` against graded judgements {item: gain}; 0.0 when nothing is relevant."""
    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([grades.get(item, 0.0) for item in ranked[:k]]) / ideal


def capped_recall_at(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Relevant items among the first k, out of min(k, number relevant); 0.0 when none is relevant."""
    relevant = set(relevant)
    if not relevant:
        return 0.0
    return sum(1 for item in ranked[:k] if item in relevant) / min(k, len(relevant))


def top_kept_share(pure: Sequence[str], shown: Sequence[str], *, n: int = 3, m: int = 12) -> float:
    """Share of the first n of the pure-relevance ranking found among the first m shown cards."""
    wanted = list(pure[:n])
    if not wanted:
        return 1.0
    return sum(1 for item in wanted if item in set(shown[:m])) / len(wanted)


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; NaN for no values."""
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


_QUOTED = re.compile(r"“([^”]+)”|(?<=wrote: )'([^']+)'")
_WORD = re.compile(r"[a-zA-Z][a-zA-Z-]*")
#: A quote of this many words or more is a sentence (evidence), not a key term.
SENTENCE_WORDS = 5


def quoted_parts(reason: str) -> list[str]:
    """The quoted terms or sentences of one reason line (“…” or, after "wrote: ", '…')."""
    return [a or b for a, b in _QUOTED.findall(reason)]


def reason_problems(
    reason: str,
    *,
    banned: frozenset[str],
    common: frozenset[str] = frozenset(),
    both_have_challenges: bool = True,
) -> list[str]:
    """Why a reason line breaks the rules; [] when it passes.

    `banned` holds stop words, generic words and the profile form's prompt words; `common` holds
    the words most texts of the community use. A quoted single word fails when it is in either;
    a quoted phrase fails when every word is; a quoted sentence fails when it has fewer than two
    words outside them. "Similar challenge" fails unless both people have a challenge.
    """
    problems = []
    if reason.startswith("Similar challenge") and not both_have_challenges:
        problems.append("'Similar challenge' without a challenge on both sides")
    empty = banned | common
    for part in quoted_parts(reason):
        words = [w.lower() for w in _WORD.findall(part)]
        content = [w for w in words if w not in empty]
        if len(words) >= SENTENCE_WORDS:
            if len(content) < 2:
                problems.append(f"sentence without content: {part!r}")
        elif len(words) == 1 and not content:
            problems.append(f"empty word: {part!r}")
        elif not content:
            problems.append(f"phrase of empty words: {part!r}")
    return problems
