"""Checks across the files of a corpus: unique ids, citations that resolve, seed files.

:func:`casebook.content.corpus.load_corpus` validates each file on its own first; these checks need
every file at once, and add their problems to the same list so one run reports everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casebook import paths
from casebook.content.citations import cited_ids, strings_in
from casebook.content.codingchecks import (
    check_codings,
    check_reviews,
    uncoded,
    unloaded,
    unsettled,
)
from casebook.content.shared import TAXONOMY_SOURCES
from casebook.errors import Problem, display_path, field_path

if TYPE_CHECKING:
    from casebook.content.model import Case
    from casebook.content.shared import Shared


def check_unique(keys: list[CaseKeys], doc_of) -> list[Problem]:
    """Intervention and outcome ids are unique across the whole corpus (they are keys)."""
    problems = []
    seen: dict[str, CaseKeys] = {}
    for case in keys:
        for kind, ids in (("interventions", case.interventions), ("outcomes", case.outcomes)):
            for n, item_id in enumerate(ids):
                if item_id in seen:
                    problems.append(
                        Problem(
                            display_path(case.path),
                            f"{kind}[{n}].id",
                            f"the id '{item_id}' is also used in {display_path(seen[item_id].path)}",
                            "make it unique, e.g. prefix it with the case id",
                            doc_of(case).line_of((kind, n, "id")),
                        )
                    )
                seen[item_id] = case
    return problems


def check_related(keys: list[CaseKeys], case_ids: set[str], doc_of) -> list[Problem]:
    """Each related case exists and is another case."""
    problems = []
    for case in keys:
        for k, other in enumerate(case.related):
            if other not in case_ids or other == case.id:
                why = (
                    "a case cannot be related to itself"
                    if other == case.id
                    else f"no case has id '{other}'"
                )
                problems.append(
                    Problem(
                        display_path(case.path),
                        f"related[{k}]",
                        why,
                        "name another existing case's id, or remove it",
                        doc_of(case).line_of(("related", k)),
                    )
                )
    return problems


def unknown_source(file: str, field: str, source_id: str, line: int | None) -> Problem:
    return Problem(
        file,
        field,
        f"no source has id '{source_id}'",
        f"add it to casestudies/{paths.SOURCES_FILE} or correct the id",
        line,
        follows=paths.SOURCES_FILE,
    )


def check_citations(
    data: dict, sections: dict[str, str], file: str, doc, source_ids: set[str], line_in_body
) -> list[Problem]:
    """A case's citations resolve to declared sources: its source fields and the ``[@id]``
    citations in its front matter's text (``data``, as parsed, valid or not) and in every
    section of its body, each named with its line (``line_in_body(section, id)`` gives a
    section's, asked only for a citation that fails)."""
    problems = []
    for loc, text in strings_in(data):
        # A field named 'source', or an item of a 'sources' list, is a source id; any
        # other text may carry [@id] citations.
        is_reference = loc[-1] == "source" or (len(loc) > 1 and loc[-2] == "sources")
        for source_id in [text] if is_reference else cited_ids(text):
            if source_id not in source_ids:
                problems.append(unknown_source(file, field_path(loc), source_id, doc.line_of(loc)))
        if _bare_citation(text, source_ids):
            problems.append(
                Problem(
                    file,
                    field_path(loc),
                    "a citation is written without '@'",
                    "write citations as [@source-id] or [@a; @b]",
                    doc.line_of(loc),
                )
            )
    for name, text in sections.items():
        for source_id in dict.fromkeys(cited_ids(text)):
            if source_id not in source_ids:
                line = line_in_body(name, source_id)
                problems.append(unknown_source(file, f"## {name}", source_id, line))
    return problems


def check_timeline(case: Case, file: str, doc) -> list[Problem]:
    """A case's timeline events name interventions of the same case."""
    problems = []
    intervention_ids = {i.id for i in case.interventions}
    for n, event in enumerate(case.timeline):
        if event.intervention and event.intervention not in intervention_ids:
            problems.append(
                Problem(
                    file,
                    f"timeline[{n}].intervention",
                    f"no intervention of this case has id '{event.intervention}'",
                    f"use one of: {', '.join(sorted(intervention_ids))}",
                    doc.line_of(("timeline", n, "intervention")),
                )
            )
    return problems


BRACKETS = re.compile(r"\[([^\[\]]+)\]")


def _bare_citation(text: str, source_ids: set[str]) -> bool:
    """True when text holds a bracket listing known source ids without ``@``."""
    if "[" not in text:
        return False
    for group in BRACKETS.findall(text):
        keys = [part.strip() for part in re.split(r"[;,]", group)]
        if "@" not in group and keys and all(k in source_ids for k in keys):
            return True
    return False


def check_seeds(sources, path: Path, seeds: Path) -> list[Problem]:
    if not seeds.is_dir():
        return []
    present = {p.name for p in seeds.iterdir()}
    return [
        Problem(
            display_path(path),
            f"{s.id}.file",
            f"no seed document is named '{s.file}'",
            f"use a file name from {display_path(seeds)}",
            sources.line(n, "file"),
        )
        for n, s in enumerate(sources.items)
        if s.type == "seed" and s.file not in present
    ]


@dataclass(frozen=True)
class CaseKeys:
    """What the checks across files need of one valid case, without the case itself."""

    id: str
    path: Path
    related: tuple[str, ...]
    interventions: tuple[str, ...]
    outcomes: tuple[str, ...]
    cited: frozenset[str]
    # per intervention: the first coding's point, the tag now, the coder and point its
    # review names, and the coders the review says settled and re-examined it
    codings: tuple[tuple[int, int, str, int, str, str], ...] = ()

    @classmethod
    def of(cls, case: Case, path: Path, cited: frozenset[str] | None = None) -> CaseKeys:
        """The keys of ``case``; ``cited`` spares finding its citations again."""
        return cls(
            case.id,
            path,
            tuple(case.related),
            tuple(i.id for i in case.interventions),
            tuple(o.id for o in case.outcomes),
            frozenset(s for _, s in case.cited_sources()) if cited is None else cited,
            tuple(
                (
                    i.first_coding[0],
                    i.leverage_point,
                    *(
                        (
                            i.review.second_coder,
                            i.review.second_point,
                            i.review.settled_by,
                            i.review.reexamined_by or "",
                        )
                        if i.review
                        else ("", 0, "", "")
                    ),
                )
                for i in case.interventions
            ),
        )


def check_across(
    keys: list[CaseKeys], case_ids: set[str], shared: Shared, seeds: Path, doc_of
) -> list[Problem]:
    """Checks that need every file: unique ids, related cases and the shared files' links.

    ``doc_of(keys)`` gives a case's parsed front matter, for the line of a problem; it is
    asked only when there is one.
    """
    problems = check_unique(keys, doc_of) + check_related(keys, case_ids, doc_of)
    problems += check_codings(keys, shared, case_ids) + check_reviews(keys, shared, doc_of)
    source_ids = shared.sources.declared
    sources_file = display_path(shared.source / paths.SOURCES_FILE)
    for table, source_id in TAXONOMY_SOURCES.items():
        if source_id not in source_ids:
            problems.append(
                Problem(
                    sources_file,
                    "",
                    f"the taxonomy's {table} cite '{source_id}', which is missing",
                    f"add the source '{source_id}' to {paths.SOURCES_FILE}",
                    follows=paths.SOURCES_FILE,
                )
            )
    problems += check_seeds(shared.sources, shared.source / paths.SOURCES_FILE, seeds)
    for entries, name in _shared_lists(shared):
        file = display_path(shared.source / name)
        for n, item in enumerate(entries.items):
            for source_id in item.source_ids():
                if source_id not in source_ids:
                    field_name = next(
                        name
                        for name in ("source", "original", "sources")
                        if source_id == getattr(item, name, None)
                        or source_id in (getattr(item, name, None) or [])
                    )
                    problems.append(
                        unknown_source(
                            file, f"{item.id}.{field_name}", source_id, entries.line(n, field_name)
                        )
                    )
            for k, case_id in enumerate(item.cases):
                if case_id not in case_ids:
                    problems.append(
                        Problem(
                            file,
                            f"{item.id}.cases[{k}]",
                            f"no case has id '{case_id}'",
                            "name an existing case file's id",
                            entries.line(n, "cases", k),
                        )
                    )
    return problems


def _shared_lists(shared: Shared):
    return (
        (shared.perspectives, paths.PERSPECTIVES_FILE),
        (shared.quotes, paths.QUOTES_FILE),
        (shared.claims, paths.CLAIMS_FILE),
    )


def corpus_warnings(keys: list[CaseKeys], shared: Shared, seeds: Path) -> tuple[str, ...]:
    """Sources nothing cites, and a seed check that could not run."""
    cited = set().union(*(k.cited for k in keys)) if keys else set()
    cited |= {
        s for entries, _ in _shared_lists(shared) for i in entries.items for s in i.source_ids()
    }
    warnings = tuple(
        f"source '{s.id}' is cited by nothing in the corpus"
        for s in shared.sources.items
        if s.id not in cited and s.id not in TAXONOMY_SOURCES.values()
    )
    warnings += tuple(unsettled(keys, shared)) + tuple(uncoded(keys, shared))
    if not seeds.is_dir() and any(s.file for s in shared.sources.items):
        warnings += (
            f"the seed documents were not found at {display_path(seeds)}, so the sources "
            "that name a seed file were not checked against them; set CASEBOOK_SEEDS to "
            "their folder to check them",
        )
    return warnings


def problem_sources(keys: list[CaseKeys], case_ids: set[str], shared: Shared) -> tuple[str, ...]:
    """The names of the files whose problems cause others, the first causes first: shared
    files that could not be read, then case files that did not load (a coding of their
    interventions fails)."""
    return (*shared.unread, *(f"{case_id}.md" for case_id in sorted(unloaded(keys, case_ids))))
