"""One-to-one meetings for a meeting day: which pairs meet, in which slot, at which table.

    result = schedule_meetings(event, people=people, vectors=vectors, random_state=0)

The objective is lexicographic:
1. the value of the scheduled wishes (a pair is worth the sum of its wishes: must 3, want 1);
2. everyone reaching `event.min_meetings`;
3. the matcher's suggested pairs filling what is left.

Hard rules are never broken: availability, one meeting per person per slot, tables per slot, the
maximum per person, never a blocked pair, and never a pair that already met (`avoid_met`).

How: wishes are booked greedily by value (least flexible first), each booking allowed to move
meetings already on the board to other slots (see `Board.place`). A local search then tries each
unscheduled pair against the cheapest set of meetings in its way: it swaps them out when the
pair is worth more, and books the displaced meetings elsewhere if it can. Every step is
deterministic for a `random_state`, which only breaks ties.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from matching.meetings.board import Board, Booking, Pair, bits, pair_of
from matching.meetings.event import MeetingEvent, MeetingRequest
from matching.meetings.result import (
    ALREADY_MET,
    DECLINED,
    MAXIMUM_REACHED,
    NO_COMMON_SLOT,
    TABLES_FULL,
    ScheduledMeeting,
    ScheduleResult,
    Suggestion,
    UnscheduledRequest,
)
from matching.meetings.selection import best_pairs
from matching.people import InputError, Person
from matching.text.vectors import PeopleVectors

#: A swap: (what it costs, the slot, the meetings it removes).
SwapOption = tuple[int, int, tuple[Pair, ...]]

WISH_WORDS = {"must": "Must meet", "want": "Would like to meet"}
# How many unscheduled pairs' best swaps are weighed before one is taken.
SWAP_CANDIDATES = 3
# How many partners are tried for someone below the minimum before giving up on them.
MINIMUM_ATTEMPTS = 200


def schedule_meetings(
    event: MeetingEvent,
    *,
    suggestions: Iterable[Suggestion] = (),
    people: Sequence[Person] | None = None,
    vectors: PeopleVectors | None = None,
    mode: str = "similar",
    random_state: int = 0,
    search_passes: int = 4,
) -> ScheduleResult:
    """The schedule for `event`; with `people` and `vectors`, the matcher suggests fill-in pairs."""
    suggestions = list(suggestions)
    if vectors is not None:
        if people is None:
            raise ValueError("vectors need the people they belong to")
        suggestions += suggest_pairs(event, people, vectors, mode=mode)
    names = {p.id: p.name for p in people or ()}
    planner = _Planner(event, suggestions, names, random_state)
    planner.book_wishes()
    planner.improve_wishes(search_passes)
    planner.reach_minimum()
    planner.fill_with_suggestions()
    return planner.result()


def suggest_pairs(
    event: MeetingEvent, people: Sequence[Person], vectors: PeopleVectors, *, mode: str = "similar"
) -> list[Suggestion]:
    """The matcher's top peers for every participant, as pairs with reasons (best direction)."""
    from matching.recommendations.recommend import recommend

    participants = set(event.participants)
    rows = [p.id for p in people if p.id in participants]
    if len(rows) < 2:
        return []
    k = min(len(rows) - 1, max(5, 2 * event.max_meetings))
    exclude: dict[str, set[str]] = {}
    for pair in event.blocked | (event.met if event.avoid_met else frozenset()):
        a, b = sorted(pair)
        exclude.setdefault(a, set()).add(b)
        exclude.setdefault(b, set()).add(a)
    found = recommend(people, k, vectors=vectors, mode=mode, for_ids=rows, exclude=exclude)
    best: dict[frozenset[str], Suggestion] = {}
    for pid, recs in found.items():
        for rec in recs:
            key = frozenset((pid, rec.id))
            if rec.id in participants and (key not in best or rec.score > best[key].score):
                best[key] = Suggestion(pid, rec.id, rec.score, tuple(rec.reasons))
    return list(best.values())


