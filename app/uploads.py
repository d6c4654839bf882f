"""Files people upload, for every area that takes them: the size cap's reading, where files are
stored, under which names, and how they are served.

Used by the practice library's attachments (app/practices/uploads.py, which decides what it
accepts) and profile photos (app/profiles/photos.py). Files live in UPLOAD_DIR (instance/uploads
unless the config or environment names another directory), in one folder per use, each under a
new random name, never the name the uploader gave. Every response serving one carries nosniff
and a sandboxing Content-Security-Policy, so a browser never runs it as a page of this site.
"""

from __future__ import annotations

import secrets
from pathlib import Path, PurePath

from flask import current_app, send_file
from werkzeug.datastructures import FileStorage


class RejectedFile(ValueError):
    """An upload that is refused; the message names the field, what is wrong and what to do."""


def upload_dir(folder: str = "") -> Path:
    """Where uploads live: UPLOAD_DIR from the config or environment, else instance/uploads (created)."""
    configured = current_app.config.get("UPLOAD_DIR")
    directory = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    if folder:
        directory = directory / folder
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def size_label(size: int) -> str:
    """A size as people read it: "10 MB", "512 KB"."""
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{max(size // 1024, 1)} KB"


def read_capped(upload: FileStorage, limit: int) -> bytes:
    """At most limit + 1 bytes of the upload: one byte more than the cap tells it is too large,
    without reading a huge file into memory."""
    return upload.stream.read(limit + 1)


def store(data: bytes, *, suffix: str, folder: str = "") -> str:
    """Write `data` under a new random name ending in `suffix`; returns that name."""
    stored_name = f"{secrets.token_hex(16)}{suffix}"
    (upload_dir(folder) / stored_name).write_bytes(data)
    return stored_name


def path_of(stored_name: str, *, folder: str = "") -> Path:
    """The file of a stored name (any folder part of the name is ignored)."""
    return upload_dir(folder) / PurePath(stored_name).name


def remove(stored_name: str, *, folder: str = "") -> None:
    """Delete a stored file (gone already is fine)."""
    path_of(stored_name, folder=folder).unlink(missing_ok=True)


def serve(
    stored_name: str,
    *,
    content_type: str,
    folder: str = "",
    download_name: str | None = None,
    inline: bool = False,
    max_age: int | None = None,
):
    """A response with the stored file: the given type, nosniff, a sandboxing CSP, and
    Content-Disposition attachment (a download) or inline (an image shown in a page)."""
    response = send_file(
        path_of(stored_name, folder=folder),
        mimetype=content_type,
        as_attachment=not inline,
        download_name=download_name,
        max_age=max_age,
    )
    if inline:
        response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
