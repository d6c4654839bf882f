"""Meeting figures: one function behind the event report and the edition dashboard."""

from __future__ import annotations

from app.extensions import db
from app.meetings.figures import meeting_figures
from app.models import Meeting, MeetingRating, MeetingWish


def add_meeting(event, a, b, *, slot, kind="request", mode="", held=None, outcome=None):
    meeting = Meeting(
        event_id=event.id,
        slot_id=event.slots[slot].id,
        table=1,
        a_id=min(a.id, b.id),
        b_id=max(a.id, b.id),
        kind=kind,
        mode=mode,
        held=held,
        outcome=outcome,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def test_rows_by_wish_type_and_matcher_mode_with_both_outcomes(make_event, make_user):
    event = make_event()
    ana, bo, cy, di = (make_user(name=n) for n in ("Ana", "Bo", "Cy", "Di"))
    db.session.add_all(
        [
            MeetingWish(event_id=event.id, requester_id=ana.id, target_id=bo.id, choice="want"),
            MeetingWish(event_id=event.id, requester_id=bo.id, target_id=ana.id, choice="must"),
            MeetingWish(event_id=event.id, requester_id=cy.id, target_id=di.id, choice="want"),
        ]
    )
    must = add_meeting(event, ana, bo, slot=0, held=True, outcome="knowledge")
    add_meeting(event, cy, di, slot=0, held=False)
    suggested = add_meeting(event, ana, cy, slot=1, kind="suggestion", mode="similar", held=True)
    cancelled = add_meeting(event, bo, di, slot=2, kind="minimum", mode="mixed")
    cancelled.cancelled = True
    db.session.add_all(
        [
            MeetingRating(meeting_id=must.id, user_id=ana.id, outcome="knowledge"),
            MeetingRating(meeting_id=must.id, user_id=bo.id, outcome="agreement"),
            MeetingRating(meeting_id=suggested.id, user_id=cy.id, outcome="no_contact"),
        ]
    )
    db.session.commit()

    figures = meeting_figures([event.id])

    assert list(figures.rows) == [
        "Wish: Must meet",
        "Wish: Would like to meet",
        "Matcher (similar mode), to fill a free slot",
    ]  # the cancelled meeting counts nowhere
    must_row = figures.rows["Wish: Must meet"]
    assert (must_row["meetings"], must_row["held"], must_row["day:knowledge"]) == (1, 1, 1)
    assert must_row["later:agreement"] == 1 and must_row["later:knowledge"] == 0  # furthest
    assert figures.rows["Wish: Would like to meet"]["no_show"] == 1
    assert figures.rows["Matcher (similar mode), to fill a free slot"]["later:no_contact"] == 1
    assert (figures.total["meetings"], figures.total["held"], figures.total["rated"]) == (3, 2, 2)


def test_no_events_no_figures():
    assert meeting_figures([]).rows == {}


def test_the_edition_dashboard_shows_its_events_figures_and_no_others(
    login, coach, make_edition, make_event, make_user
):
    ana, bo = make_user(name="Ana"), make_user(name="Bo")
    edition = make_edition(members=(ana, bo))
    ours = make_event(name="Sofia meeting day", open_to="edition", edition_id=edition.id)
    elsewhere = make_event(name="Community day")
    add_meeting(ours, ana, bo, slot=0, held=True)
    add_meeting(elsewhere, ana, bo, slot=0, held=False)
    add_meeting(elsewhere, ana, make_user(), slot=1, held=False)
    db.session.commit()
    page = login(coach).get(f"/editions/{edition.id}/dashboard").get_data(as_text=True)
    assert "Meeting days" in page and "Sofia meeting day" in page and "Community day" not in page
    assert "1 one-to-one meeting at" in page and "1 held, 0 no-shows" in page
    assert '<caption id="edition-meetings-caption">' in page  # the same table as the report


def test_the_dashboard_says_when_an_edition_has_no_meeting_days(login, coach, make_edition):
    edition = make_edition()
    page = login(coach).get(f"/editions/{edition.id}/dashboard").data
    assert b"No meeting events for this edition yet." in page
