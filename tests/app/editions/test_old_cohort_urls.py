"""The public pages of editions moved from /cohorts/ (when the model was called Cohort) to
/editions/academy and /editions/<id>/members; links to the old addresses redirect permanently.

This file is copied in by the naming codemod and is never rewritten by it: it names the old URLs.
"""

from __future__ import annotations


def test_the_old_list_address_redirects_permanently_to_the_academy_editions(client):
    response = client.get("/cohorts/")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/editions/academy")
    assert "Academy editions" in client.get("/cohorts/", follow_redirects=True).get_data(
        as_text=True
    )


def test_the_old_list_address_without_its_slash_ends_on_the_same_page(client):
    response = client.get("/cohorts", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/editions/academy"


def test_an_old_edition_address_redirects_to_its_members_page(client, make_edition, make_user):
    edition = make_edition(name="Sofia 2024", members=(make_user(name="Ana Old-Link"),))
    response = client.get(f"/cohorts/{edition.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/editions/{edition.id}/members")
    page = client.get(f"/cohorts/{edition.id}", follow_redirects=True).get_data(as_text=True)
    assert "Sofia 2024" in page and "Ana Old-Link" in page


def test_an_old_address_of_an_unknown_edition_ends_in_not_found(client):
    assert client.get("/cohorts/999999", follow_redirects=True).status_code == 404


def test_a_directory_link_filtered_by_the_old_cohort_parameter_still_filters(
    client, make_edition, make_user
):
    inside = make_user(name="Inside Person")
    make_user(name="Outside Person")
    edition = make_edition(members=(inside,))
    page = client.get(f"/profiles/?cohort={edition.id}").get_data(as_text=True)
    assert "Inside Person" in page and "Outside Person" not in page
    same = client.get(f"/profiles/?edition={edition.id}").get_data(as_text=True)
    assert "Inside Person" in same and "Outside Person" not in same
