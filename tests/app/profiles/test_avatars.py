"""Avatars show a person's initials: on the profile page, in the directory and on peer cards."""

from __future__ import annotations

import pytest

from app.templating import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Urška Potočnik", "UP"),
        ("Ana", "A"),
        ("Jean-Luc Picard", "JP"),
        ("Ciarán O'Sullivan", "CO"),
        ("", "?"),
    ],
)
def test_initials_are_the_first_and_last_names_first_letters(name, expected):
    assert initials(name) == expected


def test_profile_page_and_directory_show_the_initials(login, make_user):
    viewer, person = make_user(), make_user(name="Urška Potočnik", visibility="community")
    client = login(viewer)
    assert '<span class="avatar avatar-' in client.get(f"/profiles/{person.profile.id}").get_data(
        as_text=True
    )
    directory = client.get("/profiles/?q=Potočnik").get_data(as_text=True)
    assert 'aria-hidden="true">UP</span>' in directory
