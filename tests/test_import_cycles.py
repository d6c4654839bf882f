"""Imports run one way: no module of app/ or matching/ imports, through any chain, a module that
imports it back.

grimp (the import graph behind import-linter) reads every import statement, including those inside
functions. Imports under `if TYPE_CHECKING:` are left out: they never run. Importing a module also
runs its packages' __init__ (an area's __init__ imports its views), so an import from outside a
package counts as an import of that package too. A cycle is reported as the chain of modules that
closes it, so the message says which import to move.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

import app
import matching

ROOT = Path(__file__).resolve().parent.parent


def add_package_imports(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """Add importer -> package for every package __init__ an import from outside it runs."""
    edges = [(m, t) for m in graph.modules for t in graph.find_modules_directly_imported_by(m)]
    for importer, imported in edges:
        parts = imported.split(".")
        for depth in range(
            2, len(parts)
        ):  # the roots (app, matching) only hold create_app and re-exports
            package = ".".join(parts[:depth])
            if importer != package and not importer.startswith(package + "."):
                graph.add_import(importer=importer, imported=package)
    return graph


def import_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """Every cycle as its shortest chain A -> B -> … -> A, one per pair of modules that close it."""
    cycles: dict[frozenset[str], tuple[str, ...]] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back and frozenset(back) not in cycles:
                cycles[frozenset(back)] = (importer, *back)
    return list(cycles.values())


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # The packages under test must be this checkout's, not another copy installed in the venv.
    for package in (app, matching):
        assert Path(package.__file__).resolve().is_relative_to(ROOT), package.__file__
    graph = grimp.build_graph("app", "matching", exclude_type_checking_imports=True, cache_dir=None)
    return add_package_imports(graph)


def test_no_module_of_app_or_matching_is_part_of_an_import_cycle(graph):
    cycles = [" -> ".join(chain) for chain in import_cycles(graph)]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_check_names_the_chain_of_a_cycle_and_passes_one_way_imports():
    graph = grimp.ImportGraph()
    for module in ("area", "area.blueprint", "area.routes", "area.replies"):
        graph.add_module(module)
    graph.add_import(importer="area", imported="area.routes")
    graph.add_import(importer="area.routes", imported="area.blueprint")
    graph.add_import(importer="area.replies", imported="area.blueprint")
    assert import_cycles(graph) == []

    graph.add_import(
        importer="area.routes", imported="area.replies"
    )  # the old bottom-of-file import
    graph.add_import(importer="area.replies", imported="area.routes")
    assert import_cycles(graph) == [("area.replies", "area.routes", "area.replies")]


def test_an_import_of_a_module_in_another_area_runs_that_areas_init():
    graph = grimp.ImportGraph()
    for module in (
        "app.a",
        "app.a.routes",
        "app.a.queries",
        "app.b",
        "app.b.routes",
        "app.b.queries",
    ):
        graph.add_module(module)
    graph.add_import(importer="app.a", imported="app.a.routes")
    graph.add_import(importer="app.b", imported="app.b.routes")
    graph.add_import(importer="app.a.routes", imported="app.b.queries")
    graph.add_import(importer="app.b.queries", imported="app.a.queries")
    assert import_cycles(add_package_imports(graph)) == [
        ("app.a", "app.a.routes", "app.b.queries", "app.a")
    ]
