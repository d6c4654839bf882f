"""Breakout groups for a session: form them with matching/, store them, re-score after a coach edits.

Rounds formed together are a *batch* (settings["batch"]); a batch is scored as a whole and every
earlier batch of the edition counts as "already met", so new rounds avoid repeating pairs. These
functions flush, never commit; on bad input they raise BreakoutError before touching any row, so
the previous groups stay as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.editions import coaches
from app.editions import queries as edition_queries
from app.editions.breakouts import queries
from app.editions.services import tell
from app.extensions import db
from app.models import Cohort, Profile, User, utcnow
from app.models.coaching import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    CoachingSession,
)
from app.security import external_url
from app.services import matching as matching_adapter
from matching.groups import GroupResult, GroupWeights, evaluate_groups, form_groups
from matching.people import InputError

WEIGHT_NAMES = ("topic", "country", "ecosystem", "maturity")


class BreakoutError(Exception):
    """The groups cannot be formed or changed as asked; the message names the rule and the fix."""


@dataclass
class BuilderSettings:
    """What the coach chose in the builder."""

    participant_ids: list[int]
    group_size: int
    rounds: int = 1
    weights: dict = field(default_factory=dict)
    seed: int = 0

    def group_weights(self) -> GroupWeights:
        """The matcher's weights from the stored settings."""
        return GroupWeights(
            **{k: v for k, v in self.weights.items() if k in GroupWeights.__dataclass_fields__}
        )

    def as_dict(self, batch: int) -> dict:
        """JSON-ready settings stored on each round of the batch."""
        return {
            "participants": self.participant_ids,
            "group_size": self.group_size,
            "rounds": self.rounds,
            "weights": self.weights,
            "seed": self.seed,
            "batch": batch,
        }

    @classmethod
    def of_round(cls, breakout_round: BreakoutRound) -> BuilderSettings:
        """The settings a round was formed with."""
        s = breakout_round.settings
        return cls(
            s.get("participants", []),
            s.get("group_size", breakout_round.group_size),
            s.get("rounds", 1),
            s.get("weights", {}),
            s.get("seed", 0),
        )


def batch_of(breakout_round: BreakoutRound) -> int:
    """The batch number a round belongs to."""
    return int(breakout_round.settings.get("batch", 0))


def draft_rounds(session: CoachingSession) -> list[BreakoutRound]:
    """The session's unpublished rounds, in order."""
    return [r for r in session.rounds if not r.is_published]


def _rules(cohort: Cohort, user_ids: set[int]) -> tuple[list, list]:
    """(together, apart) id pairs of the edition's rules among these users."""
    together, apart = [], []
    for rule in db.session.scalars(select(BreakoutRule).filter_by(cohort_id=cohort.id)):
        if rule.first_user_id in user_ids and rule.second_user_id in user_ids:
            pair = (
                matching_adapter.person_id(rule.first_user_id),
                matching_adapter.person_id(rule.second_user_id),
            )
            (together if rule.kind == "together" else apart).append(pair)
    return together, apart


def _previous_rounds(cohort: Cohort, before_batch: int) -> list[list[list[str]]]:
    """Groups of every earlier batch of the edition, as lists of matcher ids."""
    return [
        [[matching_adapter.person_id(m.user_id) for m in g.members] for g in r.groups]
        for r in queries.edition_rounds(cohort)
        if batch_of(r) < before_batch
    ]


def _challenge_texts(cohort: Cohort, user_ids: list[int]) -> dict[int, str]:
    """The challenges each participant wrote in their application to this edition."""
    rows = db.session.execute(
        select(Application.user_id, Application.challenges).where(
            Application.cohort_id == cohort.id, Application.user_id.in_(user_ids)
        )
    )
    return {uid: text for uid, text in rows if text}


def _context(cohort: Cohort, users: list[User], batch: int) -> dict:
    """People, rules, history and embeddings the matcher needs, for one batch."""
    ids = {u.id for u in users}
    together, apart = _rules(cohort, ids)
    embeddings, source = matching_adapter.stored_challenge_vectors(users)
    return {
        "people": matching_adapter.people_from_users(users, _challenge_texts(cohort, list(ids))),
        "together": together,
        "apart": apart,
        "embeddings": embeddings,
        "source": source,
        "previous_rounds": _previous_rounds(cohort, batch),
    }


