"""The practice library: tools, methods, services and business models that worked, and who adopted them.

A practice is written by one member (with co-authors), tagged with themes, ecosystems and the
maturity levels it suits, and carries links, attachments and a version history. Members record
that they adopted it ("I adopted this") or taught it to their team; they can flag it outdated.
Coaches and admins may unpublish a practice with a moderation note.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

#: slug → label of the kinds of practice a member can share.
PRACTICE_TYPES = {
    "tool": "Tool",
    "method": "Method",
    "service": "Service",
    "business_model": "Business model",
    "template": "Template",
}
#: Who sees a practice: the same words as profiles (see app/practices/queries.py for the rule).
PRACTICE_VISIBILITIES = ("community", "cohorts")
#: "adopted": used it in my cluster; "taught": passed it on to my team (train the trainers).
ADOPTION_KINDS = ("adopted", "taught")
#: Tag kinds kept in practice_tag, each checked against a reference list.
TAG_KINDS = ("theme", "ecosystem", "maturity")


class Practice(db.Model):
    """One shared practice: what problem it solves, how to run it, what it needs and what it gave."""

    __tablename__ = "practice"
    __table_args__ = (
        Index("ix_practice_published_created", "published", "created_at"),
        Index("ix_practice_published_adopters", "published", "adopters_count"),
        # The visibility rule reads only these columns: counting the practices someone may see
        # scans this narrow index instead of the rows with their long texts.
        Index("ix_practice_visibility_author", "published", "visibility", "author_id"),
        one_of("kind", PRACTICE_TYPES),
        one_of("visibility", PRACTICE_VISIBILITIES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(String(240))
    kind: Mapped[str] = mapped_column(String(20), default="method")
    problem: Mapped[str] = mapped_column(db.Text, default="")
    how_to: Mapped[str] = mapped_column(db.Text, default="")
    how_to_html: Mapped[str] = mapped_column(db.Text, default="")
    needs_time: Mapped[str] = mapped_column(String(200), default="")
    needs_budget: Mapped[str] = mapped_column(String(200), default="")
    needs_team: Mapped[str] = mapped_column(String(200), default="")
    results: Mapped[str] = mapped_column(db.Text, default="")
    results_html: Mapped[str] = mapped_column(db.Text, default="")
    #: Comma-separated ISO 639-1 codes of the languages the material exists in ("en,sl").
    languages: Mapped[str] = mapped_column(String(120), default="")
    visibility: Mapped[str] = mapped_column(String(12), default="community")
    published: Mapped[bool] = mapped_column(default=True)
    moderation_note: Mapped[str] = mapped_column(db.Text, default="")
    # Kept in step with practice_adoption by the services, so "most adopted" sorts on an index.
    adopters_count: Mapped[int] = mapped_column(default=0)
    #: Title, summary, problem and how-to folded by app.search.fold when saved: text search
    #: is one LIKE on this column (same answers on SQLite and PostgreSQL).
    search_document: Mapped[str] = mapped_column(db.Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])  # noqa: F821
    tags: Mapped[list[PracticeTag]] = relationship(
        back_populates="practice", cascade="all, delete-orphan", order_by="PracticeTag.position"
    )
    coauthor_links: Mapped[list[PracticeCoauthor]] = relationship(
        back_populates="practice", cascade="all, delete-orphan"
    )
    links: Mapped[list[PracticeLink]] = relationship(
        back_populates="practice", cascade="all, delete-orphan", order_by="PracticeLink.position"
    )
    attachments: Mapped[list[PracticeAttachment]] = relationship(
        back_populates="practice", cascade="all, delete-orphan", order_by="PracticeAttachment.id"
    )
    versions: Mapped[list[PracticeVersion]] = relationship(
        back_populates="practice",
        cascade="all, delete-orphan",
        order_by="PracticeVersion.id.desc()",
    )
    adoptions: Mapped[list[PracticeAdoption]] = relationship(
        back_populates="practice",
        cascade="all, delete-orphan",
        order_by="PracticeAdoption.created_at.desc()",
    )
    flags: Mapped[list[PracticeFlag]] = relationship(
        back_populates="practice", cascade="all, delete-orphan"
    )

    def tagged(self, kind: str) -> list[str]:
        """The slugs of one tag kind (theme, ecosystem or maturity), in the author's order."""
        return [tag.value for tag in self.tags if tag.kind == kind]

    @property
    def themes(self) -> list[str]:
        """Theme slugs."""
        return self.tagged("theme")

    @property
    def ecosystems(self) -> list[str]:
        """Ecosystem slugs."""
        return self.tagged("ecosystem")

    @property
    def maturities(self) -> list[str]:
        """The maturity levels of cluster the practice suits."""
        return self.tagged("maturity")

    @property
    def language_codes(self) -> list[str]:
        """The languages as a list of codes."""
        return [code for code in self.languages.split(",") if code]

    @property
    def coauthors(self) -> list[User]:  # noqa: F821
        """Co-authors, who may edit like the author."""
        return [link.user for link in self.coauthor_links]

    @property
    def outdated_flags(self) -> list[PracticeFlag]:
        """Members' flags saying the practice is outdated."""
        return list(self.flags)

    def __repr__(self) -> str:
        state = "published" if self.published else "unpublished"
        return f"<Practice {self.id} {self.title!r} {state}>"


