"""Persons for the matcher, and the matcher's messages rewritten for coaches."""

from __future__ import annotations

from app.editions.people import name_people, person_from_user, person_id, user_id_of


def test_person_uses_the_profile_and_never_an_empty_organisation(make_user):
    user = make_user(name="Ana", country="HR", organisation="", ecosystems=["health"], maturity="advanced")
    person = person_from_user(user, challenge="Export to Asia")
    assert person.id == person_id(user.id) and user_id_of(person.id) == user.id
    assert person.organisation == f"user-{user.id}"
    assert person.country == "HR" and person.ecosystems == ("health",) and person.maturity == 4
    assert "Export to Asia" in person.challenge


def test_user_without_profile_still_becomes_a_person(make_user):
    user = make_user(with_profile=False)
    assert person_from_user(user).organisation == f"user-{user.id}"


def test_messages_name_people_and_count_from_one(make_user):
    ana, bo = make_user(name="Ana"), make_user(name="Bo")
    message = f"apart: 'u{ana.id}' and 'u{bo.id}' share group 0 in round 1"
    assert name_people(message, {ana.id: ana, bo.id: bo}) == "apart: Ana and Bo share group 1 in round 2"
