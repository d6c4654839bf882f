"""The edition dashboard: its page, and its numbers (coverage, introductions, homework completion,
who met whom, meeting days), read from the edition's rows."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from flask import render_template
from sqlalchemy import select

from app import reference
from app.decorators import coach_required
from app.editions import queries
from app.editions.blueprint import bp
from app.editions.breakouts import queries as breakout_queries
from app.editions.charts import bar_chart, homework_timeline
from app.editions.homework import queries as homework_queries
from app.editions.people_view import fewest_met, people_meetings
from app.extensions import db
from app.meetings.figures import meeting_figures
from app.models import Edition, MeetingEvent, User
from app.models.meeting import OUTCOMES
from app.peers.queries import accepted_introductions_count, introduction_stats

CELL = 14  # pixels per cell of the who-met-whom matrix


@bp.get("/<int:edition_id>/dashboard")
@coach_required
def dashboard_page(edition_id: int):
    """Coverage, introductions and collaborations, homework completion and who met whom."""
    edition = queries.get_edition_or_404(edition_id)
    return render_template("editions/dashboard.html", edition=edition, **edition_dashboard(edition))


def edition_dashboard(edition: Edition) -> dict:
    """Everything the dashboard page shows, computed from the edition's rows."""
    people = queries.participants(edition)
    mix = queries.profile_mix(people)
    # Draft rounds are a coach's sketch: nobody has met in them yet.
    published = [r for r in breakout_queries.edition_rounds(edition) if r.is_published]
    per_person = people_meetings(people, published)
    ecosystems = sorted(mix["ecosystems"].items(), key=lambda kv: (-kv[1], kv[0]))
    charts = {
        "ecosystems": bar_chart([(reference.ecosystem_name(slug), n) for slug, n in ecosystems]),
        "meetings": bar_chart(
            [(r.user.name, r.met_count) for r in per_person], maximum=len(people) - 1
        ),
        "homework": homework_timeline(homework_queries.homework_list(edition), len(people)),
    }
    return {
        "charts": charts,
        "people": people,
        "countries": sorted(mix["countries"].items(), key=lambda kv: (-kv[1], kv[0])),
        "ecosystems": sorted(mix["ecosystems"].items(), key=lambda kv: (-kv[1], kv[0])),
        "maturity": [(slug, mix["maturity"].get(slug, 0)) for slug in reference.MATURITY_SLUGS],
        "introductions": introductions_summary([u.id for u in people]),
        "homework": homework_completion(edition, len(people)),
        "matrix": met_matrix(people, published),
        "per_person": per_person,
        "fewest_met": fewest_met(per_person),
        "meeting_days": meeting_days(edition),
    }


def meeting_days(edition: Edition) -> dict:
    """The edition's meeting events and their figures together (the event report's numbers)."""
    events = list(
        db.session.scalars(
            select(MeetingEvent).filter_by(edition_id=edition.id).order_by(MeetingEvent.id)
        )
    )
    return {
        "events": events,
        "figures": meeting_figures([e.id for e in events]),
        "outcomes": OUTCOMES,
    }


def introductions_summary(user_ids: list[int]) -> dict:
    """Introductions requested and accepted and collaborations reported by the edition's participants."""
    if not user_ids:
        return {"requested": 0, "accepted": 0, "collaborating": 0, "met": 0}
    totals = Counter()
    for stats in introduction_stats(user_ids).values():
        totals.update(stats)
    # An introduction between two participants is one introduction, not one per person.
    accepted = accepted_introductions_count(user_ids)
    return {
        "requested": totals["requested"],
        "accepted": accepted,
        "met": totals["met"],
        "collaborating": totals["collaborating"],
    }


def homework_completion(edition: Edition, participants: int) -> list[dict]:
    """Per assignment: submissions, feedback given, and the share of participants who submitted."""
    rows = []
    for homework in homework_queries.homework_list(edition):
        submitted = len(homework.submissions)
        rows.append(
            {
                "homework": homework,
                "submitted": submitted,
                "reviewed": sum(1 for s in homework.submissions if s.feedback),
                "percent": round(100 * submitted / participants) if participants else 0,
            }
        )
    return rows


def meetings(rounds) -> Counter:
    """(user id, user id) → how many rounds the two shared a group."""
    met: Counter = Counter()
    for breakout_round in rounds:
        for group in breakout_round.groups:
            ids = sorted(m.user_id for m in group.members)
            met.update(combinations(ids, 2))
    return met


def met_matrix(people: list[User], rounds) -> dict:
    """An SVG-ready matrix: one row and column per participant, a cell per pair shaded by meetings."""
    met = meetings(rounds)
    index = {u.id: i for i, u in enumerate(people)}
    most = max(met.values(), default=0)
    cells = []
    for (a, b), count in met.items():
        if a in index and b in index:
            for row, col in ((index[a], index[b]), (index[b], index[a])):
                cells.append(
                    {
                        "x": col * CELL,
                        "y": row * CELL,
                        "count": count,
                        "opacity": round(0.25 + 0.75 * count / most, 2),
                        "title": f"{people[row].name} and {people[col].name}: {count} round(s) together",
                    }
                )
    pairs = len(people) * (len(people) - 1) // 2
    return {
        "cells": cells,
        "size": len(people) * CELL,
        "cell": CELL,
        "labels": [u.name for u in people],
        "pairs_met": sum(1 for (a, b) in met if a in index and b in index),
        "pairs": pairs,
        "repeats": sum(1 for (a, b), c in met.items() if c > 1 and a in index and b in index),
    }
