"""Why two people were matched, in sentences built from their own data.

Every line names something real: the terms both texts use, the two countries and ecosystems by
their reference names, the two maturity levels. Nothing is canned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.people import Person
from matching.reference import country_name, ecosystem_name
from matching.text.sentences import quote, term_list
from matching.text.tfidf import KeyTerms
from matching.text.vectors import PeopleVectors


class Explainer:
    """Builds reasons for pairs of people (row numbers into `people`)."""

    def __init__(self, people: Sequence[Person], vectors: PeopleVectors | None = None):
        self.people = people
        self.vectors = vectors
        self.terms = KeyTerms(people)

    def recommendation(self, i: int, j: int, mode: str) -> list[str]:
        """Reasons person j is recommended to person i in this mode."""
        topic = []
        if mode in ("similar", "mixed"):
            topic.append(self.topic("challenge", i, "challenge", j, "Similar challenge"))
        if mode in ("helpers", "mixed"):
            topic.append(self.topic("needs", i, "expertise", j, "Their expertise meets your needs"))
        facts = [self.countries(i, j), self.ecosystems(i, j), self.maturity(i, j, mode)]
        return [line for line in topic + facts if line]

    def pair(self, i: int, j: int) -> list[str]:
        """Reasons two people make a good tandem."""
        lines = [self.topic("challenge", i, "challenge", j, "Shared challenge")]
        for a, b in ((i, j), (j, i)):
            terms = self.terms.shared("needs", a, "expertise", b)
            if terms:
                lines.append(
                    f"{self.people[b].name} can help {self.people[a].name} with {term_list(terms)}"
                )
        lines += [self.countries(i, j), self.ecosystems(i, j), self.maturity(i, j, "similar")]
        return [line for line in lines if line]

    def topic(self, field_a: str, i: int, field_b: str, j: int, label: str) -> str:
        """Shared key terms of two texts, or their closest sentences when no word is shared."""
        text_a, text_b = getattr(self.people[i], field_a), getattr(self.people[j], field_b)
        if not text_a.strip() or not text_b.strip():
            return ""
        terms = self.terms.shared(field_a, i, field_b, j)
        if terms:
            return f"{label}: both mention {term_list(terms)}"
        # No word in common, yet close in meaning: quote what each text is mostly about.
        mine, theirs = self.terms.key_sentence(field_a, i), self.terms.key_sentence(field_b, j)
        closeness = self._cosine(field_a, i, field_b, j)
        return f"{label} (closeness {closeness:.2f}): {quote(mine, 70)} ↔ {quote(theirs, 70)}"

    def countries(self, i: int, j: int) -> str:
        """The two countries, when they differ."""
        a, b = self.people[i].country, self.people[j].country
        return f"Different countries: {country_name(a)} ↔ {country_name(b)}" if a != b else ""

    def ecosystems(self, i: int, j: int) -> str:
        """Shared ecosystems, or the two different ones."""
        mine, theirs = self.people[i].ecosystems, self.people[j].ecosystems
        shared = [e for e in mine if e in theirs]
        if shared:
            return "Shared ecosystem: " + ", ".join(ecosystem_name(e) for e in shared)
        names = (
            " / ".join(ecosystem_name(e) for e in mine),
            " / ".join(ecosystem_name(e) for e in theirs),
        )
        return f"Different ecosystems: {names[0]} ↔ {names[1]}"

    def maturity(self, i: int, j: int, mode: str) -> str:
        """How the two maturity levels relate, phrased for the mode."""
        mine, theirs = self.people[i], self.people[j]
        if mine.maturity == theirs.maturity:
            return f"Same stage: both {mine.maturity_name}"
        relation = "More mature" if theirs.maturity > mine.maturity else "Less mature"
        if mode == "similar" and abs(theirs.maturity - mine.maturity) == 1:
            relation = "Close stage"
        return f"{relation}: {theirs.maturity_name} vs {mine.maturity_name}"

    def _cosine(self, field_a: str, i: int, field_b: str, j: int) -> float:
        """Cosine of the two texts' vectors, when vectors were given."""
        if self.vectors is None:
            return float("nan")
        return float(np.dot(getattr(self.vectors, field_a)[i], getattr(self.vectors, field_b)[j]))
