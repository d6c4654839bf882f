"""benchmarks/bench_web.py: a tiny run end to end, the extension hook and where results go."""

from __future__ import annotations

import types

import pytest

from benchmarks import bench_web, web_results

TINY = [
    "--profiles",
    "30",
    "--challenges",
    "40",
    "--requests",
    "3",
    "--backend",
    "sqlite",
    "--no-record",
]


def test_a_tiny_run_times_every_page_and_prints_a_table(capsys, monkeypatch):
    monkeypatch.setattr(
        bench_web, "load_extensions", lambda: []
    )  # other areas' pages have their own tests
    assert bench_web.main(TINY) == 0
    output = capsys.readouterr().out
    assert "| Directory | no filter | `/profiles/` |" in output
    assert "| Challenge list | status + theme |" in output


def test_a_modules_pages_are_timed_as_its_login_after_the_participants_pages(capsys, monkeypatch):
    coaching = types.ModuleType("web_scenarios_coaching")
    coaching.SECTION, coaching.LOGIN_AS = "Coaching", "coach@demo.eu"
    coaching.SCENARIOS = [("editions", "/editions/")]  # coaches only: 403 as the participant
    monkeypatch.setattr(bench_web, "load_extensions", lambda: [coaching])
    assert bench_web.main(TINY) == 0
    assert "| Coaching | editions | `/editions/` |" in capsys.readouterr().out


def test_scenario_modules_next_to_the_script_are_picked_up(tmp_path):
    (tmp_path / "web_scenarios_peers.py").write_text(
        'SECTION = "Find peers"\nLOGIN_AS = "coach@demo.eu"\nSCENARIOS = [("recommendations", "/peers/")]\n'
        "def prepare(app):\n    app.config['PREPARED'] = True\n"
    )
    extensions = bench_web.load_extensions(tmp_path)
    scenarios = bench_web.all_scenarios(extensions)
    assert (scenarios[-1].section, scenarios[-1].name, scenarios[-1].target) == (
        "Find peers",
        "recommendations",
        "/peers/",
    )
    assert scenarios[-1].login_as == "coach@demo.eu"
    assert scenarios[0].login_as == "participant@demo.eu"
    assert hasattr(extensions[0], "prepare")


@pytest.fixture
def results_file(tmp_path, monkeypatch):
    path = tmp_path / "benchmarks.md"
    monkeypatch.setattr(web_results, "RESULTS", path)
    return path


def test_results_are_appended_under_the_web_section_before_the_next_one(results_file):
    results_file.write_text(
        "# Benchmarks\n\n## Web pages (bench_web.py)\n\nfirst run\n\n## Matching\n\nx\n"
    )
    web_results.record("second run")
    text = results_file.read_text()
    assert text.index("first run") < text.index("second run") < text.index("## Matching")


def test_results_section_is_created_when_missing(results_file):
    results_file.write_text("# Benchmarks\n")
    web_results.record("a run")
    assert results_file.read_text().endswith("## Web pages (bench_web.py)\n\na run\n")


def test_a_slow_page_is_marked_as_a_miss():
    scenario = web_results.Scenario("Directory", "no filter", "/profiles/")
    slow = web_results.Timing(scenario, "sqlite", 40.0, 80.0, {200}, 4)
    table = web_results.markdown_table([slow], ["sqlite"])
    assert "**80.0 (miss)**" in table


def test_a_page_that_raises_is_reported_as_failed_not_a_crash():
    def broken(client):
        raise IndexError("no rounds yet")

    scenario = web_results.Scenario("Coaching", "broken page", broken)
    timing = bench_web.time_scenario(None, scenario, backend="sqlite", requests=3, statements=[])
    assert timing.statuses == {"error: IndexError"}
    assert not timing.ok
    assert "(error: IndexError)" in web_results.markdown_table([timing], ["sqlite"])
