"""schemathesis against the API's own OpenAPI document: no server errors, every answer as documented.

Bounded so the suite stays fast: a few generated requests per operation (valid and invalid ones),
on a small community, with an admin's write token so the requests reach the views.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from app.api import services
from app.extensions import db

EXAMPLES_PER_OPERATION = 15
OPERATIONS = 11  # every route in app/api/routes.py; a new one must be added here
RUN = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture
def api_schema(app, make_user, make_challenge, make_reply, make_edition):
    """The live OpenAPI document of a small community, and an admin's write token."""
    admin = make_user(role="admin", name="Ada Admin")
    peer = make_user(name="Petra Peer")
    challenge = make_challenge(peer)
    make_reply(challenge, admin)
    make_edition(members=(peer,))
    _, secret = services.create_token(admin, name="schemathesis", scope="write")
    db.session.commit()
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app), secret


def _operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def test_the_document_describes_every_operation(api_schema):
    schema, _ = api_schema
    labels = {operation.label for operation in _operations(schema)}
    assert len(labels) == OPERATIONS, labels


@pytest.mark.parametrize("index", range(OPERATIONS))
def test_each_operation_answers_as_documented(api_schema, index):
    schema, secret = api_schema
    operation = _operations(schema)[index]
    headers = {"Authorization": f"Bearer {secret}"}

    @RUN
    @given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate(headers=headers)

    check()
    # Whatever was generated, nothing was left half-written: the session is clean.
    assert not db.session.dirty and not db.session.new
