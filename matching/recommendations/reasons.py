"""Why two people were matched, in sentences built from their own data.

Every line names something real: the key phrases both texts use and the closest pair of their
sentences (matching/text/phrases.py), the two countries and ecosystems by their reference names,
the two maturity levels. Nothing is canned, and no line quotes an empty word: when two texts
share nothing worth quoting there is no topical line at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.people import Person
from matching.recommendations.closeness import Cuts, closeness_word, sampled_cuts
from matching.reference import country_name, ecosystem_name
from matching.text.phrases import PhraseIndex
from matching.text.sentences import quote, term_list
from matching.text.tfidf import KeyTerms
from matching.text.vectors import PeopleVectors


class Explainer:
    """Builds reasons for pairs of people (row numbers into `people`)."""

    def __init__(
        self,
        people: Sequence[Person],
        vectors: PeopleVectors | None = None,
        *,
        phrases: PhraseIndex | None = None,
    ):
        """`phrases`: how often the whole community uses each word and phrase (the web app keeps
        one per index); by default it is counted over `people`'s own texts."""
        self.people = people
        self.vectors = vectors
        self._cuts: dict[tuple[str, str], Cuts] = {}  # closeness thresholds per pair of fields
        self.terms = KeyTerms(people)
        self.phrases = phrases or PhraseIndex(
            [t for p in people for t in (p.challenge_text, p.expertise, p.needs) if t]
        )

    def recommendation(self, i: int, j: int, mode: str) -> list[str]:
        """Reasons person j is recommended to person i in this mode."""
        topic = []
        if mode in ("similar", "mixed"):
            topic += self.evidence(i, "challenge", j, "challenge")
        if mode in ("helpers", "mixed"):
            topic += self.evidence(i, "needs", j, "expertise")
        facts = [self.countries(i, j), self.ecosystems(i, j), self.maturity(i, j, mode)]
        return [line for line in topic + facts if line]

    def evidence(self, i: int, field_a: str, j: int, field_b: str) -> list[str]:
        """Key phrases both texts use, then the closest pair of their sentences, quoted; [] when
        the texts share nothing worth quoting."""
        mine, theirs = self.people[i], self.people[j]
        text_a, text_b = _text(mine, field_a), _text(theirs, field_b)
        if not text_a.strip() or not text_b.strip():
            return []
        label = _label(mine, field_a, theirs, field_b)
        lines = []
        shared = self.phrases.shared(text_a, text_b)
        if shared:
            lines.append(f"{label}: both write about {term_list(shared)}")
        pair = self.phrases.closest_sentences(text_a, text_b)
        if pair is not None:
            name = theirs.name or "They"
            lines.append(f"You wrote: {quote(pair[0], 110)} / {name} wrote: {quote(pair[1], 110)}")
            if not shared:
                lines[-1] = f"{label}. " + lines[-1]
        return lines

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
        closeness = self._closeness(field_a, i, field_b, j)
        return f"{label} ({closeness}): {quote(mine, 70)} ↔ {quote(theirs, 70)}"

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

    def _closeness(self, field_a: str, i: int, field_b: str, j: int) -> str:
        """How close the two texts' vectors are, in words against these people's own pairs
        ("close in meaning" without vectors)."""
        if self.vectors is None:
            return "close in meaning"
        a, b = getattr(self.vectors, field_a), getattr(self.vectors, field_b)
        key = (field_a, field_b)
        if key not in self._cuts:
            self._cuts[key] = sampled_cuts(a, None if field_a == field_b else b)
        return closeness_word(float(np.dot(a[i], b[j])), self._cuts[key]).lower()


#: What each text is, in the words of the profile form.
_FIELD_NAMES = {
    "about": "cluster description",
    "challenge": "challenge",
    "expertise": "expertise",
    "needs": "needs",
}


def _text(person: Person, field: str) -> str:
    """The text compared for a field: the challenge side includes the about text."""
    return person.challenge_text if field == "challenge" else getattr(person, field)


def _side(person: Person, field: str) -> str:
    """Which text really stands on a side: "challenge" only when the person posted one."""
    if field == "challenge" and not person.challenge.strip():
        return "about"
    return field


def _label(mine: Person, field_a: str, theirs: Person, field_b: str) -> str:
    """What is compared, in plain words: "Similar challenge" only when both posted a challenge."""
    a, b = _side(mine, field_a), _side(theirs, field_b)
    if (a, b) == ("challenge", "challenge"):
        return "Similar challenge"
    if (a, b) == ("needs", "expertise"):
        return "Their expertise meets your needs"
    if a == b:
        return f"Your {_FIELD_NAMES[a]} and theirs"
    return f"Your {_FIELD_NAMES[a]} and their {_FIELD_NAMES[b]}"
