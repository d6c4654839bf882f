"""The schedule while it is being built: who meets whom in which slot, with every hard rule kept.

People and slots are row numbers; a person's availability and busy slots are integer bit masks,
so "a slot both are free in, with a table left" is one `&`. Every change goes through `add` and
`remove`, which write a journal, so a tried move that fails is undone with `rollback`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

Pair = tuple[int, int]


def pair_of(i: int, j: int) -> Pair:
    """The pair key: the two row numbers, smaller first."""
    return (i, j) if i < j else (j, i)


def bits(mask: int) -> Iterator[int]:
    """The slot numbers set in a bit mask, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


@dataclass
class Booking:
    """One meeting on the board."""

    slot: int
    value: int
    kind: str
    locked: bool = False
    table: int | None = None


class Board:
    """Slots × people with capacities; `place` books a pair, moving other meetings if it must."""

    def __init__(self, availability: list[int], capacity: list[int], max_meetings: int):
        n = len(availability)
        self.available = availability
        self.capacity = capacity
        self.max_meetings = max_meetings
        self.busy = [0] * n
        self.at: list[dict[int, Pair]] = [{} for _ in range(n)]
        self.count = [0] * n
        self.used = [0] * len(capacity)
        self.in_slot: list[dict[Pair, None]] = [{} for _ in capacity]  # ordered sets
        # The same meetings by value, so the cheapest in a slot is found without a scan.
        self.by_value: list[dict[int, dict[Pair, None]]] = [{} for _ in capacity]
        self.full = 0
        self.every_slot = (1 << len(capacity)) - 1
        self.bookings: dict[Pair, Booking] = {}
        self.forbidden: set[Pair] = set()
        self.journal: list[tuple[str, Pair, Booking]] = []
        self.value = 0
        # Bumped on every change touching a slot or a person, so callers can cache by them.
        self.slot_version = [0] * len(capacity)
        self.person_version = [0] * n

    # -- the two primitive changes, journalled -------------------------------------------------
    def add(self, pair: Pair, booking: Booking) -> None:
        """Book `pair` in `booking.slot`; the caller has checked the rules."""
        i, j = pair
        s = booking.slot
        bit = 1 << s
        self.busy[i] |= bit
        self.busy[j] |= bit
        self.at[i][s] = self.at[j][s] = pair
        self.count[i] += 1
        self.count[j] += 1
        self.used[s] += 1
        if self.used[s] >= self.capacity[s]:
            self.full |= bit
        self.in_slot[s][pair] = None
        self.by_value[s].setdefault(booking.value, {})[pair] = None
        self.bookings[pair] = booking
        self.value += booking.value
        self._touch(pair, s)
        self.journal.append(("add", pair, booking))

    def remove(self, pair: Pair) -> Booking:
        """Take a meeting off the board and return its booking."""
        booking = self.bookings.pop(pair)
        i, j = pair
        s = booking.slot
        bit = 1 << s
        self.busy[i] &= ~bit
        self.busy[j] &= ~bit
        del self.at[i][s], self.at[j][s]
        self.count[i] -= 1
        self.count[j] -= 1
        self.used[s] -= 1
        self.full &= ~bit
        del self.in_slot[s][pair]
        del self.by_value[s][booking.value][pair]
        self.value -= booking.value
        self._touch(pair, s)
        self.journal.append(("remove", pair, booking))
        return booking

    def _touch(self, pair: Pair, s: int) -> None:
        self.slot_version[s] += 1
        self.person_version[pair[0]] += 1
        self.person_version[pair[1]] += 1

    def checkpoint(self) -> int:
        """A mark to roll back to."""
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        """Undo every change made since `mark`."""
        while len(self.journal) > mark:
            action, pair, booking = self.journal.pop()
            if action == "add":
                self.remove(pair)
            else:
                self.add(pair, booking)
            self.journal.pop()  # the undo itself is not history

    # -- questions -----------------------------------------------------------------------------
    def may_meet(self, i: int, j: int) -> bool:
        """Whether a new meeting of i and j breaks no rule other than finding a slot."""
        pair = pair_of(i, j)
        return (
            pair not in self.bookings
            and pair not in self.forbidden
            and self.count[i] < self.max_meetings
            and self.count[j] < self.max_meetings
        )

    def open_slots(self, i: int, j: int) -> int:
        """Mask of slots both are available and free in, with a table left."""
        return self.available[i] & self.available[j] & ~(self.busy[i] | self.busy[j] | self.full)

    def cheapest_in_slot(self, s: int, count: int) -> list[Pair]:
        """Up to `count` unlocked meetings of slot s, lowest value first."""
        found = []
        for value in sorted(self.by_value[s]):
            for pair in self.by_value[s][value]:
                if not self.bookings[pair].locked:
                    found.append(pair)
                    if len(found) == count:
                        return found
        return found

    def pick_slot(self, mask: int) -> int:
        """The emptiest slot in mask (lowest number on ties): keeps tables spread over the day."""
        return min(bits(mask), key=lambda s: (self.used[s] / self.capacity[s], s))

    # -- moves ---------------------------------------------------------------------------------
    def place(self, i: int, j: int, value: int, kind: str, *, depth: int = 1) -> bool:
        """Book i with j, moving up to `depth` levels of other meetings to make room."""
        if not self.may_meet(i, j):
            return False
        return self._book(pair_of(i, j), Booking(-1, value, kind), 0, depth)

    def _book(self, pair: Pair, booking: Booking, banned: int, depth: int) -> bool:
        """Book pair in a slot outside `banned`, first directly, then by moving blockers."""
        i, j = pair
        mask = self.open_slots(i, j) & ~banned
        if mask:
            booking.slot = self.pick_slot(mask)
            self.add(pair, booking)
            return True
        if depth <= 0 or not (self.every_slot & ~(self.full | banned)):
            return False  # moving anything needs a slot with a table left
        for s in bits(self.available[i] & self.available[j] & ~banned):
            mark = self.checkpoint()
            if self._clear(i, j, s, banned | (1 << s), depth - 1):
                booking.slot = s
                self.add(pair, booking)
                return True
            self.rollback(mark)
        return False

    def _clear(self, i: int, j: int, s: int, banned: int, depth: int) -> bool:
        """Free i and j and one table in slot s by moving meetings to slots outside `banned`."""
        for person in (i, j):
            blocker = self.at[person].get(s)
            if blocker is not None and not self._move(blocker, banned, depth):
                return False
        if self.used[s] < self.capacity[s]:
            return True
        for other in list(self.in_slot[s])[:MAX_TABLE_MOVES]:
            if self._move(other, banned, depth):
                return True
        return False

    def _move(self, pair: Pair, banned: int, depth: int) -> bool:
        """Move an unlocked meeting to another slot outside `banned`."""
        booking = self.bookings[pair]
        if booking.locked:
            return False
        mark = self.checkpoint()
        self.remove(pair)
        if self._book(pair, Booking(-1, booking.value, booking.kind), banned, depth):
            return True
        self.rollback(mark)
        return False


# Freeing a table in a full slot tries this many of its meetings: enough to find a movable one
# in practice, without scanning hundreds of tables for every failed booking.
MAX_TABLE_MOVES = 24
