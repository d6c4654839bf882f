"""The JSON API's views: parse with a schema, call one query or service, commit once, return JSON.

Each view names the errors it can answer in the OpenAPI document (`errors(...)`), so a client
(and schemathesis in the tests) knows every status code it may meet.
"""

from __future__ import annotations

from flask import abort as flask_abort
from flask import url_for
from flask_smorest import abort
from werkzeug.exceptions import HTTPException

from app.api import problems, queries, schemas
from app.api.auth import api_user, token_required
from app.api.blueprint import bp
from app.challenges import services as challenge_services
from app.extensions import db
from app.models import User
from app.peers.services import IntroductionRefused, request_introduction

bp.register_error_handler(HTTPException, problems.from_http_exception)

AUTH_ERRORS = (401, 429)


def errors(*codes: int):
    """Document the problem responses a view may give, besides 401 and 429 which all may."""

    def decorator(view):
        for code in sorted({*AUTH_ERRORS, *codes}):
            view = bp.alt_response(code, response=_RESPONSE_NAMES[code])(view)
        return view

    return decorator


_RESPONSE_NAMES = {
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    409: "CONFLICT",
    422: "UNPROCESSABLE_ENTITY",
    429: "TOO_MANY_REQUESTS",
}


def _paged(body: dict) -> tuple[dict, int, dict]:
    return body, 200, {"Link": queries.link_header(body["links"])}


@bp.route("/me", methods=["GET"])
@token_required()
@bp.response(200, schemas.MeSchema)
@errors()
def me():
    """Who this token belongs to and its scope."""
    user = api_user()
    return {
        "name": user.name,
        "role": user.role,
        "profile_id": user.profile.id if user.profile else None,
        "scope": queries.current_scope(),
    }


@bp.route("/profiles", methods=["GET"])
@token_required()
@bp.arguments(schemas.ProfileArgs, location="query", as_kwargs=False)
@bp.response(200, schemas.ProfilePageSchema)
@errors(422)
def list_profiles(args):
    """Profiles you may see, by name, filtered like the directory; the Link header pages on."""
    return _paged(queries.profile_page(api_user(), args))


@bp.route("/profiles/<id:profile_id>", methods=["GET"])
@token_required()
@bp.response(200, schemas.ProfileSchema)
@errors(404)
def get_profile(profile_id: int):
    """One profile, if you may see it."""
    return queries.profile_json(queries.get_profile_or_404(api_user(), profile_id))


@bp.route("/challenges", methods=["GET"])
@token_required()
@bp.arguments(schemas.ChallengeArgs, location="query", as_kwargs=False)
@bp.response(200, schemas.ChallengePageSchema)
@errors(422)
def list_challenges(args):
    """Challenges you may read, newest first, filtered like /challenges/."""
    return _paged(queries.challenge_page(api_user(), args))


@bp.route("/challenges/<id:challenge_id>", methods=["GET"])
@token_required()
@bp.response(200, schemas.ChallengeDetailSchema)
@errors(404)
def get_challenge(challenge_id: int):
    """One challenge with its replies."""
    viewer = api_user()
    return queries.challenge_detail(queries.get_challenge_or_404(viewer, challenge_id), viewer)


@bp.route("/challenges", methods=["POST"])
@token_required("write")
@bp.arguments(schemas.NewChallengeSchema)
@bp.response(201, schemas.ChallengeDetailSchema)
@errors(403, 422)
def post_challenge(data):
    """Post a challenge in your name (a write token)."""
    author = api_user()
    challenge = challenge_services.post_challenge(
        author,
        title=data["title"],
        body=data["body"],
        themes=list(dict.fromkeys(data["themes"])),
        ecosystem=data.get("ecosystem"),
    )
    db.session.commit()
    location = url_for("api.get_challenge", challenge_id=challenge.id)
    return queries.challenge_detail(challenge, author), 201, {"Location": location}


@bp.route("/challenges/<id:challenge_id>/replies", methods=["POST"])
@token_required("write")
@bp.arguments(schemas.NewReplySchema)
@bp.response(201, schemas.ReplySchema)
@errors(403, 404, 409, 422)
def post_reply(data, challenge_id: int):
    """Reply to a challenge you may read (a write token)."""
    author = api_user()
    challenge = queries.get_challenge_or_404(author, challenge_id)
    if challenge.removed_at is not None:
        abort(409, message="Its author removed this challenge, so it takes no new replies.")
    reply = challenge_services.post_reply(challenge, author, body=data["body"])
    db.session.commit()
    return queries.reply_json(reply, author)


@bp.route("/introductions", methods=["POST"])
@token_required("write")
@bp.arguments(schemas.NewIntroductionSchema)
@bp.response(201, schemas.IntroductionSchema)
@errors(403, 404, 409, 422)
def post_introduction(data):
    """Ask to be introduced to the manager behind a profile, with a short message (a write token)."""
    sender = api_user()
    recipient = queries.get_profile_or_404(sender, data["profile_id"]).user
    try:
        introduction = request_introduction(sender, recipient, message=data["message"])
    except IntroductionRefused as refused:
        abort(409, message=str(refused))
    db.session.commit()
    return {
        "id": introduction.id,
        "recipient": queries.person(recipient, sender),
        "status": introduction.status,
        "message": introduction.message,
    }


@bp.route("/editions", methods=["GET"])
@token_required()
@bp.response(200, schemas.EditionListSchema)
@errors(403)
def list_editions():
    """Every Academy edition with its member count (coaches and admins)."""
    _coaches_only(api_user())
    return queries.editions()


@bp.route("/editions/<id:edition_id>", methods=["GET"])
@token_required()
@bp.response(200, schemas.EditionDetailSchema)
@errors(403, 404)
def get_edition(edition_id: int):
    """One edition with its participants, coaches and organisers (coaches and admins)."""
    viewer = api_user()
    _coaches_only(viewer)
    return queries.edition_detail(viewer, edition_id)


@bp.route("/notifications", methods=["GET"])
@token_required()
@bp.arguments(schemas.PageArgs, location="query", as_kwargs=False)
@bp.response(200, schemas.NotificationPageSchema)
@errors(422)
def list_notifications(args):
    """My notifications, newest first."""
    return _paged(queries.notification_page(api_user(), args))


def _coaches_only(user: User) -> None:
    if not user.is_coach:
        flask_abort(403, "Editions are for coaches and admins.")
