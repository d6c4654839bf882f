"""Profile photos: which pictures are accepted, the thumbnail kept, and who may see it.

The upload rules are the site's (app/uploads.py): accepted by content, never by name; a cap on
bytes; a random stored name in UPLOAD_DIR/avatars; served with nosniff. On top of that a photo
must decode with Pillow as a JPEG, PNG or WebP of at most MAX_PIXELS (checked from the header,
before any pixel is decoded, so a small file claiming a huge picture is refused unread). Only a
new square JPEG thumbnail is kept: the original's bytes, EXIF (camera, GPS position) and any
other metadata are dropped, and a file that merely looks like an image cannot come out the other
side. The photo is shown to logged-in people who may see the profile
(app/profile_visibility.py); visitors see the initials, as they see only a profile's basics.
"""

from __future__ import annotations

import base64
import io
import warnings

from flask import current_app, url_for
from flask_login import current_user
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from werkzeug.datastructures import FileStorage

from app import uploads
from app.extensions import db
from app.models import Profile
from app.templating import profile_url  # who may open which profile, remembered per request
from app.uploads import RejectedFile

FOLDER = "avatars"
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
#: 25 megapixels (6000 × 4000, what phones take) decode to at most 100 MB for a moment.
MAX_PIXELS = 25_000_000
MAX_SIDE = 10_000
THUMBNAIL = 256  # pixels on each side of the kept square
CONTENT_TYPE = "image/jpeg"
#: Pillow's names of the accepted formats.
FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPTED = "JPEG, PNG or WebP"
# Session.info keys: files to delete once the transaction that stopped using them commits, and
# files written for a transaction that are deleted again if it rolls back.
_REMOVE_AFTER_COMMIT = "photos_to_remove"
_REMOVE_AFTER_ROLLBACK = "photos_written"


def max_bytes() -> int:
    """The size cap for one photo (config PROFILE_PHOTO_MAX_BYTES)."""
    return int(current_app.config.get("PROFILE_PHOTO_MAX_BYTES") or DEFAULT_MAX_BYTES)


def thumbnail(upload: FileStorage) -> bytes:
    """The square JPEG thumbnail of an uploaded photo; raises RejectedFile with a message for the field."""
    limit = max_bytes()
    data = uploads.read_capped(upload, limit)
    if not data:
        raise RejectedFile("Photo: the file is empty. Choose a JPEG, PNG or WebP photo.")
    if len(data) > limit:
        raise RejectedFile(
            f"Photo: the file is larger than {uploads.size_label(limit)}. "
            "Choose a smaller photo, or save it again at a lower size."
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open_checked(data)
            image.draft("RGB", (THUMBNAIL * 2, THUMBNAIL * 2))  # JPEG: decode at a reduced size
            image.load()
            return _square_jpeg(image)
        except RejectedFile:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError):
            raise RejectedFile(
                "Photo: the picture is damaged or incomplete and cannot be read. "
                "Open it on your computer, save it again, and choose it again."
            ) from None


def _open_checked(data: bytes) -> Image.Image:
    """Open (headers only) and check the format and the pixel count."""
    try:  # only these formats' readers ever see the bytes
        image = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except UnidentifiedImageError:
        raise RejectedFile(
            f"Photo: this file is not a {ACCEPTED} picture. "
            "Save it in one of those formats (any photo app can) and choose it again."
        ) from None
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise _too_many_pixels()
    return image


def _too_many_pixels() -> RejectedFile:
    return RejectedFile(
        f"Photo: the picture is too large ({MAX_PIXELS // 1_000_000} megapixels at most, "
        f"{MAX_SIDE:,} pixels a side). Resize it and choose it again."
    )


def _square_jpeg(image: Image.Image) -> bytes:
    """Turned upright, cropped to the centre square, THUMBNAIL pixels, no metadata."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):  # transparency becomes white, not black
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image)
    square = ImageOps.fit(image.convert("RGB"), (THUMBNAIL, THUMBNAIL), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    square.save(out, "JPEG", quality=85, optimize=True)  # no exif=, no icc_profile=: nothing kept
    return out.getvalue()


def store(data: bytes) -> str:
    """Write a thumbnail under a new random name (deleted again if the transaction rolls back)."""
    stored_name = uploads.store(data, suffix=".jpg", folder=FOLDER)
    db.session.info.setdefault(_REMOVE_AFTER_ROLLBACK, []).append(stored_name)
    return stored_name


def remove_after_commit(stored_name: str | None) -> None:
    """Delete this stored photo once the current transaction commits (kept if it rolls back)."""
    if stored_name:
        db.session.info.setdefault(_REMOVE_AFTER_COMMIT, []).append(stored_name)


def has_photo(profile: Profile) -> bool:
    """Whether the profile has a photo whose file is there."""
    return bool(profile.photo_name) and uploads.path_of(profile.photo_name, folder=FOLDER).exists()


def serve(profile: Profile):
    """The photo as an image shown inline: image/jpeg, nosniff, cached by the viewer's browser only."""
    response = uploads.serve(
        profile.photo_name, content_type=CONTENT_TYPE, folder=FOLDER, inline=True, max_age=3600
    )
    response.cache_control.private = True
    response.vary.add("Cookie")
    return response


def photo_url(user, profile: Profile | None = None) -> str | None:
    """The address of `user`'s photo if they have one and the current viewer may see it, else None.

    Pass the profile when the page has it loaded: reaching it from the user costs a query each.
    """
    profile = profile if profile is not None else getattr(user, "profile", None)
    if profile is None or not profile.photo_name or not current_user.is_authenticated:
        return None
    if profile_url(user) is None:
        return None
    # The stored name changes with each upload, so a new photo gets a new address.
    return url_for("profiles.photo", profile_id=profile.id, v=profile.photo_name[:8])


def export(profile: Profile) -> dict | None:
    """The photo for the account export: the kept thumbnail itself, base64-encoded (None: no photo)."""
    if not has_photo(profile):
        return None
    data = uploads.path_of(profile.photo_name, folder=FOLDER).read_bytes()
    return {"content_type": CONTENT_TYPE, "base64": base64.b64encode(data).decode("ascii")}


@event.listens_for(Profile, "after_delete")
def _forget_photo_of_deleted_profile(mapper, connection, profile: Profile) -> None:
    """A deleted profile (an account deletion, app/privacy.py) takes its photo file with it."""
    remove_after_commit(profile.photo_name)


@event.listens_for(db.session, "after_commit")
def _remove_unused_files(session) -> None:
    session.info.pop(_REMOVE_AFTER_ROLLBACK, None)
    for stored_name in session.info.pop(_REMOVE_AFTER_COMMIT, []):
        uploads.remove(stored_name, folder=FOLDER)


@event.listens_for(db.session, "after_rollback")
def _remove_files_of_undone_uploads(session) -> None:
    session.info.pop(_REMOVE_AFTER_COMMIT, None)
    for stored_name in session.info.pop(_REMOVE_AFTER_ROLLBACK, []):
        uploads.remove(stored_name, folder=FOLDER)
