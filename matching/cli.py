"""Command line: `python -m matching recommend|pair|groups|select|schedule --input people.jsonl ...`.

Texts are embedded with the real model (see `Embedder`); `--cache FILE` keeps vectors between
runs. Bad input ends with one line on stderr naming the record and field, exit code 2, and no
output file: results are written to a temporary file and renamed only on success.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from matching import reference
from matching.cohort import CohortWeights, select_cohort
from matching.pairing import PairWeights, pair
from matching.people import InputError, Person, load_people
from matching.recommendations.recommend import recommend
from matching.recommendations.scoring import MODES, RecommendWeights
from matching.text.embedder import Embedder, ModelUnavailableError
from matching.text.vectors import PeopleVectors, embed_people


class _Parser(argparse.ArgumentParser):
    """argparse, but usage mistakes are one line and exit code 2 like every other input error."""

    def error(self, message: str) -> NoReturn:
        raise InputError(message)


def build_parser() -> argparse.ArgumentParser:
    """The `python -m matching` parser with its five subcommands."""
    parser = _Parser(prog="python -m matching", description="Peer matching for cluster managers.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, text in (
        ("recommend", "top-k peers for everyone"),
        ("pair", "1:1 tandems"),
        ("groups", "breakout groups"),
        ("select", "choose a cohort from applicants"),
        ("schedule", "one-to-one meetings for a meeting day"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--input", required=True, help="people, one JSON object per line")
        sub.add_argument("--output", required=True, help="where to write the JSON result")
        sub.add_argument(
            "--weight",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="override one weight, e.g. --weight country=0.5 (repeatable)",
        )
        sub.add_argument("--seed", type=int, default=0)
        sub.add_argument("--cache", help="embedding cache (.npz), read and updated")
    commands.choices["recommend"].add_argument("--k", type=int, default=10)
    commands.choices["recommend"].add_argument("--mode", choices=MODES, default="similar")
    commands.choices["recommend"].add_argument("--no-reasons", action="store_true")
    groups = commands.choices["groups"]
    groups.add_argument("--size", type=int, required=True, help="people per group")
    groups.add_argument("--rounds", type=int, default=1)
    groups.add_argument("--together", action="append", default=[], metavar="ID,ID")
    groups.add_argument("--apart", action="append", default=[], metavar="ID,ID")
    groups.add_argument(
        "--lock",
        action="append",
        default=[],
        metavar="ID=GROUP",
        help="keep a person in a group (0-based) in round 1",
    )
    select = commands.choices["select"]
    select.add_argument("--size", type=int, required=True, help="how many to select")
    select.add_argument("--include", action="append", default=[], metavar="ID")
    schedule = commands.choices["schedule"]
    schedule.add_argument("--event", required=True, help="slots, tables, limits and wishes (JSON)")
    schedule.add_argument("--mode", choices=MODES, default="similar", help="for suggested pairs")
    schedule.add_argument(
        "--no-suggestions",
        action="store_true",
        help="fill free slots only with wishes and the minimum (no model needed)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 on success, 2 (with one line on stderr) on bad input."""
    try:
        args = build_parser().parse_args(argv)
        people = load_people(
            args.input, countries=set(reference.countries()), ecosystems=set(reference.ecosystems())
        )
        result = COMMANDS[args.command](args, people)
        write_json(args.output, result)
    except (InputError, ModelUnavailableError, ValueError, OSError) as error:
        message = " ".join(str(error).split())
        print(f"error: {message}", file=sys.stderr)
        return 2
    return 0


def run_recommend(args: argparse.Namespace, people: list[Person]) -> dict[str, Any]:
    """Recommendations for everyone."""
    weights = parse_weights(RecommendWeights, args.weight)
    if args.k < 1:  # checked before the model loads, so the error comes at once
        raise InputError("must be at least 1", field="k")
    vectors = _embed(people, args.cache)
    recs = recommend(
        people,
        args.k,
        vectors=vectors,
        mode=args.mode,
        weights=weights,
        explain=not args.no_reasons,
    )
    return {
        "mode": args.mode,
        "k": args.k,
        "recommendations": {pid: [r.to_dict() for r in items] for pid, items in recs.items()},
    }


def run_pair(args: argparse.Namespace, people: list[Person]) -> dict[str, Any]:
    """Tandems for the whole input."""
    weights = parse_weights(PairWeights, args.weight)
    return pair(
        people, vectors=_embed(people, args.cache), weights=weights, random_state=args.seed
    ).to_dict()


