"""Coaches import an edition's applicants from CSV: the same flow, with each person's application."""

from __future__ import annotations

import io

import pytest

from app.extensions import db
from app.models import Application, User
from tests.conftest import HTMX

FILE = (
    "email,name,organisation,country,ecosystems,motivation,challenges,commitments\n"
    "ana@wood.si,Ana Kovač,Slovenian Wood Cluster,SI,Construction,Grow to 100 members,Member fees,all\n"
    "jan@agri.cz,Jan Novák,Moravian Agrifood,CZ,Agri-food,Learn financing,,do_homework\n"
)


def upload(client, edition, text: str, headers=None):
    data = {"file": (io.BytesIO(text.encode()), "applicants.csv")}
    return client.post(
        f"/editions/{edition.id}/applicants/import/preview",
        data=data,
        content_type="multipart/form-data",
        headers=headers,
    )


def upload_id(response) -> str:
    return (
        response.get_data(as_text=True)
        .split('name="upload" type="hidden" value="')[1]
        .split('"')[0]
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), ("participant", 403), ("alumni", 403), ("coach", 200), ("admin", 200)],
)
def test_applicant_import_is_for_coaches_and_admins(
    make_user, make_edition, client, login, role, status
):
    edition = make_edition()
    viewer = client if role is None else login(make_user(role=role))
    assert viewer.get(f"/editions/{edition.id}/applicants/import").status_code == status
    assert viewer.get(f"/editions/{edition.id}/applicants/import/sample.csv").status_code == status
    assert upload(viewer, edition, FILE).status_code == status
    assert db.session.query(Application).count() == 0


def test_missing_edition_is_404(make_user, login):
    assert login(make_user(role="coach")).get("/editions/999/applicants/import").status_code == 404


def test_applicants_and_their_applications_are_imported_with_eligibility(
    make_user, make_edition, login
):
    edition = make_edition(name="5th Cluster Booster Academy", applications_open=False)
    coach = login(make_user(role="coach"))
    preview = upload(coach, edition, FILE)
    assert (
        preview.status_code == 200
        and "Import applicants to 5th Cluster Booster Academy" in preview.get_data(as_text=True)
    )
    assert db.session.query(Application).count() == 0
    coach.post(
        f"/editions/{edition.id}/applicants/import/confirm", data={"upload": upload_id(preview)}
    )
    applications = {
        a.user.email: a for a in db.session.query(Application).filter_by(edition_id=edition.id)
    }
    assert set(applications) == {"ana@wood.si", "jan@agri.cz"}
    ana, jan = applications["ana@wood.si"], applications["jan@agri.cz"]
    assert (ana.motivation, ana.challenges, ana.status, ana.eligible) == (
        "Grow to 100 members",
        "Member fees",
        "pending",
        True,
    )
    assert (
        jan.eligible is False and "Did not confirm" in jan.eligibility_notes
    )  # only one commitment given


def test_an_existing_member_gets_an_application_without_a_duplicate(make_user, make_edition, login):
    make_user(
        email="ana@wood.si",
        name="Ana Kovač",
        organisation="Slovenian Wood Cluster",
        country="SI",
        ecosystems=["construction"],
    )
    edition = make_edition()
    coach = login(make_user(role="coach"))
    coach.post(
        f"/editions/{edition.id}/applicants/import/confirm",
        data={"upload": upload_id(upload(coach, edition, FILE))},
    )
    assert db.session.query(User).filter_by(email="ana@wood.si").count() == 1
    assert db.session.query(Application).filter_by(edition_id=edition.id).count() == 2


def test_bad_commitments_are_named(make_user, make_edition, login):
    edition = make_edition()
    text = FILE.replace("do_homework", "bring_cake")
    page = upload(login(make_user(role="coach")), edition, text).get_data(as_text=True)
    assert "column “commitments”: &#39;bring_cake&#39; is not a commitment of the call" in page


def test_htmx_preview_is_the_fragment(make_user, make_edition, login):
    edition = make_edition()
    fragment = upload(login(make_user(role="coach")), edition, FILE, headers=HTMX).get_data(
        as_text=True
    )
    assert 'id="import-preview"' in fragment and "<html" not in fragment


def test_the_applications_page_links_to_the_import(make_user, make_edition, login):
    edition = make_edition()
    page = (
        login(make_user(role="coach"))
        .get(f"/editions/{edition.id}/applications")
        .get_data(as_text=True)
    )
    assert f"/editions/{edition.id}/applicants/import" in page and "Import applicants" in page
