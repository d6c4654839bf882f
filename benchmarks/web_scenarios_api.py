"""JSON API list endpoints for `make bench-web` (and `make bench-api`): target p95 ≤ 50 ms.

`prepare` gives the demo participant a read token and lifts the per-token rate limit for the run
(100 timed requests a page would otherwise meet the 300-a-minute limit, and time 429s).
"""

from __future__ import annotations

from app.api import services
from app.extensions import db
from app.models import User

SECTION = "JSON API (token of the demo participant)"
_token: dict[str, str] = {}


def prepare(app) -> None:
    """A read token for the demo participant; no rate limit while timing."""
    app.config["API_RATE_LIMIT"] = "1000000 per minute"
    participant = db.session.scalar(db.select(User).filter_by(email="participant@demo.eu"))
    _, _token["secret"] = services.create_token(participant, name="bench", scope="read")


def _get(path: str):
    def call(client):
        return client.get(path, headers={"Authorization": f"Bearer {_token['secret']}"})

    return call


SCENARIOS = [
    ("profiles, first page", _get("/api/v1/profiles")),
    (
        "profiles, country + ecosystem",
        _get("/api/v1/profiles?country=DE&ecosystem=energy-renewables"),
    ),
    ("profiles, text search", _get("/api/v1/profiles?q=hydrogen")),
    ("profiles, page 40 of 100 a page", _get("/api/v1/profiles?page=40&per_page=100")),
    ("challenges, first page", _get("/api/v1/challenges")),
    ("challenges, status + theme", _get("/api/v1/challenges?status=open&theme=green")),
    ("challenges, text search", _get("/api/v1/challenges?q=fee")),
    ("my notifications", _get("/api/v1/notifications")),
]
