"""The package's layers, enforced: lower layers never import upper ones (docs/architecture.md).

Every ``import`` in every module of ``mtqa`` is read with ``ast`` (function-local imports and
``TYPE_CHECKING`` ones included: a deferred import is still a dependency, and a type-only one
still ties the layers' code together). import-linter would say the same with a contract; this
test needs nothing installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mtqa"

#: (layer, the layers it must not import). A layer is a module or a package, by dotted name.
CONTRACTS: list[tuple[str, tuple[str, ...]]] = [
    # Language knowledge and text handling are the bottom: they know nothing of rules or front ends.
    ("mtqa.lang", ("mtqa.checks", "mtqa.api", "mtqa.cli", "mtqa.io", "mtqa.report")),
    ("mtqa.text", ("mtqa.checks", "mtqa.api", "mtqa.cli", "mtqa.io", "mtqa.report")),
    # Rules see a document's segments and the language layer, never how they were read or reported.
    ("mtqa.checks", ("mtqa.api", "mtqa.cli", "mtqa.io", "mtqa.report")),
    # The stages know documents, models and rules, never the front door that feeds them.
    ("mtqa.pipeline", ("mtqa.api", "mtqa.cli", "mtqa.report")),
    # Reading and writing files depend on results (mtqa.types), not on the front door.
    ("mtqa.io", ("mtqa.api", "mtqa.cli")),
    ("mtqa.report", ("mtqa.api", "mtqa.cli")),
    ("mtqa.types", ("mtqa.api", "mtqa.cli")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from mtqa import api` imports the module mtqa.api: each name may be a module.
            out.append((node.lineno, module))
            out.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return out


def _within(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_the_layers_the_contracts_name() -> None:
    names = {_module_name(p) for p in _modules()}
    for layer, forbidden in CONTRACTS:
        for name in (layer, *forbidden):
            assert any(_within(n, name) for n in names), f"{name} is gone: update the contracts"


@pytest.mark.parametrize(("layer", "forbidden"), CONTRACTS, ids=[layer for layer, _ in CONTRACTS])
def test_a_layer_imports_nothing_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    broken = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
              for path in _modules() if _within(_module_name(path), layer)
              for line, module in _imports(path)
              if any(_within(module, f) for f in forbidden)]
    assert not broken, "\n".join(broken)


def test_nothing_in_mtqa_imports_the_cli() -> None:
    broken = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
              for path in _modules() if not _within(_module_name(path), "mtqa.cli")
              and _module_name(path) != "mtqa.__main__"  # `python -m mtqa` is the CLI's entry point
              for line, module in _imports(path) if _within(module, "mtqa.cli")]
    assert not broken, "\n".join(broken)


def test_the_import_reader_sees_relative_and_deferred_imports(tmp_path: Path) -> None:
    # The test is only as good as its reader: a deferred, relative import must not slip past it.
    module = PACKAGE / "checks" / "base.py"
    found = {name for _, name in _imports(module)}
    assert "mtqa.types" in found and "importlib.metadata" in found  # top-level and deferred ones


def test_a_rule_module_imports_no_other_rule_module() -> None:
    """Rules share code through the checks' base, runner and private helper modules (``_*.py``) and
    the language layer, never by importing another rule's module: moving or disabling one rule must
    not reach into another."""
    checks = PACKAGE / "checks"
    shared = {"__init__", "base", "runner"}
    rules = {p.stem for p in checks.glob("*.py") if p.stem not in shared and not p.stem.startswith("_")}
    assert rules, "no rule modules found"
    broken = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
              for path in sorted(checks.glob("*.py")) if path.stem in rules
              for line, module in _imports(path)
              if any(_within(module, f"mtqa.checks.{other}") for other in rules - {path.stem})]
    assert not broken, "\n".join(broken)
