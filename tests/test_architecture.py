"""The layout rules of ARCHITECTURE.md, checked on the source: data flows one way, the library never imports Prefect.

The import graph is read with ``ast`` (nothing is imported), counting every import, also those inside functions:
an import deferred into a function still makes the two modules depend on each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The modules of ``known`` that the module ``name`` (file ``path``) imports (a package import = its __init__)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            # `import a.b.c` runs a, a.b and a.b.c; the deepest known module is the dependency.
            parts = t.split(".")
            for i in range(len(parts), 0, -1):
                candidate = ".".join(parts[:i])
                if candidate in known:
                    if candidate != name:
                        found.add(candidate)
                    break
    return found


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(path, name, known) for name, path in mods.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _importers(prefix: str) -> list[str]:
    hits = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            mods = ([a.name for a in node.names] if isinstance(node, ast.Import)
                    else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(m == prefix or m.startswith(prefix + ".") for m in mods):
                hits.append(f"{name}:{node.lineno}")
    return hits


def test_the_graph_reader_finds_a_known_dependency_and_a_made_up_cycle() -> None:
    graph = _graph()
    assert "pipeline.errors" in graph["pipeline.registry"]  # a module-level import
    assert "pipeline.settings" in graph["pipeline.embeddings._base"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_inside_pipeline() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "import cycles (modules that import each other, directly or around a loop):\n" + "\n".join(
        " <-> ".join(c) for c in cycles)


def test_the_library_does_not_import_prefect() -> None:
    assert _importers("prefect") == [], "pipeline/ must stay Prefect-free (the wiring lives in flows/)"
    # The flows import the library; only the CLI (the outermost shell: `signaali run`, `serve`) starts them.
    outside_cli = [hit for hit in _importers("flows") if not hit.startswith("pipeline.cli.")]
    assert outside_cli == [], "pipeline/ must not import the flows (the flows import the library)"
