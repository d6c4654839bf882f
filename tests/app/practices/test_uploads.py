"""Attachments: accepted by content, capped in size, stored under random names, served as downloads."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Practice, PracticeAttachment
from tests.app.practices.test_share_and_edit import GOOD

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def pptx() -> bytes:
    """The smallest zip that is a PowerPoint presentation by its contents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def share(browser, *files):
    data = GOOD | {"attachments": [(io.BytesIO(content), name) for name, content in files]}
    return browser.post("/practices/new", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", PDF),
        ("workshop.pptx", pptx()),
        ("poster.png", PNG),
        ("photo.JPG", JPEG),
        ("photo.jpeg", JPEG),
    ],
)
def test_pdf_slides_and_images_are_accepted_by_their_content(
    login, author, upload_dir, name, content
):
    response = share(login(author), (name, content))
    assert response.status_code == 302
    attachment = db.session.scalar(select(PracticeAttachment))
    assert attachment.display_name == name and attachment.size == len(content)
    assert attachment.stored_name != name and name not in attachment.stored_name
    assert (upload_dir / attachment.stored_name).read_bytes() == content


BAD_UPLOADS = [
    (
        "virus.exe",
        b"MZ\x90\x00" + b"\x00" * 60,
        "Attachments: “virus.exe” is not a PDF, PowerPoint (.pptx), PNG or JPEG file.",
    ),
    (
        "fake.pdf",
        b"<html><script>alert(1)</script></html>",
        "Attachments: “fake.pdf” is not a PDF, PowerPoint (.pptx), PNG or JPEG file.",
    ),
    (
        "report.docx",
        docx(),
        "Attachments: “report.docx” is not a PDF, PowerPoint (.pptx), PNG or JPEG file.",
    ),
    (
        "broken.pptx",
        b"PK\x03\x04not really a zip",
        "Attachments: “broken.pptx” is not a PDF, PowerPoint (.pptx), PNG or JPEG file.",
    ),
    (
        "page.html",
        PDF,
        "Attachments: “page.html” contains a PDF but its name ends in “.html”. Rename it to end in .pdf",
    ),
    (
        "image.png",
        JPEG,
        "Attachments: “image.png” contains a JPEG image but its name ends in “.png”. Rename it to end in .jpg",
    ),
    ("empty.pdf", b"", "Attachments: “empty.pdf” is empty. Choose the file again."),
    ("huge.pdf", PDF + b"0" * 2048, "Attachments: “huge.pdf” is larger than 1 KB."),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS)
def test_bad_uploads_are_refused_with_a_message_at_the_field(
    app, login, author, upload_dir, name, content, message
):
    app.config["PRACTICE_UPLOAD_MAX_BYTES"] = 1024 if name == "huge.pdf" else 10 * 1024 * 1024
    response = share(login(author), (name, content))
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalar(select(Practice)) is None
    assert not upload_dir.exists() or not any(upload_dir.iterdir())


def test_a_path_in_the_file_name_is_dropped(login, author):
    share(login(author), ("../../etc/passwd.pdf", PDF))
    assert db.session.scalar(select(PracticeAttachment.display_name)) == "passwd.pdf"


def test_at_most_five_files_at_a_time(login, author):
    response = share(login(author), *[(f"file{n}.pdf", PDF) for n in range(6)])
    assert (
        response.status_code == 422 and "Attachments: at most 5 files at a time." in response.text
    )


def test_files_are_served_as_downloads_with_nosniff(client, login, author):
    share(login(author), ("Guide for members.pdf", PDF))
    attachment = db.session.scalar(select(PracticeAttachment))
    response = client.get(f"/practices/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "Guide for members.pdf" in response.headers["Content-Disposition"]


def test_files_of_a_practice_one_may_not_see_are_404(client, login, author, people):
    share(login(author), ("guide.pdf", PDF))
    practice = db.session.scalar(select(Practice))
    practice.published = False
    db.session.commit()
    attachment = db.session.scalar(select(PracticeAttachment))
    assert client.get(f"/practices/attachments/{attachment.id}").status_code == 404
    assert (
        login(people["participant"]).get(f"/practices/attachments/{attachment.id}").status_code
        == 404
    )
    assert login(people["coach"]).get(f"/practices/attachments/{attachment.id}").status_code == 200


def test_storage_defaults_to_the_instance_folder(app, tmp_path, monkeypatch):
    from app.practices import uploads

    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))
    app.config["UPLOAD_DIR"] = None
    assert uploads.upload_dir() == tmp_path / "instance" / "uploads"


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 302), ("admin", 302)]
)
def test_authors_coaches_and_admins_remove_attachments(
    login, author, people, upload_dir, role, status
):
    share(login(author), ("guide.pdf", PDF))
    attachment = db.session.scalar(select(PracticeAttachment))
    stored = upload_dir / attachment.stored_name
    response = login(people[role]).post(f"/practices/attachments/{attachment.id}/delete")
    assert response.status_code == status
    assert stored.exists() is (status == 403)


def test_the_author_adds_a_file_when_editing_and_the_history_says_so(login, author, practice):
    data = GOOD | {"attachments": [(io.BytesIO(PDF), "budget.pdf")]}
    response = login(author).post(
        f"/practices/{practice.id}/edit", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert practice.versions[0].changed == "Attached budget.pdf"
