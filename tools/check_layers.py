#!/usr/bin/env python3
"""Check dialir's layering: the import graph of the package, read with `ast` (nothing is
imported), must have

(a) no import cycle between packages (core.ir, parser, core.ods, core.rewrite, core.passes,
    transforms, each dialects.X, conversions, frontends, execution, target, tools);
(b) no import from a lower layer to a higher one, in the order
        core.ir <- parser <- core.ods <- {core.rewrite, core.passes, transforms} <- dialects
        <- conversions <- {frontends, execution, target} <- tools
    (`dialir/__init__.py`, `dialir/ir.py` and `dialir/ods.py` are the public facades, above
    everything: only tools may import them; a dialect may import another dialect);
(c) no function-local import without a comment (on its lines or the line above) saying why
    it is not at the top of the module.

Module-level, `if TYPE_CHECKING:` and function-level imports are all edges. Violations are
printed as `file:line: rule: importer -> imported`; the exit status is 1 when there are any.

    python tools/check_layers.py [--root REPO] [--list-local]
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

# Package -> layer (lower numbers are lower layers). `dialir.dialects.X` is one package per
# dialect (see package_of); the facades are above every layer.
LAYERS = {
    "dialir.core.ir": 0,
    "dialir.parser": 1,
    "dialir.core.ods": 2,
    "dialir.core.rewrite": 3,
    "dialir.core.passes": 3,
    "dialir.transforms": 3,
    "dialir.dialects": 4,
    "dialir.conversions": 5,
    "dialir.frontends": 6,
    "dialir.execution": 6,
    "dialir.target": 6,
    "tools": 7,
}
FACADES = ("dialir", "dialir.ir", "dialir.ods")
FACADE_LAYER = 8
LAYER_NAMES = {
    0: "core.ir", 1: "parser", 2: "core.ods", 3: "core.rewrite/core.passes/transforms",
    4: "dialects", 5: "conversions", 6: "frontends/execution/target", 7: "tools",
    8: "facades",
}  # fmt: skip


@dataclass(frozen=True)
class Import:
    importer: str  # module name
    imported: str  # module name (of the scanned tree; any module for a local import)
    path: str  # file, relative to the root
    line: int
    local: bool  # inside a function
    commented: bool  # a comment on its lines or the line above


def package_of(module: str) -> str | None:
    """The package (as the rules count them) that `module` belongs to."""
    if module in FACADES:
        return module
    parts = module.split(".")
    if parts[:2] == ["dialir", "dialects"] and len(parts) > 2:
        return ".".join(parts[:3])
    for n in (3, 2, 1):
        prefix = ".".join(parts[:n])
        if prefix in LAYERS:
            return prefix
    if parts[:2] == ["dialir", "core"]:
        return "dialir.core.ir"  # dialir/core/__init__.py, the bottom
    return None


def layer_of(package: str) -> int:
    if package in FACADES:
        return FACADE_LAYER
    if package.startswith("dialir.dialects"):
        return LAYERS["dialir.dialects"]
    return LAYERS[package]


def module_files(root: Path) -> dict[str, Path]:
    """Module name -> file, for dialir/ and tools/ under `root`."""
    out = {}
    for top in ("dialir", "tools"):
        for path in sorted((root / top).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _comment_lines(source: str) -> set[int]:
    lines = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                lines.add(tok.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """`name` or its longest prefix that is a module of the tree."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules: dict[str, Path]) -> None:
        self.module = module
        self.is_package = is_package
        self.modules = modules
        self.depth = 0  # enclosing functions
        self.found: list[tuple[str, int, int]] = []  # (imported, line, end line)
        self.local: set[int] = set()  # lines of function-local imports

    def visit_FunctionDef(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def _add(self, name: str, node: ast.stmt) -> None:
        target = _resolve(name, self.modules)
        if target is None and self.depth:
            target = name  # another package's module: no edge, but a local import all the same
        if target is None or target == self.module:
            return
        if self.found and self.found[-1][:2] == (target, node.lineno):
            return  # `from x import a, b`: one edge
        self.found.append((target, node.lineno, node.end_lineno or node.lineno))
        if self.depth:
            self.local.add(node.lineno)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module if self.is_package else self.module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            self._add(sub if sub in self.modules else base, node)


def scan(root: Path) -> tuple[dict[str, Path], list[Import]]:
    modules = module_files(root)
    imports = []
    for module, path in modules.items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, str(path))
        visitor = _Visitor(module, path.name == "__init__.py", modules)
        visitor.visit(tree)
        comments = _comment_lines(source)
        rel = str(path.relative_to(root))
        for target, line, end in visitor.found:
            commented = any(n in comments for n in range(line - 1, end + 1))
            local = line in visitor.local
            imports.append(Import(module, target, rel, line, local, commented))
    return modules, imports


def _package_cycles(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected components of more than one package (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def check(root: Path) -> tuple[list[str], dict[str, int], list[Import]]:
    """(violations, summary counts, function-local imports)."""
    modules, imports = scan(root)
    violations = []
    package_edges: dict[str, dict[str, Import]] = {}
    for imp in imports:
        src, dst = package_of(imp.importer), package_of(imp.imported)
        where = f"{imp.path}:{imp.line}"
        if imp.local and not imp.commented:
            violations.append(
                f"{where}: function-local import without a comment saying why: "
                f"{imp.importer} -> {imp.imported}"
            )
        if src is None or dst is None or imp.imported not in modules:
            continue
        if src != dst:
            package_edges.setdefault(src, {}).setdefault(dst, imp)
            low, high = layer_of(src), layer_of(dst)
            upward = high > low and not (src == "tools" and dst in FACADES)
            if upward:
                violations.append(
                    f"{where}: upward import ({LAYER_NAMES[low]} -> {LAYER_NAMES[high]}): "
                    f"{imp.importer} -> {imp.imported}"
                )
    for component in _package_cycles(package_edges):
        members = set(component)
        for src in component:
            for dst, imp in sorted(package_edges[src].items()):
                if dst in members:
                    violations.append(
                        f"{imp.path}:{imp.line}: import cycle between packages "
                        f"{{{', '.join(component)}}}: {imp.importer} -> {imp.imported}"
                    )
    local = [imp for imp in imports if imp.local]
    summary = {
        "modules": len(modules),
        "edges": len({(i.importer, i.imported) for i in imports if i.imported in modules}),
        "package edges": sum(len(v) for v in package_edges.values()),
        "function-local imports": len(local),
    }
    return violations, summary, local


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--list-local", action="store_true", help="list function-local imports")
    args = ap.parse_args(argv)
    violations, summary, local = check(args.root)
    for v in violations:
        print(v)
    if args.list_local:
        for imp in local:
            print(f"{imp.path}:{imp.line}: function-local: {imp.importer} -> {imp.imported}")
    print("check_layers: " + ", ".join(f"{v} {k}" for k, v in summary.items())
          + f", {len(violations)} violations")  # fmt: skip
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
