"""`python -m matching`: results as JSON, and bad input as one line, exit code 2, no file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.cli import main

PEOPLE = [
    {
        "id": "ana",
        "name": "Ana Kovač",
        "organisation": "Wood SI",
        "country": "SI",
        "ecosystems": ["construction"],
        "maturity": 2,
        "challenge": "Our membership has stalled.",
        "needs": "A membership fee model.",
    },
    {
        "id": "joao",
        "name": "João Ferreira",
        "organisation": "Agrofood PT",
        "country": "PT",
        "ecosystems": ["agri-food"],
        "maturity": 4,
        "expertise": "Membership fee models and engagement.",
    },
    {
        "id": "kasia",
        "name": "Katarzyna Nowak",
        "organisation": "Energy PL",
        "country": "PL",
        "ecosystems": ["energy-renewables"],
        "maturity": 3,
        "challenge": "Hydrogen for coal regions.",
    },
    {
        "id": "lukas",
        "name": "Lukas Gruber",
        "organisation": "Auto AT",
        "country": "AT",
        "ecosystems": ["mobility-transport-automotive"],
        "maturity": 4,
        "challenge": "Suppliers must diversify.",
    },
    {
        "id": "marta",
        "name": "Marta Rossi",
        "organisation": "Fashion IT",
        "country": "IT",
        "ecosystems": ["textile"],
        "maturity": 2,
        "challenge": "Digital product passports for textiles.",
    },
    {
        "id": "dimitar",
        "name": "Dimitar Petrov",
        "organisation": "ICT BG",
        "country": "BG",
        "ecosystems": ["digital"],
        "maturity": 3,
        "challenge": "Developers leave for Western Europe.",
        "score": 8,
    },
]


def write_people(path: Path, people=PEOPLE, extra_lines=()) -> Path:
    lines = [json.dumps(p, ensure_ascii=False) for p in people] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(tmp_path, *args, people=PEOPLE, extra_lines=()):
    """Run the CLI in-process; returns (exit code, output path)."""
    source = write_people(tmp_path / "people.jsonl", people, extra_lines)
    output = tmp_path / "out.json"
    code = main([args[0], "--input", str(source), "--output", str(output), *args[1:]])
    return code, output


@pytest.mark.model
def test_recommend_writes_top_k_with_reasons_for_everyone(tmp_path):
    code, output = run(
        tmp_path, "recommend", "--k", "2", "--mode", "helpers", "--weight", "country=0.5"
    )
    result = json.loads(output.read_text())
    assert code == 0
    assert set(result["recommendations"]) == {p["id"] for p in PEOPLE}
    top = result["recommendations"]["ana"][0]
    assert top["id"] == "joao"
    assert "Different countries: Slovenia ↔ Portugal" in top["reasons"]
    assert len(result["recommendations"]["ana"]) == 2


@pytest.mark.model
def test_pair_writes_pairs_covering_everyone(tmp_path):
    code, output = run(tmp_path, "pair", "--seed", "3")
    pairs = json.loads(output.read_text())["pairs"]
    assert code == 0
    assert sorted(pid for p in pairs for pid in p) == sorted(p["id"] for p in PEOPLE)


@pytest.mark.model
def test_groups_writes_rounds_of_groups_with_metrics_and_reasons(tmp_path):
    code, output = run(tmp_path, "groups", "--size", "3", "--rounds", "2", "--together", "ana,joao")
    result = json.loads(output.read_text())
    assert code == 0
    assert len(result["rounds"]) == 2
    first = result["rounds"][0]["groups"]
    assert any({"ana", "joao"} <= set(g["members"]) for g in first)
    assert all({"members", "metrics", "reasons"} <= set(g) for g in first)
    assert "metrics" in result and "unmet" in result


def test_select_writes_the_selection_and_its_coverage_without_the_model(tmp_path):
    code, output = run(tmp_path, "select", "--size", "4", "--weight", "quality=0")
    result = json.loads(output.read_text())
    assert code == 0
    assert len(result["selected"]) == 4
    assert result["coverage"]["distinct"]["countries"] == 4


@pytest.mark.model
def test_the_cache_file_is_written_and_reused(tmp_path):
    cache = tmp_path / "vectors.npz"
    assert run(tmp_path, "pair", "--cache", str(cache))[0] == 0
    first = cache.read_bytes()
    assert run(tmp_path, "pair", "--cache", str(cache))[0] == 0
    assert cache.stat().st_size == len(first)


MISSING_NAME = {k: v for k, v in PEOPLE[0].items() if k != "name"}
BAD_INPUT = [
    # (case, people, extra lines, command and options, text the error line must contain)
    (
        "missing field",
        [MISSING_NAME, *PEOPLE[1:]],
        [],
        ["select", "--size", "2"],
        "line 1 (id ana), field 'name'",
    ),
    (
        "unknown country",
        [{**PEOPLE[0], "country": "XX"}, *PEOPLE[1:]],
        [],
        ["select", "--size", "2"],
        "field 'country': unknown country code 'XX'",
    ),
    (
        "unknown ecosystem",
        [{**PEOPLE[0], "ecosystems": ["space"]}],
        [],
        ["select", "--size", "1"],
        "field 'ecosystems'",
    ),
    (
        "duplicate id",
        PEOPLE,
        [json.dumps(PEOPLE[0])],
        ["select", "--size", "2"],
        "line 7, field 'id': duplicate id 'ana'",
    ),
    (
        "broken JSON line",
        PEOPLE,
        ["{not json"],
        ["select", "--size", "2"],
        "line 7: is not valid JSON",
    ),
    (
        "maturity out of range",
        [{**PEOPLE[0], "maturity": 7}],
        [],
        ["select", "--size", "1"],
        "field 'maturity'",
    ),
    ("group size 1", PEOPLE, [], ["groups", "--size", "1"], "field '--size'"),
    ("group size above N", PEOPLE, [], ["groups", "--size", "7"], "field '--size'"),
    (
        "together and apart",
        PEOPLE,
        [],
        ["groups", "--size", "3", "--together", "ana,joao", "--apart", "ana,joao"],
        "both together and apart",
    ),
    (
        "overfull lock",
        PEOPLE,
        [],
        ["groups", "--size", "2", "--lock", "ana=0", "--lock", "joao=0", "--lock", "kasia=0"],
        "field '--lock': 3 people are locked to group 0",
    ),
    (
        "lock without group",
        PEOPLE,
        [],
        ["groups", "--size", "2", "--lock", "ana"],
        "field '--lock'",
    ),
    (
        "unknown id in together",
        PEOPLE,
        [],
        ["groups", "--size", "3", "--together", "ana,nobody"],
        "unknown id 'nobody'",
    ),
    (
        "unknown weight",
        PEOPLE,
        [],
        ["select", "--size", "2", "--weight", "speed=2"],
        "field '--weight'",
    ),
    (
        "weight not a number",
        PEOPLE,
        [],
        ["recommend", "--weight", "country=lots"],
        "field '--weight'",
    ),
    ("k of zero", PEOPLE, [], ["recommend", "--k", "0"], "field 'k'"),
    (
        "negative relevance band",
        PEOPLE,
        [],
        ["recommend", "--weight", "band=-0.5"],
        "band=-0.5 must be 0 or more",
    ),
    (
        "diversity above 1",
        PEOPLE,
        [],
        ["recommend", "--weight", "diversity=2"],
        "diversity=2.0 must be between 0 and 1",
    ),
    (
        "unknown mode",
        PEOPLE,
        [],
        ["recommend", "--mode", "closest"],
        "argument --mode: invalid choice",
    ),
    ("selection too large", PEOPLE, [], ["select", "--size", "9"], "field 'size'"),
]


@pytest.mark.parametrize(
    ("people", "extra", "args", "expected"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_one_line_on_stderr_exit_code_2_and_no_output_file(
    tmp_path, capsys, people, extra, args, expected
):
    code, output = run(tmp_path, *args, people=people, extra_lines=extra)
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and error.startswith("error: ")
    assert expected in error
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "people.jsonl"]  # no temporary file left either


def test_a_missing_input_file_is_a_one_line_error(tmp_path, capsys):
    code = main(
        [
            "select",
            "--input",
            str(tmp_path / "nope.jsonl"),
            "--output",
            str(tmp_path / "o.json"),
            "--size",
            "2",
        ]
    )
    assert code == 2
    assert "No such file" in capsys.readouterr().err


def test_python_dash_m_matching_runs_as_a_program(tmp_path):
    source = write_people(tmp_path / "people.jsonl")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "matching",
            "select",
            "--input",
            str(source),
            "--output",
            str(tmp_path / "out.json"),
            "--size",
            "0",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
