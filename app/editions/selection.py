"""Choosing a diverse cohort among applicants with the matcher's `select_cohort`, and its coverage."""

from __future__ import annotations

from app import reference
from app.editions import queries
from app.editions.people import people_from_users, person_id
from app.models import Cohort
from app.models.coaching import Application
from matching.people import InputError

SELECTED = ("accepted", "shortlisted")


class SelectionError(Exception):
    """The cohort cannot be suggested; the message says why and what to do."""


def suggest_cohort(cohort: Cohort) -> list[Application]:
    """Eligible applications the matcher picks to fill the edition up to its largest size."""
    rows = queries.applications(cohort)
    accepted = [a for a in rows if a.status == "accepted"]
    pool = [a for a in rows if a.eligible and a.status in ("pending", "shortlisted")]
    room = max(cohort.max_size - len(accepted), 0)
    if not pool:
        raise SelectionError("No eligible applications are waiting; there is nobody to suggest.")
    if room == 0:
        raise SelectionError(f"{len(accepted)} applicants are already accepted, the edition's largest size; "
                             "raise the largest cohort size to add more.")
    if len(pool) <= room:
        return pool
    from matching.cohort import select_cohort

    people = people_from_users([a.user for a in pool], {a.user_id: a.challenges for a in pool})
    try:
        chosen = select_cohort(people, room, **_selection_options())
    except InputError as problem:
        raise SelectionError(str(problem)) from None
    by_user = {person_id(a.user_id): a for a in pool}
    return [by_user[pid] for pid in _chosen_ids(chosen) if pid in by_user]


def _selection_options() -> dict:
    """Default weights for select_cohort (countries, ecosystems and maturity count equally)."""
    import matching.cohort as cohort_module

    weights_class = getattr(cohort_module, "CohortWeights", None) or getattr(cohort_module, "SelectionWeights", None)
    return {"weights": weights_class()} if weights_class else {}


def _chosen_ids(chosen) -> list[str]:
    """Ids from whatever select_cohort returns: people, ids, or a result holding them."""
    for attribute in ("selected", "people", "chosen", "ids"):
        if hasattr(chosen, attribute):
            chosen = getattr(chosen, attribute)
            break
    return [str(getattr(item, "id", item)) for item in chosen]


def selection_coverage(cohort: Cohort, rows: list[Application]) -> dict:
    """Countries, ecosystems and maturity mix of the accepted and shortlisted applicants."""
    selected = [a for a in rows if a.status in SELECTED]
    mix = queries.profile_mix([a.user for a in selected])
    return {
        "size": len(selected),
        "accepted": sum(a.status == "accepted" for a in selected),
        "target": (cohort.min_size, cohort.max_size),
        "countries": sorted(mix["countries"].items(), key=lambda kv: (-kv[1], kv[0])),
        "ecosystems": sorted(mix["ecosystems"].items(), key=lambda kv: (-kv[1], kv[0])),
        "maturity": [(slug, mix["maturity"].get(slug, 0)) for slug in reference.MATURITY_SLUGS],
        "missing_ecosystems": [s for s in reference.ecosystems() if s not in mix["ecosystems"]],
        "summary": _matcher_coverage(selected),
    }


def _matcher_coverage(selected: list[Application]) -> dict:
    """The matcher's own coverage summary of the selection, when the library offers it."""
    try:
        from matching.cohort import coverage
    except ImportError:
        return {}
    if not selected:
        return {}
    result = coverage(people_from_users([a.user for a in selected]))
    return result if isinstance(result, dict) else getattr(result, "__dict__", {})