def generate(
    session: CoachingSession, settings: BuilderSettings, *, locked: dict | None = None
) -> list[BreakoutRound]:
    """Form new rounds, replacing the session's drafts; raise BreakoutError (drafts untouched) on bad input."""
    cohort = session.cohort
    users = _load_users(settings.participant_ids)
    existing = [batch_of(r) for r in queries.edition_rounds(cohort)]
    drafts = draft_rounds(session)
    batch = batch_of(drafts[0]) if drafts else max(existing, default=0) + 1
    context = _context(cohort, users, batch)
    try:
        result = form_groups(
            context["people"],
            settings.group_size,
            rounds=settings.rounds,
            weights=settings.group_weights(),
            together=context["together"],
            apart=context["apart"],
            locked=locked or {},
            random_state=settings.seed,
            vectors=context["embeddings"],
            previous_rounds=context["previous_rounds"],
        )
    except InputError as problem:
        raise BreakoutError(_explain(problem, users)) from None
    kept = _kept_group_settings(drafts)
    for old in drafts:
        session.rounds.remove(old)  # delete-orphan: the rows go at the next flush
    db.session.flush()
    first_number = len([r for r in session.rounds if r.is_published]) + 1
    rounds = []
    for i, round_result in enumerate(result.rounds):
        breakout_round = BreakoutRound(
            session=session,
            number=first_number + i,
            group_size=settings.group_size,
            settings=settings.as_dict(batch),
            embeddings_source=context["source"],
        )
        for j, group_result in enumerate(round_result.groups):
            group = BreakoutGroup(position=j, **kept.get((i, j), {}))
            group.members = [
                BreakoutMember(user_id=matching_adapter.user_id_of(pid))
                for pid in group_result.members
            ]
            breakout_round.groups.append(group)
        db.session.add(breakout_round)
        rounds.append(breakout_round)
    _store(rounds, result, {u.id: u for u in users})
    db.session.flush()
    return rounds


def _kept_group_settings(drafts: list[BreakoutRound]) -> dict:
    """Locks and coaches of locked draft groups, so regenerating keeps them."""
    return {
        (i, g.position): {"locked": True, "coach_id": g.coach_id}
        for i, r in enumerate(drafts)
        for g in r.groups
        if g.locked
    }


def regenerate_unlocked(session: CoachingSession) -> list[BreakoutRound]:
    """Form the session's draft rounds again, keeping every locked group as it is."""
    drafts = draft_rounds(session)
    if not drafts:
        raise BreakoutError("There are no draft rounds to regenerate; generate groups first.")
    settings = BuilderSettings.of_round(drafts[0])
    settings.rounds = len(drafts)
    current = {uid for r in drafts for g in r.groups for uid in (m.user_id for m in g.members)}
    settings.participant_ids = sorted(current)
    settings.seed += 1  # a different seed, so the unlocked groups really change
    locked: dict[str, list[int | None]] = {}
    for i, breakout_round in enumerate(drafts):
        for group in breakout_round.groups:
            if group.locked:
                for member in group.members:
                    locked.setdefault(
                        matching_adapter.person_id(member.user_id), [None] * len(drafts)
                    )[i] = group.position
    return generate(session, settings, locked=locked)


def move_member(breakout_round: BreakoutRound, *, user_id: int, to_group: BreakoutGroup) -> None:
    """Move a participant to another group of the same round, then re-score the batch."""
    if to_group.round_id != breakout_round.id:
        raise BreakoutError("That group belongs to another round; pick a group of this round.")
    seat = next((m for g in breakout_round.groups for m in g.members if m.user_id == user_id), None)
    if seat is None:
        raise BreakoutError("That person is not in this round; reload the page and try again.")
    if seat.group_id != to_group.id:
        seat.group.members.remove(seat)
        to_group.members.append(BreakoutMember(user_id=user_id))
        db.session.flush()
        rescore(breakout_round)


def rescore(breakout_round: BreakoutRound) -> GroupResult:
    """Evaluate every round of the batch with evaluate_groups and store metrics, reasons, unmet rules."""
    session = breakout_round.session
    batch = batch_of(breakout_round)
    rounds = [r for r in session.rounds if batch_of(r) == batch]
    users = _load_users(sorted({m.user_id for r in rounds for g in r.groups for m in g.members}))
    context = _context(session.cohort, users, batch)
    layout = [
        [[matching_adapter.person_id(m.user_id) for m in g.members] for g in r.groups if g.members]
        for r in rounds
    ]
    try:
        result = evaluate_groups(
            context["people"],
            layout,
            weights=BuilderSettings.of_round(breakout_round).group_weights(),
            together=context["together"],
            apart=context["apart"],
            vectors=context["embeddings"],
            previous_rounds=context["previous_rounds"],
        )
    except InputError as problem:
        raise BreakoutError(_explain(problem, users)) from None
    _store(rounds, result, {u.id: u for u in users}, skip_empty=True)
    return result


