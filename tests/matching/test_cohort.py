"""select_cohort() and coverage(): a varied cohort that keeps strong applications."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.cohort import CohortWeights, _CoverageProblem, coverage, select_cohort
from matching.people import InputError
from tests.matching.conftest import person


def applicants():
    """Eight strong German applicants and five weaker ones from five other countries."""
    germans = [
        person(f"de{i}", country="DE", ecosystems=("digital",), maturity=4, score=9.0)
        for i in range(8)
    ]
    others = [
        person(f"x{c}", country=c, ecosystems=(e,), maturity=m, score=6.0)
        for c, e, m in [
            ("MT", "tourism", 1),
            ("SI", "construction", 2),
            ("PT", "agri-food", 3),
            ("RS", "cultural-creative", 1),
            ("EE", "digital", 2),
        ]
    ]
    return germans + others


def test_selection_covers_more_countries_than_taking_the_top_scores():
    selection = select_cohort(applicants(), 6)
    assert selection.coverage["distinct"]["countries"] == 6
    assert selection.coverage["distinct"]["maturity"] == 4


def test_selection_beats_a_bad_selection_on_its_own_objective():
    people = applicants()
    weights = CohortWeights()
    problem = _CoverageProblem(people, weights)
    chosen = select_cohort(people, 6, weights=weights)
    row = {p.id: i for i, p in enumerate(people)}
    top_scores_only = [row[f"de{i}"] for i in range(6)]
    assert chosen.objective > problem.value(top_scores_only)


def test_within_one_country_the_stronger_application_wins():
    people = [
        person("weak", country="FR", score=5.0),
        person("strong", country="FR", score=9.0),
        person("mt", country="MT", score=5.0),
    ]
    assert sorted(select_cohort(people, 2).selected) == ["mt", "strong"]


def test_included_applicants_are_kept_and_excluded_ones_left_out():
    selection = select_cohort(applicants(), 4, include=["de3"], exclude=["xMT"])
    assert "de3" in selection.selected
    assert "xMT" not in selection.selected


def test_quality_weight_zero_ignores_scores_and_high_weight_follows_them():
    coverage_only = select_cohort(applicants(), 5, weights=CohortWeights(quality=0))
    scores_only = select_cohort(
        applicants(), 5, weights=CohortWeights(country=0, ecosystem=0, maturity=0)
    )
    assert coverage_only.coverage["distinct"]["countries"] == 5
    assert all(pid.startswith("de") for pid in scores_only.selected)


def test_reasons_say_what_each_person_alone_brings():
    selection = select_cohort(applicants(), 6)
    assert "Only participant from Malta" in selection.reasons["xMT"]
    assert any(
        line.startswith("Application score 6, ranked 9 of 13") for line in selection.reasons["xMT"]
    )
    assert selection.summary[0] == "Covers 6 of the 6 countries among applicants"
    assert selection.summary[2].endswith("maturity levels among applicants")


def test_coverage_counts_countries_ecosystems_and_maturity_levels():
    people = [
        person("a", country="PT", ecosystems=("digital", "health"), maturity=1),
        person("b", country="PT", ecosystems=("health",), maturity=4),
    ]
    assert coverage(people) == {
        "countries": {"PT": 2},
        "ecosystems": {"health": 2, "digital": 1},
        "maturity": {"emerging": 1, "advanced": 1},
        "distinct": {"countries": 1, "ecosystems": 2, "maturity": 2},
        "size": 2,
    }


@pytest.mark.parametrize("size", [0, 14])
def test_a_size_outside_the_applicant_pool_is_refused(size):
    with pytest.raises(InputError, match="field 'size'"):
        select_cohort(applicants(), size)


COUNTRY_CODES = ["PT", "SI", "ES", "FR", "MT", "DE"]
ECOSYSTEM_SLUGS = ["digital", "health", "tourism", "textile"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(1, 4), st.floats(0, 10)),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 40),
)
def test_selection_has_the_requested_size_and_is_no_worse_than_greedy_alone(rows, size):
    people = [
        person(
            str(i), country=COUNTRY_CODES[c], ecosystems=(ECOSYSTEM_SLUGS[e],), maturity=m, score=s
        )
        for i, (c, e, m, s) in enumerate(rows)
    ]
    size = min(size, len(people))
    selection = select_cohort(people, size)
    assert len(set(selection.selected)) == size
    problem = _CoverageProblem(people, CohortWeights())
    greedy_value = problem.value(problem.greedy(size, forced=[], banned=set()))
    assert selection.objective >= round(greedy_value, 4) - 1e-4
