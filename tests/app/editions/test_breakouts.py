"""The breakout builder: generate, show, move, lock, regenerate, coaches, publish, export, history."""

from __future__ import annotations

import pytest

from app.editions.breakouts import builder, queries, services
from app.extensions import db
from app.models.coaching import BreakoutRound, BreakoutRule
from tests.conftest import HTMX


def _builder_form(participant_ids, **changes):
    data = {
        "participants": participant_ids,
        "group_size": 4,
        "rounds": 3,
        "topic": 1,
        "country": 1,
        "ecosystem": 1,
        "maturity": 1,
        "topic_mode": "cluster",
        "country_mode": "diversify",
        "ecosystem_mode": "diversify",
        "maturity_mode": "diversify",
        "seed": 0,
    }
    return data | changes


def test_builder_page_ticks_attending_participants(login, coach, session, participant_ids):
    response = login(coach).get(f"/editions/sessions/{session.id}/breakouts")
    assert response.status_code == 200
    assert b"Generate groups" in response.data
    assert response.data.count(b'type="checkbox" value=') + response.data.count(b"checked") >= len(
        participant_ids
    )


def test_coach_generates_three_rounds_with_metrics_and_reasons(
    login, coach, session, participant_ids
):
    response = login(coach).post(
        f"/editions/sessions/{session.id}/breakouts", data=_builder_form(participant_ids)
    )
    assert response.status_code == 302
    rounds = db.session.scalars(db.select(BreakoutRound).filter_by(session_id=session.id)).all()
    assert [r.number for r in rounds] == [1, 2, 3]
    for breakout_round in rounds:
        assert sorted(m.user_id for g in breakout_round.groups for m in g.members) == sorted(
            participant_ids
        )
        assert all(g.reasons and g.metrics["size"] in (4,) for g in breakout_round.groups)
        assert "repeats" in breakout_round.metrics
    page = login(coach).get(f"/editions/sessions/{session.id}/breakouts")
    assert b"Round 3" in page.data and b"repeated pairs" in page.data and b"TF-IDF" in page.data


def test_generate_with_htmx_returns_the_rounds_fragment(login, coach, session, participant_ids):
    response = login(coach).post(
        f"/editions/sessions/{session.id}/breakouts",
        data=_builder_form(participant_ids),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert b"Round 1" in response.data and b"<html" not in response.data


def test_groups_get_a_suggested_coach_by_expertise(login, coach, session, participant_ids):
    login(coach).post(
        f"/editions/sessions/{session.id}/breakouts", data=_builder_form(participant_ids)
    )
    groups = [g for r in session.rounds for g in r.groups]
    assert groups and all(g.coach_id == coach.id for g in groups)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"group_size": 1}, b"Group size: choose 2 or more"),
        (
            {"group_size": 50},
            b"Group size: group size must be between 2 and the number of people (12); got 50",
        ),
        ({"rounds": 0}, b"Rounds: form 1 to 6"),
        ({"participants": []}, b"tick at least two people"),
    ],
)
def test_bad_builder_input_is_refused_and_previous_groups_stay(
    login, coach, session, participant_ids, generated, changes, message
):
    before = [[sorted(m.user_id for m in g.members) for g in r.groups] for r in generated]
    client = login(coach)
    response = client.post(
        f"/editions/sessions/{session.id}/breakouts",
        data=_builder_form(participant_ids, **changes),
        headers=HTMX,
    )
    assert response.status_code == 400
    assert message in response.data
    db.session.expire_all()
    rounds = db.session.scalars(
        db.select(BreakoutRound).filter_by(session_id=session.id).order_by(BreakoutRound.number)
    ).all()
    assert [[sorted(m.user_id for m in g.members) for g in r.groups] for r in rounds] == before


def test_contradicting_rules_say_which_rule_to_drop(
    login, coach, session, participant_ids, generated
):
    a, b = participant_ids[:2]
    db.session.add_all(
        [
            BreakoutRule(
                edition_id=session.edition_id, kind="apart", first_user_id=a, second_user_id=b
            ),
            BreakoutRule(
                edition_id=session.edition_id, kind="together", first_user_id=a, second_user_id=b
            ),
        ]
    )
    db.session.commit()
    response = login(coach).post(
        f"/editions/sessions/{session.id}/breakouts", data=_builder_form(participant_ids)
    )
    assert response.status_code == 400
    assert b"both together and apart" in response.data and b"Manager 00" in response.data
    assert (
        len(db.session.scalars(db.select(BreakoutRound).filter_by(session_id=session.id)).all())
        == 3
    )


