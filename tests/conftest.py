"""Shared fixtures: a small hand-made corpus whose right answers are known, the bundled
corpus, and Voila apps served on 127.0.0.1.

The session-scoped corpora and tables are shared by every test that reads them: a test that
needs to change a file or a table works on ``corpus_dir`` (a scratch copy) instead.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest

from casebook import paths

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory) -> Path:
    """The tests' own build cache, cold at the start of the run, never the project's; set
    in the environment so that commands the tests start use it too."""
    import os

    path = tmp_path_factory.mktemp("cache") / "build.sqlite"
    os.environ["CASEBOOK_CACHE"] = str(path)
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A scratch copy of the fixture corpus that a test may break."""
    target = tmp_path / "casestudies"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def fixture_folder() -> Path:
    """The fixture corpus' own folder: read it, never write to it (use ``corpus_dir``)."""
    return FIXTURE


@pytest.fixture(scope="session")
def fixture_corpus(fixture_folder):
    """The fixture corpus, loaded once; read it, do not change it."""
    from casebook.content.corpus import load_corpus

    return load_corpus(fixture_folder)


@pytest.fixture(scope="session")
def fixture_tables(fixture_corpus):
    """The fixture corpus' data-package tables, built once; read them, do not change them."""
    from casebook.package.tables import corpus_tables

    return corpus_tables(fixture_corpus)


@pytest.fixture(scope="session")
def real_corpus():
    """The bundled corpus (casestudies/), loaded once."""
    from casebook.content.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed documents, for the checks of quotations and copied text against them.

    They are not part of the repository: CI has them at ../shared/seeds, and CASEBOOK_SEEDS
    points elsewhere. On a clone without them those checks cannot run, and say so."""
    if not paths.SEEDS.is_dir():
        pytest.skip(
            f"the seed documents are not at {paths.SEEDS}: set CASEBOOK_SEEDS to their "
            "folder to run the checks of quotations and copied text against them"
        )
    return paths.SEEDS


@pytest.fixture
def voila_app(corpus_dir):
    """Serve a notebook of notebooks/ on the fixture corpus as ``casebook explore`` would:
    ``voila_app("explore.ipynb")`` starts the server and returns its URL; it stops after the
    test."""
    from browser import voila_server

    with ExitStack() as servers:
        yield lambda notebook: servers.enter_context(
            voila_server(paths.NOTEBOOKS / notebook, corpus_dir)
        )


@pytest.fixture
def run_notebook(tmp_path):
    """Execute a notebook of notebooks/ with papermill in a python3 kernel, from the project
    root, and return the executed notebook: ``run_notebook("lesson.ipynb", seed=5)``."""

    def run(notebook: str, **parameters):
        import papermill

        return papermill.execute_notebook(
            str(paths.NOTEBOOKS / notebook),
            str(tmp_path / f"executed-{notebook}"),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(paths.ROOT),
            progress_bar=False,
        )

    return run


@pytest.fixture
def no_kernel(monkeypatch):
    """A stand-in for the Jupyter kernel, for input that must be refused before any notebook
    runs: it counts the kernels started and fails the test if a notebook is run."""
    from casebook.jupyter import kernel

    class NoKernel:
        started = 0

        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            NoKernel.started += 1
            return self

        def __exit__(self, *exc):
            return None

        def prepare(self):
            pass

        def run(self, path, parameters):
            raise AssertionError(f"{path.name} ran with {parameters}; its input should be refused")

    monkeypatch.setattr(kernel, "Kernel", NoKernel)
    return NoKernel


FIXTURE_THEME = """---
id: fixture
title: A fixture theme
framing_questions:
  - Which cases changed their goals?
lead_case: alpha
closing_questions:
  - What next?
---

## Introduction

Cases that changed what their schools are for [@report-2020].
"""


@pytest.fixture
def fixture_theme(tmp_path, monkeypatch) -> str:
    """A theme on the fixture corpus (lead case alpha, no selection), in a themes folder that
    this process and the kernels it starts both read; returns its id."""
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "fixture.md").write_text(FIXTURE_THEME, encoding="utf-8")
    monkeypatch.setattr(paths, "THEMES", themes)
    monkeypatch.setenv("CASEBOOK_THEMES", str(themes))
    return "fixture"


def make_theme(**fields):
    """A theme model on the fixture corpus, built in memory: ``make_theme(examples=1)``."""
    from casebook.content.themes import Theme

    return Theme.model_validate(
        {
            "id": "fixture",
            "title": "T",
            "framing_questions": ["Q?"],
            "lead_case": "alpha",
            "closing_questions": ["Q?"],
            **fields,
        }
    )
