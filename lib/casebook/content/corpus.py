"""Load the case corpus from plain files and validate it as a whole.

``casestudies/`` holds one Markdown file per case (YAML front matter plus ``## Story``-style
sections), and four shared YAML files: ``sources.yml`` (the bibliography),
``perspectives.yml``, ``quotes.yml`` and ``claims.yml`` (the evidence base: claims in our
words with the sources that support them). :func:`load_corpus` reads all of them, validates
each against :mod:`casebook.content.model` and the taxonomy, then checks every cross-reference, and
raises one :class:`~casebook.errors.ContentError` carrying every problem it found, so an
author fixes everything in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar, cast

from pydantic import ValidationError

from casebook import paths
from casebook.content.citations import citation_line
from casebook.content.crossrefs import (
    CaseKeys,
    check_across,
    check_citations,
    check_timeline,
    corpus_warnings,
    problem_sources,
)
from casebook.content.headings import h2_headings
from casebook.content.model import Case, CaseMeta
from casebook.content.shared import TAXONOMY_SOURCES, Records, Shared, load_shared
from casebook.content.taxonomy import Taxonomy, load_taxonomy
from casebook.content.validation import problems_from
from casebook.content.yamlfile import YamlDocument, read_front_matter
from casebook.errors import ContentError, Problem, display_path, resolved, resolved_folder

__all__ = ["TAXONOMY_SOURCES", "Corpus", "load_corpus"]

SECTIONS = ("Story", "Purpose", "Approach", "Evidence", "Open questions", "Notes")
REQUIRED_SECTIONS = ("Story",)


@dataclass(frozen=True)
class Corpus(Records):
    """Every validated case, with the shared files' records and the taxonomy."""

    cases: tuple[Case, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def related(self, case_id: str) -> list[str]:
        """Cases related to ``case_id`` in either direction: those it names and those naming it."""
        return self._related.get(case_id, [])

    @cached_property
    def _related(self) -> dict[str, list[str]]:
        return related_both_ways((c.id, c.related) for c in self.cases)

    def case(self, case_id: str) -> Case:
        for case in self.cases:
            if case.id == case_id:
                return case
        raise KeyError(case_id)


def related_both_ways(links) -> dict[str, list[str]]:
    """Each case's related cases in either direction, from ``(case id, ids it names)``."""
    related: dict[str, set[str]] = {}
    for case_id, named in links:
        related.setdefault(case_id, set()).update(named)
        for other in named:
            related.setdefault(other, set()).add(case_id)
    return {case_id: sorted(ids) for case_id, ids in related.items()}


def stable_path(path: Path) -> str:
    """The path as recorded in the data: relative to the project when inside it, so that the
    built package does not depend on the directory the build was run from."""
    try:
        return resolved(path).relative_to(resolved_folder(paths.ROOT)).as_posix()
    except ValueError:
        return resolved(path).as_posix()


def is_case_file(path: Path) -> bool:
    """Case files are ``*.md`` not starting with ``_`` (templates) and not README.md."""
    return path.suffix == ".md" and not path.name.startswith("_") and path.name != "README.md"


def case_files(source: Path) -> list[Path]:
    """The case files of ``source``, in the order of their ids (the file names' stems)."""
    return sorted((p for p in source.iterdir() if is_case_file(p)), key=lambda p: p.stem)


class CaseResult(Protocol):
    """What checking one case file gives, however it was made: its problems, and the keys
    the checks across files need (None when the file is not valid)."""

    problems: list[Problem]
    keys: CaseKeys | None


@dataclass
class CheckedCase:
    """One case file, loaded and checked on its own and against the shared files."""

    problems: list[Problem]
    keys: CaseKeys | None = None
    case: Case | None = None
    doc: YamlDocument | None = None


def check_case(path: Path, shared: Shared, with_keys: bool = True) -> CheckedCase:
    """Load one case file and check it on its own and against the shared files.

    ``with_keys=False`` leaves the keys to the caller (the build finds the cited sources
    while making the rows, and makes the keys from those).
    """
    file = display_path(path)
    read = _load_case(path, file, shared.context)
    problems, case, doc = read.problems, read.case, read.doc
    if doc is not None:
        # its citations are checked even when its fields are not valid: one run names both
        named = {p.field for p in problems}
        cited = check_citations(
            doc.data, read.sections, file, doc, shared.sources.declared, read.line_in_body
        )
        problems += [p for p in cited if p.field not in named]
    if case is None:
        return CheckedCase(problems)
    problems += check_timeline(case, file, doc)
    return CheckedCase(problems, CaseKeys.of(case, path) if with_keys else None, case, doc)


def no_cases(source: Path) -> Problem:
    return Problem(
        display_path(source),
        "",
        "no case files found",
        "add casestudies/<id>.md files (copy _template.md)",
    )


R = TypeVar("R", bound=CaseResult)


class CorpusPass:
    """One pass over a case folder, the loader that both :func:`load_corpus` and the build
    (:mod:`casebook.package.staging`) use: the shared files first, then each case file's
    result in the order of the ids (:meth:`cases`), then the checks across files
    (:meth:`finish`). The caller decides what a case's result is (a typed case here, encoded
    rows in the build) and what it keeps, so the build never holds every case in memory.
    """

    def __init__(self, source: Path | None, seeds: Path | None, taxonomy: Taxonomy | None):
        self.source = Path(source or paths.CASESTUDIES)
        self.seeds = Path(seeds or paths.SEEDS)
        self.shared = load_shared(self.source, taxonomy or load_taxonomy())
        self.files = case_files(self.source)
        self.problems: list[Problem] = list(self.shared.problems)
        self.keys: list[CaseKeys] = []

    def cases(self, results: Iterable[R]) -> Iterator[R]:
        """The valid results among ``results`` (one per file, in order), collecting every
        file's problems and the keys the checks across files need."""
        for result in results:
            self.problems += result.problems
            if result.keys is not None:
                self.keys.append(result.keys)
                yield result

    def finish(self, doc_of: Callable[[CaseKeys], YamlDocument]) -> tuple[str, ...]:
        """Check across files; raise every problem of the pass at once, or return the
        corpus's warnings. ``doc_of`` gives a case's parsed front matter, for the lines of
        problems found across files."""
        if not self.keys and not self.problems:
            self.problems.append(no_cases(self.source))
        # References are checked against every declared id, valid or not, so that one broken
        # entry is reported once rather than again by everything that points at it.
        case_ids = {p.stem for p in self.files}
        self.problems += check_across(self.keys, case_ids, self.shared, self.seeds, doc_of)
        if self.problems:
            raise ContentError(self.problems, problem_sources(self.keys, case_ids, self.shared))
        return corpus_warnings(self.keys, self.shared, self.seeds)


def load_corpus(
    source: Path | None = None,
    taxonomy: Taxonomy | None = None,
    seeds: Path | None = None,
) -> Corpus:
    """Load and validate every file in ``source`` (default ``casestudies/``).

    Parameters
    ----------
    source : Path, optional
        The folder of case files and shared YAML files.
    taxonomy : Taxonomy, optional
        Vocabularies to check against; loaded from ``data/taxonomy`` when omitted.
    seeds : Path, optional
        Folder of seed documents; seed sources must name a file in it when it exists.

    Raises
    ------
    ContentError
        Listing every problem in every file.
    """
    corpus_pass = CorpusPass(source, seeds, taxonomy)
    shared = corpus_pass.shared
    checked = list(corpus_pass.cases(check_case(path, shared) for path in corpus_pass.files))
    # a result with keys is a valid case: it has its case and its front matter
    valid = [(cast(Case, result.case), cast(YamlDocument, result.doc)) for result in checked]
    docs = {case.id: doc for case, doc in valid}
    warnings = corpus_pass.finish(lambda keys: docs[keys.id])
    return Corpus(
        **vars(shared.records),
        cases=tuple(case for case, _ in valid),
        warnings=warnings,
    )


@dataclass
class _ReadCase:
    """One case file as read: its problems, its front matter (valid or not) and its body's
    sections, and the case when the front matter is valid."""

    problems: list[Problem]
    doc: YamlDocument | None = None
    sections: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    case: Case | None = None

    def line_in_body(self, section: str, source_id: str) -> int:
        return citation_line(self.body, self.body_line, section, source_id)


def _load_case(path: Path, file: str, context: dict) -> _ReadCase:
    parsed, problems = read_front_matter(path, file, around_errors=True)
    if parsed is None:
        return _ReadCase(problems)
    doc = parsed.meta
    sections, section_problems = split_sections(parsed.body, parsed.body_line, file)
    read = _ReadCase(problems + section_problems, doc, sections, parsed.body, parsed.body_line)
    try:
        meta = CaseMeta.model_validate(doc.data, context=context)
    except ValidationError as err:
        found = problems_from(err, file, doc, CaseMeta, context=context)
        read.problems += [p for p in found if not _in_dropped(p.field, doc)]
        return read
    if meta.id != path.stem:
        read.problems.append(
            Problem(
                file,
                "id",
                f"the id '{meta.id}' differs from the file name '{path.stem}'",
                f"rename the file to {meta.id}.md or set id: {path.stem}",
                doc.line_of(("id",)),
            )
        )
    if not read.problems:
        read.case = Case.model_construct(**dict(meta), sections=sections, file=stable_path(path))
    return read


def _in_dropped(field: str, doc: YamlDocument) -> bool:
    """Whether ``field`` is in a front-matter entry left out past a YAML error (its syntax
    error is reported; "missing" would be a second message for the same mistake)."""
    keys = {line.split(":", 1)[0].strip() for line in doc.dropped}
    return field.split(".", 1)[0].split("[", 1)[0] in keys


def split_sections(
    body: str,
    body_line: int,
    file: str,
    allowed: tuple[str, ...] = SECTIONS,
    required: tuple[str, ...] = REQUIRED_SECTIONS,
) -> tuple[dict[str, str], list[Problem]]:
    """Split the Markdown body at its ``## `` headings, checking their names."""
    # split as markdown-it counts lines (only line breaks), so heading lines and slices agree
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    heads = h2_headings(body)
    problems = []
    first = heads[0][0] if heads else len(lines)
    if "\n".join(lines[:first]).strip():
        problems.append(
            Problem(
                file,
                "",
                "text before the first '## ' section heading",
                "move it under '## Story' or another section",
                body_line,
            )
        )
    sections: dict[str, str] = {}
    for n, (start, name) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        line = body_line + start
        if name not in allowed:
            problems.append(
                Problem(
                    file,
                    f"## {name}",
                    "unknown section heading",
                    f"use one of: {', '.join(allowed)}",
                    line,
                )
            )
        elif name in sections:
            problems.append(
                Problem(file, f"## {name}", "the section appears twice", "merge them", line)
            )
        sections[name] = "\n".join(lines[start + 1 : end]).strip()
    for name in required:
        if not sections.get(name):
            problems.append(
                Problem(
                    file,
                    f"## {name}",
                    "the section is missing or empty",
                    f"add a '## {name}' section, in your own words",
                    body_line,
                )
            )
    return sections, problems
