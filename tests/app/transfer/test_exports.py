"""Exports: the directory, the challenge list and an edition's files, with only what the viewer may see."""

from __future__ import annotations

import csv
import io

import pytest

from app.csv_safe import escape_cell

ROLES = ("participant", "alumni", "coach", "admin")


def rows_of(response) -> list[dict]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '=HYPERLINK("http://evil.example","Click")',
            '\'=HYPERLINK("http://evil.example","Click")',
        ),
        ("+31 20 555 0101", "'+31 20 555 0101"),
        ("-1", "'-1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tindented", "'\tindented"),
        ("\r=1+1", "'\r=1+1"),
        ("Ana Kovač", "Ana Kovač"),
        ("a=b", "a=b"),
        (42, 42),
        (None, None),
    ],
)
def test_cells_that_spreadsheets_would_run_are_escaped(value, expected):
    assert escape_cell(value) == expected


def test_directory_export_escapes_formulas_in_names(make_user, login):
    make_user(name='=HYPERLINK("http://evil.example","x")', organisation="@cmd")
    rows = rows_of(login(make_user()).get("/profiles/export.csv"))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["organisation"] == "'@cmd"


def test_visitors_get_only_what_the_directory_shows_them(client, make_user):
    make_user(name="Ana Kovač", expertise="Dry kilns")
    response = client.get("/profiles/export.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="cluster-managers.csv"'
    rows = rows_of(response)
    assert list(rows[0]) == ["name", "organisation", "country", "ecosystems"]
    assert rows[0]["name"] == "Ana Kovač"


@pytest.mark.parametrize("role", ROLES)
def test_members_get_the_texts_and_only_admins_the_emails(make_user, login, role):
    make_user(name="Ana Kovač", expertise="Dry kilns")
    rows = rows_of(login(make_user(role=role, name="Zed Viewer")).get("/profiles/export.csv"))
    ana = next(r for r in rows if r["name"] == "Ana Kovač")
    assert ana["expertise"] == "Dry kilns"
    assert ("email" in ana) is (role == "admin")


@pytest.mark.parametrize(
    ("role", "sees_hidden"), [("participant", False), ("coach", False), ("admin", True)]
)
def test_hidden_profiles_stay_hidden_in_exports(make_user, login, role, sees_hidden):
    make_user(name="Hidden Person", visibility="hidden")
    names = {r["name"] for r in rows_of(login(make_user(role=role)).get("/profiles/export.csv"))}
    assert ("Hidden Person" in names) is sees_hidden


def test_directory_export_follows_the_filters_and_covers_every_page(make_user, login):
    for n in range(25):
        make_user(name=f"Slovene {n:02}", country="SI")
    make_user(name="Portuguese", country="PT")
    rows = rows_of(login(make_user(country="PT")).get("/profiles/export.csv?country=SI&page=2"))
    assert len(rows) == 25 and all(r["country"] == "SI" for r in rows)


def test_json_export_has_the_same_rows(make_user, login):
    make_user(name="Ana Kovač", ecosystems=["agri-food", "digital"])
    client = login(make_user(name="Zed"))
    records = client.get("/profiles/export.json").get_json()
    ana = next(r for r in records if r["name"] == "Ana Kovač")
    assert ana["ecosystems"] == ["Agri-food", "Digital"]
    assert len(records) == len(rows_of(client.get("/profiles/export.csv")))


def test_challenge_export_leaves_out_an_editions_own_challenges_for_outsiders(
    make_user, make_edition, make_challenge, client, login
):
    author = make_user()
    make_challenge(author, title="Open to all", themes=("membership", "green"))
    make_challenge(author, title="Inside the edition", edition=make_edition(members=(author,)))
    for viewer in (client, login(make_user())):
        titles = [r["title"] for r in rows_of(viewer.get("/challenges/export.csv"))]
        assert titles == ["Open to all"]
    coach_rows = rows_of(login(make_user(role="coach")).get("/challenges/export.csv"))
    assert {r["title"] for r in coach_rows} == {"Open to all", "Inside the edition"}
    open_row = next(r for r in coach_rows if r["title"] == "Open to all")
    assert open_row["themes"] == "Membership growth and engagement; Green transition"


def test_challenge_export_follows_the_filters(make_user, make_challenge, login):
    author = make_user()
    make_challenge(author, title="Green one", themes=("green",))
    make_challenge(author, title="Skills one", themes=("skills",))
    rows = rows_of(login(author).get("/challenges/export.csv?theme=green"))
    assert [r["title"] for r in rows] == ["Green one"]


@pytest.mark.parametrize("what", ["participants", "applications", "groups"])
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), ("participant", 403), ("alumni", 403), ("coach", 200), ("admin", 200)],
)
def test_edition_files_are_for_coaches_and_admins(
    make_user, make_edition, client, login, what, role, status
):
    edition = make_edition(members=(make_user(name="Ivo Petrov"),))
    viewer = client if role is None else login(make_user(role=role))
    for fmt in ("csv", "json"):
        assert viewer.get(f"/editions/{edition.id}/export/{what}.{fmt}").status_code == status


def test_edition_participants_export_lists_the_participants(make_user, make_edition, login):
    edition = make_edition(members=(make_user(name="Ivo Petrov", country="BG"),))
    rows = rows_of(
        login(make_user(role="coach")).get(f"/editions/{edition.id}/export/participants.csv")
    )
    assert [(r["name"], r["country"]) for r in rows] == [("Ivo Petrov", "BG")]


def test_export_of_a_missing_edition_is_404(make_user, login):
    assert login(make_user(role="coach")).get("/editions/999/export/groups.csv").status_code == 404


def test_pages_offer_their_exports_with_the_current_filters(make_user, make_edition, login):
    client = login(make_user(role="coach"))
    assert "/profiles/export.csv?country=SI" in client.get("/profiles/?country=SI").get_data(
        as_text=True
    )
    assert "/challenges/export.json?theme=green" in client.get("/challenges/?theme=green").get_data(
        as_text=True
    )
    edition = make_edition()
    page = client.get(f"/editions/{edition.id}").get_data(as_text=True)
    assert f"/editions/{edition.id}/export/applications.csv" in page