def _store(
    rounds: list[BreakoutRound],
    result: GroupResult,
    users: dict[int, User],
    *,
    skip_empty: bool = False,
) -> None:
    """Write the result's metrics, reasons and unmet rules onto the round and group rows."""
    unmet = [matching_adapter.name_people(line, users) for line in result.unmet]
    for breakout_round, round_result in zip(rounds, result.rounds, strict=True):
        breakout_round.metrics = _plain_json(result.metrics)
        breakout_round.unmet = unmet
        groups = [g for g in breakout_round.groups if g.members or not skip_empty]
        for group, group_result in zip(groups, round_result.groups, strict=True):
            group.metrics = _plain_json(group_result.metrics)
            group.reasons = [matching_adapter.name_people(r, users) for r in group_result.reasons]


def _plain_json(value):
    """The matcher's metrics as plain JSON values for a JSON column (numpy scalars become numbers)."""
    return json.loads(
        json.dumps(value, default=lambda v: v.item() if hasattr(v, "item") else str(v))
    )


FIELD_LABELS = {
    "group_size": "Group size",
    "rounds": "Rounds",
    "together": "Keep-together rules",
    "apart": "Keep-apart rules",
    "locked": "Locked groups",
    "people": "Participants",
}


def _explain(problem: InputError, users: list[User]) -> str:
    """The matcher's message for a coach: which setting ("Group size: …"), with names, counted from 1."""
    message = str(problem)
    if problem.field is not None:
        message = message.split(": ", 1)[-1]
        label = FIELD_LABELS.get(
            problem.field, problem.field.split(".")[0].replace("_", " ").capitalize()
        )
        message = f"{label}: {message}"
    return matching_adapter.name_people(message, {u.id: u for u in users})


def _load_users(user_ids: list[int]) -> list[User]:
    """Users by id with their profiles, in id order; unknown ids are dropped."""
    query = (
        select(User)
        .where(User.id.in_(user_ids))
        .order_by(User.id)
        .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
    )
    return list(db.session.scalars(query))


def toggle_lock(group: BreakoutGroup) -> None:
    """Lock a group (regenerating keeps it) or unlock it."""
    group.locked = not group.locked
    db.session.flush()


def publish(session: CoachingSession) -> list[BreakoutRound]:
    """Publish the session's draft rounds and tell each member; returns the rounds published."""
    drafts = draft_rounds(session)
    if not drafts:
        raise BreakoutError("Nothing to publish: every round is already published.")
    for breakout_round in drafts:
        breakout_round.published_at = utcnow()
    members = {m.user for r in drafts for g in r.groups for m in g.members}
    for user in members:
        tell(
            user,
            event="coaching",
            subject=f"Your breakout groups for {session.title}",
            message=f"Your breakout groups for “{session.title}” are ready; meet your group.",
            link=external_url("editions.my_groups"),
        )
    db.session.flush()
    return drafts


def save_session(session: CoachingSession | None, cohort: Cohort, **fields) -> CoachingSession:
    """Create or update a session of the edition."""
    session = session or CoachingSession(cohort_id=cohort.id)
    for name in ("title", "mode", "starts_at", "duration_minutes"):
        setattr(session, name, fields[name])
    db.session.add(session)
    db.session.flush()
    return session


def add_rule(cohort: Cohort, *, kind: str, first_user_id: int, second_user_id: int) -> BreakoutRule:
    """Keep two participants apart (or together) the next time the edition's groups are formed."""
    rule = BreakoutRule(
        cohort_id=cohort.id, kind=kind, first_user_id=first_user_id, second_user_id=second_user_id
    )
    db.session.add(rule)
    db.session.flush()
    return rule


def delete_rule(rule: BreakoutRule) -> None:
    """Remove a keep-apart / keep-together rule."""
    db.session.delete(rule)
    db.session.flush()


def set_coach(group: BreakoutGroup, *, coach_id: int | None) -> None:
    """Assign (or, with None, clear) the coach of a group; only the edition's coaches qualify."""
    if coach_id and coach_id not in {
        c.id for c in edition_queries.coaches(group.round.session.cohort)
    }:
        raise BreakoutError("Pick a coach from the list.")
    group.coach_id = coach_id or None
    db.session.flush()


def form_rounds(session: CoachingSession, settings: BuilderSettings) -> list[BreakoutRound]:
    """Form new draft rounds from the builder settings, each group with a suggested coach."""
    rounds = generate(session, settings)
    for breakout_round in rounds:
        coaches.assign_suggested_coaches(breakout_round)
    return rounds


def reform_unlocked(session: CoachingSession) -> list[BreakoutRound]:
    """Form the draft rounds again, keeping locked groups (and their coaches)."""
    rounds = regenerate_unlocked(session)
    for breakout_round in rounds:
        if not all(g.coach_id for g in breakout_round.groups):
            coaches.assign_suggested_coaches(breakout_round)
    return rounds