def run_groups(args: argparse.Namespace, people: list[Person]) -> dict[str, Any]:
    """Breakout groups, via the groups module's `form_groups`."""
    from matching.groups import GroupWeights, form_groups

    if not 2 <= args.size <= len(people):
        raise InputError(
            f"must be between 2 and the number of people ({len(people)})", field="--size"
        )
    weights = parse_weights(GroupWeights, args.weight)
    together = [_ids(v, "--together") for v in args.together]
    apart = [_ids(v, "--apart") for v in args.apart]
    locked = dict(_lock(v) for v in args.lock)
    vectors = _embed(people, args.cache)
    try:
        result = form_groups(
            people,
            args.size,
            rounds=args.rounds,
            weights=weights,
            random_state=args.seed,
            together=together,
            apart=apart,
            locked=locked,
            vectors=vectors.challenge,
        )
    except InputError as error:  # name the option the user typed, not the Python argument
        option = GROUP_OPTIONS.get(error.field or "", error.field)
        raise InputError(error.message, record=error.record, field=option) from None
    return result.to_dict()


GROUP_OPTIONS = {
    "together": "--together",
    "apart": "--apart",
    "locked": "--lock",
    "group_size": "--size",
    "rounds": "--rounds",
}


def run_select(args: argparse.Namespace, people: list[Person]) -> dict[str, Any]:
    """Cohort selection; needs no embeddings."""
    weights = parse_weights(CohortWeights, args.weight)
    return select_cohort(people, args.size, weights=weights, include=args.include).to_dict()


def run_schedule(args: argparse.Namespace, people: list[Person]) -> dict:
    """Meetings for the event in --event among the people in --input."""
    from matching.meetings import event_from_dict, schedule_meetings

    try:
        with open(args.event, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON ({error.msg}, line {error.lineno})"
        raise InputError(message, field="--event") from None
    event = event_from_dict(data, [p.id for p in people])  # checked before the model loads
    vectors = None if args.no_suggestions else _embed(people, args.cache)
    result = schedule_meetings(
        event, people=people, vectors=vectors, mode=args.mode, random_state=args.seed
    )
    return result.to_dict()


COMMANDS = {
    "recommend": run_recommend,
    "pair": run_pair,
    "groups": run_groups,
    "select": run_select,
    "schedule": run_schedule,
}


W = TypeVar("W")  # a weights dataclass


def parse_weights(kind: type[W], overrides: list[str]) -> W:
    """A weights dataclass with NAME=VALUE overrides, converted to each field's type."""
    types = {f.name: str(f.type) for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    values: dict[str, object] = {}
    for item in overrides:
        name, _, text = item.partition("=")
        if name not in types or not text:
            raise InputError(
                f"{item!r} is not NAME=VALUE with NAME one of {', '.join(types)}", field="--weight"
            )
        values[name] = _convert(text, types[name], name)
    return kind(**values)


def _convert(text: str, type_name: str, name: str) -> float | int | bool | str:
    """Turn an option value into the field's type (float, int, bool or str)."""
    try:
        if type_name == "bool":
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return text.lower() in ("true", "1", "yes")
        return {"float": float, "int": int}.get(type_name, str)(text)
    except ValueError:
        raise InputError(f"{name}={text!r} is not a valid {type_name}", field="--weight") from None


def _ids(value: str, option: str) -> list[str]:
    """Comma-separated ids, at least two."""
    ids = [v.strip() for v in value.split(",") if v.strip()]
    if len(ids) < 2:
        raise InputError(f"{value!r} needs at least two comma-separated ids", field=option)
    return ids


def _lock(value: str) -> tuple[str, int]:
    """ID=GROUP as a (id, group index) item."""
    pid, _, group = value.partition("=")
    if not pid or not group.isdigit():
        raise InputError(f"{value!r} is not ID=GROUP with a group number", field="--lock")
    return pid, int(group)


def _embed(people: list[Person], cache: str | None) -> PeopleVectors:
    """Embed everyone's texts, reading and updating the cache file when given."""
    embedder = Embedder()
    if cache:
        embedder.load_cache(cache)
    vectors = embed_people(people, embedder)
    if cache:
        embedder.save_cache(cache)
    return vectors


def write_json(path: str, result: dict) -> None:
    """Write JSON atomically: a half-written or failed run leaves no file behind."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(result, out, ensure_ascii=False, indent=2)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
