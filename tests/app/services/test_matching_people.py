"""Persons for the matcher, made in one place with one id scheme, and the matcher's messages
rewritten for people."""

from __future__ import annotations

from app.services.matching import (
    name_people,
    people_for,
    person_for_user,
    person_id,
    placeholder_person,
    user_id_of,
)


def test_person_uses_the_profile_and_never_an_empty_organisation(make_user):
    user = make_user(
        name="Ana", country="HR", organisation="", ecosystems=["health"], maturity="advanced"
    )
    person = person_for_user(user, challenge="Export to Asia")
    assert person.id == person_id(user.id) == f"u{user.id}" and user_id_of(person.id) == user.id
    assert person.organisation == f"user-{user.id}"
    assert person.country == "HR" and person.ecosystems == ("health",) and person.maturity == 4
    assert "Export to Asia" in person.challenge


def test_user_without_profile_still_becomes_a_person(make_user):
    user = make_user(with_profile=False)
    person = person_for_user(user)
    assert person == placeholder_person(user.id, user.name)
    assert person.organisation == f"user-{user.id}" and person.id == f"u{user.id}"


def test_peers_and_editions_get_the_same_person_for_a_user(make_user):
    with_profile, without = make_user(name="Ana"), make_user(name="Bo", with_profile=False)
    assert [p.id for p in people_for([with_profile.id, without.id])] == [
        f"u{with_profile.id}",
        f"u{without.id}",
    ]
    assert people_for([without.id])[0] == person_for_user(without)


def test_a_former_member_is_one_placeholder_that_is_nobodys_colleague():
    former = placeholder_person(None, "Former member")
    assert former.id == "u0" and former.organisation == "user-0" and former.ecosystems == ()


def test_messages_name_people_and_count_from_one(make_user):
    ana, bo = make_user(name="Ana"), make_user(name="Bo")
    message = f"apart: 'u{ana.id}' and 'u{bo.id}' share group 0 in round 1"
    assert (
        name_people(message, {ana.id: ana, bo.id: bo})
        == "apart: Ana and Bo share group 1 in round 2"
    )
