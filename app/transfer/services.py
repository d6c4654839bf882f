"""Writes of the transfer area: people imported from CSV, and the uploads waiting for "Confirm import".

An upload is kept as a file under instance/imports/ until the admin confirms it (or for
IMPORT_PREVIEW_MAX_AGE), named by a random id and tied to the admin who sent it, so the preview
and the import read the same bytes and nothing is written to the database before confirmation.
Imports flush; the view or the command commits once, so an import is all or nothing.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import reference
from app.auth.tokens import make_reset_token
from app.editions.applications.eligibility import check_applicant
from app.extensions import db
from app.mail import send_email
from app.models import Application, Edition, Profile, User
from app.profiles.services import update_profile
from app.security import external_url
from app.services import embedding
from app.transfer.people_csv import ReadResult, RowOutcome, read_people

PROFILE_COLUMNS = (
    "organisation",
    "country",
    "job_title",
    "region",
    "website",
    "founded_year",
    "members_count",
    "about",
    "expertise",
    "needs",
    "languages",
    "visibility",
)
# A stored password hash no password matches: imported people choose theirs from the invitation.
NO_PASSWORD_YET = "!invited"
UPLOAD_ID_LENGTH = 32


class UploadExpired(LookupError):
    """The preview's file is gone (confirmed already, too old, or someone else's)."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    created: int
    updated: int
    skipped: int
    invited: int


def existing_people(emails: list[str] | None = None) -> dict[str, dict[str, object]]:
    """email → the values a CSV row would compare against, for everyone (or for these emails)."""
    query = select(User).options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
    if emails is not None:
        query = query.where(User.email.in_(emails))
    people = {}
    for user in db.session.scalars(query):
        values: dict[str, object] = {"name": user.name, "role": user.role}
        if user.profile is not None:
            values.update({column: getattr(user.profile, column) for column in PROFILE_COLUMNS})
            values["ecosystems"] = user.profile.ecosystems
            values["maturity"] = user.profile.maturity
        people[user.email] = values
    return people


def check_people_file(data: bytes, *, applicants: bool = False) -> ReadResult:
    """Read and check a people CSV against the people stored now (writes nothing)."""
    return read_people(data, existing=existing_people(), applicants=applicants)


BATCH = 500


