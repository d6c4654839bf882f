"""Routes of the cohorts area: the Academy editions and who took part in each."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from app.cohorts import queries
from app.cohorts.blueprint import bp

ROLE_HEADINGS = {"participant": "Participants", "coach": "Coaches", "organiser": "Organisers"}


@bp.get("/")
def index():
    """Every Academy edition with its dates, place and number of members."""
    return render_template("cohorts/index.html", cohorts=queries.cohorts_with_role_counts())


@bp.get("/<int:cohort_id>")
def detail(cohort_id: int):
    """One edition and its members by role, as far as the viewer may see their profiles."""
    cohort = queries.get_cohort_or_404(cohort_id)
    return render_template(
        "cohorts/detail.html",
        cohort=cohort,
        members=queries.members_by_role(cohort, current_user),
        counts=queries.role_counts([cohort.id]).get(cohort.id, {}),
        role_headings=ROLE_HEADINGS,
    )
