"""Dependencies point one way: no import cycle between first-party modules, and no domain app
imports `reports` or `benchmarks` (the design: `reports` depends on the domain apps, never the
reverse; `benchmarks` may depend on anything).

The graph is read from the source with `ast`, nothing is imported. Every import counts, those
inside functions too: a function-local import is still a dependency, only a deferred one, and
deferring it is the usual way a cycle hides. Imports under `if TYPE_CHECKING:` do not count: they
never run, they only name a type for the checker.
"""

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "node_modules", "static", "staticfiles", "templates", "locale", "var"}
DOMAIN_APPS = ("unions", "aid", "pairings", "economy", "activities", "core", "accounts",
               "documents")
UPPER_LAYERS = ("reports", "benchmarks")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def first_party_modules() -> dict[str, Path]:
    """Every module of the project: the top-level packages (those with an __init__.py), their
    submodules, and the top-level scripts."""
    modules = {module_name(path): path for path in ROOT.glob("*.py")}
    for package in sorted(ROOT.iterdir()):
        if package.name in SKIPPED or not (package / "__init__.py").is_file():
            continue
        for path in package.rglob("*.py"):
            if not SKIPPED.intersection(path.relative_to(ROOT).parts):
                modules[module_name(path)] = path
    return modules


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements that run, at module level or in a function body."""
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and is_type_checking(node.test):
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))


def imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool,
             modules: dict[str, Path]) -> set[str]:
    """The first-party modules one import statement names (`from a import b` names the module
    a.b when there is one, else a), relative imports resolved against the importer's package."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return {name for name in names if name in modules}
    base = node.module or ""
    if node.level:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    targets = set()
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        if submodule in modules:
            targets.add(submodule)
        elif base in modules:
            targets.add(base)
    return targets


@functools.cache
def import_graph() -> dict[str, set[str]]:
    modules = first_party_modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        graph[name] = {target for node in import_nodes(tree)
                       for target in imported(node, name, is_package, modules)} - {name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module `start` imports, directly or not (itself only through a cycle)."""
    found: set[str] = set()
    pending = list(graph[start])
    while pending:
        node = pending.pop()
        if node not in found:
            found.add(node)
            pending.extend(graph[node])
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other (a strongly connected component),
    as a path from the group's first module back to it."""
    reach = {node: reachable(graph, node) for node in graph}
    seen: set[str] = set()
    found = []
    for node in sorted(graph):
        if node in seen or node not in reach[node]:
            continue
        component = {other for other in reach[node] if node in reach[other]}
        seen |= component
        found.append(cycle_through(graph, component, node))
    return found


def cycle_through(graph: dict[str, set[str]], component: set[str], start: str) -> list[str]:
    """The shortest path from `start` back to itself inside its component (breadth first)."""
    paths = {target: [start, target] for target in sorted(graph[start] & component)}
    queue = list(paths)
    while start not in paths:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return paths[start]


def test_the_graph_sees_relative_function_local_and_type_only_imports():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "from . import imports\n"
        "from .models import ImportBatch\n"
        "if TYPE_CHECKING:\n"
        "    from reports import services\n"
        "def later():\n"
        "    from accounts.mixins import RoleRequiredMixin\n"
    )
    modules = dict.fromkeys(["core", "core.imports", "core.models", "reports.services",
                             "accounts.mixins"], ROOT)
    targets = {target for node in import_nodes(tree)
               for target in imported(node, "core.import_views", False, modules)}
    assert targets == {"core.imports", "core.models", "accounts.mixins"}


def test_a_cycle_is_found_and_printed_in_order():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_domain_apps_never_import_reports_or_benchmarks():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if module.split(".")[0] in DOMAIN_APPS
        for target in targets
        if target.split(".")[0] in UPPER_LAYERS
    )
    assert not wrong, "\n".join(wrong)


def test_reports_never_imports_benchmarks():
    wrong = sorted(f"{module} imports {target}" for module, targets in import_graph().items()
                   if module.split(".")[0] == "reports"
                   for target in targets if target.split(".")[0] == "benchmarks")
    assert not wrong, "\n".join(wrong)
