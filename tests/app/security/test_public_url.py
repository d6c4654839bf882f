"""Links in mails come from PUBLIC_URL, never from the Host header a request names (case 1)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import OutboxMessage
from app.notifications.services import notify, preferences_for, send_weekly_digests
from config import TestConfig

STRONG_KEY = "k" * 48


def mailed_links() -> list[str]:
    bodies = db.session.scalars(select(OutboxMessage.body))
    return [link for body in bodies for link in re.findall(r"https?://[^\s)]+", body)]


def test_reset_link_ignores_a_forged_host_header(client, make_user):
    make_user(email="eva@cluster.at")
    db.session.commit()

    client.post(
        "/forgot-password", data={"email": "eva@cluster.at"}, headers={"Host": "evil.example"}
    )

    [link] = mailed_links()
    assert link.startswith("http://localhost/reset-password/")


def test_reset_link_is_built_on_the_configured_public_url(app, client, make_user):
    app.config["PUBLIC_URL"] = "https://community.clusterbooster.eu/hub"
    make_user(email="eva@cluster.at")
    db.session.commit()

    client.post(
        "/forgot-password", data={"email": "eva@cluster.at"}, headers={"Host": "evil.example"}
    )

    [link] = mailed_links()
    assert link.startswith("https://community.clusterbooster.eu/hub/reset-password/")


def test_notification_mails_link_to_the_public_url_even_from_the_command_line(app, make_user):
    app.config["PUBLIC_URL"] = "https://community.clusterbooster.eu"
    member = make_user(email="ana@example.eu")
    db.session.commit()

    notify(member, event="reply_posted", message="Bo replied", link="/challenges/7")

    assert mailed_links() == ["https://community.clusterbooster.eu/challenges/7"]


def test_weekly_digest_links_to_the_public_url(app, make_user):
    app.config["PUBLIC_URL"] = "https://community.clusterbooster.eu"
    member = make_user(email="ana@example.eu")
    preferences_for(member).email_enabled = False
    preferences_for(member).weekly_digest = True
    notify(member, event="reply_posted", message="Bo replied", link="/challenges/7")
    db.session.commit()

    send_weekly_digests()

    assert mailed_links()
    assert all(link.startswith("https://community.clusterbooster.eu/") for link in mailed_links())


def production_config(**settings):
    """A config that serves like production: not debug, not testing."""
    values = {
        "TESTING": False,
        "DEBUG": False,
        "SECRET_KEY": STRONG_KEY,
        "PUBLIC_URL": "https://community.clusterbooster.eu",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        **settings,
    }
    return type("ProductionConfig", (TestConfig,), values)


def test_production_refuses_requests_for_an_unknown_host():
    app = create_app(production_config())

    refused = app.test_client().get("/login", headers={"Host": "evil.example"})
    served = app.test_client().get("/login", headers={"Host": "community.clusterbooster.eu"})

    assert refused.status_code == 400
    assert served.status_code == 200


def test_production_also_accepts_the_extra_trusted_hosts():
    app = create_app(production_config(TRUSTED_HOSTS=["www.clusterbooster.eu"]))

    served = app.test_client().get("/login", headers={"Host": "www.clusterbooster.eu"})

    assert served.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "localhost"])
def test_development_and_tests_accept_any_host(client, host):
    assert client.get("/login", headers={"Host": host}).status_code == 200