class PracticeTag(db.Model):
    """A theme, ecosystem or maturity level a practice is tagged with (a row each, for filtering)."""

    __tablename__ = "practice_tag"
    __table_args__ = (
        Index("ix_practice_tag_kind_value", "kind", "value", "practice_id"),
        one_of("kind", TAG_KINDS),
    )

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    practice: Mapped[Practice] = relationship(back_populates="tags")

    def __repr__(self) -> str:
        return f"<PracticeTag {self.practice_id} {self.kind}={self.value}>"


class PracticeCoauthor(db.Model):
    """A member named as co-author: they may edit the practice too."""

    __tablename__ = "practice_coauthor"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    practice: Mapped[Practice] = relationship(back_populates="coauthor_links")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<PracticeCoauthor {self.practice_id} user={self.user_id}>"


class PracticeLink(db.Model):
    """A web link that goes with a practice (a template online, an article, a video)."""

    __tablename__ = "practice_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(500))
    label: Mapped[str] = mapped_column(String(160), default="")
    position: Mapped[int] = mapped_column(default=0)

    practice: Mapped[Practice] = relationship(back_populates="links")

    def __repr__(self) -> str:
        return f"<PracticeLink {self.practice_id} {self.url!r}>"


class PracticeAttachment(db.Model):
    """An uploaded file (PDF, slides, image). Stored under a random name, never the uploader's."""

    __tablename__ = "practice_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    #: The name shown and offered on download, cleaned of any path (app/practices/uploads.py).
    display_name: Mapped[str] = mapped_column(String(160))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    practice: Mapped[Practice] = relationship(back_populates="attachments")

    def __repr__(self) -> str:
        return f"<PracticeAttachment {self.id} {self.display_name!r} {self.content_type}>"


class PracticeVersion(db.Model):
    """One saved change: who changed which fields when, with the text as it was after the change."""

    __tablename__ = "practice_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: Comma-separated field labels ("Title, How to run it"), or "Shared" for the first version.
    changed: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(db.Text, default="")
    #: JSON of the practice's texts after this change, so an earlier wording can be read again.
    snapshot: Mapped[str] = mapped_column(db.Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    practice: Mapped[Practice] = relationship(back_populates="versions")
    editor: Mapped[User | None] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<PracticeVersion {self.id} of practice {self.practice_id}: {self.changed}>"


class PracticeAdoption(db.Model):
    """A member adopted the practice in their cluster, or taught it to their team."""

    __tablename__ = "practice_adoption"
    __table_args__ = (
        UniqueConstraint("practice_id", "user_id", "kind", name="uq_practice_adoption"),
        one_of("kind", ADOPTION_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="adopted")
    #: The adopter's country when they adopted, so "from N countries" needs no join to profiles.
    country: Mapped[str | None] = mapped_column(String(2))
    story: Mapped[str] = mapped_column(db.Text, default="")
    result: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    practice: Mapped[Practice] = relationship(back_populates="adoptions")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<PracticeAdoption {self.kind} practice={self.practice_id} user={self.user_id}>"


class PracticeFlag(db.Model):
    """A member says the practice is outdated, with an optional reason."""

    __tablename__ = "practice_flag"
    __table_args__ = (UniqueConstraint("practice_id", "user_id", name="uq_practice_flag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    practice: Mapped[Practice] = relationship(back_populates="flags")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<PracticeFlag practice={self.practice_id} user={self.user_id}>"


class PracticeSolution(db.Model):
    """ "Solved with this practice": the practice a challenge's author says solved it (one per challenge)."""

    __tablename__ = "practice_solution"

    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), primary_key=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    practice: Mapped[Practice] = relationship()

    def __repr__(self) -> str:
        return f"<PracticeSolution challenge={self.challenge_id} practice={self.practice_id}>"


class PracticeCollection(db.Model):
    """A coach's selection of practices for an Academy edition ("Toolkit of the 4th Academy"),
    or the materials of one of its sessions when `session_id` is set."""

    __tablename__ = "practice_collection"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("coaching_session.id", ondelete="CASCADE"), unique=True
    )
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(db.Text, default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    edition: Mapped[Edition] = relationship()  # noqa: F821
    curator: Mapped[User | None] = relationship()  # noqa: F821
    items: Mapped[list[PracticeCollectionItem]] = relationship(
        back_populates="collection",
        cascade="all, delete-orphan",
        order_by="PracticeCollectionItem.position",
    )

    def __repr__(self) -> str:
        return f"<PracticeCollection {self.id} {self.title!r}>"


class PracticeCollectionItem(db.Model):
    """A practice in a collection, in the curator's order, with an optional note for the participants."""

    __tablename__ = "practice_collection_item"

    collection_id: Mapped[int] = mapped_column(
        ForeignKey("practice_collection.id", ondelete="CASCADE"), primary_key=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practice.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(300), default="")

    collection: Mapped[PracticeCollection] = relationship(back_populates="items")
    practice: Mapped[Practice] = relationship()

    def __repr__(self) -> str:
        return f"<PracticeCollectionItem {self.collection_id}:{self.practice_id}>"
