"""Profile photos: "Upload a photo" and "Remove photo" on the edit page, the checks a photo passes,
the thumbnail kept, who may see it, and what an account's export and deletion do with it."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from PIL import Image

from app.extensions import db
from app.privacy import erase_person
from app.profiles import photos

EDIT = "/profiles/me/edit"
UPLOAD = "/profiles/me/photo"
REMOVE = "/profiles/me/photo/delete"


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    """Photos go to a folder of this test, never to instance/."""
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    return tmp_path / "uploads" / photos.FOLDER


def picture(fmt: str = "JPEG", size=(640, 480), *, mode: str = "RGB", exif=None) -> bytes:
    """A real picture in `fmt`, optionally with EXIF."""
    image = Image.new(mode, size, (200, 40, 40, 128) if mode == "RGBA" else (200, 40, 40))
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **options)
    return out.getvalue()


def gps_exif() -> Image.Exif:
    """EXIF naming a camera and a GPS position (Ljubljana)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (46.0, 3.0, 0.0), 3: "E", 4: (14.0, 30.0, 0.0)}  # GPSInfo
    return exif


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(client, data: bytes, filename: str = "me.jpg"):
    return client.post(
        UPLOAD, data={"photo": (io.BytesIO(data), filename)}, content_type="multipart/form-data"
    )


@pytest.fixture
def member_with_photo(make_user, login):
    """A member who has uploaded a photo, and their logged-in client."""
    member = make_user(name="Urška Potočnik", visibility="community")
    client = login(member)
    assert upload(client, picture()).status_code == 302
    db.session.refresh(member.profile)
    return member, client


# --- uploading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mode", "filename"),
    [("JPEG", "RGB", "holiday.jpg"), ("PNG", "RGBA", "me.png"), ("WEBP", "RGB", "me.webp")],
)
def test_a_photo_is_kept_as_a_square_jpeg_under_a_random_name(
    make_user, login, upload_dir, fmt, mode, filename
):
    member = make_user()
    response = upload(login(member), picture(fmt, mode=mode), filename)
    assert response.status_code == 302 and response.location.endswith(EDIT)
    stored = member.profile.photo_name
    assert stored and filename.split(".")[0] not in stored and stored.endswith(".jpg")
    assert [p.name for p in upload_dir.iterdir()] == [stored]
    kept = Image.open(upload_dir / stored)
    assert kept.format == "JPEG" and kept.size == (photos.THUMBNAIL, photos.THUMBNAIL)


