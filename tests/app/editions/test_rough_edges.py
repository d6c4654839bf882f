"""Edition pages say things right: singular rounds, plain rule wording, overdue homework, ineligible
applications set apart, names that link to profiles, and a dashboard built from published rounds."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from app.editions.breakouts.services import publish
from app.editions.people_view import fewest_met, people_meetings
from app.extensions import db
from app.models import Introduction
from app.models.coaching import Application, BreakoutRule, Homework

HTMX = {"HX-Request": "true"}


def test_one_breakout_round_is_singular_on_the_edition_page(
    login, coach, edition, session, participant_ids
):
    from app.editions.breakouts import builder

    builder.generate(session, builder.BuilderSettings(participant_ids, 4, 1, {}))
    db.session.commit()
    page = login(coach).get(f"/editions/{edition.id}").get_data(as_text=True)
    assert "1 breakout round<" in page or "1 breakout round\n" in page
    assert "1 breakout rounds" not in page


def test_a_keep_apart_rule_reads_as_a_sentence(login, coach, session, participant_ids):
    first, second = participant_ids[:2]
    db.session.add(
        BreakoutRule(
            edition_id=session.edition_id, kind="apart", first_user_id=first, second_user_id=second
        )
    )
    db.session.commit()
    page = login(coach).get(f"/editions/sessions/{session.id}/breakouts").get_data(as_text=True)
    assert "Keep Manager 00 apart from Manager 01" in page
    assert "↔" not in page


def test_overdue_homework_is_flagged_for_the_participant(login, edition):
    participant = edition.members[0].user
    db.session.add_all(
        [
            Homework(
                edition_id=edition.id, title="Cluster map", due_on=date.today() - timedelta(days=3)
            ),
            Homework(
                edition_id=edition.id,
                title="Member survey",
                due_on=date.today() + timedelta(days=3),
            ),
        ]
    )
    db.session.commit()
    page = login(participant).get("/editions/my-groups").get_data(as_text=True)
    overdue = page[page.index("Cluster map") : page.index("Member survey")]
    assert "overdue" in overdue and "to do" not in overdue
    upcoming = page[page.index("Member survey") :]
    assert "to do" in upcoming[:300] and "overdue" not in upcoming[:300]


def test_ineligible_applications_are_set_apart_with_their_reason(login, coach, edition, make_user):
    outsider = make_user(name="Olga Outside", country="CH")
    db.session.add(
        Application(
            edition_id=edition.id,
            user_id=outsider.id,
            motivation="m",
            challenges="c",
            eligible=False,
            eligibility_notes="Switzerland is not an eligible country.",
        )
    )
    db.session.commit()
    page = login(coach).get(f"/editions/{edition.id}/applications").get_data(as_text=True)
    section = page[page.index('id="ineligible-applications"') :]
    assert "Not eligible" in section and "Olga Outside" in section
    assert "Switzerland is not an eligible country." in section
    assert "leaves them out" in section
    assert "Olga Outside" not in page[: page.index('id="ineligible-applications"')]


def test_suggest_a_diverse_cohort_never_shortlists_an_ineligible_application(
    login, coach, edition, make_user
):
    outsider = make_user(name="Olga Outside", country="CH")
    db.session.add(
        Application(
            edition_id=edition.id,
            user_id=outsider.id,
            motivation="m",
            challenges="c",
            eligible=False,
            eligibility_notes="Not an eligible country.",
        )
    )
    db.session.commit()
    response = login(coach).post(f"/editions/{edition.id}/applications/suggest", headers=HTMX)
    assert response.status_code == 400 and b"No eligible applications" in response.data
    assert (
        db.session.scalar(db.select(Application.status).filter_by(user_id=outsider.id)) == "pending"
    )


def test_applications_page_headings_do_not_skip_a_level(login, coach, edition):
    page = login(coach).get(f"/editions/{edition.id}/applications").get_data(as_text=True)
    assert "<h1" in page and "<h2>Selection coverage</h2>" in page
    assert page.index("<h2") < page.index("<h3")


def test_participant_names_on_the_edition_page_link_to_their_profiles(login, coach, edition):
    member = edition.members[0].user
    page = login(coach).get(f"/editions/{edition.id}").get_data(as_text=True)
    assert f'<a href="/profiles/{member.profile.id}">{member.name}</a>' in page


def test_names_in_breakout_groups_link_to_profiles(login, coach, session, generated):
    member = generated[0].groups[0].members[0].user
    page = login(coach).get(f"/editions/sessions/{session.id}/breakouts").get_data(as_text=True)
    assert f'<a href="/profiles/{member.profile.id}">{member.name}</a>' in page


def test_dashboard_counts_published_rounds_only(app, login, coach, edition, generated):
    client = login(coach)
    drafts_only = client.get(f"/editions/{edition.id}/dashboard").get_data(as_text=True)
    assert "0 of 66 possible pairs met" in drafts_only
    assert "No published breakout rounds yet" in drafts_only
    with app.test_request_context():
        publish(generated[0].session)
    db.session.commit()
    published = client.get(f"/editions/{edition.id}/dashboard").get_data(as_text=True)
    assert "0 of 66 possible pairs met" not in published
    assert "Fewest others met:" in published


def test_dashboard_counts_an_accepted_introduction_between_participants_once(login, coach, edition):
    first, second = edition.members[0].user, edition.members[1].user
    db.session.add(
        Introduction(sender_id=first.id, recipient_id=second.id, message="Hi", status="accepted")
    )
    db.session.commit()
    page = login(coach).get(f"/editions/{edition.id}/dashboard").get_data(as_text=True)
    assert '<strong id="accepted-count">1</strong> introductions accepted' in page
    assert "per person" not in page


def _person(uid, maturity, ecosystems):
    return SimpleNamespace(
        id=uid, name=f"P{uid}", profile=SimpleNamespace(maturity=maturity, ecosystems=ecosystems)
    )


def _round(*groups):
    return SimpleNamespace(
        groups=[SimpleNamespace(members=[SimpleNamespace(user_id=u) for u in g]) for g in groups]
    )


def test_per_person_view_finds_who_met_fewest_and_who_was_left_alone():
    people = [
        _person(1, "emerging", ["digital"]),
        _person(2, "advanced", ["health"]),
        _person(3, "advanced", ["health"]),
        _person(4, "advanced", ["digital"]),
        _person(5, "advanced", ["textile"]),
    ]
    records = people_meetings(people, [_round([1, 2, 3], [4, 5]), _round([1, 4], [2, 3, 5])])
    by_id = {r.user.id: r for r in records}
    assert by_id[1].met_count == 3 and by_id[1].alone_at_maturity == 2
    assert "only one at their maturity level in 2 of 2 groups" in by_id[1].isolated_in
    assert by_id[5].isolated_in == ["no one from their ecosystems in any group"]
    assert by_id[2].isolated_in == []
    assert [r.user.id for r in fewest_met(records)] == [4]


def test_per_person_view_is_empty_before_any_round():
    assert fewest_met(people_meetings([_person(1, "emerging", ["digital"])], [])) == []
