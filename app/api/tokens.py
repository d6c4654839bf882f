"""Pages for people around the API: the "API tokens" section of the account page, and /api/docs."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.api import services
from app.api.blueprint import pages
from app.api.forms import TokenForm
from app.extensions import db
from app.fragments import wants_fragment
from app.models import ApiToken

INVALID = 422


@pages.get("/account/tokens")
@login_required
def tokens():
    """My tokens and the form to create one (also shown on the account page)."""
    return _render(TokenForm())


@pages.post("/account/tokens")
@login_required
def create_token():
    """Create a token and show its secret once; htmx swaps the section, others get the page."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _render(form, status=INVALID)
    try:
        token, secret = services.create_token(
            current_user, name=form.name.data, scope=form.scope.data
        )
    except services.TooManyTokens as refused:
        form.name.errors = [*form.name.errors, str(refused)]
        return _render(form, status=INVALID)
    db.session.commit()
    return _render(TokenForm(formdata=None), new_token=token, secret=secret, status=201)


@pages.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of my tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    services.revoke_token(token)
    db.session.commit()
    if wants_fragment():
        return _render(TokenForm(formdata=None))
    return redirect(url_for("api_pages.tokens"))


@pages.get("/api/docs")
def docs():
    """The API's reference for people, drawn from /api/openapi.json by the vendored RapiDoc."""
    return render_template("api/docs.html", spec_url=url_for("api-docs.openapi_json"))


def _render(form: TokenForm, *, new_token=None, secret=None, status: int = 200):
    template = "api/_tokens.html" if wants_fragment() else "api/tokens.html"
    context = {
        "token_form": form,
        "api_tokens": services.tokens_of(current_user),
        "new_token": new_token,
        "new_secret": secret,
        "rate_limit": current_app.config["API_RATE_LIMIT"],
    }
    response = current_app.make_response((render_template(template, **context), status))
    response.headers["Cache-Control"] = "no-store"  # a page that may show a secret is never cached
    response.vary.add("HX-Request")
    return response
