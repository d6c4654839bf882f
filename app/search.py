"""Text search for the directory and the challenge list: folded search documents, kept current.

Searching "hydrogen" or "müller" must be fast on 10,000 profiles and 20,000 challenges, and give
the same answers on SQLite and PostgreSQL. So each profile and challenge has a *search document*
(tables profile_search and challenge_search, see app/models/search.py): its searchable texts
folded once, when they are saved — lower-cased with Unicode case folding, accents removed,
whitespace collapsed — so "Müller", "MULLER" and "muller" all read "muller". A query is folded the
same way and matched with a plain LIKE '%…%' on one narrow column: no lower() per row, which is
what made ILIKE slow, and on PostgreSQL a trigram index answers the LIKE.

The documents are written by a `before_flush` hook whenever a profile, its owner's name or a
challenge changes, whatever code made the change. `flask search-rebuild` rewrites them all (after
a bulk import that bypassed the ORM, or if `fold` ever changes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
    Connection,
    TableClause,
    column,
    delete,
    event,
    insert,
    inspect,
    select,
    table,
)
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Challenge, ChallengeSearch, Profile, ProfileSearch, User

# Fields are joined with a line break, which a folded query never contains: a search cannot match
# across the end of one field and the start of the next.
FIELD_SEPARATOR = "\n"
PROFILE_FIELDS = ("organisation", "expertise", "needs")
CHALLENGE_FIELDS = ("title", "body")


def fold(text: str) -> str:
    """`text` as search compares it: case-folded, without accents, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def contains_pattern(query: str) -> str | None:
    """A LIKE pattern (escape character backslash) for documents containing `query`; None if
    nothing searchable is left once folded."""
    folded = fold(query)
    return like_anywhere(folded) if folded else None


def like_anywhere(text: str) -> str:
    """A LIKE pattern (escape character backslash) matching `text` anywhere, with its own % and
    _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(column: ColumnElement[str], pattern: str) -> ColumnElement[bool]:
    """`column` contains the folded text of `pattern` (from `contains_pattern`)."""
    return column.like(pattern, escape="\\")


def mentions(
    owner_id: ColumnElement[int],
    document_owner_id: ColumnElement[int],
    document: ColumnElement[str],
    pattern: str,
    *,
    per_row: bool,
) -> ColumnElement[bool]:
    """The row `owner_id` names has a search document (`document`, keyed by `document_owner_id`)
    that contains `pattern`, written for the query it goes into:

    - per_row=True, a correlated EXISTS, for a page of results: the database walks the page's
      sort index, probes each row's document and stops once the page is full (a word in half the
      profiles is found in the first forty rows);
    - per_row=False, IN (matching documents), for a total when the text is the only filter: the
      documents are read once, instead of one probe for each of the 20,000 rows. When other
      filters narrow the rows first, probing only those (per_row=True) is cheaper for a total too.
    """
    if per_row:
        return (
            select(document_owner_id)
            .where(document_owner_id == owner_id, matches(document, pattern))
            .exists()
        )
    return owner_id.in_(select(document_owner_id).where(matches(document, pattern)))


def profile_texts(name: str, organisation: str, expertise: str, needs: str) -> tuple[str, str]:
    """(names, document) of a profile: what visitors search (name and organisation), and what
    members search (those plus "I can help with" and "I am looking for")."""
    names = FIELD_SEPARATOR.join(fold(text) for text in (name, organisation))
    texts = FIELD_SEPARATOR.join(fold(text) for text in (expertise, needs))
    return names, names + FIELD_SEPARATOR + texts


def challenge_text(title: str, body: str) -> str:
    """The document of a challenge: its title and its Markdown body, folded."""
    return fold(title) + FIELD_SEPARATOR + fold(body)


def refresh_profile(session: Session, profile: Profile) -> None:
    """Write `profile`'s search document from its current texts."""
    owner = profile.user or (session.get(User, profile.user_id) if profile.user_id else None)
    names, document = profile_texts(
        owner.name if owner else "", profile.organisation, profile.expertise, profile.needs
    )
    if profile.search is None:
        profile.search = ProfileSearch(names=names, document=document)
    else:
        profile.search.names, profile.search.document = names, document


def refresh_challenge(challenge: Challenge) -> None:
    """Write `challenge`'s search document from its current title and body."""
    document = challenge_text(challenge.title, challenge.body)
    if challenge.search is None:
        challenge.search = ChallengeSearch(document=document)
    else:
        challenge.search.document = document


def _changed(obj, fields: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return state.pending or any(state.attrs[field].history.has_changes() for field in fields)


@event.listens_for(db.session, "before_flush")
def keep_documents_current(session: Session, _flush_context, _instances) -> None:
    """Refresh the search documents of every new or edited profile and challenge, and of the
    profile of every user whose name changed, in the same flush as the change."""
    profiles: set[Profile] = set()
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Profile) and _changed(obj, PROFILE_FIELDS):
            profiles.add(obj)
        elif isinstance(obj, User) and not inspect(obj).pending and _changed(obj, ("name",)):
            if obj.profile is not None:
                profiles.add(obj.profile)
        elif isinstance(obj, Challenge) and _changed(obj, CHALLENGE_FIELDS):
            refresh_challenge(obj)
    for profile in profiles:
        if profile not in session.deleted:
            refresh_profile(session, profile)


def rebuild_all(connection: Connection, batch_size: int = 1000) -> tuple[int, int]:
    """Rewrite every search document in set-based batches, on `connection` (a session's
    connection, or a migration's); returns how many (profiles, challenges) were written.

    For the demo seed's bulk inserts, `flask search-rebuild` and the migration that introduced
    the documents: anything that writes rows without the ORM."""
    connection.execute(delete(PROFILE_SEARCH))
    connection.execute(delete(CHALLENGE_SEARCH))
    profiles = connection.execute(
        select(PROFILE.c.id, USER.c.name, *(PROFILE.c[field] for field in PROFILE_FIELDS))
        .join_from(PROFILE, USER, PROFILE.c.user_id == USER.c.id)
        .order_by(PROFILE.c.id)
    )
    profile_rows = (
        dict(zip(("names", "document"), profile_texts(name, *texts), strict=True), profile_id=id_)
        for id_, name, *texts in profiles
    )
    challenges = connection.execute(
        select(CHALLENGE.c.id, CHALLENGE.c.title, CHALLENGE.c.body).order_by(CHALLENGE.c.id)
    )
    challenge_rows = (
        {"challenge_id": id_, "document": challenge_text(title, body)}
        for id_, title, body in challenges
    )
    return (
        _insert_in_batches(connection, PROFILE_SEARCH, profile_rows, batch_size),
        _insert_in_batches(connection, CHALLENGE_SEARCH, challenge_rows, batch_size),
    )


def _insert_in_batches(
    connection: Connection, target: TableClause, rows: Iterable[dict], size: int
) -> int:
    written, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            connection.execute(insert(target), batch)
            written += len(batch)
            batch = []
    if batch:
        connection.execute(insert(target), batch)
        written += len(batch)
    return written


# Plain table descriptions for rebuild_all, which also runs inside a migration, where the models
# may be ahead of the schema: only the columns it reads and writes.
PROFILE = table("profile", column("id"), column("user_id"), *map(column, PROFILE_FIELDS))
USER = table("user", column("id"), column("name"))
CHALLENGE = table("challenge", column("id"), *map(column, CHALLENGE_FIELDS))
PROFILE_SEARCH = table("profile_search", column("profile_id"), column("names"), column("document"))
CHALLENGE_SEARCH = table("challenge_search", column("challenge_id"), column("document"))
