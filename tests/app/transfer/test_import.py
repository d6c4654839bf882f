"""Importing people from CSV: upload → preview → confirm, the row rules, the command, a round trip."""

from __future__ import annotations

import io

import pytest

from app import create_app
from app.extensions import db
from app.models import OutboxMessage, Profile, User
from app.transfer import services
from app.transfer.people_csv import read_people, sample_csv
from config import TestConfig
from tests import factories
from tests.conftest import HTMX

ROLES = ("participant", "alumni", "coach")
HEADER = "email,name,organisation,country,ecosystems\n"
GOOD = HEADER + "ana@wood.si,Ana Kovač,Slovenian Wood Cluster,Slovenia,Construction\n"


def upload(client, text: str, *, headers=None, filename="people.csv"):
    data = {"file": (io.BytesIO(text.encode("utf-8")), filename)}
    return client.post(
        "/admin/import/preview", data=data, content_type="multipart/form-data", headers=headers
    )


def upload_id(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('name="upload" type="hidden" value="')[1].split('"')[0]


def messages(text: str) -> list[str]:
    result = read_people(text.encode(), existing={})
    return [f"{column}: {fix}" for row in result.rows for column, fix in row.errors]


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/import", "/admin/import/sample.csv"])
@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), *((r, 403) for r in ROLES), ("admin", 200)]
)
def test_import_pages_are_for_admins(make_user, client, login, url, role, status):
    viewer = client if role is None else login(make_user(role=role))
    assert viewer.get(url).status_code == status


@pytest.mark.parametrize("role", [None, *ROLES])
def test_only_admins_can_preview_or_confirm(make_user, client, login, role):
    viewer = client if role is None else login(make_user(role=role))
    assert upload(viewer, GOOD).status_code in (302, 403)
    assert viewer.post("/admin/import/confirm", data={"upload": "0" * 32}).status_code in (302, 403)
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 0


def test_the_page_names_its_buttons(make_user, login):
    page = login(make_user(role="admin")).get("/admin/import").get_data(as_text=True)
    assert "Import people" in page and "Preview import" in page and "Download a sample CSV" in page


# --- the flow --------------------------------------------------------------------------------


def test_preview_writes_nothing_and_confirm_imports_and_invites(make_user, login):
    admin = login(make_user(role="admin"))
    preview = upload(admin, GOOD)
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Confirm import" in page and "will be invited by email" in page
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 0

    done = admin.post(
        "/admin/import/confirm", data={"upload": upload_id(preview)}, follow_redirects=True
    )
    assert "1 new" in done.get_data(as_text=True)
    ana = db.session.query(User).filter_by(email="ana@wood.si").one()
    assert (ana.name, ana.role, ana.profile.country, ana.profile.ecosystems) == (
        "Ana Kovač",
        "participant",
        "SI",
        ["construction"],
    )
    assert not ana.check_password("")  # no password until they choose one
    invite = db.session.query(OutboxMessage).filter_by(recipient="ana@wood.si").one()
    assert "/reset-password/" in invite.body and "invited" in invite.subject


def test_the_invitation_link_lets_the_person_choose_a_password(make_user, login, client, mailbox):
    admin = login(make_user(role="admin"))
    admin.post("/admin/import/confirm", data={"upload": upload_id(upload(admin, GOOD))})
    body = next(m["body"] for m in mailbox if m["recipient"] == "ana@wood.si")
    path = "/reset-password/" + body.split("/reset-password/")[1].split()[0]
    kept = db.session.query(OutboxMessage).filter_by(recipient="ana@wood.si").one().body
    assert path.split("/")[-1] not in kept  # the outbox copy never holds the token
    assert client.get(path).status_code == 200
    new_password = "a long new passphrase"
    client.post(path, data={"password": new_password, "confirm": new_password})
    assert db.session.query(User).filter_by(email="ana@wood.si").one().check_password(new_password)


def test_htmx_preview_returns_the_preview_section_only(make_user, login):
    fragment = upload(login(make_user(role="admin")), GOOD, headers=HTMX).get_data(as_text=True)
    assert fragment.lstrip().startswith("{#") is False and 'id="import-preview"' in fragment
    assert "<html" not in fragment


def test_a_file_with_errors_imports_nothing_unless_the_admin_chooses_the_valid_rows(
    make_user, login
):
    admin = login(make_user(role="admin"))
    text = GOOD + "bad-email,Bad,Org,Atlantis,Digital\n"
    preview = upload(admin, text)
    assert "Row 3, column “email”" in preview.get_data(as_text=True)
    refused = admin.post("/admin/import/confirm", data={"upload": upload_id(preview)})
    assert refused.status_code == 422
    assert "nothing was imported" in refused.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 0

    admin.post("/admin/import/confirm", data={"upload": upload_id(preview), "valid_rows_only": "y"})
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 1


