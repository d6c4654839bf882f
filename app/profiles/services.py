"""Writes for profiles: saving a manager's profile and telling the rest of the app it changed."""

from __future__ import annotations

from app import reference
from app.extensions import db
from app.models import Profile, User
from app.profiles import photos
from app.signals import profile_saved

TEXT_FIELDS = ("about", "expertise", "needs")
PLAIN_FIELDS = (
    "organisation",
    "website",
    "job_title",
    "country",
    "region",
    "founded_year",
    "members_count",
    "label",
    "about",
    "expertise",
    "needs",
    "languages",
    "visibility",
)


class _Keep:
    """Marker for "leave the maturity choice as it is"."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def start_profile(user: User) -> Profile:
    """A blank, not yet saved profile for a user who has none (update_profile adds it to the session)."""
    return Profile(user_id=user.id)


def update_profile(
    profile: Profile,
    *,
    ecosystems: list[str] | None = None,
    maturity: str | None | _Keep = KEEP,
    **fields: object,
) -> Profile:
    """Apply the given fields, set maturity (None → derived from age and label), flush, send profile_saved.

    `fields` are any of PLAIN_FIELDS; fields not given are left as they are. Validation is the form's
    job; this refuses only names it does not know, so a typo cannot silently drop a change.
    """
    unknown = set(fields) - set(PLAIN_FIELDS)
    if unknown:
        raise TypeError(f"update_profile() got unknown fields: {', '.join(sorted(unknown))}")
    is_new = profile.id is None
    texts_before = [getattr(profile, name) or "" for name in TEXT_FIELDS]
    for name, value in fields.items():
        setattr(profile, name, value)
    if ecosystems is not None:
        profile.ecosystems = ecosystems
    _set_maturity(profile, maturity)
    db.session.add(profile)
    db.session.flush()
    texts_after = [getattr(profile, name) or "" for name in TEXT_FIELDS]
    changed_text = texts_after != texts_before or (is_new and any(texts_after))
    profile_saved.send(profile, changed_text=changed_text)
    return profile


def _set_maturity(profile: Profile, maturity: str | None | _Keep) -> None:
    if maturity is not KEEP:
        profile.maturity_set_by_user = maturity is not None
        if maturity is not None:
            profile.maturity = maturity
    if not profile.maturity_set_by_user:
        profile.maturity = reference.derive_maturity(profile.founded_year, profile.label)


def set_photo(profile: Profile, thumbnail: bytes) -> None:
    """Keep a checked thumbnail as the profile's photo; the previous file goes once this commits."""
    previous = profile.photo_name
    profile.photo_name = photos.store(thumbnail)
    photos.remove_after_commit(previous)
    db.session.flush()


def remove_photo(profile: Profile) -> None:
    """Drop the profile's photo (initials again); its file goes once this commits."""
    photos.remove_after_commit(profile.photo_name)
    profile.photo_name = None
    db.session.flush()
