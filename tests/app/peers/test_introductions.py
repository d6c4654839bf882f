"""Introductions: requesting, answering, withdrawing, outcomes, the daily cap, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Introduction, Notification, utcnow
from app.peers.queries import introduction_stats
from tests.conftest import HTMX


@pytest.fixture
def pair(make_user):
    """Ana asks, Bo is asked; Bo has a website."""
    ana = make_user(name="Ana Novak", email="ana@example.eu")
    bo = make_user(name="Bo Berg", email="bo@example.eu", website="https://bo-cluster.example")
    db.session.commit()
    return ana, bo


def introduce(ana, bo, status="pending"):
    """An introduction row straight in the database."""
    introduction = Introduction(
        sender_id=ana.id, recipient_id=bo.id, message="Let us talk", status=status
    )
    db.session.add(introduction)
    db.session.commit()
    return introduction


def notifications_of(user) -> list[str]:
    return [
        n.message for n in db.session.scalars(db.select(Notification).filter_by(user_id=user.id))
    ]


def test_request_with_htmx_returns_the_status_and_notifies_the_recipient(pair, login):
    ana, bo = pair
    response = login(ana).post(
        f"/peers/introduce/{bo.id}", data={"message": "We both run digital clusters."}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Introduction requested" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Introduction)).status == "pending"
    assert notifications_of(bo) == ["Ana Novak would like an introduction"]


def test_request_without_javascript_redirects_to_my_introductions(pair, login):
    ana, bo = pair
    response = login(ana).post(f"/peers/introduce/{bo.id}", data={"message": "Hello"})
    assert response.status_code == 302 and response.location.endswith("/peers/introductions")


def test_request_form_is_a_fragment_for_htmx_and_a_page_otherwise(pair, login):
    ana, bo = pair
    client = login(ana)
    fragment = client.get(f"/peers/introduce/{bo.id}", headers=HTMX).get_data(as_text=True)
    page = client.get(f"/peers/introduce/{bo.id}").get_data(as_text=True)
    assert "<html" not in fragment and 'class="intro-form"' in fragment
    assert "<html" in page and 'class="intro-form"' in page


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", "Write a short message"),
        ("   ", "Write a short message"),
        ("x" * 501, "under 500 characters"),
    ],
)
def test_bad_messages_are_refused_with_a_message_next_to_the_field(pair, login, message, error):
    ana, bo = pair
    response = login(ana).post(f"/peers/introduce/{bo.id}", data={"message": message}, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error in html and 'aria-invalid="true"' in html
    assert db.session.scalar(db.select(Introduction)) is None


def test_introduction_to_oneself_is_refused(pair, login):
    ana, _ = pair
    response = login(ana).post(f"/peers/introduce/{ana.id}", data={"message": "Me"}, headers=HTMX)
    assert response.status_code == 422 and "to yourself" in response.get_data(as_text=True)


@pytest.mark.parametrize("status", ["pending", "accepted"])
def test_duplicate_introductions_are_refused_in_either_direction(pair, login, status):
    ana, bo = pair
    introduce(bo, ana, status=status)
    response = login(ana).post(f"/peers/introduce/{bo.id}", data={"message": "Again"}, headers=HTMX)
    assert (
        response.status_code == 422
        and "already have a pending or accepted" in response.get_data(as_text=True)
    )


def test_a_declined_introduction_can_be_asked_again(pair, login):
    ana, bo = pair
    introduce(ana, bo, status="declined")
    assert (
        login(ana)
        .post(f"/peers/introduce/{bo.id}", data={"message": "Again"}, headers=HTMX)
        .status_code
        == 200
    )


@pytest.mark.parametrize(
    "make_unavailable",
    [
        lambda user: setattr(user, "is_active_account", False),
        lambda user: setattr(user.profile, "visibility", "hidden"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [True, False])
def test_deactivated_or_hidden_members_cannot_be_asked_nor_named(
    pair, login, make_unavailable, method, htmx
):
    ana, bo = pair
    make_unavailable(bo)
    db.session.commit()
    client = login(ana)
    response = getattr(client, method)(
        f"/peers/introduce/{bo.id}", data={"message": "Hi"}, headers=HTMX if htmx else {}
    )
    assert response.status_code == 404
    assert bo.name not in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Introduction)) is None


@pytest.mark.parametrize("viewer_role", ["participant", "alumni", "coach"])
def test_admin_accounts_cannot_be_asked_nor_named(make_user, login, viewer_role):
    admin = make_user(name="Adele Admin", role="admin")
    viewer = make_user(role=viewer_role)
    db.session.commit()
    response = login(viewer).get(f"/peers/introduce/{admin.id}")
    assert response.status_code == 404 and "Adele Admin" not in response.get_data(as_text=True)


def test_edition_only_profiles_are_not_named_to_outsiders(pair, login):
    ana, bo = pair
    bo.profile.visibility = "cohorts"
    db.session.commit()
    response = login(ana).get(f"/peers/introduce/{bo.id}")
    assert response.status_code == 404 and bo.name not in response.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_log_in(pair, client):
    response = client.get(f"/peers/introduce/{pair[1].id}")
    assert response.status_code == 302 and "/login" in response.location


def test_daily_cap_stops_spam(app, pair, login, make_user):
    ana, _ = pair
    app.config["INTRODUCTIONS_PER_DAY"] = 2
    others = [make_user() for _ in range(3)]
    db.session.commit()
    client = login(ana)
    codes = [
        client.post(f"/peers/introduce/{o.id}", data={"message": "Hi"}, headers=HTMX).status_code
        for o in others
    ]
    assert codes == [200, 200, 422]


def test_requests_older_than_a_day_do_not_count_towards_the_cap(app, pair, login, make_user):
    ana, bo = pair
    app.config["INTRODUCTIONS_PER_DAY"] = 1
    old = introduce(ana, bo, status="declined")
    old.created_at = utcnow() - timedelta(days=2)
    other = make_user()
    db.session.commit()
    assert (
        login(ana)
        .post(f"/peers/introduce/{other.id}", data={"message": "Hi"}, headers=HTMX)
        .status_code
        == 200
    )


def test_recipient_accepts_and_both_see_contact_details(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo)
    assert "bo@example.eu" not in login(ana).get("/peers/introductions").get_data(as_text=True)
    response = login(bo).post(f"/peers/introductions/{introduction.id}/accept", headers=HTMX)
    assert response.status_code == 200 and "ana@example.eu" in response.get_data(as_text=True)
    ana_page = login(ana).get("/peers/introductions").get_data(as_text=True)
    assert "bo@example.eu" in ana_page and "https://bo-cluster.example" in ana_page
    assert notifications_of(ana) == ["Bo Berg accepted your introduction request"]
    assert any("connected with Ana Novak" in m for m in notifications_of(bo))


def test_recipient_declines_without_javascript(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo)
    response = login(bo).post(f"/peers/introductions/{introduction.id}/decline")
    assert response.status_code == 302
    assert db.session.get(Introduction, introduction.id).status == "declined"
    assert notifications_of(ana) == ["Bo Berg declined your introduction request"]


def test_sender_cannot_accept_their_own_request(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo)
    response = login(ana).post(f"/peers/introductions/{introduction.id}/accept", headers=HTMX)
    assert response.status_code == 422 and "Only the person asked" in response.get_data(
        as_text=True
    )
    assert db.session.get(Introduction, introduction.id).status == "pending"


def test_nobody_else_can_accept_someone_elses_introduction(pair, login, make_user):
    ana, bo = pair
    introduction = introduce(ana, bo)
    stranger = make_user()
    assert login(stranger).post(f"/peers/introductions/{introduction.id}/accept").status_code == 404
    assert db.session.get(Introduction, introduction.id).status == "pending"


def test_sender_withdraws_a_pending_request(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo)
    response = login(ana).post(f"/peers/introductions/{introduction.id}/withdraw", headers=HTMX)
    assert response.status_code == 200
    assert db.session.get(Introduction, introduction.id).status == "withdrawn"


def test_recipient_cannot_withdraw_and_accepted_requests_cannot_be_withdrawn(pair, login):
    ana, bo = pair
    pending = introduce(ana, bo)
    assert (
        login(bo).post(f"/peers/introductions/{pending.id}/withdraw", headers=HTMX).status_code
        == 422
    )
    pending.status = "accepted"
    db.session.commit()
    assert (
        login(ana).post(f"/peers/introductions/{pending.id}/withdraw", headers=HTMX).status_code
        == 422
    )


def test_both_sides_record_outcomes_and_coaches_can_count_them(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo, status="accepted")
    response = login(ana).post(
        f"/peers/introductions/{introduction.id}/outcome",
        data={"kind": "collaborating", "note": "a joint Interreg bid"},
        headers=HTMX,
    )
    assert response.status_code == 200 and "a joint Interreg bid" in response.get_data(as_text=True)
    login(bo).post(f"/peers/introductions/{introduction.id}/outcome", data={"kind": "met"})
    stats = introduction_stats([ana.id, bo.id])
    assert stats[ana.id] == {
        "requested": 1,
        "received": 0,
        "accepted": 1,
        "met": 0,
        "collaborating": 1,
        "no_follow_up": 0,
    }
    assert stats[bo.id]["received"] == 1 and stats[bo.id]["met"] == 1


@pytest.mark.parametrize(
    ("status", "data"),
    [("pending", {"kind": "met"}), ("accepted", {"kind": "married"}), ("accepted", {})],
)
def test_outcomes_need_an_accepted_introduction_and_a_known_kind(pair, login, status, data):
    ana, bo = pair
    introduction = introduce(ana, bo, status=status)
    response = login(ana).post(
        f"/peers/introductions/{introduction.id}/outcome", data=data, headers=HTMX
    )
    assert response.status_code == 422


def test_outcome_without_javascript_redirects(pair, login):
    ana, bo = pair
    introduction = introduce(ana, bo, status="accepted")
    assert (
        login(ana)
        .post(f"/peers/introductions/{introduction.id}/outcome", data={"kind": "met"})
        .status_code
        == 302
    )


def test_introductions_page_lists_both_directions(pair, login):
    ana, bo = pair
    introduce(ana, bo)
    page = login(bo).get("/peers/introductions").get_data(as_text=True)
    assert (
        "Requests to me" in page
        and "Ana Novak" in page
        and "Accept and share contact details" in page
    )


def test_card_shows_pending_request_instead_of_the_button(pair, login, give_vectors):
    ana, bo = pair
    give_vectors(ana)
    give_vectors(bo)
    introduce(ana, bo)
    html = login(ana).get("/peers/").get_data(as_text=True)
    assert "Introduction requested" in html


def test_htmx_posts_without_csrf_token_are_refused(app, pair, login):
    ana, bo = pair
    app.config["WTF_CSRF_ENABLED"] = True
    client = login(ana)
    assert (
        client.post(f"/peers/introduce/{bo.id}", data={"message": "Hi"}, headers=HTMX).status_code
        == 400
    )
    assert client.post(f"/peers/hide/{bo.id}", headers=HTMX).status_code == 400
    assert db.session.scalar(db.select(Introduction)) is None