def import_people(
    result: ReadResult,
    *,
    invite: bool = True,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Create and update the people of the valid rows; invited newcomers get a set-password link.

    Refuses (ValueError) when rows have errors: the caller decides to drop them first, by passing
    a result whose rows are only the valid ones (see `valid_only`). New people are written in
    batches (one flush and one INSERT of stale vector rows per batch) so 10,000 rows take seconds;
    updates go through the profile service one by one, as an edit on the site does."""
    if any(row.outcome == "error" for row in result.rows):
        raise ValueError("The file has rows with errors; fix them or import only the valid rows.")
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done)

    new_rows = [row for row in result.rows if row.outcome == "new"]
    for start in range(0, len(new_rows), BATCH):
        batch = new_rows[start : start + BATCH]
        _create_batch(batch, invite=invite)
        advance(len(batch))
    updates = [row for row in result.rows if row.outcome == "update"]
    users = (
        {
            u.email: u
            for u in db.session.scalars(
                select(User)
                .where(User.email.in_([row.email for row in updates]))
                .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
            )
        }
        if updates
        else {}
    )
    for row in updates:
        _update(users[row.email], row)
        advance(1)
    advance(len(result.rows) - done)
    db.session.flush()
    return ImportSummary(
        created=len(new_rows),
        updated=len(updates),
        skipped=len(result.rows) - len(new_rows) - len(updates),
        invited=len(new_rows) if invite else 0,
    )


def valid_only(result: ReadResult) -> ReadResult:
    """The same file without its rows in error ("Import the valid rows")."""
    return ReadResult(
        [row for row in result.rows if row.outcome != "error"],
        unknown_columns=result.unknown_columns,
    )


def _create_batch(rows: list[RowOutcome], *, invite: bool) -> None:
    """New people and their profiles, one flush for the batch; their vectors wait for a job."""
    people = []
    for row in rows:
        values = row.values
        user = User(
            email=row.email,
            name=values["name"],
            role=values.get("role", "participant"),
            password_hash=NO_PASSWORD_YET,
        )
        profile = Profile(user=user, **{c: values[c] for c in PROFILE_COLUMNS if c in values})
        profile.ecosystems = values.get("ecosystems", [])
        profile.maturity_set_by_user = "maturity" in values
        profile.maturity = values.get("maturity") or reference.derive_maturity(
            profile.founded_year, profile.label
        )
        people.append((user, profile))
    db.session.add_all(profile for _, profile in people)
    db.session.flush()
    embedding.mark_new_stale("profile", [profile.id for _, profile in people])
    if invite:
        for user, _ in people:
            send_invitation(user, flush=False)
        db.session.flush()


def _update(user: User, row: RowOutcome) -> None:
    values = row.values
    if "name" in values:
        user.name = values["name"]
    if "role" in values and user.role != "admin":
        user.role = values["role"]
    profile = user.profile or Profile(user=user, country=values.get("country", ""))
    _save_profile(profile, values)


def _save_profile(profile: Profile, values: dict[str, object]) -> None:
    fields = {column: values[column] for column in PROFILE_COLUMNS if column in values}
    options: dict[str, object] = {}
    if "ecosystems" in values:
        options["ecosystems"] = values["ecosystems"]
    if "maturity" in values:
        options["maturity"] = values["maturity"]
    update_profile(profile, **options, **fields)


def send_invitation(user: User, *, flush: bool = True) -> None:
    """Mail a newly imported person a link to choose their password and check their profile."""
    token = make_reset_token(user, invitation=True)
    link = external_url("auth.reset_password", token=token)
    days = max(1, current_app.config["INVITATION_MAX_AGE"] // 86400)
    body = (
        f"Hello {user.name},\n\n"
        "You have been added to the Cluster Booster Community, where Europe's cluster managers "
        "find peers, share challenges and learn from each other.\n\n"
        f"Choose your password here to log in:\n\n{link}\n\n"
        f"The link works once and for {days} days. Then check your profile: what you can help "
        "with and what you are looking for decide which peers the community suggests to you.\n"
    )
    subject = "You are invited to the Cluster Booster Community"
    send_email(user.email, subject, body, user_id=user.id, secrets=[token], flush=flush)


# --- uploads waiting for confirmation --------------------------------------------------------


def _upload_dir() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_upload(data: bytes, *, owner: User) -> str:
    """Store an uploaded file until it is confirmed; returns its id."""
    _forget_old_uploads()
    upload_id = secrets.token_hex(UPLOAD_ID_LENGTH // 2)
    folder = _upload_dir()
    (folder / f"{upload_id}.csv").write_bytes(data)
    (folder / f"{upload_id}.json").write_text(json.dumps({"owner": owner.id, "at": time.time()}))
    return upload_id


def load_upload(upload_id: str, *, owner: User) -> bytes:
    """The bytes of a kept upload, if it is this owner's and still fresh."""
    if len(upload_id) != UPLOAD_ID_LENGTH or not all(c in "0123456789abcdef" for c in upload_id):
        raise UploadExpired(upload_id)
    folder = _upload_dir()
    try:
        meta = json.loads((folder / f"{upload_id}.json").read_text())
        data = (folder / f"{upload_id}.csv").read_bytes()
    except (OSError, ValueError):
        raise UploadExpired(upload_id) from None
    fresh = time.time() - meta.get("at", 0) <= current_app.config["IMPORT_PREVIEW_MAX_AGE"]
    if meta.get("owner") != owner.id or not fresh:
        raise UploadExpired(upload_id)
    return data


def forget_upload(upload_id: str) -> None:
    """Delete a kept upload (after it was imported)."""
    for suffix in (".csv", ".json"):
        (_upload_dir() / f"{upload_id}{suffix}").unlink(missing_ok=True)


def _forget_old_uploads() -> None:
    limit = time.time() - current_app.config["IMPORT_PREVIEW_MAX_AGE"]
    for meta in _upload_dir().glob("*.json"):
        try:
            stale = json.loads(meta.read_text()).get("at", 0) < limit
        except (OSError, ValueError):
            stale = True
        if stale:
            forget_upload(meta.stem)


def import_applicants(
    result: ReadResult, edition: Edition, *, invite: bool = True
) -> ImportSummary:
    """Import the people of an applicants file, then store or update each one's application.

    Eligibility is checked as for an application made on the site, except the call's dates: the
    applications were received elsewhere. Applicants are not notified: they applied elsewhere."""
    summary = import_people(result, invite=invite)
    emails = [row.email for row in result.rows]
    users = {
        u.email: u
        for u in db.session.scalars(
            select(User)
            .where(User.email.in_(emails))
            .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
        )
    }
    for row in result.rows:
        values = row.values["application"]
        user = users[row.email]
        application = db.session.scalar(
            select(Application).filter_by(edition_id=edition.id, user_id=user.id)
        ) or Application(edition_id=edition.id, user_id=user.id)
        verdict = check_applicant(edition, user, values["commitments"], call=False)
        application.motivation = values["motivation"] or application.motivation
        application.challenges = values["challenges"] or application.challenges
        application.commitments = values["commitments"]
        application.eligible = verdict.eligible
        application.eligibility_notes = "\n".join(filter(None, [verdict.refusal, verdict.notes]))
        db.session.add(application)
    db.session.flush()
    return summary
