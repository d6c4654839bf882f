"""Error pages: people get a page without a stack trace, JSON callers get JSON."""

from tests.conftest import HTMX


def test_unknown_page_shows_a_404_page_without_a_trace(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    assert b"Traceback" not in response.data


def test_json_caller_gets_a_json_404(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"]["code"] == 404


def test_htmx_caller_gets_the_error_fragment_without_the_layout(client):
    response = client.get("/no-such-page", headers=HTMX)
    assert response.status_code == 404
    assert b"<html" not in response.data
    assert b"Page not found" in response.data


def test_unexpected_error_rolls_back_and_shows_a_clean_500(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    assert b"secret internals" not in response.data
    assert b"Something went wrong" in response.data
