"""The package's layout stays readable: small modules, views as packages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from casebook import paths

PACKAGE = Path(paths.__file__).parent
LIMIT = 400
DECLARATIONS = {"package/schema.py"}  # the table schemas: one long declaration, no logic


def test_no_module_is_over_the_limit():
    over = {
        module: lines
        for path in PACKAGE.rglob("*.py")
        if (module := path.relative_to(PACKAGE).as_posix()) not in DECLARATIONS
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert over == {}, f"over {LIMIT} lines; split them by job: {over}"


@pytest.mark.parametrize("view", ["brief", "explorer", "lesson"])
def test_each_view_is_a_package_with_its_widgets_apart(view):
    folder = PACKAGE / view
    assert (folder / "__init__.py").is_file()
    widget_modules = {p.name for p in folder.glob("*.py") if "ipywidgets" in _imports(p)}
    assert widget_modules <= {"app.py", "parts.py"}  # widgets; the logic stays apart


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_architecture_page_names_every_module_and_the_contract_holds_the_same_layers():
    import tomllib

    architecture = (paths.ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = {p.stem for p in PACKAGE.glob("*.py") if not p.name.startswith("_")}
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    for name in sorted(modules - {"__main__"}):
        assert f"`{name}`" in architecture, f"{name} is missing from docs/architecture.md"
    for name in sorted(packages):
        assert f"`{name}/`" in architecture, f"{name}/ is missing from docs/architecture.md"
        for module in (PACKAGE / name).glob("*.py"):
            if module.stem != "__init__":
                assert f"`{module.stem}`" in architecture, f"{name}/{module.name} is missing"
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [
        c["layers"] for c in project["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    declared = {m.strip() for layer in layers for m in layer.replace("|", ":").split(":")}
    assert declared == (modules - {"__main__"}) | packages


# Where a casebook module may be imported inside a function: only where that saves a real
# cost. The command line answers --help without pandas, plotly or a kernel; the views'
# packages name their app without importing ipywidgets; intercoder brings pandas.
LAZY_ALLOWED = {
    "cli/commands.py": "any",
    "explorer/__init__.py": {"casebook.explorer.app"},
    "lesson/__init__.py": {"casebook.lesson.app"},
    "package/tables.py": {"casebook.package.intercoder"},
    "package/codingsheet.py": {"casebook.package.intercoder"},
}


def test_casebook_modules_are_imported_at_the_top_unless_it_saves_a_cost():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        allowed = LAZY_ALLOWED.get(module, set())
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.ImportFrom)
                    and (node.module or "").startswith("casebook")
                    and allowed != "any"
                    and node.module not in allowed
                ):
                    found.setdefault(module, []).append(f"{node.lineno}: {node.module}")
    assert found == {}, f"import these at the top of the module: {found}"
