"""Editing one's own profile at /profiles/me/edit: validation, ownership, maturity and CSRF."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.models import Profile


def stored(profile_id: int) -> Profile:
    """The profile as the database has it now, not as the session remembers it."""
    db.session.expire_all()
    return db.session.get(Profile, profile_id)


def test_visitor_is_sent_to_log_in(client):
    response = client.get("/profiles/me/edit")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_edit_page_shows_the_form_filled_with_the_profile(make_user, login):
    user = make_user(organisation="Pomurje Digital Cluster", ecosystems=["health"])
    response = login(user).get("/profiles/me/edit")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="Pomurje Digital Cluster"' in html
    assert 'value="health" checked' in html
    assert '<label for="organisation">' in html


def test_saving_the_form_updates_the_profile_and_shows_it(make_user, login, profile_form):
    user = make_user()
    response = login(user).post("/profiles/me/edit", data=profile_form())
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/profiles/{user.profile.id}")
    profile = stored(user.profile.id)
    assert profile.organisation == "Pomurje Digital Cluster"
    assert profile.website == "https://pomurje-digital.si"
    assert profile.ecosystems == ["digital", "agri-food"]
    assert (profile.founded_year, profile.members_count, profile.label) == (2012, 85, "bronze")
    assert profile.languages == "English, Slovenian"


def test_saving_sends_profile_saved_saying_whether_the_texts_changed(
    make_user, login, profile_form, saved_profiles
):
    user = make_user()
    client = login(user)
    client.post("/profiles/me/edit", data=profile_form())
    client.post("/profiles/me/edit", data=profile_form(region="Prekmurje"))
    assert [changed for _, changed in saved_profiles] == [True, False]


def test_user_without_a_profile_creates_one_from_the_edit_page(make_user, login, profile_form):
    user = make_user(with_profile=False)
    client = login(user)
    assert client.get("/profiles/me/edit").status_code == 200
    response = client.post("/profiles/me/edit", data=profile_form())
    assert response.status_code == 302
    profile = db.session.scalar(db.select(Profile).where(Profile.user_id == user.id))
    assert profile.organisation == "Pomurje Digital Cluster"
    assert profile.visibility == "community"


NEXT_YEAR = str(date.today().year + 1)
BAD_INPUTS = [
    (
        "four ecosystems",
        {"ecosystems": ["digital", "health", "retail", "textile"]},
        "Industrial ecosystems",
    ),
    ("no ecosystem", {"ecosystems": None}, "Industrial ecosystems"),
    ("unknown ecosystem", {"ecosystems": ["digital", "space-mining"]}, "Industrial ecosystems"),
    ("javascript website", {"website": "javascript:alert(1)"}, "Website"),
    ("website without scheme", {"website": "www.cluster.eu"}, "Website"),
    ("malformed website", {"website": "http://[cluster.eu"}, "Website"),
    ("founded in 1800", {"founded_year": "1800"}, "Founding year"),
    ("founded next year", {"founded_year": NEXT_YEAR}, "Founding year"),
    ("founding year not a number", {"founded_year": "long ago"}, "Founding year"),
    ("negative members", {"members_count": "-1"}, "Number of members"),
    ("too many members", {"members_count": "100001"}, "Number of members"),
    ("ineligible country", {"country": "US"}, "Country"),
    ("no country", {"country": ""}, "country"),
    ("too long about", {"about": "x" * 2001}, "About my cluster"),
    ("too long needs", {"needs": "x" * 2001}, "I am looking for"),
    ("unknown visibility", {"visibility": "everyone-on-earth"}, "Who can see my profile"),
    ("unknown label", {"label": "platinum"}, "ESCA/EUCLES label"),
    ("unknown maturity", {"maturity": "legendary"}, "Maturity"),
    ("no organisation", {"organisation": "  "}, "cluster organisation name"),
    ("too long organisation", {"organisation": "x" * 201}, "Cluster organisation name"),
]


@pytest.mark.parametrize(
    ("case", "changes", "field_named"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(
    make_user, login, profile_form, saved_profiles, case, changes, field_named
):
    user = make_user(organisation="Original Cluster", ecosystems=["health"], country="PT")
    before = {c.key: getattr(stored(user.profile.id), c.key) for c in Profile.__table__.columns}
    response = login(user).post("/profiles/me/edit", data=profile_form(**changes))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert field_named in html
    assert 'aria-invalid="true"' in html
    profile = stored(user.profile.id)
    assert {c.key: getattr(profile, c.key) for c in Profile.__table__.columns} == before
    assert profile.ecosystems == ["health"]
    assert saved_profiles == []


def test_refused_form_keeps_what_the_user_typed(make_user, login, profile_form):
    user = make_user()
    response = login(user).post(
        "/profiles/me/edit", data=profile_form(founded_year="1800", about="Our new story")
    )
    html = response.get_data(as_text=True)
    assert "Our new story" in html
    assert 'value="Pomurje Digital Cluster"' in html


def test_posting_someone_elses_id_fields_changes_only_ones_own_profile(
    make_user, login, profile_form
):
    me = make_user()
    other = make_user(organisation="Other Cluster")
    data = profile_form(organisation="Hijacked", user_id=str(other.id), id=str(other.profile.id))
    login(me).post("/profiles/me/edit", data=data)
    assert stored(other.profile.id).organisation == "Other Cluster"
    assert stored(other.profile.id).user_id == other.id
    assert stored(me.profile.id).organisation == "Hijacked"


@pytest.mark.parametrize("method", ["get", "post"])
def test_there_is_no_edit_address_for_another_users_profile(make_user, login, method):
    me = make_user()
    other = make_user()
    response = getattr(login(me), method)(f"/profiles/{other.profile.id}/edit")
    assert response.status_code in (404, 405)


def test_maturity_is_derived_from_age_and_label_when_left_on_derive(make_user, login, profile_form):
    user = make_user()
    login(user).post("/profiles/me/edit", data=profile_form(founded_year="2024", label="silver"))
    profile = stored(user.profile.id)
    assert profile.maturity == "established"
    assert profile.maturity_set_by_user is False


def test_maturity_chosen_by_the_user_is_kept_whatever_the_age(make_user, login, profile_form):
    user = make_user()
    login(user).post(
        "/profiles/me/edit",
        data=profile_form(founded_year="1960", label="gold", maturity="emerging"),
    )
    profile = stored(user.profile.id)
    assert profile.maturity == "emerging"
    assert profile.maturity_set_by_user is True


def test_edit_form_offers_derive_first_and_shows_the_users_own_choice(
    make_user, login, profile_form
):
    user = make_user()
    client = login(user)
    html = client.get("/profiles/me/edit").get_data(as_text=True)
    assert '<option selected value="">Derive from age and label</option>' in html
    client.post("/profiles/me/edit", data=profile_form(maturity="advanced"))
    html = client.get("/profiles/me/edit").get_data(as_text=True)
    assert '<option selected value="advanced">' in html


def test_edit_refuses_a_post_without_csrf_token(app, make_user, login, profile_form):
    user = make_user(organisation="Original Cluster")
    client = login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/profiles/me/edit", data=profile_form())
    assert response.status_code == 400
    assert stored(user.profile.id).organisation == "Original Cluster"


def test_edit_form_carries_a_csrf_token(app, make_user, login):
    app.config["WTF_CSRF_ENABLED"] = True
    html = login(make_user()).get("/profiles/me/edit").get_data(as_text=True)
    assert 'name="csrf_token"' in html
