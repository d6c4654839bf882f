"""A meeting day as the scheduler sees it: slots, tables, limits, availability and wishes.

`MeetingEvent` is a plain, checked record; `event_from_dict` reads the CLI's event.json into one
and names the field at fault when something is wrong. Nothing here knows about Flask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from matching.people import InputError

# What one wish is worth; a pair's value is the sum over both directions (mutual must = 6).
PRIORITY_VALUES = {"must": 3, "want": 1}


@dataclass(frozen=True)
class MeetingRequest:
    """One person's wish to meet another: `priority` is "must" or "want"."""

    requester: str
    target: str
    priority: str = "want"

    @property
    def value(self) -> int:
        """What scheduling this wish is worth: must = 3, want = 1."""
        return PRIORITY_VALUES[self.priority]


@dataclass(frozen=True)
class FixedMeeting:
    """A meeting the organiser locked: it stays at this slot (and table 1..n, when given)."""

    a: str
    b: str
    slot: str
    table: int | None = None


@dataclass(frozen=True)
class MeetingEvent:
    """Everything the scheduler needs about one meeting day, checked on construction.

    `tables` is one number for every slot or one number per slot. A participant missing from
    `availability` is free in every slot. `blocked` pairs (a "No thanks", a declined wish) are
    never scheduled, like pairs in `met` when `avoid_met` is on.
    """

    participants: tuple[str, ...]
    slots: tuple[str, ...]
    tables: int | tuple[int, ...]
    max_meetings: int
    min_meetings: int = 0
    availability: Mapping[str, frozenset[str]] = field(default_factory=dict)
    requests: tuple[MeetingRequest, ...] = ()
    met: frozenset[frozenset[str]] = frozenset()
    blocked: frozenset[frozenset[str]] = frozenset()
    locked: tuple[FixedMeeting, ...] = ()
    avoid_met: bool = True

    def __post_init__(self) -> None:
        check_event(self)

    def tables_in(self, slot_index: int) -> int:
        """How many tables slot number `slot_index` has."""
        if isinstance(self.tables, int):
            return self.tables
        return self.tables[slot_index]


def make_event(
    participants: Iterable[str],
    slots: Iterable[str],
    *,
    tables: int | Sequence[int],
    max_meetings: int,
    min_meetings: int = 0,
    availability: Mapping[str, Iterable[str]] | None = None,
    requests: Iterable[MeetingRequest | tuple[str, str, str]] = (),
    met: Iterable[Iterable[str]] = (),
    blocked: Iterable[Iterable[str]] = (),
    locked: Iterable[FixedMeeting] = (),
    avoid_met: bool = True,
) -> MeetingEvent:
    """A `MeetingEvent` from ordinary lists and dicts (tuples for requests are accepted)."""
    return MeetingEvent(
        participants=tuple(str(p) for p in participants),
        slots=tuple(str(s) for s in slots),
        tables=tables if isinstance(tables, int) else tuple(tables),
        max_meetings=max_meetings,
        min_meetings=min_meetings,
        availability={str(p): frozenset(map(str, s)) for p, s in (availability or {}).items()},
        requests=tuple(
            r if isinstance(r, MeetingRequest) else MeetingRequest(*r) for r in requests
        ),
        met=frozenset(frozenset(map(str, pair)) for pair in met),
        blocked=frozenset(frozenset(map(str, pair)) for pair in blocked),
        locked=tuple(locked),
        avoid_met=avoid_met,
    )


def check_event(event: MeetingEvent) -> None:
    """Raise InputError naming the first field that is wrong."""
    _check_unique(event.participants, "participants")
    _check_unique(event.slots, "slots")
    _check_limits(event)
    people, slots = set(event.participants), set(event.slots)
    for pid, free in event.availability.items():
        if pid not in people:
            raise InputError(f"unknown person {pid!r}", field="availability")
        unknown = sorted(free - slots)
        if unknown:
            raise InputError(f"{pid!r} names unknown slot {unknown[0]!r}", field="availability")
    for number, request in enumerate(event.requests, start=1):
        _check_request(request, people, f"requests[{number}]")
    for name in ("met", "blocked"):
        for pair in getattr(event, name):
            if len(pair) != 2 or not pair <= people:
                raise InputError(f"{sorted(pair)} is not a pair of known people", field=name)
    for number, fixed in enumerate(event.locked, start=1):
        _check_locked(event, fixed, people, f"locked[{number}]")


