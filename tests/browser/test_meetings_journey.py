"""A meeting day in a real browser: the organiser sets up an event, two participants mark
availability and wishes, the schedule is built and published, both find the meeting in "My agenda",
and the calendar file keeps its UID when the organiser moves the meeting."""

from __future__ import annotations

import icalendar
from playwright.sync_api import Page, expect


def set_up_event(page: Page) -> str:
    """The organiser fills in the event form; returns the event page's path."""
    page.goto("/meetings/")
    page.get_by_role("button", name="New meeting event").click()
    page.get_by_label("Name", exact=True).fill("Browser matchmaking day")
    page.get_by_label("Place", exact=True).fill("Ljubljana")
    page.get_by_label("Time zone").fill("Europe/Ljubljana")
    page.get_by_label("First day").fill("2027-06-01")
    page.get_by_label("Meetings from").fill("09:00")
    page.get_by_label("Meetings until").fill("10:30")
    page.get_by_label("Slot length (minutes)").fill("30")
    page.get_by_label("Tables (one name per line)").fill("Table North\nTable South")
    page.get_by_label("Minimum meetings per person").fill("1")
    page.get_by_role("button", name="Create event").click()
    expect(page.get_by_role("heading", name="Browser matchmaking day")).to_be_visible()
    return page.url


def register_and_mark_availability(page: Page, event_url: str) -> None:
    """Register and keep only the first two slots free."""
    page.goto(event_url)
    page.get_by_role("button", name="Register for this event").click()
    page.locator("#availability input[name=slots]").nth(2).uncheck()
    page.get_by_role("button", name="Save availability").click()
    expect(page.locator("#availability")).to_contain_text("Availability saved.")


def wish_to_meet(page: Page, event_url: str, other) -> None:
    """Mark the other person "Must meet" (among the suggestions or everyone else taking part)."""
    page.goto(event_url)
    expect(page.get_by_text(other.name).first).to_be_visible()
    buttons = page.locator(f"#wish-{other.id}")
    buttons.get_by_role("button", name="Must meet").click()
    expect(
        page.locator(f"#wish-{other.id}").get_by_role("button", name="Must meet")
    ).to_have_attribute("aria-pressed", "true")


def calendar_entry(page: Page, event_url: str):
    """The one VEVENT of the viewer's .ics, fetched with their session."""
    response = page.request.get(event_url + "/agenda.ics")
    assert response.ok
    (entry,) = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    return entry


def test_a_meeting_day_from_setup_to_agenda_and_calendar(page: Page, new_page, create_user, log_in):
    organiser = create_user(role="coach", name="Organiser Olga")
    ana = create_user(name="Ana Browser", country="SI")
    bo = create_user(name="Bo Browser", country="SE")
    log_in(page, organiser)
    event_url = set_up_event(page)

    ana_page, bo_page = new_page(), new_page()
    log_in(ana_page, ana)
    register_and_mark_availability(ana_page, event_url)
    log_in(bo_page, bo)
    register_and_mark_availability(bo_page, event_url)
    wish_to_meet(ana_page, event_url, bo)
    wish_to_meet(bo_page, event_url, ana)

    page.goto(event_url + "/schedule")
    page.get_by_role("button", name="Build schedule").click()
    expect(page.locator("#schedule-grid .meeting")).to_have_count(1)
    expect(page.locator("#schedule-grid .meeting")).to_contain_text("Ana Browser")
    page.get_by_role("button", name="Publish schedule").click()
    expect(page.get_by_text("Schedule published")).to_be_visible()

    for viewer, other in ((ana_page, "Bo Browser"), (bo_page, "Ana Browser")):
        viewer.goto(event_url)
        viewer.get_by_role("button", name="My agenda").click()
        expect(viewer.locator("#agenda")).to_contain_text(other)
        expect(viewer.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    # The browsers run in another zone than the event's (Ljubljana): the page saves the browser's
    # zone once as Ana's time zone, and the server then prints her own time under each one.
    expect(ana_page.locator("#agenda .viewer-time")).to_contain_text("Your time:")
    expect(ana_page.get_by_role("button", name="Subscribe to my meetings")).to_be_visible()
    before = calendar_entry(ana_page, event_url)

    page.goto(event_url + "/schedule")
    meeting = page.locator("#schedule-grid .meeting").first
    current = meeting.get_by_label("Move to slot").input_value()
    options = meeting.get_by_label("Move to slot").locator("option")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    target = next(v for v in values[:2] if v != current)  # both are free in the first two slots
    meeting.get_by_label("Move to slot").select_option(target)
    with page.expect_response(lambda response: response.url.endswith("/move")):
        meeting.get_by_role("button", name="Move").click()
    expect(page.locator("#schedule-grid [role=alert]")).to_have_count(0)
    expect(page.locator("#schedule-grid .meeting select[name=slot]").first).to_have_value(target)

    after = calendar_entry(ana_page, event_url)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") != before.decoded("DTSTART")
