"""The edition dashboard's charts: server-side SVG with a title and a description, built from the
same numbers the page lists in words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from app.editions.breakouts.services import publish
from app.editions.charts import bar_chart, homework_timeline
from app.extensions import db
from app.models.coaching import Homework, HomeworkSubmission


def test_bars_scale_to_the_largest_value_or_the_given_maximum():
    chart = bar_chart([("Digital", 4), ("Health", 2)])
    assert chart["bars"][0]["width"] == 2 * chart["bars"][1]["width"]
    assert (
        bar_chart([("Ana", 5)], maximum=10)["bars"][0]["width"]
        == bar_chart([("Ana", 10)])["bars"][0]["width"] / 2
    )


def test_homework_timeline_climbs_as_answers_arrive():
    def submission(day):
        return SimpleNamespace(submitted_at=datetime(2026, 3, day, 12, tzinfo=UTC))

    homework = SimpleNamespace(
        title="Cluster map",
        due_on=date(2026, 3, 10),
        submissions=[submission(2), submission(5), submission(9)],
    )
    chart = homework_timeline([homework], participants=4, today=date(2026, 12, 1))
    points = dict(chart["series"][0]["points"])
    assert (
        points[date(2026, 3, 1)] == 0
        and points[date(2026, 3, 5)] == 50
        and points[date(2026, 3, 10)] == 75
    )
    assert chart["first"] == date(2026, 2, 24) and chart["last"] == date(2026, 3, 10)


def test_the_dashboard_draws_its_charts_with_text_alternatives(
    app, login, coach, edition, generated
):
    with app.test_request_context():
        publish(generated[0].session)
    homework = Homework(edition_id=edition.id, title="Cluster map", due_on=date(2026, 3, 10))
    db.session.add(homework)
    db.session.flush()
    db.session.add(
        HomeworkSubmission(homework_id=homework.id, user_id=edition.members[0].user_id, text="Done")
    )
    db.session.commit()
    page = login(coach).get(f"/editions/{edition.id}/dashboard").get_data(as_text=True)
    for chart in ("coverage-chart", "meetings-chart", "homework-chart"):
        assert f'<svg id="{chart}"' in page
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in page
        assert f'<desc id="{chart}-desc">' in page
