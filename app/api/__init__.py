"""The JSON API (/api/v1), its OpenAPI 3.1 document (/api/openapi.json) and its pages for people.

flask-smorest builds the OpenAPI document from the views' marshmallow schemas, so the document
cannot drift from the code (chosen over APIFlask, which replaces the Flask app class, and spectree,
which would bring pydantic beside the marshmallow-free rest of the app; see docs/api.md).
"""

from __future__ import annotations

import http

from flask import Flask
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.routing import IntegerConverter

from app.api import problems
from app.api.blueprint import bp, pages

API_SPEC_OPTIONS = {
    "info": {
        "description": (
            "Read the community's profiles, challenges with replies, editions (coaches) and your "
            "notifications; post challenges and replies and request introductions. Authenticate "
            "with a personal access token from your account page: `Authorization: Bearer <token>`. "
            "Errors are RFC 9457 problem details."
        )
    },
    "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    "security": [{"token": []}],
    "servers": [{"url": "/"}],
}


class ProblemApi(Api):
    """flask-smorest's Api, with errors as problem details and handled only inside the API.

    flask-smorest would answer every HTTP error of the whole site with its JSON; the site's own
    pages keep their HTML errors (app/errors), and the API blueprint handles its own.
    """

    ERROR_SCHEMA = problems.ProblemSchema

    def _register_error_handlers(self):
        """Nothing app-wide: app/api/routes.py registers the handlers on the API blueprint."""

    def _register_responses(self):
        """Document every error response as problem details, with their own media type."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, problems.PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, problems.PROBLEM_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


api = ProblemApi()

# Primary keys are `integer` columns (32-bit on PostgreSQL): a larger number in a path can name
# nothing, so the URL does not match (404) instead of reaching the database, which refuses it.
ID_MAX = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<id:name>`: a positive database id (up to 2**31 - 1); anything else is a 404."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, min=1, max=ID_MAX)


def _id_parameter_schema(converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": ID_MAX}


def init_app(app: Flask) -> None:
    """Attach the API, its document and its pages to the app."""
    from app.api import routes, tokens  # noqa: F401  (their views register on bp and pages)
    from app.extensions import csrf

    app.config.setdefault("API_TITLE", "Cluster Booster Community API")
    app.config.setdefault("API_VERSION", "1.0")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", API_SPEC_OPTIONS)
    app.url_map.converters["id"] = IdConverter
    api.init_app(app)
    api.register_converter(IdConverter, _id_parameter_schema)
    csrf.exempt(bp)  # token-authenticated, never the session cookie: nothing to forge
    api.register_blueprint(bp)
    app.register_blueprint(pages)
    app.jinja_env.globals.update(new_token_form=_new_token_form, api_tokens_of=_tokens_of)


def _new_token_form():
    from app.api.forms import TokenForm

    return TokenForm(formdata=None)


def _tokens_of(user):
    from app.api.services import tokens_of

    return tokens_of(user)