class _Planner:
    """Builds one schedule; the phases run in the order of the objective."""

    def __init__(
        self,
        event: MeetingEvent,
        suggestions: list[Suggestion],
        names: dict[str, str],
        random_state: int,
    ) -> None:
        self.event = event
        self.ids = list(event.participants)
        self.row = {pid: i for i, pid in enumerate(self.ids)}
        self.slot_row = {s: k for k, s in enumerate(event.slots)}
        self.names = names
        everything = (1 << len(event.slots)) - 1
        availability = [everything] * len(self.ids)
        for pid, free in event.availability.items():
            availability[self.row[pid]] = sum(1 << self.slot_row[s] for s in free)
        capacity = [event.tables_in(k) for k in range(len(event.slots))]
        self.board = Board(availability, capacity, event.max_meetings)
        self.rng = np.random.default_rng(random_state)
        self.tie = self.rng.permutation(len(self.ids))
        self.met = {self._pair(*p) for p in event.met} if event.avoid_met else set()
        self.blocked = {self._pair(*p) for p in event.blocked}
        self.board.forbidden = self.met | self.blocked
        self.value: dict[Pair, int] = {}
        for request in event.requests:
            pair = self._pair(request.requester, request.target)
            self.value[pair] = self.value.get(pair, 0) + request.value
        self.wishes_of: dict[int, list[Pair]] = {i: [] for i in range(len(self.ids))}
        for pair in sorted(self.value, key=lambda p: -self.value[p]):
            if pair not in self.board.forbidden:
                self.wishes_of[pair[0]].append(pair)
                self.wishes_of[pair[1]].append(pair)
        self.suggested: dict[Pair, Suggestion] = {}
        for item in suggestions:
            pair = self._pair(item.a, item.b)
            if pair not in self.suggested or item.score > self.suggested[pair].score:
                self.suggested[pair] = item
        self.requests_of: dict[Pair, list[MeetingRequest]] = {}
        for request in event.requests:
            self.requests_of.setdefault(self._pair(request.requester, request.target), []).append(
                request
            )
        self._book_locked()

    def _pair(self, a: str, b: str) -> Pair:
        return pair_of(self.row[a], self.row[b])

    def _book_locked(self) -> None:
        """Locked meetings go on first and never move; they must keep the rules themselves."""
        board = self.board
        for number, fixed in enumerate(self.event.locked, start=1):
            i, j = self.row[fixed.a], self.row[fixed.b]
            s = self.slot_row[fixed.slot]
            if not (board.may_meet(i, j) and board.open_slots(i, j) >> s & 1):
                raise InputError(
                    f"{fixed.a} and {fixed.b} cannot meet in {fixed.slot}: not both free and "
                    "available, a table short, over the maximum, or a pair that may not meet",
                    field=f"locked[{number}]",
                )
            value = self.value.get(pair_of(i, j), 0)
            booking = Booking(s, value, "request" if value else "organiser", True, fixed.table)
            board.add(pair_of(i, j), booking)

    # -- phase 1: the wishes -------------------------------------------------------------------
    def _wish_order(self) -> list[Pair]:
        """Most valuable first; among equals the least flexible, then the better suggested."""
        board = self.board

        def key(pair: Pair) -> tuple[float, ...]:
            i, j = pair
            flexible = (board.available[i] & board.available[j]).bit_count()
            score = self.suggested[pair].score if pair in self.suggested else 0.0
            return (-self.value[pair], flexible, -score, self.tie[i], self.tie[j])

        return sorted((p for p in self.value if p not in board.forbidden), key=key)

    def book_wishes(self) -> None:
        """The best choice of pairs first, then the rest, each moving booked meetings if it helps."""
        order = self._wish_order()
        chosen = self._chosen_pairs(order)
        for i, j in [p for p in order if p in chosen] + [p for p in order if p not in chosen]:
            self.board.place(i, j, self.value[(i, j)], "request")

    def _chosen_pairs(self, order: list[Pair]) -> set[Pair]:
        """A maximum-value choice of pairs (see selection.py), people's free slots as limits."""
        board = self.board
        candidates = [(i, j) for i, j in order if board.available[i] & board.available[j]]
        room = [
            max(0, min(board.max_meetings, (board.available[p] & ~board.busy[p]).bit_count()))
            for p in range(len(self.ids))
        ]
        room = [r - board.count[p] if r > board.count[p] else 0 for p, r in enumerate(room)]
        places = sum(board.capacity) - len(board.bookings)
        values = [self.value[p] for p in candidates]
        return best_pairs(candidates, values, room, places)

    def improve_wishes(self, passes: int) -> None:
        """Swap unscheduled pairs in where they are worth more than the meetings in their way."""
        tried: dict[Pair, tuple[int, int]] = {}  # the two people's versions at the last try
        versions = self.board.person_version
        for _ in range(passes):
            improved = False
            for pair in self._wish_order():
                if pair in self.board.bookings:
                    continue
                now = (versions[pair[0]], versions[pair[1]])
                if tried.get(pair) == now:  # nothing changed around them since it failed
                    continue
                if self._swap_in(pair):
                    improved = True
                else:
                    tried[pair] = now
            if not improved:
                return

    def _swap_in(self, pair: Pair) -> bool:
        """Book pair by removing meetings worth no more; True when the wish value went up."""
        value = self.value[pair]
        options = sorted(self._swap_options(pair, value))[:SWAP_CANDIDATES]
        best, best_gain = None, 0
        for option in options:
            gain = self._try_swap(pair, value, option, keep=False)
            if gain > best_gain:
                best, best_gain = option, gain
        if best is None:
            return False
        self._try_swap(pair, value, best, keep=True)
        return True

    def _swap_options(self, pair: Pair, value: int) -> Iterator[SwapOption]:
        """(cost, slot, meetings to remove) for each slot where pair fits after removals."""
        board = self.board
        i, j = pair
        own = {p: self._cheapest_of(board.at[p].values()) for p in (i, j)}
        for s in bits(board.available[i] & board.available[j]):
            in_way = {board.at[p][s] for p in (i, j) if s in board.at[p]}
            if any(board.bookings[e].locked for e in in_way):
                continue
            evict: set[Pair] | None = in_way
            for p in (i, j):
                if evict is not None and (
                    board.count[p] - sum(p in e for e in evict) >= board.max_meetings
                ):
                    evict = self._add_cheapest(evict, own[p])
            if evict is None:
                continue
            in_s = sum(board.bookings[e].slot == s for e in evict)
            if board.used[s] - in_s >= board.capacity[s]:
                evict = self._add_cheapest(evict, self._slot_cheapest(s))
                if evict is None:
                    continue
            cost = sum(board.bookings[e].value for e in evict)
            if cost <= value:  # equal cost can still gain: see _try_swap
                yield cost, s, tuple(sorted(evict))

    def _cheapest_of(self, pairs: Iterable[Pair]) -> list[Pair]:
        """Up to a few unlocked meetings among pairs, lowest value first."""
        bookings = self.board.bookings
        movable = ((bookings[p].value, p) for p in pairs if not bookings[p].locked)
        return [p for _, p in heapq.nsmallest(4, movable)]

    def _slot_cheapest(self, s: int) -> list[Pair]:
        """The cheapest few unlocked meetings of slot s."""
        return self.board.cheapest_in_slot(s, 4)

    @staticmethod
    def _add_cheapest(evict: set[Pair] | None, candidates: list[Pair]) -> set[Pair] | None:
        """evict plus the first candidate not in it, or None when there is none."""
        if evict is None:
            return None
        for candidate in candidates:
            if candidate not in evict:
                return evict | {candidate}
        return None

    def _try_swap(self, pair: Pair, value: int, option: SwapOption, *, keep: bool) -> int:
        """Apply a swap and re-book what it displaced; returns the gain (undone unless keep)."""
        board = self.board
        _, s, evict = option
        mark, before = board.checkpoint(), board.value
        removed = [board.remove(e) for e in evict]
        board.add(pair, Booking(s, value, "request"))
        for other, booking in sorted(
            zip(evict, removed, strict=True), key=lambda item: -item[1].value
        ):
            board.place(*other, booking.value, booking.kind)
        # An augmenting step: whoever lost a meeting may now have room for a waiting wish.
        for person in sorted({p for e in evict for p in e} - set(pair)):
            for waiting in self.wishes_of[person]:
                if waiting not in board.bookings:
                    board.place(*waiting, self.value[waiting], "request")
        gain = board.value - before
        if not keep:
            board.rollback(mark)
        return gain

    # -- phase 2: the minimum ------------------------------------------------------------------
    def reach_minimum(self) -> None:
        """Give everyone below the minimum extra meetings, suggested partners first."""
        board, minimum = self.board, self.event.min_meetings
        if minimum == 0:
            return
        below = sorted(
            (p for p in range(len(self.ids)) if board.count[p] < minimum),
            key=lambda p: (board.count[p], self.tie[p]),
        )
        for p in below:
            tried = 0
            for q in self._minimum_partners(p, below):
                if board.count[p] >= minimum or tried >= MINIMUM_ATTEMPTS:
                    break
                if board.available[p] & board.available[q] and board.may_meet(p, q):
                    tried += 1
                    board.place(p, q, 0, "minimum")

    def _minimum_partners(self, p: int, below: list[int]) -> Iterator[int]:
        """Suggested partners below the minimum, others below it, suggested ones, then anyone."""
        minimum, count = self.event.min_meetings, self.board.count
        by_score = sorted(
            (s.score, q)
            for (a, b), s in self.suggested.items()
            if p in (a, b)
            for q in ((b if a == p else a),)
        )
        suggested = [q for _, q in reversed(by_score)]
        yield from (q for q in suggested if count[q] < minimum)
        yield from (q for q in below if q != p and count[q] < minimum)
        yield from suggested
        n = len(self.ids)
        start = int(self.tie[p])
        yield from ((start + k) % n for k in range(n) if (start + k) % n != p)

    # -- phase 3: suggestions ------------------------------------------------------------------
    def fill_with_suggestions(self) -> None:
        """The matcher's pairs, best first, in whatever room is left."""
        board = self.board
        order = sorted(self.suggested.items(), key=lambda item: (-item[1].score, item[0]))
        for (i, j), _ in order:
            if board.may_meet(i, j):
                board.place(i, j, 0, "suggestion")

    # -- the result ----------------------------------------------------------------------------
    def result(self) -> ScheduleResult:
        """Meetings with tables and reasons, unscheduled wishes with why, and the summary."""
        meetings = self._meetings()
        unscheduled = tuple(
            self._unscheduled(r)
            for r in self.event.requests
            if self._pair(r.requester, r.target) not in self.board.bookings
        )
        return ScheduleResult(meetings, unscheduled, self._summary(meetings, unscheduled))

    def _meetings(self) -> tuple[ScheduledMeeting, ...]:
        board, slots = self.board, self.event.slots
        meetings = []
        for s in range(len(slots)):
            pairs = sorted(board.in_slot[s], key=lambda p: (self.ids[p[0]], self.ids[p[1]]))
            taken = {board.bookings[p].table for p in pairs} - {None}
            free_tables = (t for t in range(1, board.capacity[s] + 1) if t not in taken)
            for pair in sorted(pairs, key=lambda p: board.bookings[p].table is None):
                booking = board.bookings[pair]
                table = booking.table if booking.table is not None else next(free_tables)
                a, b = self.ids[pair[0]], self.ids[pair[1]]
                meetings.append(
                    ScheduledMeeting(
                        slot=slots[s],
                        table=table,
                        a=a,
                        b=b,
                        kind=booking.kind,
                        value=booking.value,
                        locked=booking.locked,
                        reasons=self._reasons(pair, booking.kind),
                    )
                )
        meetings.sort(key=lambda m: (self.slot_row[m.slot], m.table))
        return tuple(meetings)

    def _name(self, pid: str) -> str:
        return self.names.get(pid, pid)

    def _reasons(self, pair: Pair, kind: str) -> tuple[str, ...]:
        """Each wish behind the pair, then the matcher's reasons, then the minimum if it applies."""
        lines = [
            f"{self._name(r.requester)} asked: “{WISH_WORDS[r.priority]}” {self._name(r.target)}"
            for r in self.requests_of.get(pair, ())
        ]
        if pair in self.suggested:
            lines += self.suggested[pair].reasons or ["Suggested by the matcher"]
        if kind == "minimum":
            lines.append(f"Gives both at least {self.event.min_meetings} meetings in the day")
        return tuple(lines)

    def _unscheduled(self, request: MeetingRequest) -> UnscheduledRequest:
        """Why a wish is not on the schedule, most basic cause first."""
        board = self.board
        i, j = self.row[request.requester], self.row[request.target]
        pair = pair_of(i, j)
        common = board.available[i] & board.available[j]
        full = [self.ids[p] for p in (i, j) if board.count[p] >= board.max_meetings]
        if pair in self.met:
            why, detail = ALREADY_MET, "These two have met before."
        elif pair in self.blocked:
            why, detail = DECLINED, "One of the two does not want this meeting."
        elif not common:
            why, detail = NO_COMMON_SLOT, "They are never available at the same time."
        elif full:
            names = " and ".join(self._name(p) for p in full)
            why, detail = MAXIMUM_REACHED, f"{names} already has {board.max_meetings} meetings."
        elif common & ~(board.busy[i] | board.busy[j]):
            why, detail = TABLES_FULL, "Every table is taken in the slots both have free."
        else:
            why, detail = NO_COMMON_SLOT, "Their common slots are taken by other meetings."
        return UnscheduledRequest(request.requester, request.target, request.priority, why, detail)

    def _summary(
        self,
        meetings: tuple[ScheduledMeeting, ...],
        unscheduled: tuple[UnscheduledRequest, ...],
    ) -> dict[str, Any]:
        board, event = self.board, self.event
        counts = board.count
        wished = sum(v for p, v in self.value.items() if p not in board.forbidden)
        kinds: dict[str, int] = {}
        for m in meetings:
            kinds[m.kind] = kinds.get(m.kind, 0) + 1
        return {
            "participants": len(self.ids),
            "slots": len(event.slots),
            "table_places": sum(board.capacity),
            "meetings": len(meetings),
            "meetings_by_kind": kinds,
            "requests": len(event.requests),
            "requests_scheduled": len(event.requests) - len(unscheduled),
            "request_value": board.value,
            "request_value_wished": wished,
            "meetings_per_person": {
                "min": min(counts),
                "mean": round(sum(counts) / len(counts), 2),
                "max": max(counts),
            },
            "below_minimum": [
                self.ids[p] for p in range(len(self.ids)) if counts[p] < event.min_meetings
            ],
        }
