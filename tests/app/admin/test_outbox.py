"""The outbox: every email the site kept, newest first, for admins only."""

from app.extensions import db
from app.mail import send_email


def test_outbox_lists_messages_newest_first_with_their_body(admin_client):
    send_email("first@x.eu", "First subject", "First body")
    send_email("second@x.eu", "Second subject", "Reset: http://localhost/reset-password/abc")
    db.session.commit()

    page = admin_client.get("/admin/outbox").get_data(as_text=True)

    assert page.index("Second subject") < page.index("First subject")
    assert "second@x.eu" in page
    assert "http://localhost/reset-password/abc" in page
    assert "Not sent (outbox only)" in page


def test_outbox_masks_the_secrets_a_sender_names(admin_client):
    send_email(
        "eva@x.eu",
        "Reset",
        "Open http://localhost/reset-password/SECRET-TOKEN now",
        secrets=["SECRET-TOKEN"],
    )
    db.session.commit()

    page = admin_client.get("/admin/outbox").get_data(as_text=True)

    assert "SECRET-TOKEN" not in page
    assert "http://localhost/reset-password/[hidden: only the recipient&#39;s copy has it]" in page


def test_outbox_escapes_message_bodies(admin_client):
    send_email("x@x.eu", "Hi", "<script>alert(1)</script>")
    db.session.commit()

    page = admin_client.get("/admin/outbox").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_outbox_is_paginated(app, admin_client):
    app.config["PER_PAGE"] = 2
    for n in range(3):
        send_email(f"r{n}@x.eu", f"Subject {n}", "Body")
    db.session.commit()

    assert "Page 1 of 2" in admin_client.get("/admin/outbox").get_data(as_text=True)
    assert "Subject 0" in admin_client.get("/admin/outbox?page=2").get_data(as_text=True)


def test_empty_outbox_says_so(admin_client):
    assert "No emails yet." in admin_client.get("/admin/outbox").get_data(as_text=True)