def _check_unique(values: Sequence[str], name: str) -> None:
    if not values:
        raise InputError("must not be empty", field=name)
    seen: set[str] = set()
    for value in values:
        if not value:
            raise InputError("ids must not be empty strings", field=name)
        if value in seen:
            raise InputError(f"duplicate id {value!r}", field=name)
        seen.add(value)


def _check_limits(event: MeetingEvent) -> None:
    counts = [event.tables] if isinstance(event.tables, int) else list(event.tables)
    if not isinstance(event.tables, int) and len(counts) != len(event.slots):
        raise InputError(
            f"has {len(counts)} numbers for {len(event.slots)} slots; give one per slot",
            field="tables",
        )
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 1 for n in counts):
        raise InputError("must be a whole number of at least 1", field="tables")
    for name in ("max_meetings", "min_meetings"):
        value = getattr(event, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InputError("must be a whole number of at least 0", field=name)
    if event.max_meetings < 1:
        raise InputError("must be at least 1", field="max_meetings")
    if event.min_meetings > event.max_meetings:
        raise InputError(
            f"({event.min_meetings}) must not exceed max_meetings ({event.max_meetings})",
            field="min_meetings",
        )


def _check_request(request: MeetingRequest, people: set[str], where: str) -> None:
    if request.priority not in PRIORITY_VALUES:
        raise InputError(
            f"priority {request.priority!r} must be 'must' or 'want'", field=f"{where}.priority"
        )
    for side, pid in (("from", request.requester), ("to", request.target)):
        if pid not in people:
            raise InputError(f"unknown person {pid!r}", field=f"{where}.{side}")
    if request.requester == request.target:
        raise InputError("a person cannot ask to meet themselves", field=f"{where}.to")


def _check_locked(event: MeetingEvent, fixed: FixedMeeting, people: set[str], where: str) -> None:
    if fixed.a not in people or fixed.b not in people or fixed.a == fixed.b:
        raise InputError(f"{fixed.a!r} and {fixed.b!r} are not two known people", field=where)
    if fixed.slot not in event.slots:
        raise InputError(f"unknown slot {fixed.slot!r}", field=where)
    index = event.slots.index(fixed.slot)
    if fixed.table is not None and not 1 <= fixed.table <= event.tables_in(index):
        raise InputError(f"table {fixed.table} does not exist in slot {fixed.slot!r}", field=where)


def event_from_dict(data: Mapping[str, Any], participants: Iterable[str]) -> MeetingEvent:
    """The CLI's event.json (see docs) as a `MeetingEvent` over the given participants."""
    if not isinstance(data, Mapping):
        raise InputError("must be a JSON object", field="event")
    slots = _list(data, "slots", required=True)
    for slot in slots:
        if not isinstance(slot, str):
            raise InputError(f"slot {slot!r} must be a string", field="slots")
    tables = data.get("tables")
    if tables is None:
        raise InputError("is missing; say how many tables each slot has", field="tables")
    if isinstance(tables, list):
        tables = tuple(tables)
    requests = []
    for number, item in enumerate(_list(data, "requests"), start=1):
        if not isinstance(item, Mapping):
            raise InputError(
                "must be an object with from, to, priority", field=f"requests[{number}]"
            )
        for key in ("from", "to"):
            if not isinstance(item.get(key), str):
                raise InputError("is missing or not a string id", field=f"requests[{number}].{key}")
        requests.append(MeetingRequest(item["from"], item["to"], item.get("priority", "want")))
    availability = data.get("availability") or {}
    if not isinstance(availability, Mapping) or not all(
        isinstance(v, list) for v in availability.values()
    ):
        raise InputError("must map each person id to a list of slots", field="availability")
    met = _list(data, "met")
    if not all(isinstance(p, list) and len(p) == 2 for p in met):
        raise InputError("must be a list of [id, id] pairs", field="met")
    return make_event(
        participants,
        slots,
        tables=tables,
        max_meetings=_number(data, "max_meetings", required=True),
        min_meetings=_number(data, "min_meetings", default=0),
        availability=availability,
        requests=requests,
        met=met,
        avoid_met=bool(data.get("avoid_met", True)),
    )


def _list(data: Mapping[str, Any], name: str, *, required: bool = False) -> list[Any]:
    value = data.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise InputError("must be a list", field=name)
    return value


def _number(data: Mapping[str, Any], name: str, *, required: bool = False, default: int = 0) -> int:
    value = data.get(name)
    if value is None:
        if required:
            raise InputError("is missing", field=name)
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError("must be a whole number", field=name)
    return value
