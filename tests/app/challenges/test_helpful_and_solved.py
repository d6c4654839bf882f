"""The challenge's author marks the reply that helped and marks the challenge solved (or reopens it)."""

from __future__ import annotations

import pytest

from app.challenges import services
from app.extensions import db
from app.signals import challenge_solved, reply_marked_helpful
from tests.conftest import HTMX


@pytest.fixture
def replies(challenge, other, make_user, make_reply):
    """Two replies on the author's challenge, by two other people."""
    third = make_user(name="Teresa Third", country="IT")
    return make_reply(challenge, other, body="First idea."), make_reply(
        challenge, third, body="Second idea."
    )


def test_author_sees_helpful_and_solved_buttons_that_work_with_and_without_htmx(
    author_client, challenge, replies
):
    first, _ = replies
    html = author_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    helpful = f"/challenges/{challenge.id}/replies/{first.id}/helpful"
    assert f'action="{helpful}"' in html and f'hx-post="{helpful}" hx-target="#replies"' in html
    solved = f"/challenges/{challenge.id}/solved"
    assert (
        f'action="{solved}"' in html and f'hx-post="{solved}" hx-target="#challenge-status"' in html
    )


def test_others_do_not_see_the_authors_buttons(other_client, challenge, replies):
    html = other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Mark as helpful" not in html and "Mark as solved" not in html


def test_htmx_helpful_rerenders_the_reply_list_with_the_reply_marked(
    author_client, challenge, replies
):
    first, second = replies
    received = []
    with reply_marked_helpful.connected_to(lambda sender, **kw: received.append(sender)):
        response = author_client.post(
            f"/challenges/{challenge.id}/replies/{first.id}/helpful", headers=HTMX
        )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<ol id="replies"')
    assert f'<li id="reply-{first.id}" class="reply reply-helpful">' in html
    assert f'<li id="reply-{second.id}" class="reply">' in html
    assert html.count(">Helpful</span>") == 1
    db.session.expire_all()
    assert challenge.accepted_reply_id == first.id and first.helpful
    assert received == [first]


def test_plain_helpful_redirects_to_the_reply(author_client, challenge, replies):
    first, _ = replies
    response = author_client.post(f"/challenges/{challenge.id}/replies/{first.id}/helpful")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#reply-{first.id}")
    page = author_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Marked as helpful." in page and ">Helpful</span>" in page


def test_marking_another_reply_helpful_moves_the_mark(author_client, challenge, replies):
    first, second = replies
    author_client.post(f"/challenges/{challenge.id}/replies/{first.id}/helpful")
    html = author_client.post(
        f"/challenges/{challenge.id}/replies/{second.id}/helpful", headers=HTMX
    ).get_data(as_text=True)
    db.session.expire_all()
    assert challenge.accepted_reply_id == second.id
    assert (first.helpful, second.helpful) == (False, True)
    assert f'<li id="reply-{first.id}" class="reply">' in html
    assert html.count(">Helpful</span>") == 1


def test_participant_cannot_mark_helpful_on_someone_elses_challenge(
    other_client, challenge, replies
):
    first, _ = replies
    response = other_client.post(
        f"/challenges/{challenge.id}/replies/{first.id}/helpful", headers=HTMX
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert challenge.accepted_reply_id is None and not first.helpful


def test_htmx_solved_rerenders_the_status_block(author_client, challenge):
    received = []
    with challenge_solved.connected_to(lambda sender, **kw: received.append(sender)):
        response = author_client.post(f"/challenges/{challenge.id}/solved", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="challenge-status"')
    assert "badge-solved" in html and ">Reopen</button>" in html
    db.session.expire_all()
    assert challenge.status == "solved" and challenge.solved_at is not None
    assert received == [challenge]


def test_plain_solved_redirects_to_the_challenge(author_client, challenge):
    response = author_client.post(f"/challenges/{challenge.id}/solved")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}")
    assert "Marked as solved" in author_client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_author_reopens_a_solved_challenge_with_and_without_htmx(author_client, challenge):
    author_client.post(f"/challenges/{challenge.id}/solved")
    html = author_client.post(f"/challenges/{challenge.id}/reopen", headers=HTMX).get_data(
        as_text=True
    )
    assert "badge-open" in html and ">Mark as solved</button>" in html
    db.session.expire_all()
    assert (challenge.status, challenge.solved_at) == ("open", None)

    author_client.post(f"/challenges/{challenge.id}/solved")
    response = author_client.post(f"/challenges/{challenge.id}/reopen")
    assert response.status_code == 302
    db.session.expire_all()
    assert challenge.status == "open"


def test_participant_cannot_mark_someone_elses_challenge_solved(other_client, challenge):
    assert other_client.post(f"/challenges/{challenge.id}/solved", headers=HTMX).status_code == 403
    db.session.expire_all()
    assert challenge.status == "open"


def test_participant_cannot_reopen_someone_elses_challenge(other_client, author, make_challenge):
    solved = make_challenge(author, status="solved")
    assert other_client.post(f"/challenges/{solved.id}/reopen").status_code == 403
    db.session.expire_all()
    assert solved.status == "solved"


def test_marking_solved_twice_sends_the_signal_once(author, challenge):
    received = []
    with challenge_solved.connected_to(lambda sender, **kw: received.append(sender)):
        services.mark_solved(challenge, by=author)
        services.mark_solved(challenge, by=author)
    assert received == [challenge]


def test_services_refuse_anyone_but_the_author(challenge, replies, other):
    with pytest.raises(services.NotTheAuthor):
        services.mark_helpful(challenge, replies[0], by=other)
    with pytest.raises(services.NotTheAuthor):
        services.mark_solved(challenge, by=other)
    with pytest.raises(services.NotTheAuthor):
        services.reopen_challenge(challenge, by=other)


def test_a_reply_from_another_challenge_cannot_be_marked_helpful(
    author, challenge, other, make_challenge, make_reply
):
    elsewhere = make_reply(make_challenge(other, title="Other people's problem"), author)
    with pytest.raises(ValueError):
        services.mark_helpful(challenge, elsewhere, by=author)
