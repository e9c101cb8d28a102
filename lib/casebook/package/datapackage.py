"""Write the corpus as a Frictionless data package, atomically, and check it for drift.

The build writes every table into a staging folder beside the output, checking each cell
and key against the package's schema as it goes (:mod:`casebook.package.staging`), and only then
moves the files into place, all of them or none (:func:`casebook.atomic.swap_in`). A build
that fails at any step, or is killed, leaves the output folder as it was.
"""

from __future__ import annotations

import dataclasses
import filecmp
import json
import tempfile
from pathlib import Path

from casebook import paths
from casebook.atomic import recover, swap_in
from casebook.errors import display_path
from casebook.package.staging import (
    DESCRIPTOR,
    BuildResult,
    PackageInvalid,
    descriptor,
    stage_package,
)

__all__ = ["DESCRIPTOR", "BuildResult", "PackageInvalid", "build", "descriptor", "drift"]


def build(source: Path | None = None, out: Path | None = None, cache: bool = True) -> BuildResult:
    """Load ``source``, validate it, and write the data package into ``out``.

    ``cache=False`` makes every case again instead of reusing the build cache.

    Raises
    ------
    ContentError
        When the case files do not validate; ``out`` is untouched.
    PackageInvalid
        When the package breaks its own schema (a bug); ``out`` is untouched.
    """
    out = Path(out or paths.DATA)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-build-") as tmp:
        staging = Path(tmp)
        staged = stage_package(source, staging, use_cache=cache)
        out.mkdir(exist_ok=True)  # only now: a failed build leaves no new, empty folder behind
        recover(out)  # a build killed during its swap is rolled back before anything else
        previous = _previous_resources(out)
        # all the files or none (atomic.swap_in); the descriptor goes last so that a reader
        # never sees a descriptor that names a table not yet written
        swap_in(
            staging,
            out,
            sorted(staged.files, key=lambda n: n == DESCRIPTOR),
            remove=previous - set(staged.files),
        )
    return dataclasses.replace(staged, out=out)


def _previous_resources(out: Path) -> set[str]:
    path = out / DESCRIPTOR
    if not path.exists():
        return set()
    try:
        return {r["path"] for r in json.loads(path.read_text(encoding="utf-8"))["resources"]}
    except (ValueError, KeyError, TypeError):
        return set()


def drift(source: Path | None = None, out: Path | None = None) -> list[str]:
    """Files in ``out`` that differ from what building ``source`` would write."""
    out = Path(out or paths.DATA)
    if out.is_dir():
        recover(out)  # an interrupted build's swap, rolled back: check what is really there
    with tempfile.TemporaryDirectory(prefix="casebook-check-") as tmp:
        staged = stage_package(source, Path(tmp))
        stale = []
        for name in staged.files:
            path = out / name
            if not path.exists():
                stale.append(f"{display_path(path)} is missing")
            elif not filecmp.cmp(Path(tmp) / name, path, shallow=False):
                stale.append(f"{display_path(path)} differs from the case files")
    return stale
