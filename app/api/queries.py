"""Reads for the API: the site's own queries (same filters, same visibility rules), shaped as JSON.

Nothing here decides visibility on its own: profiles go through the directory's
`visible_profiles_clause`, challenges through app/challenges/visibility.py, editions through the
editions' membership lists. The dicts returned match app/api/schemas.py.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.challenges.queries import ChallengeFilters
from app.challenges.queries import challenge_page as site_challenge_page
from app.challenges.visibility import readable_by
from app.editions.members.queries import editions_with_role_counts, members_by_role
from app.extensions import db
from app.models import Challenge, Notification, Profile, Reply, User
from app.profile_visibility import visible_profiles_clause
from app.profiles.filters import DirectoryFilters
from app.profiles.queries import search_directory


def page_links(endpoint: str, *, page: int, per_page: int, total: int, **values) -> dict:
    """self/first/last/prev/next links for a page, keeping the request's filters."""
    last = max(1, -(-total // per_page))
    args = MultiDict(request.args)

    def link(number: int) -> str:
        args.setlist("page", [str(number)])
        args.setlist("per_page", [str(per_page)])
        return url_for(endpoint, **values) + "?" + urlencode(list(args.items(multi=True)))

    links = {"self": link(page), "first": link(1), "last": link(last)}
    if page > 1:
        links["prev"] = link(min(page - 1, last))
    if page < last:
        links["next"] = link(page + 1)
    return {"page": page, "per_page": per_page, "total": total, "links": links}


def link_header(links: dict) -> str:
    """The same links as an RFC 8288 Link header."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


def person(user: User | None, viewer: User, *, visible: set[int] | None = None) -> dict | None:
    """Name, and profile id when the viewer may open that profile (`visible`: the profile ids the
    viewer may open, when the caller already asked for a whole page of people)."""
    if user is None:
        return None
    profile = user.profile
    if profile is None:
        return {"name": user.name, "profile_id": None}
    if visible is None:
        visible = _visible_profile_ids(viewer, [profile.id])
    return {"name": user.name, "profile_id": profile.id if profile.id in visible else None}


def _visible_authors(viewer: User, users) -> set[int]:
    """The profile ids among these people's that the viewer may open, in one query."""
    ids = [u.profile.id for u in users if u is not None and u.profile is not None]
    return _visible_profile_ids(viewer, ids) if ids else set()


def _visible_profile_ids(viewer: User, profile_ids: list[int]) -> set[int]:
    query = select(Profile.id).where(Profile.id.in_(profile_ids), visible_profiles_clause(viewer))
    return set(db.session.scalars(query))


def profile_json(profile: Profile) -> dict:
    """A profile for the API (the caller is logged in, so texts are shown as on the site)."""
    return {
        "id": profile.id,
        "name": profile.user.name,
        "organisation": profile.organisation,
        "job_title": profile.job_title,
        "country": profile.country,
        "region": profile.region,
        "ecosystems": profile.ecosystems,
        "maturity": profile.maturity,
        "website": profile.website,
        "founded_year": profile.founded_year,
        "members_count": profile.members_count,
        "languages": profile.language_list,
        "about": profile.about,
        "expertise": profile.expertise,
        "needs": profile.needs,
        "url": url_for("profiles.detail", profile_id=profile.id),
    }


def profile_page(viewer: User, args: dict) -> dict:
    """A page of the directory as `viewer` sees it, filtered like /profiles/."""
    filters = DirectoryFilters.from_args(MultiDict({k: str(v) for k, v in args.items()}))
    found = search_directory(viewer, filters, page=args["page"], per_page=args["per_page"])
    body = page_links(
        "api.list_profiles", page=found.page, per_page=found.per_page, total=found.total
    )
    body["items"] = [profile_json(profile) for profile in found.items]
    return body


def get_profile_or_404(viewer: User, profile_id: int) -> Profile:
    """A profile the viewer may see, or 404."""
    profile = db.session.scalar(
        select(Profile).where(Profile.id == profile_id, visible_profiles_clause(viewer))
    )
    if profile is None:
        abort(404)
    return profile


def challenge_json(
    challenge: Challenge, viewer: User, *, replies_count: int, visible: set[int] | None = None
) -> dict:
    """A challenge for the API, without its replies."""
    return {
        "id": challenge.id,
        "title": challenge.title,
        "body": challenge.body,
        "themes": challenge.themes,
        "ecosystem": challenge.ecosystem,
        "country": challenge.country,
        "status": challenge.status,
        "author": person(challenge.author, viewer, visible=visible),
        "replies_count": replies_count,
        "created_at": _iso(challenge.created_at),
        "url": url_for("challenges.detail", challenge_id=challenge.id),
    }


def challenge_page(viewer: User, args: dict) -> dict:
    """A page of the challenges `viewer` may read, filtered like /challenges/, newest first (the
    list page's own query, with its cheap total)."""
    filters = ChallengeFilters.from_args({k: str(v) for k, v in args.items()})
    page, per_page = args["page"], args["per_page"]
    found = site_challenge_page(filters, viewer=viewer, page=page, per_page=per_page)
    items = found.items
    body = page_links(
        "api.list_challenges", page=page, per_page=per_page, total=found.pagination.total
    )
    visible = _visible_authors(viewer, [c.author for c in items])
    body["items"] = [
        challenge_json(c, viewer, replies_count=found.replies_of(c), visible=visible) for c in items
    ]
    return body


def get_challenge_or_404(viewer: User, challenge_id: int) -> Challenge:
    """A challenge the viewer may read, with its replies, or 404."""
    challenge = db.session.scalar(
        select(Challenge)
        .where(Challenge.id == challenge_id, readable_by(viewer))
        .options(
            selectinload(Challenge.author).selectinload(User.profile),
            selectinload(Challenge.theme_links),
            selectinload(Challenge.replies).selectinload(Reply.author).selectinload(User.profile),
        )
    )
    if challenge is None:
        abort(404)
    return challenge


def reply_json(reply: Reply, viewer: User, *, visible: set[int] | None = None) -> dict:
    """A reply for the API."""
    return {
        "id": reply.id,
        "author": person(reply.author, viewer, visible=visible),
        "body": reply.body,
        "helpful": reply.helpful,
        "created_at": _iso(reply.created_at),
    }


def challenge_detail(challenge: Challenge, viewer: User) -> dict:
    """A challenge with its replies."""
    visible = _visible_authors(viewer, [challenge.author, *(r.author for r in challenge.replies)])
    body = challenge_json(challenge, viewer, replies_count=len(challenge.replies), visible=visible)
    body["replies"] = [reply_json(reply, viewer, visible=visible) for reply in challenge.replies]
    return body


def _edition_json(edition, roles) -> dict:
    return {
        "id": edition.id,
        "name": edition.name,
        "place": edition.place,
        "online_start": edition.online_start,
        "online_end": edition.online_end,
        "in_person_start": edition.in_person_start,
        "in_person_end": edition.in_person_end,
        "applications_open": edition.applications_open,
        "participants_count": roles["participant"],
        "coaches_count": roles["coach"],
    }


def editions() -> dict:
    """Every edition with its member count, newest first."""
    return {"items": [_edition_json(e, roles) for e, roles in editions_with_role_counts()]}


def edition_detail(viewer: User, edition_id: int) -> dict:
    """An edition and its members, as a coach sees them."""
    found = next(((e, r) for e, r in editions_with_role_counts() if e.id == edition_id), None)
    if found is None:
        abort(404)
    edition, roles = found
    body = _edition_json(edition, roles)
    body["members"] = [
        {"name": m.user.name, "role": role, "profile_id": m.profile.id if m.profile else None}
        for role, members in members_by_role(edition, viewer).items()
        for m in members
    ]
    return body


def notification_page(user: User, args: dict) -> dict:
    """A page of the caller's own notifications, newest first."""
    page, per_page = args["page"], args["per_page"]
    query = select(Notification).where(Notification.user_id == user.id)
    total = db.session.scalar(query.with_only_columns(func.count(Notification.id)))
    items = db.session.scalars(
        query.order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    body = page_links("api.list_notifications", page=page, per_page=per_page, total=total)
    body["items"] = [
        {
            "id": n.id,
            "event": n.event,
            "message": n.message,
            "link": n.link,
            "read": n.is_read,
            "created_at": _iso(n.created_at),
        }
        for n in items
    ]
    return body


def current_scope() -> str:
    """The scope of this request's token."""
    from flask import g

    return g.api_token.scope
