"""Applying to an edition's call, eligibility, the coach's review, decisions and the suggested edition."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import EditionMember, OutboxMessage
from app.models.coaching import COMMITMENTS, Application
from tests.conftest import HTMX

ALL_COMMITMENTS = {key: "y" for key in COMMITMENTS}
GOOD = {
    "motivation": "We want to grow our cluster's international services.",
    "challenges": "Attracting SME members.",
} | ALL_COMMITMENTS


def _apply(client, edition, **changes):
    return client.post(f"/editions/{edition.id}/apply", data=GOOD | changes)


def test_apply_page_shows_the_call(login, participant, edition):
    response = login(participant).get(f"/editions/{edition.id}/apply")
    assert response.status_code == 200 and b"Send application" in response.data


def test_eligible_manager_applies_and_gets_an_email(login, participant, edition):
    response = _apply(login(participant), edition)
    assert response.status_code == 302
    application = db.session.scalars(db.select(Application)).one()
    assert application.eligible and application.status == "pending"
    assert "Slovenia" in application.eligibility_notes
    assert db.session.scalars(
        db.select(OutboxMessage).filter_by(recipient=participant.email)
    ).first()


def test_missing_commitment_makes_the_application_ineligible_with_the_reason(
    login, participant, edition
):
    data = dict(GOOD)
    data.pop("camera_on")
    login(participant).post(f"/editions/{edition.id}/apply", data=data)
    application = db.session.scalars(db.select(Application)).one()
    assert not application.eligible
    assert "camera" in application.eligibility_notes


def test_application_after_the_deadline_is_refused_with_the_reason(login, participant, edition):
    edition.application_deadline = date.today() - timedelta(days=1)
    response = _apply(login(participant), edition)
    assert response.status_code == 400
    assert b"applications after it are refused" in response.data
    assert db.session.scalars(db.select(Application)).all() == []


def test_application_from_an_ineligible_country_is_refused(app, login, make_user, edition):
    app.config["ELIGIBLE_COUNTRIES"] = ["DE", "FR"]
    outsider = make_user(country="SI")
    response = _apply(login(outsider), edition)
    assert response.status_code == 400 and b"cannot apply to this call" in response.data
    assert db.session.scalars(db.select(Application)).all() == []


def test_closed_call_is_refused(login, participant, edition):
    edition.applications_open = False
    response = _apply(login(participant), edition)
    assert response.status_code == 400 and b"is closed" in response.data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"motivation": ""}, b"Tell us your motivation"),
        ({"motivation": "too short"}, b"Motivation: write 20 to 3000"),
        ({"challenges": ""}, b"Describe at least one challenge"),
        ({"motivation": "x" * 3001}, b"Motivation: write 20 to 3000"),
    ],
)
def test_bad_application_input_is_explained(login, participant, edition, changes, message):
    response = _apply(login(participant), edition, **changes)
    assert response.status_code == 400 and message in response.data


def test_calls_page_lists_open_calls(login, participant, edition):
    response = login(participant).get("/editions/calls")
    assert response.status_code == 200 and b"4th Academy" in response.data


@pytest.fixture
def applicants(login, make_people, edition):
    """Eight eligible applicants."""
    people = make_people(8)
    for person in people:
        _apply(login(person), edition)
    return people


def test_coach_reviews_applications_with_eligibility_and_coverage(
    login, coach, edition, applicants
):
    response = login(coach).get(f"/editions/{edition.id}/applications")
    assert response.status_code == 200
    assert b"Eligible" in response.data and b"Selection coverage" in response.data


def test_applications_list_as_htmx_fragment(login, coach, edition, applicants):
    response = login(coach).get(f"/editions/{edition.id}/applications", headers=HTMX)
    assert b"Selection coverage" in response.data and b"<html" not in response.data


def test_accepting_makes_a_member_and_tells_the_applicant(login, coach, edition, applicants):
    application = db.session.scalars(db.select(Application)).first()
    response = login(coach).post(
        f"/editions/applications/{application.id}/decision",
        data={"score": 8, "decision": "accepted"},
        headers=HTMX,
    )
    assert response.status_code == 200 and b"1 accepted" in response.data
    assert db.session.scalars(
        db.select(EditionMember).filter_by(edition_id=edition.id, user_id=application.user_id)
    ).one()
    assert application.score == 8
    assert db.session.scalars(
        db.select(OutboxMessage).filter(OutboxMessage.subject.contains("your application"))
    ).first()


def test_declining_after_accepting_removes_the_member(login, coach, edition, applicants):
    application = db.session.scalars(db.select(Application)).first()
    client = login(coach)
    client.post(f"/editions/applications/{application.id}/decision", data={"decision": "accepted"})
    response = client.post(
        f"/editions/applications/{application.id}/decision", data={"decision": "declined"}
    )
    assert response.status_code == 302
    assert (
        db.session.scalars(
            db.select(EditionMember).filter_by(edition_id=edition.id, user_id=application.user_id)
        ).first()
        is None
    )


def test_score_outside_zero_to_ten_is_refused(login, coach, edition, applicants):
    application = db.session.scalars(db.select(Application)).first()
    response = login(coach).post(
        f"/editions/applications/{application.id}/decision",
        data={"score": 11, "decision": "accepted"},
        headers=HTMX,
    )
    assert response.status_code == 400 and b"Score must be 0 to 10" in response.data
    assert application.status == "pending"


def test_suggest_a_diverse_cohort_shortlists_and_accepting_it_adds_members(
    login, coach, edition, applicants
):
    edition.max_size = 5
    client = login(coach)
    response = client.post(f"/editions/{edition.id}/applications/suggest", headers=HTMX)
    assert response.status_code == 200 and b"shortlisted" in response.data
    assert (
        len(db.session.scalars(db.select(Application).filter_by(status="shortlisted")).all()) == 5
    )
    assert client.post(f"/editions/{edition.id}/applications/accept-shortlist").status_code == 302
    assert len(db.session.scalars(db.select(Application).filter_by(status="accepted")).all()) == 5


def test_suggest_without_applicants_explains_why(login, coach, edition):
    response = login(coach).post(f"/editions/{edition.id}/applications/suggest", headers=HTMX)
    assert response.status_code == 400 and b"nobody to suggest" in response.data


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx fragment", "plain form redirect"])
@pytest.mark.parametrize("action", ["suggest", "accept-shortlist"])
def test_edition_actions_answer_htmx_with_the_list_and_forms_with_a_redirect(
    login, coach, edition, applicants, action, htmx
):
    response = login(coach).post(
        f"/editions/{edition.id}/applications/{action}", headers=HTMX if htmx else {}
    )
    if htmx:
        assert (
            response.status_code == 200
            and b"Selection coverage" in response.data
            and b"<html" not in response.data
        )
    else:
        assert response.status_code == 302 and response.location.endswith(
            f"/editions/{edition.id}/applications"
        )


def test_applicant_gets_one_email_per_news_even_with_email_notifications_on(
    login, participant, edition
):
    """The formal letter is the email; the on-site notification must not send the same news again."""
    assert _apply(login(participant), edition).status_code == 302
    emails = db.session.scalars(
        db.select(OutboxMessage).filter_by(recipient=participant.email)
    ).all()
    assert len(emails) == 1
