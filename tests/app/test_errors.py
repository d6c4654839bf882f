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


def test_the_error_log_never_holds_a_secret_link(app, client, caplog):
    """A 500 on a URL carrying a token (calendar feed, reset, confirmation) logs the route's
    shape, not the token: whoever reads the log must not be able to open the link."""

    @app.get("/feed-like/<token>.ics")
    def feed_like(token):
        raise RuntimeError("broken feed")

    with caplog.at_level("ERROR"):
        response = client.get("/feed-like/s3cr3t-t0ken-value.ics")
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "unhandled error on GET /feed-like/<token>.ics" in logged
    assert "s3cr3t-t0ken-value" not in logged
