"""Reads for a practice's version history: its versions, what one version holds, and what changed
between two of them, field by field.

Who may read the history is the practice's own rule (app/practices/queries.py): routes load the
practice with get_practice_or_404 first, and a version only through its practice.

A version keeps the practice's texts, tags and links as they were after the change
(services.snapshot_of); versions saved before tags and links were kept hold the texts only, and
the comparison leaves out what one side did not record. Differences are words marked removed or
added (difflib); the template escapes every word, so no one's HTML is ever shown as markup.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import reference
from app.extensions import db
from app.models import PRACTICE_TYPES, Practice, PracticeVersion
from app.practices.forms import VISIBILITY_NAMES
from app.practices.services import FIELD_LABELS, snapshot_of
from app.text import render_markdown

#: Fields shown as running text (compared word by word); the others are short values or lists.
LONG_FIELDS = ("problem", "how_to", "results")
#: The fields a version can hold, in the order the practice page shows them.
VERSION_FIELDS = tuple(name for name in FIELD_LABELS if name != "coauthors")
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of words that stayed ("same"), went ("removed") or came ("added")."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions: its words marked, or the items gone and come."""

    name: str
    label: str
    segments: list[Segment]
    removed: list[str]
    added: list[str]

    @property
    def long(self) -> bool:
        """Running text (shown as a paragraph with marks) rather than a short value."""
        return self.name in LONG_FIELDS


def versions_of(practice: Practice) -> list[PracticeVersion]:
    """The practice's versions, newest first, with their editors."""
    return list(
        db.session.scalars(
            select(PracticeVersion)
            .where(PracticeVersion.practice_id == practice.id)
            .options(selectinload(PracticeVersion.editor))
            .order_by(PracticeVersion.id.desc())
        )
    )


def get_version_or_404(practice: Practice, version_id: int) -> PracticeVersion:
    """A version of this practice (loaded through it, so its visibility rule applies), else 404."""
    version = db.session.get(PracticeVersion, version_id)
    if version is None or version.practice_id != practice.id:
        abort(404)
    return version


def content_of(version: PracticeVersion | None, practice: Practice) -> dict:
    """What a version holds, field → value; `None` stands for the practice as it is now."""
    if version is None:
        return snapshot_of(practice)
    try:
        saved = json.loads(version.snapshot or "{}")
    except ValueError:
        saved = {}
    return {name: saved[name] for name in VERSION_FIELDS if name in saved}


def readable(content: dict) -> dict:
    """A version's content ready to read: Markdown rendered and sanitised, names for slugs."""
    shown = {name: display(name, value) for name, value in content.items()}
    for name in ("how_to", "results"):
        if name in content:
            shown[f"{name}_html"] = render_markdown(content[name])
    return shown


def compare(before: dict, after: dict) -> list[FieldChange]:
    """The fields that differ between two contents, in page order (unrecorded ones left out)."""
    changes = []
    for name in VERSION_FIELDS:
        if name not in before or name not in after or before[name] == after[name]:
            continue
        old, new = display(name, before[name]), display(name, after[name])
        if isinstance(old, list):
            removed = [item for item in old if item not in new]
            added = [item for item in new if item not in old]
            changes.append(FieldChange(name, FIELD_LABELS[name], [], removed, added))
        else:
            changes.append(FieldChange(name, FIELD_LABELS[name], word_diff(old, new), [], []))
    return changes


def word_diff(before: str, after: str) -> list[Segment]:
    """`before` turned into `after`, as runs of words kept, removed and added (difflib)."""
    old, new = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, "same", "".join(old[i1:i2]))
            continue
        _append(segments, "removed", "".join(old[i1:i2]))
        _append(segments, "added", "".join(new[j1:j2]))
    return segments


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def display(name: str, value):
    """A stored value as people read it: names for themes, ecosystems, types and visibility."""
    if name == "themes":
        return [reference.theme_name(slug) for slug in value]
    if name == "ecosystems":
        return [reference.ecosystem_name(slug) for slug in value]
    if name == "maturities":
        return [reference.maturity_levels().get(slug, slug) for slug in value]
    if name == "links":
        return [f"{label} ({url})" if label else url for url, label in value]
    if name == "kind":
        return PRACTICE_TYPES.get(value, value)
    if name == "visibility":
        return VISIBILITY_NAMES.get(value, value)
    return value or ""
