"""Load the case corpus from plain files and validate it as a whole.

``casestudies/`` holds one Markdown file per case (YAML front matter plus ``## Story``-style
sections), and four shared YAML files: ``sources.yml`` (the bibliography),
``perspectives.yml``, ``quotes.yml`` and ``claims.yml`` (the evidence base: claims in our
words with the sources that support them). :func:`load_corpus` reads all of them, validates
each against :mod:`casebook.model` and the taxonomy, then checks every cross-reference, and
raises one :class:`~casebook.errors.ContentError` carrying every problem it found, so an
author fixes everything in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from . import paths
from .crossrefs import CaseKeys, check_across, check_case_references, corpus_warnings
from .errors import ContentError, Problem, display_path, resolved, resolved_folder
from .evidence import Claim, Perspective, Quote, Source
from .headings import h2_headings
from .model import Case, CaseMeta
from .shared import TAXONOMY_SOURCES, Shared, load_shared
from .taxonomy import Taxonomy, load_taxonomy
from .validation import problems_from
from .yamlfile import YamlDocument, read_front_matter

__all__ = ["TAXONOMY_SOURCES", "Corpus", "load_corpus"]

SECTIONS = ("Story", "Purpose", "Approach", "Evidence", "Open questions", "Notes")
REQUIRED_SECTIONS = ("Story",)


@dataclass(frozen=True)
class Corpus:
    """Every validated case, source, perspective and quotation, with the taxonomy."""

    cases: tuple[Case, ...]
    sources: dict[str, Source]
    perspectives: tuple[Perspective, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    taxonomy: Taxonomy
    warnings: tuple[str, ...] = field(default=())
    codings: tuple = field(default=())  # further coders' CodingSets (casestudies/codings/)
    coders: tuple = field(default=())  # every described coder (coders.yml, then codings/)

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


def check_case(path: Path, shared: Shared):
    """Load one case file and check it on its own and against the shared files.

    Returns ``(case, doc, problems)``; ``case`` and ``doc`` are None when it does not load.
    """
    file = display_path(path)
    loaded, problems = _load_case(path, file, shared.context)
    if not loaded:
        return None, None, problems
    case, doc = loaded
    return case, doc, check_case_references(case, file, doc, shared.sources.declared)


def no_cases(source: Path) -> Problem:
    return Problem(
        display_path(source),
        "",
        "no case files found",
        "add casestudies/<id>.md files (copy _template.md)",
    )


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
    source = Path(source or paths.CASESTUDIES)
    seeds = Path(seeds or paths.SEEDS)
    shared = load_shared(source, taxonomy or load_taxonomy())
    problems = list(shared.problems)
    cases: list[Case] = []
    keys: list[CaseKeys] = []
    docs: dict[str, YamlDocument] = {}
    files = case_files(source)
    for path in files:
        case, doc, found = check_case(path, shared)
        problems += found
        if case is not None:
            cases.append(case)
            keys.append(CaseKeys.of(case, path))
            docs[case.id] = doc
    if not cases and not problems:
        problems.append(no_cases(source))
    # References are checked against every declared id, valid or not, so that one broken
    # entry is reported once rather than again by everything that points at it.
    case_ids = {p.stem for p in files}
    problems += check_across(keys, case_ids, shared, seeds, lambda k: docs[k.id])
    if problems:
        raise ContentError(problems)
    return Corpus(
        tuple(cases),
        {s.id: s for s in shared.sources.items},
        tuple(shared.perspectives.items),
        tuple(shared.quotes.items),
        tuple(shared.claims.items),
        shared.taxonomy,
        corpus_warnings(keys, shared, seeds),
        tuple(codings for codings, _, _ in shared.codings),
        tuple(shared.all_coders),
    )


def _load_case(path: Path, file: str, context: dict):
    parsed, problems = read_front_matter(path, file)
    if parsed is None:
        return None, problems
    doc = parsed.meta
    sections, section_problems = split_sections(parsed.body, parsed.body_line, file)
    problems += section_problems
    try:
        meta = CaseMeta.model_validate(doc.data, context=context)
    except ValidationError as err:
        return None, problems + problems_from(err, file, doc, CaseMeta, context=context)
    if meta.id != path.stem:
        problems.append(
            Problem(
                file,
                "id",
                f"the id '{meta.id}' differs from the file name '{path.stem}'",
                f"rename the file to {meta.id}.md or set id: {path.stem}",
                doc.line_of(("id",)),
            )
        )
    if problems:
        return None, problems
    case = Case.model_construct(**dict(meta), sections=sections, file=stable_path(path))
    return (case, doc), []


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
