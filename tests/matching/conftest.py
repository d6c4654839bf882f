"""Factories for the matching tests: people and hand-built vectors with obvious answers."""

from __future__ import annotations

import numpy as np
import pytest

from matching.people import Person
from matching.text.vectors import PeopleVectors


def person(pid: str, **fields) -> Person:
    """A Person with sensible defaults: own organisation, Portugal, Digital, developing."""
    defaults = {
        "name": f"Person {pid}",
        "organisation": f"org-{pid}",
        "country": "PT",
        "ecosystems": ("digital",),
        "maturity": 2,
    }
    defaults.update(fields)
    defaults["met"] = frozenset(defaults.get("met", ()))
    return Person(id=pid, **defaults)


def vectors(challenge, expertise=None, needs=None, dims: int = 8) -> PeopleVectors:
    """PeopleVectors from short hand-written rows, zero-padded to `dims` columns."""

    def pad(rows):
        rows = np.asarray(rows, dtype=np.float32)
        out = np.zeros((len(rows), dims), dtype=np.float32)
        out[:, : rows.shape[1]] = rows
        return out

    challenge = pad(challenge)
    expertise = pad(expertise) if expertise is not None else challenge
    needs = pad(needs) if needs is not None else challenge
    return PeopleVectors(challenge, expertise, needs)


@pytest.fixture
def make_person():
    """The `person` factory as a fixture."""
    return person
