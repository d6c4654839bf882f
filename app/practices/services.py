"""Writes for the practice library. Each verb flushes; the request commits once.

Every change to a practice's content leaves a PracticeVersion saying who changed which fields,
with the texts as they were after the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy import distinct, func, select

from app import search
from app.extensions import db
from app.models import (
    Practice,
    PracticeAdoption,
    PracticeAttachment,
    PracticeCoauthor,
    PracticeFlag,
    PracticeLink,
    PracticeSolution,
    PracticeTag,
    PracticeVersion,
    User,
)
from app.notifications.services import notify
from app.practices import uploads
from app.services import embedding
from app.text import render_markdown

#: Field name → the label people see, for the version history ("Title, How to run it").
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "kind": "Type",
    "problem": "Problem it addresses",
    "how_to": "How to run it",
    "needs_time": "Time",
    "needs_budget": "Budget",
    "needs_team": "Team",
    "results": "Results and evidence",
    "themes": "Themes",
    "ecosystems": "Ecosystems",
    "maturities": "Maturity levels",
    "languages": "Languages",
    "visibility": "Visibility",
    "links": "Links",
    "coauthors": "Co-authors",
}
TEXT_FIELDS = (
    "title",
    "summary",
    "kind",
    "problem",
    "how_to",
    "needs_time",
    "needs_budget",
    "needs_team",
    "results",
    "languages",
    "visibility",
)

#: Tag lists a version keeps beside the texts.
TAG_FIELDS = ("themes", "ecosystems", "maturities")


class AlreadyRecorded(ValueError):
    """The member already said so (adopted, taught or flagged this practice)."""


class OwnPractice(ValueError):
    """Authors do not adopt or flag their own practice."""


@dataclass
class PracticeContent:
    """Everything an author writes about a practice, as the form gives it."""

    title: str
    summary: str
    kind: str
    how_to: str
    problem: str = ""
    needs_time: str = ""
    needs_budget: str = ""
    needs_team: str = ""
    results: str = ""
    languages: str = ""
    visibility: str = "community"
    themes: list[str] = field(default_factory=list)
    ecosystems: list[str] = field(default_factory=list)
    maturities: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    coauthors: list[User] = field(default_factory=list)


def share_practice(author: User, content: PracticeContent) -> Practice:
    """Publish a new practice written by `author`; its first version reads "Shared"."""
    practice = Practice(author=author, published=True)
    db.session.add(practice)
    _apply(practice, content, list(FIELD_LABELS))
    db.session.flush()
    _record_version(practice, author, ["Shared"])
    embedding.mark_stale("practice", practice.id, embedding.practice_texts(practice))
    return practice


def edit_practice(
    practice: Practice, editor: User, content: PracticeContent, *, note: str = ""
) -> list[str]:
    """Save an edit and record which fields changed; returns their labels (empty: nothing changed)."""
    changed = [name for name in FIELD_LABELS if _current(practice, name) != _given(content, name)]
    if changed:
        _apply(practice, content, changed)
        db.session.flush()
        _record_version(practice, editor, [FIELD_LABELS[name] for name in changed], note=note)
        if set(changed) & {"title", "summary", "problem", "how_to"}:
            embedding.mark_stale("practice", practice.id, embedding.practice_texts(practice))
    return [FIELD_LABELS[name] for name in changed]


def attach_files(
    practice: Practice,
    uploader: User,
    files: list[uploads.CheckedFile],
    *,
    record_version: bool = True,
) -> list[PracticeAttachment]:
    """Store checked uploads under random names and attach them to the practice."""
    attachments = [
        PracticeAttachment(
            practice=practice,
            uploaded_by_id=uploader.id,
            stored_name=uploads.store(checked),
            display_name=checked.display_name,
            content_type=checked.content_type,
            size=len(checked.data),
        )
        for checked in files
    ]
    db.session.add_all(attachments)
    db.session.flush()
    if attachments and record_version:
        names = ", ".join(a.display_name for a in attachments)
        _record_version(practice, uploader, [f"Attached {names}"])
    return attachments


def remove_attachment(attachment: PracticeAttachment, editor: User) -> None:
    """Delete an attachment and its stored file; the history says who removed it."""
    practice = attachment.practice
    db.session.delete(attachment)
    db.session.flush()
    uploads.remove(attachment.stored_name)
    _record_version(practice, editor, [f"Removed {attachment.display_name}"])


def unpublish_practice(practice: Practice, moderator: User, *, note: str) -> Practice:
    """Take a practice out of the library, with a note the author reads; the author is told."""
    practice.published = False
    practice.moderation_note = note
    _record_version(practice, moderator, ["Unpublished"], note=note)
    if practice.author is not None and practice.author_id != moderator.id:
        notify(
            practice.author,
            event="practice_moderated",
            message=f"A coach unpublished your practice “{practice.title}”: {note}",
            link=_link(practice),
        )
    db.session.flush()
    return practice


def republish_practice(practice: Practice, moderator: User) -> Practice:
    """Put an unpublished practice back in the library (the note stays in the history)."""
    practice.published = True
    practice.moderation_note = ""
    _record_version(practice, moderator, ["Published again"])
    db.session.flush()
    return practice


def flag_outdated(practice: Practice, member: User, *, reason: str = "") -> PracticeFlag:
    """A member says the practice is outdated (once each); authors and coaches see the flags."""
    if member.id == practice.author_id:
        raise OwnPractice("You wrote this practice: edit it instead of flagging it.")
    if any(flag.user_id == member.id for flag in practice.flags):
        raise AlreadyRecorded("You already flagged this practice as outdated.")
    flag = PracticeFlag(practice=practice, user=member, reason=reason.strip())
    db.session.add(flag)
    db.session.flush()
    return flag


def record_adoption(
    practice: Practice, member: User, *, kind: str = "adopted", story: str = "", result: str = ""
) -> PracticeAdoption:
    """ "I adopted this" or "I taught this to my team": recorded once each; the author is notified."""
    if member.id == practice.author_id:
        raise OwnPractice("You wrote this practice; adoptions are for the members who reuse it.")
    exists = select(PracticeAdoption.id).where(
        PracticeAdoption.practice_id == practice.id,
        PracticeAdoption.user_id == member.id,
        PracticeAdoption.kind == kind,
    )
    if db.session.scalar(exists) is not None:
        raise AlreadyRecorded(
            "You already said you adopted this."
            if kind == "adopted"
            else "You already said you taught this."
        )
    adoption = PracticeAdoption(
        practice=practice,
        user=member,
        kind=kind,
        country=member.profile.country if member.profile else None,
        story=story.strip(),
        result=result.strip(),
    )
    db.session.add(adoption)
    db.session.flush()
    practice.adopters_count = count_adopters(practice)
    _tell_author(practice, member, kind)
    db.session.flush()
    return adoption


def choose_solution(challenge, practice: Practice | None) -> PracticeSolution | None:
    """ "Solved with this practice": the challenge's author links the practice (None removes the link)."""
    current = db.session.get(PracticeSolution, challenge.id)
    if current is not None:
        db.session.delete(current)
        db.session.flush()
    if practice is None:
        return None
    solution = PracticeSolution(challenge_id=challenge.id, practice_id=practice.id)
    db.session.add(solution)
    db.session.flush()
    return solution


