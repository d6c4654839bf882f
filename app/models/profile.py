"""Cluster-manager profiles: the cluster they run, what they can help with and what they look for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import User, utcnow

VISIBILITIES = ("community", "cohorts", "hidden")


def trigram_index(table: str, column: str) -> Index:
    """A PostgreSQL-only GIN trigram index on `column`, for LIKE '%…%' searches."""
    return Index(
        f"ix_{table}_{column}_trgm",
        column,
        postgresql_using="gin",
        postgresql_ops={column: "gin_trgm_ops"},
    ).ddl_if(dialect="postgresql")


def schema_filter_for(dialect_name: str):
    """Alembic `include_object` hook: trigram indexes (named `*_trgm`) exist on PostgreSQL only,
    so comparing models with another database must not ask for them."""

    def include_object(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "index" and name.endswith("_trgm") and dialect_name != "postgresql")

    return include_object


class Profile(db.Model):
    """One per user: the public face of a cluster manager and the texts the matcher reads."""

    __tablename__ = "profile"
    __table_args__ = (
        Index("ix_profile_country_maturity", "country", "maturity"),
        # The visibility rule reads only these two columns: counting the profiles someone may see
        # scans this small index instead of the wide rows. (Text search: app/models/search.py.)
        Index("ix_profile_visibility_user", "visibility", "user_id"),
        one_of("visibility", VISIBILITIES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    job_title: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str] = mapped_column(String(120), default="")
    founded_year: Mapped[int | None]
    members_count: Mapped[int | None]
    label: Mapped[str] = mapped_column(String(10), default="none")
    maturity: Mapped[str] = mapped_column(String(12), default="emerging")
    maturity_set_by_user: Mapped[bool] = mapped_column(default=False)
    about: Mapped[str] = mapped_column(db.Text, default="")
    expertise: Mapped[str] = mapped_column(db.Text, default="")
    needs: Mapped[str] = mapped_column(db.Text, default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    visibility: Mapped[str] = mapped_column(String(12), default="community")
    #: The stored file of the profile photo (a random name; app/profiles/photos.py), or None:
    #: the avatar then shows the initials.
    photo_name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship(back_populates="profile")  # noqa: F821
    ecosystem_links: Mapped[list[ProfileEcosystem]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileEcosystem.position"
    )
    search: Mapped[ProfileSearch | None] = relationship(  # noqa: F821 — app/models/search.py
        back_populates="profile", cascade="all, delete-orphan", uselist=False
    )

    @property
    def ecosystems(self) -> list[str]:
        """The 1-3 ecosystem slugs, in the order the manager gave them."""
        return [link.ecosystem for link in self.ecosystem_links]

    @ecosystems.setter
    def ecosystems(self, slugs: list[str]) -> None:
        self.ecosystem_links = [
            ProfileEcosystem(ecosystem=s, position=i) for i, s in enumerate(slugs)
        ]

    @property
    def language_list(self) -> list[str]:
        """Languages as a list, from the comma-separated column."""
        return [lang.strip() for lang in self.languages.split(",") if lang.strip()]

    @property
    def is_complete(self) -> bool:
        """A profile the matcher can use: organisation, ecosystems and at least one text."""
        return bool(
            self.organisation
            and self.ecosystem_links
            and (self.expertise or self.needs or self.about)
        )

    def __repr__(self) -> str:
        return f"<Profile {self.id} user={self.user_id} {self.organisation!r}>"


class ProfileEcosystem(db.Model):
    """Which of the 14 industrial ecosystems a profile's cluster works in (a row each, for filtering)."""

    __tablename__ = "profile_ecosystem"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    ecosystem: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    profile: Mapped[Profile] = relationship(back_populates="ecosystem_links")

    def __repr__(self) -> str:
        return f"<ProfileEcosystem {self.profile_id} {self.ecosystem}>"


# The trigram operator class comes from the pg_trgm extension; create it with the schema
# (db.create_all in the tests and the bench) as the migration does.
event.listen(
    User.__table__,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"),
)