def test_an_existing_email_updates_that_person_and_never_duplicates(make_user, login):
    existing = make_user(email="Ana@Wood.si", name="Ana K.", needs="Old needs", expertise="Kilns")
    admin = login(make_user(role="admin"))
    text = "E-mail,Name,needs\nANA@wood.si,Ana Kovač,Partners for circular timber\n"
    preview = upload(admin, text)
    assert "Changes name, needs" in preview.get_data(as_text=True)
    admin.post("/admin/import/confirm", data={"upload": upload_id(preview)})
    db.session.refresh(existing)
    assert db.session.query(User).filter(User.email.ilike("ana@wood.si")).count() == 1
    assert (existing.name, existing.profile.needs, existing.profile.expertise) == (
        "Ana Kovač",
        "Partners for circular timber",
        "Kilns",
    )  # empty cells leave fields alone
    assert db.session.query(OutboxMessage).filter_by(recipient=existing.email).count() == 0


def test_a_preview_is_the_uploaders_and_works_once(make_user, login):
    first, second = login(make_user(role="admin")), login(make_user(role="admin"))
    upload_ref = upload_id(upload(first, GOOD))
    assert "expired" in second.post(
        "/admin/import/confirm", data={"upload": upload_ref}, follow_redirects=True
    ).get_data(as_text=True)
    first.post("/admin/import/confirm", data={"upload": upload_ref})
    again = first.post("/admin/import/confirm", data={"upload": upload_ref}, follow_redirects=True)
    assert "expired or was already imported" in again.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 1


@pytest.mark.parametrize("forged", ["../../etc/passwd", "x" * 32, "", "0" * 32])
def test_forged_upload_ids_are_refused(make_user, login, forged):
    response = login(make_user(role="admin")).post(
        "/admin/import/confirm", data={"upload": forged}, follow_redirects=True
    )
    assert "Upload the file again" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "filename", "message"),
    [
        ("", "people.csv", "The file is empty"),
        ("name,country\nAna,SI\n", "people.csv", "No “email” column"),
        (HEADER, "people.csv", "no people in it"),
        (GOOD, "people.xlsx", "Upload a .csv file"),
    ],
)
def test_unusable_files_say_why(make_user, login, text, filename, message):
    response = upload(login(make_user(role="admin")), text, filename=filename)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_files_over_the_size_limit_are_refused(app, make_user, login):
    app.config["IMPORT_MAX_BYTES"] = 100
    response = upload(login(make_user(role="admin")), GOOD + "x" * 200)
    assert response.status_code == 422 and "larger than" in response.get_data(as_text=True)


# --- the row rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "ana@x.eu,,Org,SI,Digital",
            "name: Required for someone new: Required for new people. Full name, at most 120 characters.",
        ),
        (
            "ana@x.eu,Ana,,SI,Digital",
            "organisation: Required for someone new: Required for new people. The cluster organisation.",
        ),
        (
            "not-an-email,Ana,Org,SI,Digital",
            "email: 'not-an-email' is not an email address: An email address must have an @-sign.",
        ),
        (
            "ana@x.eu,Ana,Org,Atlantis,Digital",
            "country: 'Atlantis' is not a country we know; use a code such as DE or an English name such as Germany.",
        ),
        (
            "ana@x.eu,Ana,Org,US,Digital",
            "country: 'US' is not a country we know; use a code such as DE or an English name such as Germany.",
        ),
        (
            "ana@x.eu,Ana,Org,SI,Cooking",
            "ecosystems: 'Cooking' is not one of the 14 industrial ecosystems; separate several with ';' and use names such as 'Agri-food' or 'Energy-Renewables'.",
        ),
        (
            'ana@x.eu,Ana,Org,SI,"Digital; Health; Textile; Tourism"',
            "ecosystems: Give 1 to 3 ecosystems; this row has 4.",
        ),
    ],
)
def test_bad_rows_get_exact_messages(row, expected):
    assert messages(HEADER + row + "\n") == [expected]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (
            "role",
            "admin",
            "role: Admins cannot be imported; make someone an admin on the Admin page.",
        ),
        ("role", "boss", "role: 'boss' is not a role; use one of: participant, alumni, coach."),
        (
            "founded_year",
            "next year",
            "founded_year: 'next year' is not a whole number; write a year from 1900 to this year.",
        ),
        (
            "founded_year",
            "1850",
            "founded_year: 1850 is out of range; write a year from 1900 to this year.",
        ),
        (
            "members_count",
            "-3",
            "members_count: -3 is out of range; write a number from 0 to 100,000.",
        ),
        (
            "website",
            "not a site",
            "website: 'not a site' is not a web address; write it in full, like https://cluster.eu.",
        ),
        (
            "visibility",
            "secret",
            "visibility: 'secret' is not a visibility; use one of: community, cohorts, hidden.",
        ),
        (
            "maturity",
            "ancient",
            "maturity: 'ancient' is not a maturity level; use one of: emerging, developing, established, advanced.",
        ),
        ("name", "x" * 121, "name: At most 120 characters; this has 121."),
    ],
)
def test_bad_cells_get_exact_messages(column, value, expected):
    text = f"email,name,organisation,country,{column}\nana@x.eu,Ana,Org,SI,{value}\n"
    if column == "name":
        text = f"email,name,organisation,country\nana@x.eu,{value},Org,SI\n"
    assert messages(text) == [expected]


