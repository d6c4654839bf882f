"""Registration: a new participant account with its profile, then the profile page."""

import pytest
from flask import url_for
from sqlalchemy import func, select

from app.extensions import db
from app.models import Profile, User


def count_users():
    return db.session.scalar(select(func.count(User.id)))


def test_register_page_shows_every_field_with_a_label(client):
    page = client.get("/register").get_data(as_text=True)
    for label in ("Full name", "Email", "Password", "Confirm password", "Country of your cluster"):
        assert f">{label}</label>" in page
    assert 'value="US"' not in page


def test_registration_creates_an_unconfirmed_participant_with_a_profile(client, registration):
    response = client.post("/register", data={**registration, "email": "Ana@Cluster.SI"})

    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "ana@cluster.si"
    assert user.role == "participant"
    assert user.check_password("a long passphrase")
    assert user.profile.country == "SI"
    assert user.profile.organisation == "Slovenian Wood Cluster"
    assert user.email_verified_at is None and not user.email_verified
    with client.session_transaction() as session:
        assert "_user_id" not in session  # the answer cannot differ from a taken email's


def test_registration_leads_to_the_login_page_then_the_profile(app, client, registration):
    response = client.post("/register", data=registration)

    with app.test_request_context():
        has_profiles = "profiles.edit" in app.view_functions
        after = url_for("profiles.edit") if has_profiles else url_for("main.index")
        assert response.location == url_for("auth.login", next=after)
    page = client.get(response.location).get_data(as_text=True)
    assert "Check your inbox: we have sent you an email." in page


def test_registration_mails_a_confirmation_link(client, registration, mailbox):
    client.post("/register", data=registration)

    [mail] = mailbox
    assert mail["recipient"] == "ana@cluster.si"
    assert mail["subject"] == "Confirm your email address for the Cluster Booster Community"
    assert "http://localhost/confirm-email/" in mail["body"]


def test_organisation_is_optional(client, registration):
    response = client.post("/register", data={**registration, "organisation": ""})

    assert response.status_code == 302
    assert db.session.scalar(select(Profile.organisation)) == ""


def test_registration_sends_profile_saved(client, registration):
    from app.signals import profile_saved

    received = []

    def receiver(profile, **kwargs):
        received.append((profile.country, kwargs))

    with profile_saved.connected_to(receiver):
        client.post("/register", data=registration)
    assert received == [("SI", {"changed_text": False})]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your name."),
        ({"name": "x" * 121}, "Name must be at most 120 characters."),
        ({"email": ""}, "Enter your email address."),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"email": "a" * 250 + "@x.eu"}, "Email must be at most 254 characters."),
        ({"password": "", "confirm": ""}, "Enter a password."),
        ({"password": "short", "confirm": "short"}, "Password must be 10 to 128 characters long."),
        (
            {"password": "p" * 129, "confirm": "p" * 129},
            "Password must be 10 to 128 characters long.",
        ),
        ({"confirm": "another passphrase"}, "The two passwords do not match."),
        ({"country": ""}, "Choose the country your cluster is based in."),
        ({"country": "US"}, "open to cluster managers from EU member states and COSME-associated"),
        ({"organisation": "o" * 201}, "Organisation name must be at most 200 characters."),
    ],
)
def test_bad_registration_is_refused_with_a_message_naming_the_field(
    client, registration, changes, message
):
    response = client.post("/register", data={**registration, **changes})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert count_users() == 0


def test_a_taken_email_in_another_case_creates_no_second_account(client, make_user, registration):
    make_user(email="ana@cluster.si")
    db.session.commit()

    response = client.post("/register", data={**registration, "email": "ANA@Cluster.si"})

    assert response.status_code == 302
    assert "already exists" not in client.get(response.location).get_data(as_text=True)
    assert count_users() == 1


def test_countries_come_from_the_configured_eligible_list(app, client, registration):
    app.config["ELIGIBLE_COUNTRIES"] = ["AT", "SI"]

    page = client.get("/register").get_data(as_text=True)
    refused = client.post("/register", data={**registration, "country": "FR"})

    assert 'value="SI"' in page and 'value="FR"' not in page
    assert "Choose one of the listed countries" in refused.get_data(as_text=True)


def test_logged_in_user_visiting_register_goes_home(login, make_user):
    response = login(make_user()).get("/register")
    assert response.status_code == 302
