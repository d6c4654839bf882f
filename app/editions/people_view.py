"""The edition dashboard's per-person view: who met the fewest others, and who was left alone.

Built from published breakout rounds only (a draft round is a coach's sketch: nobody met in it).
"Alone at their maturity level" counts the groups where a person was the only one of their
maturity level; "no one from their ecosystems" means they never shared a group with someone
working in one of their ecosystems.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.models import User


@dataclass
class PersonMeetings:
    """One participant's breakout record in an edition."""

    user: User
    met: set[int] = field(default_factory=set)
    groups: int = 0
    alone_at_maturity: int = 0
    met_own_ecosystem: bool = False

    @property
    def met_count(self) -> int:
        """How many different participants this person has shared a group with."""
        return len(self.met)

    @property
    def isolated_in(self) -> list[str]:
        """The categories in which this person was left alone, in words for the coach."""
        notes = []
        if self.alone_at_maturity:
            notes.append(
                f"only one at their maturity level in {self.alone_at_maturity} of {self.groups} "
                f"group{'' if self.groups == 1 else 's'}"
            )
        if self.groups and not self.met_own_ecosystem:
            notes.append("no one from their ecosystems in any group")
        return notes


def _maturity(user: User) -> str | None:
    return user.profile.maturity if user.profile else None


def _ecosystems(user: User) -> set[str]:
    return set(user.profile.ecosystems) if user.profile else set()


def people_meetings(people: list[User], published_rounds) -> list[PersonMeetings]:
    """Per participant: people met, groups joined and isolation, fewest met first (then by name)."""
    records = {u.id: PersonMeetings(u) for u in people}
    for breakout_round in published_rounds:
        for group in breakout_round.groups:
            members = [records[m.user_id] for m in group.members if m.user_id in records]
            levels = defaultdict(int)
            for record in members:
                levels[_maturity(record.user)] += 1
            for record in members:
                record.groups += 1
                others = [o for o in members if o is not record]
                record.met.update(o.user.id for o in others)
                if _maturity(record.user) and levels[_maturity(record.user)] == 1 and others:
                    record.alone_at_maturity += 1
                mine = _ecosystems(record.user)
                if any(mine & _ecosystems(o.user) for o in others):
                    record.met_own_ecosystem = True
    return sorted(records.values(), key=lambda r: (r.met_count, r.user.name))


def fewest_met(records: list[PersonMeetings]) -> list[PersonMeetings]:
    """The participants who met the fewest others (everyone tied at the minimum); none before any round."""
    joined = [r for r in records if r.groups]
    if not joined:
        return []
    least = min(r.met_count for r in records)
    return [r for r in records if r.met_count == least]
