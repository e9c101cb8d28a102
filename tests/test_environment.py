"""environment.yml gives conda users the same dependencies as pyproject.toml."""

import tomllib

from packaging.requirements import Requirement
from ruamel.yaml import YAML

from casebook import paths

# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"python-kaleido": "kaleido", "pypandoc": "pypandoc-binary"}
# conda packages with no PyPI counterpart: pandoc itself, which the pypandoc-binary wheel ships
CONDA_ONLY = {"pandoc"}


def _normalise(requirement: str) -> tuple[str, str]:
    parsed = Requirement(requirement)
    name = parsed.name.lower().replace("_", "-").replace(".", "-")
    return CONDA_TO_PYPI.get(name, name), str(parsed.specifier)


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_normalise(r) for r in project["dependencies"]}
    wanted |= {_normalise(r) for r in project["optional-dependencies"]["dev"]}
    env = YAML(typ="safe").load((paths.ROOT / "environment.yml").read_text())
    conda = [
        d
        for d in env["dependencies"]
        if isinstance(d, str) and Requirement(d).name not in ("python", "pip", *CONDA_ONLY)
    ]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert {_normalise(d) for d in conda} == wanted
    assert pip == ["-e ."]
    python = next(
        d for d in env["dependencies"] if isinstance(d, str) and Requirement(d).name == "python"
    )
    assert python.removeprefix("python") == project["requires-python"]
