"""Reads for the peers area: who may be suggested, suggestion cards, introductions and their statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Edition,
    EditionMember,
    HiddenSuggestion,
    Introduction,
    IntroductionOutcome,
    Profile,
    User,
)
from app.models.peers import SUGGESTION_MODES
from app.profile_visibility import can_view_profile, visible_profiles_clause
from app.services import matching

MODES = {"similar": "similar", "helpers": "helpers", "surprise": "mixed"}
PER_TAB = 12


@dataclass
class PeerCard:
    """What a suggestion card shows: the profile, its editions, reasons, and where an introduction stands."""

    profile: Profile
    score: float
    reasons: list[str]
    editions: list[str] = field(default_factory=list)
    introduction: Introduction | None = None
    closeness: str = ""  # the score in words ("Very close", "Close", "Related")


def unsuggestible_user_ids(viewer: User, *, exclude_cohort=False, alumni_only=False) -> set[int]:
    """Ids of people `viewer` must not be shown: not visible to them, set aside, or filtered out.

    Asking for the complement keeps the answer small (hidden and filtered profiles, not all
    10,000). The country and ecosystem filters are applied to the index in matching.recommend_for.
    """
    conditions = [visible_profiles_clause(viewer)]
    if exclude_cohort:
        my_editions = select(EditionMember.edition_id).where(EditionMember.user_id == viewer.id)
        conditions.append(
            Profile.user_id.not_in(
                select(EditionMember.user_id).where(EditionMember.edition_id.in_(my_editions))
            )
        )
    if alumni_only:
        conditions.append(Profile.user_id.in_(select(User.id).where(User.role == "alumni")))
    excluded = set(db.session.scalars(select(Profile.user_id).where(not_(and_(*conditions)))))
    excluded |= set(
        db.session.scalars(
            select(HiddenSuggestion.hidden_user_id).where(HiddenSuggestion.user_id == viewer.id)
        )
    )
    return excluded | {viewer.id}


def peer_cards(viewer: User, *, tab: str, filters: dict, k: int = PER_TAB) -> list[PeerCard]:
    """The suggestion cards of one tab: "surprise" only shows people from other ecosystems."""
    excluded = unsuggestible_user_ids(
        viewer,
        exclude_cohort=filters.get("exclude_cohort", False),
        alumni_only=filters.get("alumni_only", False),
    )
    matches = matching.recommend_for(
        viewer.id,
        mode=MODES[tab],
        excluded=excluded,
        k=k,
        other_country=filters.get("exclude_country", False),
        other_ecosystems=filters.get("exclude_ecosystem", False) or tab == "surprise",
        weights=matching.DIVERSITY_FIRST if tab == "surprise" else matching.RELEVANCE_FIRST,
    )
    cards = cards_for(viewer, [(m.user_id, m.score, m.reasons) for m in matches])
    words = {m.user_id: m.closeness for m in matches}
    for card in cards:
        card.closeness = words.get(card.profile.user_id, "")
    return cards


def cards_for(viewer: User, found: list[tuple[int, float, list[str]]]) -> list[PeerCard]:
    """Cards for (user id, score, reasons): profiles (read once per request), editions and introductions."""
    ids = [user_id for user_id, _, _ in found]
    profiles = matching.profiles_of(ids)
    editions: dict[int, list[str]] = {}
    for user_id, name in db.session.execute(
        select(EditionMember.user_id, Edition.name)
        .join(Edition)
        .where(EditionMember.user_id.in_(ids))
        .order_by(Edition.name)
    ):
        editions.setdefault(user_id, []).append(name)
    introductions = introductions_with(viewer, ids)
    return [
        PeerCard(profiles[uid], score, reasons, editions.get(uid, []), introductions.get(uid))
        for uid, score, reasons in found
        if uid in profiles
    ]


def introductions_with(viewer: User, user_ids: list[int]) -> dict[int, Introduction]:
    """Open (pending/accepted) introductions between viewer and each of these users, by the other's id."""
    query = select(Introduction).where(
        Introduction.status.in_(("pending", "accepted")),
        or_(
            (Introduction.sender_id == viewer.id) & Introduction.recipient_id.in_(user_ids),
            (Introduction.recipient_id == viewer.id) & Introduction.sender_id.in_(user_ids),
        ),
    )
    return {
        (i.recipient_id if i.sender_id == viewer.id else i.sender_id): i
        for i in db.session.scalars(query)
    }


def introductions_of(user: User) -> dict[str, list[Introduction]]:
    """The user's introductions: requests received, requests sent, newest first."""
    base = (
        select(Introduction)
        .options(
            selectinload(Introduction.sender),
            selectinload(Introduction.recipient),
            selectinload(Introduction.outcomes),
        )
        .order_by(Introduction.created_at.desc())
    )
    return {
        "received": list(db.session.scalars(base.where(Introduction.recipient_id == user.id))),
        "sent": list(db.session.scalars(base.where(Introduction.sender_id == user.id))),
    }