def test_the_kept_photo_has_no_exif_no_camera_and_no_gps(make_user, login, upload_dir):
    member = make_user()
    original = picture(exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the upload carries GPS
    upload(login(member), original)
    data = (upload_dir / member.profile.photo_name).read_bytes()
    kept = Image.open(io.BytesIO(data))
    assert not kept.getexif() and "exif" not in kept.info
    assert b"PhoneMaker" not in data and b"Exif" not in data


def test_a_sideways_phone_photo_is_turned_upright_before_cropping(make_user, login, upload_dir):
    """EXIF orientation 6 (rotate 90°): a photo with its left half white must keep white on top."""
    image = Image.new("RGB", (400, 200), "black")
    image.paste((255, 255, 255), (0, 0, 200, 200))  # left half white
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    member = make_user()
    upload(login(member), out.getvalue())
    kept = Image.open(upload_dir / member.profile.photo_name).convert("L")
    # Turned upright, the white half is on top; the centre square's top row is white.
    assert kept.getpixel((128, 5)) > 200 and kept.getpixel((128, 250)) < 60


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.jpg", "the file is empty"),
        (b"<html><script>alert(1)</script></html>", "me.jpg", "not a JPEG, PNG or WebP picture"),
        (b"%PDF-1.7 not a photo", "cv.pdf", "not a JPEG, PNG or WebP picture"),
        (picture("GIF"), "me.gif", "not a JPEG, PNG or WebP picture"),
        (picture("BMP"), "me.bmp", "not a JPEG, PNG or WebP picture"),
        (picture("JPEG")[:200], "cut.jpg", "damaged or incomplete"),
        (png_claiming(20_000, 20_000), "bomb.png", "too large (25 megapixels at most"),
        (png_claiming(12_000, 100), "wide.png", "10,000 pixels a side"),
    ],
    ids=["empty", "html", "pdf", "gif", "bmp", "truncated", "bomb", "too-wide"],
)
def test_a_refused_file_is_named_at_the_field_and_the_old_photo_stays(
    member_with_photo, upload_dir, data, filename, message
):
    member, client = member_with_photo
    before = member.profile.photo_name
    response = upload(client, data, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="photo-error"' in html and message in html
    assert "Your photo was not changed" in html
    db.session.refresh(member.profile)
    assert member.profile.photo_name == before
    assert [p.name for p in upload_dir.iterdir()] == [before]


def test_a_photo_over_the_size_cap_is_refused_before_it_is_decoded(
    app, member_with_photo, upload_dir
):
    member, client = member_with_photo
    before = member.profile.photo_name
    app.config["PROFILE_PHOTO_MAX_BYTES"] = 2048
    big = picture("PNG", size=(300, 300))
    big += b"\0" * 4096  # PNG readers ignore trailing bytes: only the cap can refuse it
    response = upload(client, big, "big.png")
    assert response.status_code == 422
    assert "larger than 2 KB" in response.get_data(as_text=True)
    db.session.refresh(member.profile)
    assert member.profile.photo_name == before


def test_uploading_without_choosing_a_file_says_so(make_user, login):
    member = make_user()
    response = login(member).post(UPLOAD, data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Photo: choose a JPEG, PNG or WebP file first." in response.get_data(as_text=True)
    assert member.profile.photo_name is None


def test_a_new_photo_replaces_the_old_one_and_its_file(member_with_photo, upload_dir):
    member, client = member_with_photo
    before = member.profile.photo_name
    assert upload(client, picture("PNG"), "new.png").status_code == 302
    db.session.refresh(member.profile)
    after = member.profile.photo_name
    assert after != before and [p.name for p in upload_dir.iterdir()] == [after]


def test_remove_photo_brings_the_initials_back_and_deletes_the_file(member_with_photo, upload_dir):
    member, client = member_with_photo
    response = client.post(REMOVE)
    assert response.status_code == 302 and response.location.endswith(EDIT)
    db.session.refresh(member.profile)
    assert member.profile.photo_name is None and list(upload_dir.iterdir()) == []
    page = client.get(f"/profiles/{member.profile.id}").get_data(as_text=True)
    assert 'aria-hidden="true">UP</span>' in page and "avatar-photo" not in page


def test_the_edit_page_offers_upload_and_remove(member_with_photo, make_user, login):
    member, client = member_with_photo
    html = client.get(EDIT).get_data(as_text=True)
    assert "Upload a photo" in html and "Remove photo" in html
    assert (
        'enctype="multipart/form-data"' in html
        and 'accept="image/jpeg,image/png,image/webp"' in html
    )
    fresh = login(make_user()).get(EDIT).get_data(as_text=True)
    assert "Upload a photo" in fresh and "Remove photo" not in fresh


def test_visitors_cannot_upload_or_remove(client):
    assert upload(client, picture()).status_code == 302  # to the login page
    assert "/login" in client.post(REMOVE).location


def test_someone_without_a_profile_is_asked_to_create_it_first(make_user, login, upload_dir):
    response = upload(login(make_user(with_profile=False)), picture())
    assert response.status_code == 302 and response.location.endswith(EDIT)
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []


# --- who sees it ----------------------------------------------------------------------------


def photo_url(member) -> str:
    return f"/profiles/{member.profile.id}/photo"


def test_the_photo_is_served_inline_as_a_jpeg_with_nosniff(member_with_photo):
    member, client = member_with_photo
    response = client.get(photo_url(member))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == "inline"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "private" in response.headers["Cache-Control"]
    assert Image.open(io.BytesIO(response.data)).size == (photos.THUMBNAIL, photos.THUMBNAIL)


@pytest.mark.parametrize(
    ("visibility", "role", "shared_edition", "expected"),
    [
        ("community", "participant", False, 200),
        ("community", "coach", False, 200),
        ("cohorts", "participant", False, 404),
        ("cohorts", "participant", True, 200),
        ("cohorts", "coach", False, 200),
        ("cohorts", "admin", False, 200),
        ("hidden", "participant", True, 404),
        ("hidden", "coach", False, 404),
        ("hidden", "admin", False, 200),
    ],
)
def test_the_photo_follows_the_profile_visibility_rules(
    member_with_photo, make_user, make_edition, login, visibility, role, shared_edition, expected
):
    member, _ = member_with_photo
    member.profile.visibility = visibility
    viewer = make_user(role=role)
    if shared_edition:
        make_edition(members=(member, viewer))
    db.session.commit()
    assert login(viewer).get(photo_url(member)).status_code == expected


def test_visitors_get_no_photo_and_see_initials(member_with_photo, client):
    member, _ = member_with_photo
    assert "/login" in client.get(photo_url(member)).location
    directory = client.get("/profiles/?q=Potočnik").get_data(as_text=True)
    assert 'aria-hidden="true">UP</span>' in directory and "/photo" not in directory


def test_a_profile_without_photo_has_no_photo_address(make_user, login):
    member = make_user()
    assert login(make_user()).get(photo_url(member)).status_code == 404


def test_the_photo_shows_with_alt_text_where_the_initials_showed(
    member_with_photo, make_user, login
):
    member, _ = member_with_photo
    client = login(make_user())
    img = f'src="/profiles/{member.profile.id}/photo?v={member.profile.photo_name[:8]}"'
    page = client.get(f"/profiles/{member.profile.id}").get_data(as_text=True)
    assert img in page and 'alt="Photo of Urška Potočnik"' in page and "avatar-large" in page
    directory = client.get("/profiles/?q=Potočnik").get_data(as_text=True)
    assert img in directory and 'aria-hidden="true">UP</span>' not in directory


def test_a_hidden_profiles_photo_is_not_drawn_for_people_who_may_not_see_it(
    member_with_photo, make_user, login, app
):
    """Wherever a name shows (replies, groups), the avatar only shows the photo to those who may."""
    from flask import render_template_string

    member, _ = member_with_photo
    member.profile.visibility = "hidden"
    db.session.commit()
    other = make_user()
    template = '{% from "_people.html" import avatar %}{{ avatar(user) }}'
    with app.test_request_context():
        from flask_login import login_user

        login_user(other)
        html = render_template_string(template, user=member)
    assert "<img" not in html and ">UP</span>" in html


# --- export and deletion --------------------------------------------------------------------


def test_the_account_export_holds_the_photo(member_with_photo, upload_dir):
    member, client = member_with_photo
    data = client.get("/account/export.json").get_json()
    exported = data["profile"]["photo"]
    assert exported["content_type"] == "image/jpeg"
    kept = (upload_dir / member.profile.photo_name).read_bytes()
    assert base64.b64decode(exported["base64"]) == kept


def test_the_export_says_none_without_a_photo(make_user, login):
    assert login(make_user()).get("/account/export.json").get_json()["profile"]["photo"] is None


def test_deleting_the_account_deletes_the_photo_file(member_with_photo, upload_dir):
    member, _ = member_with_photo
    assert list(upload_dir.iterdir())
    erase_person(member)
    db.session.commit()
    assert list(upload_dir.iterdir()) == []


def test_a_rolled_back_deletion_keeps_the_photo_file(member_with_photo, upload_dir):
    member, _ = member_with_photo
    erase_person(member)
    db.session.rollback()
    assert len(list(upload_dir.iterdir())) == 1
