"""Checks across the files of a corpus: unique ids, citations that resolve, seed files.

:func:`casebook.corpus.load_corpus` validates each file on its own first; these checks need
every file at once, and add their problems to the same list so one run reports everything.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .citations import cited_ids
from .errors import Problem, display_path, field_path

if TYPE_CHECKING:
    from .model import Case


def check_unique(cases: list[Case], docs) -> list[Problem]:
    """Intervention and outcome ids are unique across the whole corpus (they are keys)."""
    problems = []
    seen: dict[str, str] = {}
    for case in cases:
        file, doc = docs[case.id]
        for kind, items in (("interventions", case.interventions), ("outcomes", case.outcomes)):
            for n, item in enumerate(items):
                if item.id in seen:
                    problems.append(
                        Problem(
                            file,
                            f"{kind}[{n}].id",
                            f"the id '{item.id}' is also used in {seen[item.id]}",
                            "make it unique, e.g. prefix it with the case id",
                            doc.line_of((kind, n, "id")),
                        )
                    )
                seen[item.id] = file
    return problems


def unknown_source(file: str, field: str, source_id: str, line: int | None) -> Problem:
    return Problem(
        file,
        field,
        f"no source has id '{source_id}'",
        f"add it to casestudies/{paths.SOURCES_FILE} or correct the id",
        line,
    )


def check_case_references(cases, docs, source_ids: set[str], case_ids: set[str]) -> list[Problem]:
    problems = []
    for case in cases:
        file, doc = docs[case.id]
        for loc, text in _strings(doc.data):
            # A field named 'source', or an item of a 'sources' list, is a source id; any
            # other text may carry [@id] citations.
            is_reference = loc[-1] == "source" or (len(loc) > 1 and loc[-2] == "sources")
            for source_id in [text] if is_reference else cited_ids(text):
                if source_id not in source_ids:
                    problems.append(
                        unknown_source(file, field_path(loc), source_id, doc.line_of(loc))
                    )
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
        for name, text in case.sections.items():
            for source_id in cited_ids(text):
                if source_id not in source_ids:
                    problems.append(unknown_source(file, f"## {name}", f"{source_id}", None))
        for k, other in enumerate(case.related):
            if other not in case_ids or other == case.id:
                why = (
                    "a case cannot be related to itself"
                    if other == case.id
                    else f"no case has id '{other}'"
                )
                problems.append(
                    Problem(
                        file,
                        f"related[{k}]",
                        why,
                        "name another existing case's id, or remove it",
                        doc.line_of(("related", k)),
                    )
                )
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


def _strings(node, loc=()):
    """Every string in a parsed YAML tree, with its location."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))
    elif isinstance(node, str):
        yield loc, node


def _bare_citation(text: str, source_ids: set[str]) -> bool:
    """True when text holds a bracket listing known source ids without ``@``."""
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
