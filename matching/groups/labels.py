"""Group topics as a coach would write them: the key phrases a group's members share.

A topic is built from multi-word key phrases (matching.text.phrases: two or three words side by
side, never across punctuation or a stop word, with at least one word that is not empty) that at
least two members' challenge texts use. Phrases most texts of the cohort use, and phrases whose
words are all empty (stop words, generic verbs and nouns, the forms' prompt words, words most
texts use), are never a topic. The rarer a phrase in the cohort and the more members share it,
the better; the label keeps the best one or two that do not overlap ("membership fee, trade
fairs"). A group with no such phrase gets no topic: better none than an empty one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from matching.text.phrases import PhraseIndex, key_phrases, stem

TOPIC_PHRASES = 2  # at most this many phrases in a label


def _key(phrase: str) -> str:
    """A phrase with its words folded (plurals), so "member fees" meets "member fee"."""
    return " ".join(stem(word) for word in phrase.split())


class GroupLabeller:
    """Key phrases of every member's text, fitted once for a cohort; labels any group of it."""

    def __init__(self, texts: Sequence[str]):
        self.index = PhraseIndex(texts)
        # Per person: folded phrase -> the words as that person wrote them.
        self.phrases = [{_key(p): p for p in key_phrases(text)} for text in texts]

    def label(self, members: Sequence[int]) -> str | None:
        """The group's topic, or None when its members share no telling phrase."""
        users: Counter[str] = Counter()
        spelled: dict[str, Counter[str]] = {}
        for i in members:
            for key, phrase in self.phrases[i].items():
                users[key] += 1
                spelled.setdefault(key, Counter())[phrase] += 1
        candidates = []
        for key, count in users.items():
            if count < 2 or self.index.phrase_df.get(key, 0) > self.index.limit:
                continue
            words = spelled[key].most_common(1)[0][0].split()
            content = [w for w in words if not self.index.empty(w)]
            if content:
                rarity = sum(self.index.idf(w) for w in content)
                candidates.append((-(count * rarity + 0.5 * len(words)), key))
        chosen: list[str] = []
        for _, key in sorted(candidates):
            phrase = spelled[key].most_common(1)[0][0]
            if any(set(phrase.split()) & set(other.split()) for other in chosen):
                continue  # "frame houses" adds nothing after "timber frame houses"
            chosen.append(phrase)
            if len(chosen) == TOPIC_PHRASES:
                break
        return ", ".join(chosen) or None


def topics_per_round(texts: Sequence[str], schedule: np.ndarray) -> list[list[str | None]]:
    """Per round and group, the group's topic (or None); phrases are read once for all rounds."""
    labeller = GroupLabeller(texts)
    return [
        [labeller.label(np.flatnonzero(assign == g).tolist()) for g in range(int(assign.max()) + 1)]
        for assign in schedule
    ]
