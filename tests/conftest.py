"""Shared fixtures: a small hand-made corpus whose right answers are known."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casebook import paths

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A scratch copy of the fixture corpus that a test may break."""
    target = tmp_path / "casestudies"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not paths.SEEDS.is_dir():
        pytest.fail(f"the seed documents are expected at {paths.SEEDS}")
    return paths.SEEDS
