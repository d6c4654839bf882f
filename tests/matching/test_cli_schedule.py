"""`python -m matching schedule`: a schedule as JSON, and bad event files as one line, exit 2, no file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.cli import main
from tests.matching.test_cli import write_people

EVENT = {
    "slots": ["s1", "s2", "s3"],
    "tables": 2,
    "max_meetings": 2,
    "min_meetings": 1,
    "availability": {"ana": ["s1", "s2"], "kasia": ["s3"]},
    "requests": [
        {"from": "ana", "to": "joao", "priority": "must"},
        {"from": "joao", "to": "ana", "priority": "want"},
        {"from": "lukas", "to": "kasia", "priority": "want"},
        {"from": "marta", "to": "ana", "priority": "want"},
        {"from": "dimitar", "to": "ana", "priority": "must"},
    ],
    "met": [["marta", "dimitar"]],
}


def run(tmp_path, event, *options):
    """Run `schedule` in-process; returns (exit code, output path)."""
    people = write_people(tmp_path / "people.jsonl")
    event_file = tmp_path / "event.json"
    event_file.write_text(event if isinstance(event, str) else json.dumps(event))
    output = tmp_path / "schedule.json"
    args = ["schedule", "--input", str(people), "--event", str(event_file)]
    code = main([*args, "--output", str(output), "--no-suggestions", *options])
    return code, output


def test_schedule_writes_meetings_unscheduled_wishes_and_a_summary(tmp_path):
    code, output = run(tmp_path, EVENT)
    result = json.loads(output.read_text())
    assert code == 0
    meetings = {frozenset((m["a"], m["b"])): m for m in result["meetings"]}
    assert meetings[frozenset(("ana", "joao"))]["value"] == 4
    assert meetings[frozenset(("kasia", "lukas"))]["slot"] == "s3"
    assert all({"slot", "table", "a", "b", "reasons"} <= set(m) for m in result["meetings"])
    # ana is free in two slots and may have two meetings: the must beats the want.
    assert [(u["from"], u["to"], u["why"]) for u in result["unscheduled"]] == [
        ("marta", "ana", "maximum reached")
    ]
    assert result["summary"]["below_minimum"] == []
    assert frozenset(("marta", "dimitar")) not in meetings


def test_the_module_runs_as_a_program(tmp_path):
    people = write_people(tmp_path / "people.jsonl")
    (tmp_path / "event.json").write_text(json.dumps(EVENT))
    done = subprocess.run(
        [sys.executable, "-m", "matching", "schedule", "--input", str(people)]
        + ["--event", str(tmp_path / "event.json"), "--output", str(tmp_path / "out.json")]
        + ["--no-suggestions"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "out.json").read_text())["meetings"]


@pytest.mark.model
def test_suggestions_fill_free_slots_with_the_matchers_reasons(tmp_path):
    people = write_people(tmp_path / "people.jsonl")
    (tmp_path / "event.json").write_text(json.dumps({**EVENT, "requests": []}))
    output = tmp_path / "out.json"
    args = ["schedule", "--input", str(people), "--event", str(tmp_path / "event.json")]
    assert main([*args, "--output", str(output)]) == 0
    meetings = json.loads(output.read_text())["meetings"]
    assert any(m["kind"] == "suggestion" and m["reasons"] for m in meetings)


def changed(**fields):
    return json.dumps({**EVENT, **fields})


def without(name):
    return json.dumps({k: v for k, v in EVENT.items() if k != name})


BAD_EVENTS = [
    # (case, event.json text, text the error line must contain)
    ("not JSON", "{slots: [", "field '--event': is not valid JSON"),
    ("not an object", "[1, 2]", "field 'event'"),
    ("no slots", without("slots"), "field 'slots'"),
    ("empty slots", changed(slots=[]), "field 'slots': must not be empty"),
    ("duplicate slot", changed(slots=["s1", "s1"]), "field 'slots': duplicate id 's1'"),
    ("no tables", without("tables"), "field 'tables'"),
    ("tables 0", changed(tables=0), "field 'tables': must be a whole number of at least 1"),
    ("tables per slot miscounted", changed(tables=[1, 2]), "field 'tables'"),
    ("max missing", without("max_meetings"), "field 'max_meetings'"),
    ("max not a number", changed(max_meetings="six"), "field 'max_meetings'"),
    ("min above max", changed(min_meetings=3), "field 'min_meetings'"),
    (
        "unknown person in a request",
        changed(requests=[{"from": "ana", "to": "nobody"}]),
        "field 'requests[1].to': unknown person 'nobody'",
    ),
    (
        "request from an unknown person",
        changed(requests=[{"from": "nobody", "to": "ana"}]),
        "field 'requests[1].from'",
    ),
    (
        "request to oneself",
        changed(requests=[{"from": "ana", "to": "ana"}]),
        "field 'requests[1].to': a person cannot ask to meet themselves",
    ),
    (
        "unknown priority",
        changed(requests=[{"from": "ana", "to": "joao", "priority": "maybe"}]),
        "field 'requests[1].priority'",
    ),
    ("request without to", changed(requests=[{"from": "ana"}]), "field 'requests[1].to'"),
    (
        "unknown slot in availability",
        changed(availability={"ana": ["s9"]}),
        "field 'availability': 'ana' names unknown slot 's9'",
    ),
    (
        "unknown person in availability",
        changed(availability={"nobody": ["s1"]}),
        "field 'availability': unknown person 'nobody'",
    ),
    ("availability not lists", changed(availability={"ana": "s1"}), "field 'availability'"),
    ("met not pairs", changed(met=[["ana"]]), "field 'met'"),
    ("met with a stranger", changed(met=[["ana", "nobody"]]), "field 'met'"),
]


@pytest.mark.parametrize(
    ("event", "expected"), [case[1:] for case in BAD_EVENTS], ids=[c[0] for c in BAD_EVENTS]
)
def test_bad_event_is_one_line_on_stderr_exit_code_2_and_no_output_file(
    tmp_path, capsys, event, expected
):
    code, output = run(tmp_path, event)
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and error.startswith("error: ")
    assert expected in error
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json", "people.jsonl"]


def test_a_missing_event_file_is_a_one_line_error(tmp_path, capsys):
    people = write_people(tmp_path / "people.jsonl")
    output = tmp_path / "out.json"
    args = ["schedule", "--input", str(people), "--event", str(tmp_path / "none.json")]
    assert main([*args, "--output", str(output)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not output.exists()


def test_the_readme_example_runs(tmp_path):
    root = Path(__file__).resolve().parents[2]
    output = tmp_path / "schedule.json"
    args = ["schedule", "--input", str(root / "examples" / "people.jsonl")]
    args += ["--event", str(root / "examples" / "event.json"), "--output", str(output)]
    assert main([*args, "--no-suggestions"]) == 0
    result = json.loads(output.read_text())
    assert result["summary"]["below_minimum"] == []
    assert [(u["from"], u["why"]) for u in result["unscheduled"]] == [
        ("p03", "no common free slot")
    ]
