"""The home page: what the community is and live counts for visitors; a member's own activity."""

from datetime import timedelta

from app.extensions import db
from app.models import utcnow


def stats(page):
    return page.split('aria-label="The community in numbers"')[1].split("</section>")[0]


def test_visitor_sees_what_the_community_is_and_how_to_join(client):
    page = client.get("/").get_data(as_text=True)

    assert "Cluster Booster Academy" in page
    assert "different countries, industrial" in page
    assert 'href="/register"' in page
    assert 'href="/login"' in page
    assert "Strasbourg, France" in page
    assert "in person 2 Mar 2023 – 3 Mar 2023" in page


def test_visitor_counts_active_managers_their_countries_ecosystems_and_solved_challenges(
    client, make_user, make_challenge
):
    slovene = make_user(country="SI", ecosystems=["digital", "textile"])
    make_user(country="SI", ecosystems=["digital"])
    make_user(country="PT", ecosystems=["tourism"])
    make_user(country="FR", ecosystems=["aerospace-defence"], active=False)  # not counted
    make_user(with_profile=False)  # no profile: not counted as a manager
    make_challenge(slovene, status="solved")
    make_challenge(slovene, status="solved")
    make_challenge(slovene, status="open")
    db.session.commit()

    counts = stats(client.get("/").get_data(as_text=True))

    assert "<strong>3</strong> cluster managers" in counts
    assert "<strong>2</strong> countries" in counts
    assert "<strong>3</strong> industrial ecosystems" in counts
    assert "<strong>2</strong> challenges solved" in counts


def test_empty_community_shows_zeros(client):
    counts = stats(client.get("/").get_data(as_text=True))
    assert "<strong>0</strong> cluster managers" in counts
    assert "<strong>0</strong> challenges solved" in counts


def test_member_sees_their_open_challenges_with_reply_counts(
    login, make_user, make_challenge, make_reply
):
    me, peer = make_user(name="Me"), make_user(name="Peer Person")
    busy = make_challenge(me, title="Growing membership")
    make_challenge(me, title="Quiet question")
    make_challenge(me, title="Already solved", status="solved")
    make_challenge(peer, title="Someone else's question", ecosystem="tourism")
    make_reply(busy, peer)
    make_reply(busy, peer)
    make_reply(busy, me)  # my own reply is counted but never "new"
    client = login(me)

    section = (
        client.get("/").get_data(as_text=True).split('id="my-challenges"')[1].split("</section>")[0]
    )

    assert "Growing membership" in section and "Quiet question" in section
    assert "Already solved" not in section and "Someone else" not in section
    row = section.split("Growing membership")[1].split("</tr>")[0]
    assert "<td>3</td>" in row
    assert "2 new" in row
    assert "first visit we know of" in section


def test_new_replies_are_those_since_the_previous_login(
    login, make_user, make_challenge, make_reply
):
    me, peer = make_user(), make_user()
    challenge = make_challenge(me, title="Growing membership")
    old = make_reply(challenge, peer)
    old.created_at = utcnow() - timedelta(days=3)
    make_reply(challenge, peer)
    me.last_login_at = utcnow() - timedelta(days=1)
    client = login(me)

    page = client.get("/").get_data(as_text=True)

    row = page.split("Growing membership")[1].split("</tr>")[0]
    assert "<td>2</td>" in row and "1 new" in row
    assert "since your previous visit on" in page


def test_previous_visit_survives_the_login_that_overwrites_last_login(
    client, make_user, make_challenge, make_reply
):
    from tests.factories import PASSWORD

    me, peer = make_user(email="me@x.eu"), make_user()
    challenge = make_challenge(me, title="Growing membership")
    make_reply(challenge, peer)  # written after the previous visit below
    me.last_login_at = utcnow() - timedelta(days=1)
    db.session.commit()

    client.post("/login", data={"email": "me@x.eu", "password": PASSWORD})
    page = client.get("/").get_data(as_text=True)

    assert "1 new" in page.split("Growing membership")[1].split("</tr>")[0]


def test_member_sees_the_latest_replies_from_others(login, make_user, make_challenge, make_reply):
    me, peer = make_user(), make_user(name="Helpful Peer")
    challenge = make_challenge(me, title="Growing membership", status="solved")
    make_reply(challenge, peer)
    make_reply(challenge, me)
    client = login(me)

    page = client.get("/").get_data(as_text=True)

    assert "Latest replies to my challenges" in page
    assert "Helpful Peer on" in page
    assert "The 1 newest replies" in page


def test_member_sees_recent_open_challenges_in_their_ecosystems_but_not_their_own(
    login, make_user, make_challenge
):
    me = make_user(ecosystems=["digital", "tourism"])
    peer = make_user()
    make_challenge(peer, title="Digital skills for SMEs", ecosystem="digital")
    make_challenge(peer, title="Off-season visitors", ecosystem="tourism")
    make_challenge(peer, title="Battery recycling", ecosystem="energy-intensive-industries")
    make_challenge(peer, title="Closed digital one", ecosystem="digital", status="solved")
    make_challenge(me, title="My digital one", ecosystem="digital")
    client = login(me)

    section = client.get("/").get_data(as_text=True).split('id="ecosystem-challenges"')[1]
    section = section.split("</section>")[0]

    assert "Digital skills for SMEs" in section and "Off-season visitors" in section
    assert "Battery recycling" not in section
    assert "Closed digital one" not in section
    assert "My digital one" not in section


def test_member_without_ecosystems_is_told_how_to_get_suggestions(login, make_user):
    me = make_user(with_profile=False)

    page = login(me).get("/").get_data(as_text=True)

    assert "Add your ecosystems to your profile" in page


def test_member_sees_their_editions_with_dates_and_links(app, login, make_user, make_edition):
    me, other = make_user(), make_user()
    sofia = make_edition(name="3rd Cluster Booster Academy", members=(me,))
    make_edition(name="Someone else's Academy", members=(other,))
    client = login(me)

    section = (
        client.get("/").get_data(as_text=True).split('id="my-editions"')[1].split("</section>")[0]
    )

    assert "3rd Cluster Booster Academy" in section
    assert "Someone else" not in section
    assert "Online 23 Jan 2024 – 25 Jan 2024" in section
    assert "In person 11 Mar 2024 – 12 Mar 2024, Sofia, Bulgaria" in section
    if "editions.members" in app.view_functions:
        assert f'href="/editions/{sofia.id}/members"' in section


def test_member_without_edition_is_told(login, make_user):
    assert "You are not in an edition yet." in login(make_user()).get("/").get_data(as_text=True)


def test_member_home_still_shows_community_counts(login, make_user):
    page = login(make_user()).get("/").get_data(as_text=True)
    assert "<strong>1</strong> cluster manager" in stats(page)
