"""The group builder: form a session's rounds with matching/, store them, re-score after an edit.

Rounds formed together are a *batch* (settings["batch"]); a batch is scored as a whole and every
earlier batch of the edition counts as "already met", so new rounds avoid repeating pairs. These
functions flush, never commit; on bad input they raise BreakoutError before touching any row, so
the previous groups stay as they were. The views call them through services.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.editions.breakouts import queries
from app.extensions import db
from app.models import Edition, User
from app.models.coaching import BreakoutGroup, BreakoutMember, BreakoutRound, CoachingSession
from app.services import matching as matching_adapter
from matching.groups import GroupResult, GroupWeights, evaluate_groups, form_groups
from matching.people import InputError

#: The builder's names for the matcher's settings, so a message names the field the coach sees.
FIELD_LABELS = {
    "group_size": "Group size",
    "rounds": "Rounds",
    "together": "Keep-together rules",
    "apart": "Keep-apart rules",
    "locked": "Locked groups",
    "people": "Participants",
}


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


def generate(
    session: CoachingSession, settings: BuilderSettings, *, locked: dict | None = None
) -> list[BreakoutRound]:
    """Form new rounds, replacing the session's drafts; raise BreakoutError (drafts untouched) on bad input."""
    edition = session.edition
    users = queries.users_with_profiles(settings.participant_ids)
    existing = [queries.batch_of(r) for r in queries.edition_rounds(edition)]
    drafts = queries.draft_rounds(session)
    batch = queries.batch_of(drafts[0]) if drafts else max(existing, default=0) + 1
    context = _context(edition, users, batch)
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


def regenerate_unlocked(session: CoachingSession) -> list[BreakoutRound]:
    """Form the session's draft rounds again, keeping every locked group as it is."""
    drafts = queries.draft_rounds(session)
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


def rescore(breakout_round: BreakoutRound) -> GroupResult:
    """Evaluate every round of the batch with evaluate_groups and store metrics, reasons, unmet rules."""
    session = breakout_round.session
    batch = queries.batch_of(breakout_round)
    rounds = [r for r in session.rounds if queries.batch_of(r) == batch]
    users = queries.users_with_profiles(
        sorted({m.user_id for r in rounds for g in r.groups for m in g.members})
    )
    context = _context(session.edition, users, batch)
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


def _context(edition: Edition, users: list[User], batch: int) -> dict[str, Any]:
    """People, rules, history and embeddings the matcher needs, for one batch."""
    ids = {u.id for u in users}
    together, apart = _rule_pairs(edition, ids)
    embeddings, source = matching_adapter.stored_challenge_vectors(users)
    challenges = queries.application_challenges(edition, user_ids=ids)
    return {
        "people": matching_adapter.people_from_users(users, challenges),
        "together": together,
        "apart": apart,
        "embeddings": embeddings,
        "source": source,
        "previous_rounds": _previous_rounds(edition, batch),
    }


def _rule_pairs(
    edition: Edition, user_ids: set[int]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(together, apart) matcher-id pairs of the edition's rules among these users."""
    together: list[tuple[str, str]] = []
    apart: list[tuple[str, str]] = []
    for rule in queries.rules(edition):
        if rule.first_user_id in user_ids and rule.second_user_id in user_ids:
            pair = (
                matching_adapter.person_id(rule.first_user_id),
                matching_adapter.person_id(rule.second_user_id),
            )
            (together if rule.kind == "together" else apart).append(pair)
    return together, apart


def _previous_rounds(edition: Edition, before_batch: int) -> list[list[list[str]]]:
    """Groups of every earlier batch of the edition, as lists of matcher ids."""
    return [
        [[matching_adapter.person_id(m.user_id) for m in g.members] for g in r.groups]
        for r in queries.edition_rounds(edition)
        if queries.batch_of(r) < before_batch
    ]


def _kept_group_settings(drafts: list[BreakoutRound]) -> dict:
    """Locks and coaches of locked draft groups, so regenerating keeps them."""
    return {
        (i, g.position): {"locked": True, "coach_id": g.coach_id}
        for i, r in enumerate(drafts)
        for g in r.groups
        if g.locked
    }


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
