"""Accepting the shortlist runs as a background job: the click returns at once, the applications
page shows progress while it runs, and a job that stops leaves the rest shortlisted to continue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.editions.applications import shortlist_job
from app.extensions import db
from app.models import EditionMember, utcnow
from app.models.coaching import Application

HTMX = {"HX-Request": "true"}


@pytest.fixture
def shortlisted(make_people, edition):
    """Five shortlisted applications to the edition."""
    people = make_people(5)
    for person in people:
        db.session.add(
            Application(
                edition_id=edition.id,
                user_id=person.id,
                motivation="m" * 30,
                challenges="c",
                eligible=True,
                status="shortlisted",
            )
        )
    db.session.commit()
    return people


def _statuses(edition) -> list[str]:
    return db.session.scalars(db.select(Application.status).filter_by(edition_id=edition.id)).all()


def _url(edition, action="accept-shortlist") -> str:
    return f"/editions/{edition.id}/applications/{action}"


@pytest.mark.parametrize("role", ["participant", "alumni"])
def test_only_coaches_accept_the_shortlist(login, make_user, edition, shortlisted, role):
    assert login(make_user(role=role)).post(_url(edition)).status_code == 403
    assert set(_statuses(edition)) == {"shortlisted"}


def test_visitors_are_sent_to_log_in(client, edition, shortlisted):
    assert client.post(_url(edition)).status_code in (302, 401)
    assert set(_statuses(edition)) == {"shortlisted"}


@pytest.mark.parametrize("role", ["coach", "admin"])
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx fragment", "plain form redirect"])
def test_accepting_the_shortlist_makes_everyone_a_participant(
    login, make_user, edition, shortlisted, role, htmx
):
    response = login(make_user(role=role)).post(_url(edition), headers=HTMX if htmx else {})
    assert response.status_code == (200 if htmx else 302)
    assert set(_statuses(edition)) == {"accepted"}
    ids = {
        m.user_id
        for m in db.session.scalars(db.select(EditionMember).filter_by(edition_id=edition.id))
    }
    assert {p.id for p in shortlisted} <= ids
    db.session.refresh(edition)
    assert edition.accepting_since is None


def test_while_the_job_runs_the_page_shows_progress_and_polls(login, coach, edition, shortlisted):
    edition.accepting_since = utcnow() - timedelta(seconds=5)
    first = db.session.scalars(db.select(Application).filter_by(edition_id=edition.id)).first()
    first.status, first.decided_at = "accepted", utcnow()
    db.session.commit()
    fragment = (
        login(coach)
        .get(f"/editions/{edition.id}/applications", headers=HTMX)
        .get_data(as_text=True)
    )
    assert "Accepting the shortlist:</strong> 1 of 5 applicants so far" in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert 'id="accept-shortlist" disabled' in fragment
    page = login(coach).get(f"/editions/{edition.id}/applications").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page  # without JavaScript the page reloads itself


def test_when_the_job_is_done_the_poll_says_so_and_stops(login, coach, edition, shortlisted):
    fragment = (
        login(coach)
        .get(f"/editions/{edition.id}/applications?after=accepting", headers=HTMX)
        .get_data(as_text=True)
    )
    assert "The shortlist is accepted" in fragment and "every 1s" not in fragment


def test_a_stamp_from_a_job_that_died_long_ago_stops_the_polling(edition, shortlisted):
    edition.accepting_since = utcnow() - timedelta(hours=1)
    assert not shortlist_job.is_accepting(edition)


def test_a_job_that_stops_halfway_leaves_the_rest_shortlisted_to_continue(
    app, edition, shortlisted, monkeypatch
):
    from app.editions.applications import services

    real = services.decide_application
    calls = []

    def flaky(application, **kwargs):
        calls.append(application.id)
        if len(calls) == 3:
            raise RuntimeError("mail server down")
        return real(application, **kwargs)

    monkeypatch.setattr(services, "decide_application", flaky)
    edition.accepting_since = utcnow()
    db.session.commit()
    with app.test_request_context():
        assert shortlist_job.accept_shortlist_job(edition.id, "http://localhost/") == 0
    assert sorted(_statuses(edition)) == [
        "accepted",
        "accepted",
        "shortlisted",
        "shortlisted",
        "shortlisted",
    ]
    db.session.refresh(edition)
    assert edition.accepting_since is None


def test_pressing_accept_with_nobody_shortlisted_says_what_to_do(login, coach, edition):
    response = login(coach).post(_url(edition), headers=HTMX)
    assert b"Nobody is shortlisted" in response.data
