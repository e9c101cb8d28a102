"""Write the corpus as a Frictionless data package, atomically, and check it for drift.

The build renders every table to CSV in a staging folder beside the output, validates the
staged package with Frictionless (primary and foreign keys included), and only then moves
the files into place, all of them or none (:func:`casebook.atomic.swap_in`). A build that
fails at any step, or is killed, leaves the output folder as it was.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__, paths
from .atomic import recover, swap_in
from .corpus import Corpus, load_corpus
from .errors import CasebookError, display_path
from .schema import TABLES
from .tables import corpus_tables

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    counts: dict[str, int]
    warnings: tuple[str, ...]


def descriptor(corpus: Corpus) -> dict:
    """The ``datapackage.json`` content: deterministic, so drift checks compare bytes."""
    return {
        "name": "casebook",
        "title": "casebook: cases of education systems change",
        "description": (
            "Cases of education systems change, tagged by Meadows' twelve leverage points "
            "and by approach, with their interventions, outcomes, timelines, sources, "
            "perspectives and quotations. Built from casestudies/ by 'casebook build'; do "
            "not edit by hand."
        ),
        "version": __version__,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table.frictionless_schema(),
            }
            for table in TABLES
        ],
    }


def render(frames: dict, package: dict) -> dict[str, bytes]:
    """Every output file's name and bytes, from the tables and the descriptor."""
    files = {
        f"{name}.csv": frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
        for name, frame in frames.items()
    }
    files[DESCRIPTOR] = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


class PackageInvalid(CasebookError):
    """The staged package failed Frictionless validation (a bug, not a content problem)."""


def validate_package(path: Path) -> list[str]:
    """Validate a ``datapackage.json`` with Frictionless; return its error messages."""
    from frictionless import Package

    report = Package(str(path)).validate()
    if report.valid:
        return []
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] or [
        error.message for error in report.errors
    ]


def build(
    source: Path | None = None, out: Path | None = None, validate: bool = True
) -> BuildResult:
    """Load ``source``, validate it, and write the data package into ``out``.

    Raises
    ------
    ContentError
        When the case files do not validate; ``out`` is untouched.
    PackageInvalid
        When the staged package fails Frictionless validation; ``out`` is untouched.
    """
    corpus = load_corpus(source)
    out = Path(out or paths.DATA)
    frames = corpus_tables(corpus)
    files = render(frames, descriptor(corpus))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-build-") as tmp:
        staging = Path(tmp)
        for name, content in files.items():
            (staging / name).write_bytes(content)
        if validate:
            errors = validate_package(staging / DESCRIPTOR)
            if errors:
                raise PackageInvalid(
                    "the built package is not valid:\n  " + "\n  ".join(errors[:20])
                )
        out.mkdir(exist_ok=True)  # only now: a failed build leaves no new, empty folder behind
        recover(out)  # a build killed during its swap is rolled back before anything else
        previous = _previous_resources(out)
        # all the files or none (atomic.swap_in); the descriptor goes last so that a reader
        # never sees a descriptor that names a table not yet written
        swap_in(
            staging,
            out,
            sorted(files, key=lambda n: n == DESCRIPTOR),
            remove=previous - set(files),
        )
    counts = {name: len(frame) for name, frame in frames.items()}
    return BuildResult(out, counts, corpus.warnings)


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
    corpus = load_corpus(source)
    expected = render(corpus_tables(corpus), descriptor(corpus))
    stale = []
    for name, content in expected.items():
        path = out / name
        if not path.exists():
            stale.append(f"{display_path(path)} is missing")
        elif path.read_bytes() != content:
            stale.append(f"{display_path(path)} differs from the case files")
    return stale
