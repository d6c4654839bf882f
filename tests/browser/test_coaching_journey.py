"""The coaching journey in a real browser: a coach picks a diverse cohort, forms three rounds of
breakout groups, moves someone, publishes, and a participant finds their group on their page."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import Edition, User
from app.models.coaching import COMMITMENTS, Application, CoachingSession

COUNTRIES = ("SI", "DE", "FR", "IT", "ES", "PL", "PT", "BE", "NL")
ECOSYSTEMS = ("digital", "health", "energy", "mobility", "agri-food", "textile")


@pytest.fixture
def open_edition(live_server, create_user):
    """An edition with an open call, ten eligible applicants and an online session."""
    applicants = [
        create_user(
            name=f"Applicant {i}",
            country=COUNTRIES[i % len(COUNTRIES)],
            organisation=f"Journey Cluster {i}",
            ecosystems=[ECOSYSTEMS[i % len(ECOSYSTEMS)]],
            needs="Growing SME membership and export services.",
        )
        for i in range(10)
    ]
    with live_server.app.app_context():
        edition = Edition(
            name=f"Journey Academy {applicants[0].id}",
            place="Sofia",
            applications_open=True,
            application_deadline=date.today() + timedelta(days=7),
            min_size=6,
            max_size=9,
        )
        db.session.add(edition)
        db.session.flush()
        for person in applicants:
            application = Application(
                edition_id=edition.id,
                user_id=person.id,
                motivation="We want to learn.",
                challenges="Attracting SME members.",
                eligible=True,
                eligibility_notes="Manages from an eligible country.",
            )
            application.commitments = list(COMMITMENTS)
            db.session.add(application)
        session = CoachingSession(
            edition_id=edition.id,
            title="Online day 1",
            mode="online",
            starts_at=datetime(2026, 12, 1, 9),
        )
        db.session.add(session)
        db.session.commit()
        return {
            "edition_id": edition.id,
            "name": edition.name,
            "session_id": session.id,
            "applicants": applicants,
        }


def accept_a_diverse_cohort(page: Page, edition: dict) -> None:
    """Suggest an edition, watch the coverage change, accept the shortlist."""
    page.goto("/editions/")
    page.get_by_role("link", name=edition["name"]).click()
    page.get_by_role("link", name="Applications").first.click()
    expect(page.locator("#coverage")).to_contain_text("0 selected")
    page.get_by_role("button", name="Suggest a diverse cohort").click()
    expect(page.locator("#coverage")).to_contain_text("9 selected")
    page.get_by_role("button", name="Accept the shortlist").click()
    expect(page.locator("#coverage")).to_contain_text("9 accepted")


def generate_three_rounds(page: Page, edition: dict) -> None:
    """Open the session's builder and form three rounds of groups of three."""
    page.goto(f"/editions/sessions/{edition['session_id']}/breakouts")
    expect(
        page.locator("#builder-form input[type=checkbox][name=participants]:checked")
    ).to_have_count(9)
    page.get_by_label("Group size").fill("3")
    page.get_by_label("Rounds").fill("3")
    page.get_by_role("button", name="Generate groups").click()
    expect(page.locator(".breakout-round")).to_have_count(3)
    expect(page.locator(".breakout-round").first).to_contain_text("repeated pairs")


def move_first_member(page: Page) -> str:
    """Move the first member of round 1's first group to group 2 with the keyboard-usable select."""
    first_round = page.locator(".breakout-round").first
    member = first_round.locator(".breakout-group").first.locator("li.member").first
    name = member.locator("strong").inner_text()
    member.get_by_label(f"Move {name} to group").select_option(label="Group 2")
    member.get_by_role("button", name="Move").click()
    second_group = page.locator(".breakout-round").first.locator(".breakout-group").nth(1)
    expect(second_group.locator("li.member")).to_have_count(4)
    expect(second_group).to_contain_text(name)
    expect(page.locator(".breakout-round").first.locator("[data-metric=unmet]")).not_to_have_text(
        "0"
    )
    return name


def drag_a_member(page: Page) -> None:
    """Drag the first member of round 2's first group onto group 2 (SortableJS); the server re-scores."""
    second_round = page.locator(".breakout-round").nth(1)
    member = second_round.locator(".breakout-group").first.locator("li.member").first
    name = member.locator("strong").inner_text()
    member.locator(".drag-handle").drag_to(
        second_round.locator(".breakout-group").nth(1).locator("ul.members")
    )
    target = page.locator(".breakout-round").nth(1).locator(".breakout-group").nth(1)
    expect(target).to_contain_text(name)
    expect(target.locator("li.member")).to_have_count(4)
    expect(target.locator(".group-metrics")).to_contain_text("4 people")  # re-scored by the server


def test_coach_forms_groups_and_a_participant_sees_theirs(
    page: Page, new_page, create_user, log_in, open_edition, live_server
):
    coach = create_user(
        role="coach", name="Coach Journey", expertise="Membership growth and export services."
    )
    log_in(page, coach)
    accept_a_diverse_cohort(page, open_edition)
    generate_three_rounds(page, open_edition)
    moved = move_first_member(page)
    drag_a_member(page)
    page.get_by_role("button", name=re.compile(r"Publish 3 draft round")).click()
    expect(page.locator(".breakout-round .badge-solved")).to_have_count(3)

    with live_server.app.app_context():
        mover = db.session.scalar(db.select(User).filter_by(name=moved))
        member = next(a for a in open_edition["applicants"] if a.id == mover.id)
    participant_page = new_page()
    log_in(participant_page, member)
    participant_page.goto("/editions/my-groups")
    groups = participant_page.locator(".my-group")
    expect(groups).to_have_count(3)
    expect(groups.first).to_contain_text("Online day 1")
    expect(groups.first.locator(".fellow-members li")).to_have_count(3)