def test_the_same_email_twice_is_an_error_on_the_second_row():
    text = HEADER + "ana@x.eu,Ana,Org,SI,Digital\nANA@x.eu,Ana 2,Org,SI,Digital\n"
    assert messages(text) == ["email: The same email is on row 2; keep one row per person."]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("SI", "SI"),
        ("si", "SI"),
        ("Slovenia", "SI"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("turkiye", "TR"),
        ("Macedonia", "MK"),
        ("North Macedonia", "MK"),
        ("The Netherlands", "NL"),
        ("Slovak Republic", "SK"),
        ("EL", "GR"),
        ("Bosnia and Herzegovina", "BA"),
    ],
)
def test_countries_by_code_or_english_name_with_common_variants(written, code):
    result = read_people((HEADER + f"ana@x.eu,Ana,Org,{written},Digital\n").encode(), existing={})
    assert result.rows[0].values["country"] == code


@pytest.mark.parametrize(
    ("written", "slugs"),
    [
        ("Agri-food", ["agri-food"]),
        ("agrifood", ["agri-food"]),
        ("Aerospace and Defence", ["aerospace-defence"]),
        ("Proximity, Social Economy & Civil Security", ["proximity-social-economy"]),
        ("energy-renewables | Digital", ["energy-renewables", "digital"]),
        ("Digital;digital", ["digital"]),
    ],
)
def test_ecosystems_by_name_or_slug(written, slugs):
    result = read_people((HEADER + f'ana@x.eu,Ana,Org,SI,"{written}"\n').encode(), existing={})
    assert result.rows[0].values["ecosystems"] == slugs


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_any_spreadsheet_dialect_and_excels_encodings(delimiter):
    text = f"email{delimiter}name{delimiter}organisation{delimiter}country\nana@x.eu{delimiter}Ana Kovač{delimiter}Org{delimiter}SI\n"
    for data in (
        text.encode("utf-8"),
        text.encode("utf-8-sig"),
        text.encode("cp1250", errors="ignore").replace(b"\x9a", b"s"),
    ):
        result = read_people(data, existing={})
        assert result.problem is None and result.rows[0].values["country"] == "SI"


def test_the_sample_file_previews_without_errors():
    result = read_people(sample_csv().encode(), existing={})
    assert [row.outcome for row in result.rows] == ["new", "new"]


# --- the command -----------------------------------------------------------------------------


def test_command_dry_run_writes_nothing(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(GOOD + "bad,Bad,Org,SI,Digital\n")
    result = runner.invoke(args=["import-people", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 rows: 1 new, 0 update, 0 unchanged, 1 error." in result.output
    assert "row 3, column 'email'" in result.output
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 0


def test_command_refuses_a_file_with_errors_with_exit_2(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(GOOD + "bad,Bad,Org,SI,Digital\n")
    result = runner.invoke(args=["import-people", str(path)])
    assert result.exit_code == 2 and "nothing was imported" in result.output


def test_command_imports_with_a_progress_bar(runner, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    result = runner.invoke(args=["import-people", str(path), "--no-invite"])
    assert result.exit_code == 0, result.output
    assert "Imported: 1 new (0 invited)" in result.output
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 1


def test_command_on_a_missing_file_is_one_line_and_exit_2(runner, tmp_path):
    result = runner.invoke(args=["import-people", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and result.output.startswith("Error: cannot read")


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_export_the_directory_and_import_it_into_an_empty_database(make_user, login):
    make_user(
        name="Ana Kovač",
        email="ana@wood.si",
        country="SI",
        ecosystems=["construction", "energy-renewables"],
        expertise="Dry kilns",
        website="https://wood.si",
        founded_year=2009,
        members_count=64,
        visibility="cohorts",
    )
    make_user(
        name="Jan Novák", email="jan@agri.cz", country="CZ", role="alumni", ecosystems=["agri-food"]
    )
    admin = make_user(role="admin", email="admin@community.eu", name="Ada Admin")
    exported = login(admin).get("/profiles/export.csv").get_data()
    before = _people()

    empty = create_app(TestConfig)
    with empty.app_context():
        db.create_all()
        factories.make_user(role="admin", email="admin@community.eu", name="Ada Admin")
        result = services.check_people_file(exported)
        assert result.count("error") == 0, [r.errors for r in result.rows]
        services.import_people(result, invite=False)
        db.session.commit()
        after = _people()
        db.session.remove()
    assert after == before


def _people() -> dict:
    return {
        u.email: (
            u.name,
            u.role,
            p.organisation,
            p.country,
            p.ecosystems,
            p.maturity,
            p.expertise,
            p.needs,
            p.website,
            p.founded_year,
            p.members_count,
            p.visibility,
        )
        for u in db.session.query(User).all()
        for p in [db.session.query(Profile).filter_by(user_id=u.id).one()]
    }
