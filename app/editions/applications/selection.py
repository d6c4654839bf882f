"""Choosing a diverse cohort among applicants with the matcher's `select_cohort`, and its coverage."""

from __future__ import annotations

from dataclasses import replace

from app import reference
from app.editions.applications import queries
from app.models import Edition
from app.models.coaching import Application
from app.services import matching as matching_adapter
from matching.cohort import CohortWeights, coverage, select_cohort
from matching.people import InputError

SELECTED = ("accepted", "shortlisted")


class SelectionError(Exception):
    """The edition cannot be suggested; the message says why and what to do."""


def suggest_cohort(edition: Edition) -> tuple[list[Application], list[str]]:
    """Eligible applications the matcher adds to the accepted ones to fill the edition, and its summary."""
    rows = queries.applications(edition)
    accepted = [a for a in rows if a.status == "accepted"]
    pool = [a for a in rows if a.eligible and a.status in ("pending", "shortlisted")]
    room = max(edition.max_size - len(accepted), 0)
    if not pool:
        raise SelectionError("No eligible applications are waiting; there is nobody to suggest.")
    if room == 0:
        raise SelectionError(
            f"{len(accepted)} applicants are already accepted, the edition's largest size; "
            "raise the largest cohort size to add more."
        )
    candidates = accepted + pool
    people = [
        replace(p, score=a.score) for p, a in zip(_people(candidates), candidates, strict=True)
    ]
    try:
        # Accepted people are kept (include), so the suggestion covers what they do not.
        chosen = select_cohort(
            people,
            min(edition.max_size, len(people)),
            weights=CohortWeights(),
            include=[matching_adapter.person_id(a.user_id) for a in accepted],
        )
    except InputError as problem:
        raise SelectionError(str(problem)) from None
    by_id = {matching_adapter.person_id(a.user_id): a for a in pool}
    return [by_id[pid] for pid in chosen.selected if pid in by_id], chosen.summary


def _people(applications: list[Application]):
    """Persons for applicants, with the challenges they wrote in their application."""
    return matching_adapter.people_from_users(
        [a.user for a in applications], {a.user_id: a.challenges for a in applications}
    )


def selection_coverage(edition: Edition, rows: list[Application]) -> dict:
    """The matcher's coverage (countries, ecosystems, maturity) of the accepted and shortlisted applicants."""
    selected = [a for a in rows if a.status in SELECTED]
    counts = coverage(_people(selected))
    return {
        "size": len(selected),
        "accepted": sum(a.status == "accepted" for a in selected),
        "target": (edition.min_size, edition.max_size),
        "countries": list(counts["countries"].items()),
        "ecosystems": list(counts["ecosystems"].items()),
        "maturity": [(slug, counts["maturity"].get(slug, 0)) for slug in reference.MATURITY_SLUGS],
        "missing_ecosystems": [s for s in reference.ecosystems() if s not in counts["ecosystems"]],
    }
