"""Honest dependencies: what casebook imports is declared, what it declares it uses, and the
lock file pins every declared package at a version the declaration accepts."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest
from packaging.requirements import Requirement

from casebook import paths

# static scans of every import and lock line: in `make test`, not in `make test-fast`
pytestmark = pytest.mark.slow

PROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
PACKAGE = paths.ROOT / "lib" / "casebook"
TESTS = paths.ROOT / "tests"
# Declared but never imported, each for a stated reason (the comments in pyproject.toml).
USED_WITHOUT_IMPORT = {
    "ipykernel": "the kernel the notebooks run in, started by name",
    "jupyterlab": "where the notebooks open",
    "kaleido": "plotly's image engine, for the charts of a Word brief",
    "openpyxl": "pandas' engine for the XLSX export",
    "ruamel-yaml-clib": "ruamel.yaml's C loader",
    "voila": "run as 'python -m voila' by casebook explore and casebook lesson",
}


def _name(requirement: str) -> str:
    return Requirement(requirement).name.lower().replace("_", "-").replace(".", "-")


def _imported_distributions(folder) -> set[str]:
    """Distributions providing the top-level modules the files under ``folder`` import."""
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    providers = packages_distributions()
    third_party = modules - set(sys.stdlib_module_names) - {"casebook", "__future__"}
    return {_name(d) for m in third_party for d in providers.get(m, [m])}


def test_every_import_of_the_package_is_declared():
    declared = {_name(r) for r in PROJECT["dependencies"]}
    assert _imported_distributions(PACKAGE) - declared == set()


def test_every_declared_dependency_is_used():
    imported = _imported_distributions(PACKAGE)
    unused = {_name(r) for r in PROJECT["dependencies"]} - imported - set(USED_WITHOUT_IMPORT)
    assert unused == set()


def test_what_only_the_tests_import_is_a_dev_dependency():
    declared = {_name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]}
    local = {_name(p.stem) for p in TESTS.glob("*.py")}  # helper modules such as tests/browser.py
    missing = _imported_distributions(TESTS) - declared - local
    assert missing == set()


def _locked(lock: str) -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements" / lock).read_text().splitlines():
        line = line.split("#")[0].split(";")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def test_the_locks_pin_every_declared_dependency_within_its_range():
    for lock, requirements in (
        ("runtime.lock", PROJECT["dependencies"]),
        ("dev.lock", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
    ):
        pins = _locked(lock)
        for requirement in map(Requirement, requirements):
            name = _name(str(requirement))
            assert name in pins, f"{lock} does not pin {name}: run 'make lock'"
            assert requirement.specifier.contains(pins[name]), (
                f"{lock} pins {name}=={pins[name]}, outside {requirement.specifier}: run 'make lock'"
            )


def test_the_runtime_lock_holds_no_dev_only_package():
    dev_only = {_name(r) for r in PROJECT["optional-dependencies"]["dev"]} - set(
        _locked("runtime.lock")
    )
    assert {"pytest", "ruff", "nbval"} <= dev_only