def count_adopters(practice: Practice) -> int:
    """Distinct members who said "I adopted this" (the sort key of "Most adopted")."""
    return (
        db.session.scalar(
            select(func.count(distinct(PracticeAdoption.user_id))).where(
                PracticeAdoption.practice_id == practice.id, PracticeAdoption.kind == "adopted"
            )
        )
        or 0
    )


def _tell_author(practice: Practice, member: User, kind: str) -> None:
    if practice.author is None:
        return
    where = (
        f" in {member.profile.organisation}"
        if member.profile and member.profile.organisation
        else ""
    )
    verb = "adopted" if kind == "adopted" else "taught their team"
    notify(
        practice.author,
        event="practice_adopted",
        message=f"{member.name} {verb} your practice “{practice.title}”{where}.",
        link=_link(practice),
    )


def _link(practice: Practice) -> str | None:
    try:
        return url_for("practices.detail", practice_id=practice.id)
    except RuntimeError:  # outside a request (CLI, demo seed): the message alone still helps
        return f"/practices/{practice.id}"


def _current(practice: Practice, name: str):
    if name in ("themes", "ecosystems", "maturities"):
        return getattr(practice, name)
    if name == "links":
        return [(link.url, link.label) for link in practice.links]
    if name == "coauthors":
        return sorted(link.user_id for link in practice.coauthor_links)
    return getattr(practice, name)


def _given(content: PracticeContent, name: str):
    if name == "coauthors":
        return sorted(user.id for user in content.coauthors)
    if name == "links":
        return [tuple(link) for link in content.links]
    return getattr(content, name)


def _apply(practice: Practice, content: PracticeContent, names: list[str]) -> None:
    """Copy the named fields from `content`, re-rendering Markdown and the search document."""
    for name in names:
        if name in TEXT_FIELDS:
            setattr(practice, name, getattr(content, name))
    practice.how_to_html = render_markdown(practice.how_to)
    practice.results_html = render_markdown(practice.results)
    practice.search_document = search.FIELD_SEPARATOR.join(
        search.fold(text)
        for text in (practice.title, practice.summary, practice.problem, practice.how_to)
    )
    if {"themes", "ecosystems", "maturities"} & set(names):
        # Drop the old rows first: re-adding a tag with the same key in one flush would collide.
        practice.tags.clear()
        db.session.flush()
        practice.tags = [
            PracticeTag(kind=kind, value=value, position=position)
            for kind, values in (
                ("theme", content.themes),
                ("ecosystem", content.ecosystems),
                ("maturity", content.maturities),
            )
            for position, value in enumerate(values)
        ]
    if "links" in names:
        practice.links = [
            PracticeLink(url=url, label=label, position=i)
            for i, (url, label) in enumerate(content.links)
        ]
    if "coauthors" in names:
        practice.coauthor_links.clear()
        db.session.flush()
        practice.coauthor_links = [
            PracticeCoauthor(user_id=user.id)
            for user in content.coauthors
            if user.id != practice.author_id
        ]


def snapshot_of(practice: Practice) -> dict:
    """What a version keeps of a practice: its texts, tags and links (never co-authors or files).

    Versions saved before tags and links were kept hold the texts only.
    """
    snapshot: dict = {name: getattr(practice, name) for name in TEXT_FIELDS}
    snapshot |= {name: list(getattr(practice, name)) for name in TAG_FIELDS}
    snapshot["links"] = [[link.url, link.label] for link in practice.links]
    return snapshot


def _record_version(
    practice: Practice, editor: User, changed: list[str], *, note: str = ""
) -> PracticeVersion:
    snapshot = snapshot_of(practice)
    version = PracticeVersion(
        practice=practice,
        editor=editor,
        changed=", ".join(changed)[:300],
        note=note,
        snapshot=json.dumps(snapshot, ensure_ascii=False),
    )
    db.session.add(version)
    db.session.flush()
    return version
