"""Who may reach the coaching pages: coaches and admins only; every POST needs a CSRF token."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.models.coaching import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    Homework,
    HomeworkSubmission,
)

COACH_URLS = [
    ("get", "/editions/"),
    ("get", "/editions/new"),
    ("post", "/editions/new"),
    ("get", "/editions/{edition}"),
    ("get", "/editions/{edition}/edit"),
    ("post", "/editions/{edition}/edit"),
    ("post", "/editions/{edition}/call"),
    ("get", "/editions/{edition}/applications"),
    ("post", "/editions/applications/{application}/decision"),
    ("post", "/editions/{edition}/applications/suggest"),
    ("post", "/editions/{edition}/applications/accept-shortlist"),
    ("get", "/editions/{edition}/sessions"),
    ("get", "/editions/{edition}/sessions/new"),
    ("post", "/editions/{edition}/sessions/new"),
    ("get", "/editions/sessions/{session}/edit"),
    ("post", "/editions/sessions/{session}/edit"),
    ("get", "/editions/sessions/{session}/breakouts"),
    ("post", "/editions/sessions/{session}/breakouts"),
    ("post", "/editions/sessions/{session}/regenerate"),
    ("post", "/editions/sessions/{session}/publish"),
    ("post", "/editions/sessions/{session}/rules"),
    ("post", "/editions/rules/{rule}/delete"),
    ("post", "/editions/rounds/{round}/move"),
    ("post", "/editions/rounds/{round}/suggest-coaches"),
    ("get", "/editions/rounds/{round}/export.csv"),
    ("get", "/editions/rounds/{round}/print"),
    ("post", "/editions/groups/{group}/lock"),
    ("post", "/editions/groups/{group}/coach"),
    ("get", "/editions/{edition}/rounds"),
    ("get", "/editions/{edition}/homework"),
    ("get", "/editions/{edition}/homework/new"),
    ("post", "/editions/{edition}/homework/new"),
    ("post", "/editions/submissions/{submission}/feedback"),
    ("get", "/editions/{edition}/dashboard"),
]


@pytest.fixture
def ids(edition, session, participant):
    """Ids to fill the coach URLs with (a hand-made round: access checks need no matcher)."""
    user_ids = [m.user_id for m in edition.members]
    group = BreakoutGroup(position=0, members=[BreakoutMember(user_id=uid) for uid in user_ids[:3]])
    breakout_round = BreakoutRound(session=session, number=1, groups=[group])
    db.session.add(breakout_round)
    application = Application(
        edition_id=edition.id, user_id=participant.id, motivation="m", challenges="c"
    )
    rule = BreakoutRule(
        edition_id=edition.id, first_user_id=user_ids[0], second_user_id=user_ids[1]
    )
    homework = Homework(
        edition_id=edition.id, title="Plan", instructions="Do", due_on=date(2027, 1, 1)
    )
    db.session.add_all([application, rule, homework])
    db.session.flush()
    submission = HomeworkSubmission(homework_id=homework.id, user_id=user_ids[0], text="x")
    db.session.add(submission)
    db.session.commit()
    return {
        "edition": edition.id,
        "session": session.id,
        "round": breakout_round.id,
        "group": group.id,
        "application": application.id,
        "rule": rule.id,
        "submission": submission.id,
    }


@pytest.mark.parametrize(("method", "url"), COACH_URLS)
def test_participant_cannot_reach_coach_pages(login, participant, ids, method, url):
    response = getattr(login(participant), method)(url.format(**ids))
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "url"), COACH_URLS[:4])
def test_visitors_are_sent_to_log_in(client, ids, method, url):
    response = getattr(client, method)(url.format(**ids))
    assert response.status_code in (302, 401)


@pytest.mark.parametrize("url", ["/editions/my-groups", "/editions/calls"])
def test_participant_pages_need_a_login(client, url):
    assert client.get(url).status_code in (302, 401)


def test_admin_counts_as_a_coach(login, make_user):
    assert login(make_user(role="admin")).get("/editions/").status_code == 200


def test_post_without_csrf_token_is_refused(app, login, coach, session, participant_ids):
    app.config["WTF_CSRF_ENABLED"] = True
    client = login(coach)
    response = client.post(
        f"/editions/sessions/{session.id}/breakouts",
        data={"participants": participant_ids, "group_size": 4},
    )
    assert response.status_code == 400
    assert session.rounds == []
