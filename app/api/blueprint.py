"""The API area's two blueprints.

`bp` is the JSON API under /api/v1, a flask-smorest blueprint so every view is documented in the
OpenAPI document it generates; it authenticates with personal access tokens, not the session
cookie, so it needs no CSRF token and sets no cookie. `pages` holds the HTML around it for
people: the token list on the account page and the documentation page at /api/docs.
"""

from flask import Blueprint
from flask_smorest import Blueprint as ApiBlueprint

bp = ApiBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Profiles, challenges with replies, editions and notifications of the community.",
)
pages = Blueprint("api_pages", __name__)