def test_moving_a_member_rescores_the_groups(login, coach, generated):
    first = generated[0]
    source, target = first.groups[0], first.groups[1]
    mover = source.members[0].user_id
    response = login(coach).post(
        f"/editions/rounds/{first.id}/move",
        data={"user_id": mover, "group_id": target.id},
        headers=HTMX,
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert mover in [m.user_id for m in db.session.get(type(target), target.id).members]
    assert db.session.get(type(target), target.id).metrics["size"] == 5
    assert b"group sizes differ by at most one" in response.data


def test_move_without_javascript_redirects_back_to_the_builder(login, coach, generated):
    first = generated[0]
    response = login(coach).post(
        f"/editions/rounds/{first.id}/move",
        data={"user_id": first.groups[0].members[0].user_id, "group_id": first.groups[2].id},
    )
    assert response.status_code == 302 and "#breakout-rounds" in response.location


def test_moving_into_another_rounds_group_is_refused(login, coach, generated):
    response = login(coach).post(
        f"/editions/rounds/{generated[0].id}/move",
        data={
            "user_id": generated[0].groups[0].members[0].user_id,
            "group_id": generated[1].groups[0].id,
        },
    )
    assert response.status_code == 400 and b"another round" in response.data


def test_locked_groups_survive_regeneration(login, coach, session, generated):
    kept = generated[0].groups[1]
    members = sorted(m.user_id for m in kept.members)
    client = login(coach)
    assert client.post(f"/editions/groups/{kept.id}/lock", headers=HTMX).status_code == 200
    assert client.post(f"/editions/sessions/{session.id}/regenerate").status_code == 302
    db.session.expire_all()
    first = db.session.scalars(
        db.select(BreakoutRound).filter_by(session_id=session.id, number=1)
    ).one()
    assert sorted(m.user_id for m in first.groups[1].members) == members
    assert first.groups[1].locked


def test_coach_can_override_the_suggested_coach(login, coach, make_user, generated):
    other = make_user(role="coach", name="Coach Otto")
    group = generated[0].groups[0]
    response = login(coach).post(
        f"/editions/groups/{group.id}/coach", data={"coach_id": other.id}, headers=HTMX
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(type(group), group.id).coach_id == other.id


def test_suggest_coaches_route(login, coach, generated):
    assert (
        login(coach).post(f"/editions/rounds/{generated[0].id}/suggest-coaches").status_code == 302
    )


def test_publishing_shows_groups_to_participants(login, coach, session, generated):
    member = generated[0].groups[0].members[0].user
    client = login(member)
    assert b"No published breakout groups yet" in client.get("/editions/my-groups").data
    assert (
        login(coach).post(f"/editions/sessions/{session.id}/publish", headers=HTMX).status_code
        == 200
    )
    page = client.get("/editions/my-groups")
    fellow = generated[0].groups[0].members[1].user
    assert fellow.name.encode() in page.data and b"Online day 1" in page.data


def test_publish_twice_says_there_is_nothing_left(login, coach, session, generated):
    client = login(coach)
    client.post(f"/editions/sessions/{session.id}/publish")
    response = client.post(f"/editions/sessions/{session.id}/publish", headers=HTMX)
    assert response.status_code == 400 and b"Nothing to publish" in response.data


def test_new_rounds_avoid_pairs_that_already_met(app, coach, session, participant_ids, generated):
    with app.test_request_context():
        services.publish(session)
    later = builder.generate(session, builder.BuilderSettings(participant_ids, 4, 1, {}))
    assert later[0].number == 4
    assert later[0].settings["batch"] == 2  # scored against batch 1 as "already met"
    assert "repeats" in later[0].metrics


def test_csv_export_lists_every_member(login, coach, generated, participant_ids):
    response = login(coach).get(f"/editions/rounds/{generated[0].id}/export.csv")
    assert response.mimetype == "text/csv"
    assert len(response.data.decode().strip().splitlines()) == len(participant_ids) + 1


def test_print_page_and_history(login, coach, generated, session):
    client = login(coach)
    assert b"Group 1" in client.get(f"/editions/rounds/{generated[0].id}/print").data
    history = client.get(f"/editions/{session.edition_id}/rounds")
    assert history.status_code == 200 and b"round 3" in history.data


def test_rules_can_be_added_and_removed(login, coach, session, participant_ids):
    client = login(coach)
    response = client.post(
        f"/editions/sessions/{session.id}/rules",
        data={"kind": "apart", "first": participant_ids[0], "second": participant_ids[1]},
    )
    assert response.status_code == 302
    rule = db.session.scalars(db.select(BreakoutRule)).one()
    assert (
        client.post(
            f"/editions/rules/{rule.id}/delete", data={"session_id": session.id}
        ).status_code
        == 302
    )
    assert db.session.scalars(db.select(BreakoutRule)).all() == []


def test_rule_with_the_same_person_twice_is_refused(login, coach, session, participant_ids):
    client = login(coach)
    client.post(
        f"/editions/sessions/{session.id}/rules",
        data={"kind": "apart", "first": participant_ids[0], "second": participant_ids[0]},
    )
    assert db.session.scalars(db.select(BreakoutRule)).all() == []


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx fragment", "plain form redirect"])
@pytest.mark.parametrize(
    "action",
    ["lock", "coach", "suggest-coaches", "regenerate", "publish", "move"],
)
def test_every_builder_action_answers_htmx_with_the_fragment_and_forms_with_a_redirect(
    login, coach, session, generated, action, htmx
):
    first = generated[0]
    url, data = {
        "lock": (f"/editions/groups/{first.groups[0].id}/lock", {}),
        "coach": (f"/editions/groups/{first.groups[0].id}/coach", {"coach_id": coach.id}),
        "suggest-coaches": (f"/editions/rounds/{first.id}/suggest-coaches", {}),
        "regenerate": (f"/editions/sessions/{session.id}/regenerate", {}),
        "publish": (f"/editions/sessions/{session.id}/publish", {}),
        "move": (
            f"/editions/rounds/{first.id}/move",
            {"user_id": first.groups[0].members[0].user_id, "group_id": first.groups[1].id},
        ),
    }[action]
    response = login(coach).post(url, data=data, headers=HTMX if htmx else {})
    if htmx:
        assert (
            response.status_code == 200
            and b"breakout-round" in response.data
            and b"<html" not in response.data
        )
    else:
        assert response.status_code == 302 and response.location.endswith(
            f"/editions/sessions/{session.id}/breakouts#breakout-rounds"
        )


def test_builder_page_as_htmx_returns_the_rounds_fragment(login, coach, session, generated):
    response = login(coach).get(f"/editions/sessions/{session.id}/breakouts", headers=HTMX)
    assert b"breakout-round" in response.data and b"<html" not in response.data


def test_regenerate_without_drafts_explains_what_to_do(login, coach, session):
    response = login(coach).post(f"/editions/sessions/{session.id}/regenerate")
    assert response.status_code == 400 and b"generate groups first" in response.data


def test_unknown_coach_is_refused(login, coach, participant, generated):
    response = login(coach).post(
        f"/editions/groups/{generated[0].groups[0].id}/coach",
        data={"coach_id": participant.id},
        headers=HTMX,
    )
    assert response.status_code == 400 and b"Pick a coach from the list" in response.data


def test_infeasible_lock_says_what_to_unlock_and_keeps_the_groups(login, coach, session, generated):
    first = generated[0]
    client = login(coach)
    client.post(
        f"/editions/rounds/{first.id}/move",
        data={"user_id": first.groups[0].members[0].user_id, "group_id": first.groups[1].id},
    )
    client.post(f"/editions/groups/{first.groups[1].id}/lock")
    db.session.expire_all()
    before = [
        [sorted(m.user_id for m in g.members) for g in r.groups]
        for r in queries.draft_rounds(session)
    ]
    response = client.post(f"/editions/sessions/{session.id}/regenerate", headers=HTMX)
    assert response.status_code == 400
    assert (
        b"Locked groups: 5 people are locked to group 2 in round 1, which holds 4; unlock some"
        in response.data
    )
    db.session.expire_all()
    assert [
        [sorted(m.user_id for m in g.members) for g in r.groups]
        for r in queries.draft_rounds(session)
    ] == before


def test_csv_export_escapes_cells_a_spreadsheet_would_run_as_formulas(login, coach, generated):
    import csv
    import io

    from app.models import User

    member = db.session.get(User, generated[0].groups[0].members[0].user_id)
    member.name = '=HYPERLINK("https://evil.example","Click")'
    member.profile.organisation = "+SUM(A1:A9)"
    db.session.commit()

    text = login(coach).get(f"/editions/rounds/{generated[0].id}/export.csv").get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

    assert '\'=HYPERLINK("https://evil.example","Click")' in cells and "'+SUM(A1:A9)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t")]