def get_introduction_or_404(introduction_id: int, *, involving: User) -> Introduction:
    """The introduction, or 404 when missing or when `involving` is neither side (no hint it exists)."""
    introduction = db.session.get(Introduction, introduction_id)
    if introduction is None or not introduction.involves(involving):
        abort(404)
    return introduction


def get_user_or_404(user_id: int) -> User:
    """A user by id, or 404."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def accepted_introductions_count(user_ids: list[int]) -> int:
    """Accepted introductions with at least one of these users, each counted once."""
    return (
        db.session.scalar(
            select(func.count(Introduction.id)).where(
                Introduction.status == "accepted",
                or_(Introduction.sender_id.in_(user_ids), Introduction.recipient_id.in_(user_ids)),
            )
        )
        or 0
    )


def get_introducible_user_or_404(user_id: int, *, sender: User) -> User:
    """Someone `sender` may ask to be introduced to, or 404 before anything about them is shown:
    an active member (not an admin account) with a profile `sender` may see."""
    user = db.session.get(User, user_id)
    if (
        user is None
        or not user.is_active_account
        or user.is_admin
        or user.profile is None
        or not can_view_profile(sender, user.profile)
    ):
        abort(404)
    return user


def introduction_stats(user_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per user: introductions requested, received, accepted, and outcomes recorded by kind (for coaches)."""
    stats = {
        uid: {
            "requested": 0,
            "received": 0,
            "accepted": 0,
            "met": 0,
            "collaborating": 0,
            "no_follow_up": 0,
        }
        for uid in user_ids
    }
    for column, key in (
        (Introduction.sender_id, "requested"),
        (Introduction.recipient_id, "received"),
    ):
        for uid, count in db.session.execute(
            select(column, func.count()).where(column.in_(user_ids)).group_by(column)
        ):
            stats[uid][key] = count
    accepted = select(Introduction.sender_id, Introduction.recipient_id).where(
        Introduction.status == "accepted",
        or_(Introduction.sender_id.in_(user_ids), Introduction.recipient_id.in_(user_ids)),
    )
    for sender_id, recipient_id in db.session.execute(accepted):
        for uid in (sender_id, recipient_id):
            if uid in stats:
                stats[uid]["accepted"] += 1
    outcomes = (
        select(IntroductionOutcome.user_id, IntroductionOutcome.kind, func.count())
        .where(IntroductionOutcome.user_id.in_(user_ids))
        .group_by(IntroductionOutcome.user_id, IntroductionOutcome.kind)
    )
    for uid, kind, count in db.session.execute(outcomes):
        stats[uid][kind] = count
    return stats


@dataclass
class ModeFeedback:
    """What came of the suggestions of one find-peers tab (None: actions not from a card)."""

    mode: str | None
    hidden: int = 0
    asked: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    asked_score: float | None = None
    hidden_score: float | None = None

    @property
    def acceptance(self) -> float | None:
        """Accepted among the answered requests (accepted or declined); None before any answer."""
        answered = self.statuses.get("accepted", 0) + self.statuses.get("declined", 0)
        return self.statuses.get("accepted", 0) / answered if answered else None


def feedback_by_mode() -> list[ModeFeedback]:
    """ "Not relevant", introductions by status and their outcomes, per tab the suggestion came from."""
    rows: dict[str | None, ModeFeedback] = {
        mode: ModeFeedback(mode) for mode in (*SUGGESTION_MODES, None)
    }
    for mode, count, score in db.session.execute(
        select(
            HiddenSuggestion.suggestion_mode,
            func.count(),
            func.avg(HiddenSuggestion.suggestion_score),
        ).group_by(HiddenSuggestion.suggestion_mode)
    ):
        row = rows.setdefault(mode, ModeFeedback(mode))
        row.hidden, row.hidden_score = count, score
    for mode, status, count in db.session.execute(
        select(Introduction.suggestion_mode, Introduction.status, func.count()).group_by(
            Introduction.suggestion_mode, Introduction.status
        )
    ):
        row = rows.setdefault(mode, ModeFeedback(mode))
        row.statuses[status] = count
        row.asked += count
    for mode, score in db.session.execute(
        select(Introduction.suggestion_mode, func.avg(Introduction.suggestion_score)).group_by(
            Introduction.suggestion_mode
        )
    ):
        rows[mode].asked_score = score
    for mode, kind, count in db.session.execute(
        select(
            Introduction.suggestion_mode,
            IntroductionOutcome.kind,
            func.count(func.distinct(Introduction.id)),
        )
        .join(IntroductionOutcome)
        .group_by(Introduction.suggestion_mode, IntroductionOutcome.kind)
    ):
        rows[mode].outcomes[kind] = count
    return list(rows.values())
