"""Dependencies between the apps point one way: feature apps depend on the core (cms), never back.

Reads every import statement of the apps' source (module level and inside functions, migrations
excepted: they name other apps' migrations by design) and fails on the core importing a feature app
or on any cycle between apps, naming the files and lines that make it.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = "cms"
FEATURE_APPS = ["home", "faq", "water", "tourism", "search", "linepush"]
APPS = [CORE, *FEATURE_APPS]


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def import_graph(root=ROOT):
    """{(importing app, imported app): ["path:line module", …]} between the project's apps."""
    edges = defaultdict(list)
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.relative_to(root).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, module in imported_modules(tree):
                target = module.split(".")[0]
                if target in APPS and target != app:
                    edges[(app, target)].append(f"{path.relative_to(root)}:{line} {module}")
    return edges


def find_cycle(edges):
    """One cycle of apps as a list [a, b, …, a], or None."""
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return visiting[visiting.index(app) :] + [app]
        if app in done:
            return None
        visiting.append(app)
        for target in sorted(graph[app]):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(graph):
        cycle = visit(app)
        if cycle:
            return cycle
    return None


def describe(edges, pairs):
    return "\n".join(f"{a} → {b}: {', '.join(edges[(a, b)][:5])}" for a, b in pairs)


def test_core_imports_no_feature_app():
    edges = import_graph()
    back = [(CORE, app) for app in FEATURE_APPS if (CORE, app) in edges]
    assert not back, "The core (cms) must not import a feature app:\n" + describe(edges, back)


def test_no_import_cycle_between_apps():
    edges = import_graph()
    cycle = find_cycle(edges)
    assert cycle is None, (
        "Import cycle between apps "
        + " → ".join(cycle)
        + ":\n"
        + describe(edges, list(zip(cycle, cycle[1:], strict=False)))
    )


def test_the_check_finds_a_cycle(tmp_path):
    """The graph check itself: a function-level import back from faq to search is a cycle."""
    for app in APPS:
        (tmp_path / app).mkdir()
    (tmp_path / "search" / "service.py").write_text("from faq.models import FAQPage\n")
    (tmp_path / "faq" / "models.py").write_text("def search():\n    from search.api import search_faqs\n")
    (tmp_path / "cms" / "demo.py").write_text("import home.models\n")
    edges = import_graph(tmp_path)
    assert find_cycle(edges) in (["faq", "search", "faq"], ["search", "faq", "search"])
    assert edges[("cms", "home")] == ["cms/demo.py:1 home.models"]
