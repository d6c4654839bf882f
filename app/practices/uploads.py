"""Attachments of practices: which files are accepted, where they are stored, how they are served.

A file is accepted by what it contains, not by its name: its first bytes must be those of a PDF,
PNG or JPEG, or it must be a zip holding a PowerPoint presentation (.pptx), and the name's
extension must agree. Storing and serving are the site's shared upload rules (app/uploads.py):
a random name in UPLOAD_DIR (instance/uploads by default), never the name the uploader gave,
and always served as a download with nosniff, so a browser never runs or renders them as a
page of this site.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from flask import current_app
from werkzeug.datastructures import FileStorage

from app import uploads as shared
from app.uploads import RejectedFile, size_label

__all__ = ["RejectedFile", "size_label"]  # kept importable from here for the practice views

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
#: kind → (content type, accepted extensions, what people call it)
KINDS = {
    "pdf": ("application/pdf", (".pdf",), "PDF"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
        "PowerPoint slides (.pptx)",
    ),
    "png": ("image/png", (".png",), "PNG image"),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg"), "JPEG image"),
}
ACCEPTED = "PDF, PowerPoint (.pptx), PNG or JPEG"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, read into memory (at most the size cap)."""

    display_name: str
    kind: str
    data: bytes

    @property
    def content_type(self) -> str:
        """The content type it is served with."""
        return KINDS[self.kind][0]


def max_bytes() -> int:
    """The size cap for one file (config PRACTICE_UPLOAD_MAX_BYTES)."""
    return int(current_app.config.get("PRACTICE_UPLOAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


def upload_dir() -> Path:
    """Where attachments live: UPLOAD_DIR from the config or environment, else instance/uploads."""
    return shared.upload_dir()


def sniff(data: bytes) -> str | None:
    """The kind of file these bytes are (pdf, pptx, png, jpeg), or None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04") and _is_presentation(data):
        return "pptx"
    return None


def _is_presentation(data: bytes) -> bool:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "ppt/presentation.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def clean_name(filename: str | None) -> str:
    """The name to show and offer on download: no folders, no control characters, at most 160 characters."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable() and char not in '"<>')
    return name.strip()[-160:] or "attachment"


def check(upload: FileStorage) -> CheckedFile:
    """Read and check one upload; raises RejectedFile with a message for the Attachments field."""
    name = clean_name(upload.filename)
    limit = max_bytes()
    data = shared.read_capped(upload, limit)
    if not data:
        raise RejectedFile(f"Attachments: “{name}” is empty. Choose the file again.")
    if len(data) > limit:
        raise RejectedFile(
            f"Attachments: “{name}” is larger than {size_label(limit)}. "
            "Make it smaller (export a lighter PDF, resize images) or share a link to it instead."
        )
    kind = sniff(data)
    if kind is None:
        raise RejectedFile(
            f"Attachments: “{name}” is not a {ACCEPTED} file. Only those can be attached; "
            "for other files, add a link."
        )
    extension = PurePath(name).suffix.lower()
    if extension not in KINDS[kind][1]:
        raise RejectedFile(
            f"Attachments: “{name}” contains a {KINDS[kind][2]} but its name ends in "
            f"“{extension or 'nothing'}”. Rename it to end in {KINDS[kind][1][0]} and choose it again."
        )
    return CheckedFile(display_name=name, kind=kind, data=data)


def store(checked: CheckedFile) -> str:
    """Write the file under a new random name; returns that name."""
    return shared.store(checked.data, suffix=KINDS[checked.kind][1][0])


def remove(stored_name: str) -> None:
    """Delete a stored file (gone already is fine)."""
    shared.remove(stored_name)


def serve(stored_name: str, *, display_name: str, content_type: str):
    """A download response: Content-Disposition attachment, the right type, and nosniff."""
    return shared.serve(stored_name, content_type=content_type, download_name=display_name)
