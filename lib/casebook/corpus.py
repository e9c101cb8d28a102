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

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import paths
from .crossrefs import check_case_references, check_seeds, check_unique, unknown_source
from .errors import ContentError, Problem, display_path
from .evidence import Claim, Perspective, Quote, Source
from .model import Case, CaseMeta
from .taxonomy import Taxonomy, load_taxonomy
from .validation import problems_from
from .yamlfile import YamlDocument, read_front_matter, read_yaml_file

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

    def related(self, case_id: str) -> list[str]:
        """Cases related to ``case_id`` in either direction: those it names and those naming it."""
        named = set(self.case(case_id).related)
        return sorted(named | {c.id for c in self.cases if case_id in c.related})

    def case(self, case_id: str) -> Case:
        for case in self.cases:
            if case.id == case_id:
                return case
        raise KeyError(case_id)


def stable_path(path: Path) -> str:
    """The path as recorded in the data: relative to the project when inside it, so that the
    built package does not depend on the directory the build was run from."""
    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def is_case_file(path: Path) -> bool:
    """Case files are ``*.md`` not starting with ``_`` (templates) and not README.md."""
    return path.suffix == ".md" and not path.name.startswith("_") and path.name != "README.md"


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
    taxonomy = taxonomy or load_taxonomy()
    seeds = Path(seeds or paths.SEEDS)
    if not source.is_dir():
        raise ContentError(
            [
                Problem(
                    display_path(source),
                    "",
                    "the case folder does not exist",
                    "pass an existing folder with --source",
                )
            ]
        )
    problems: list[Problem] = []
    context = {"taxonomy": taxonomy}

    sources = _load_list(source / paths.SOURCES_FILE, Source, context, problems)
    perspectives = _load_list(
        source / paths.PERSPECTIVES_FILE, Perspective, context, problems, required=False
    )
    quotes = _load_list(source / paths.QUOTES_FILE, Quote, context, problems, required=False)
    claims = _load_list(source / paths.CLAIMS_FILE, Claim, context, problems, required=False)
    # for "did you mean" when a case cites a source by its title
    context["source_titles"] = {s.id: s.title for s in sources.items}

    cases: list[Case] = []
    case_docs: dict[str, tuple[str, YamlDocument]] = {}
    case_files = sorted(p for p in source.iterdir() if is_case_file(p))
    for path in case_files:
        file = display_path(path)
        loaded, found = _load_case(path, file, context)
        problems += found
        if loaded:
            case, doc = loaded
            cases.append(case)
            case_docs[case.id] = (file, doc)
    if not cases and not problems:
        problems.append(
            Problem(
                display_path(source),
                "",
                "no case files found",
                "add casestudies/<id>.md files (copy _template.md)",
            )
        )

    # References are checked against every declared id, valid or not, so that one broken
    # entry is reported once rather than again by everything that points at it.
    source_ids = sources.declared
    case_ids = {p.stem for p in case_files}
    problems += check_unique(cases, case_docs)
    problems += check_case_references(cases, case_docs, source_ids, case_ids)
    for table, source_id in TAXONOMY_SOURCES.items():
        if source_id not in source_ids:
            problems.append(
                Problem(
                    display_path(source / paths.SOURCES_FILE),
                    "",
                    f"the taxonomy's {table} cite '{source_id}', which is missing",
                    f"add the source '{source_id}' to {paths.SOURCES_FILE}",
                )
            )
    problems += check_seeds(sources, source / paths.SOURCES_FILE, seeds)
    shared = (
        (perspectives, paths.PERSPECTIVES_FILE),
        (quotes, paths.QUOTES_FILE),
        (claims, paths.CLAIMS_FILE),
    )
    for entries, name in shared:
        file = display_path(source / name)
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
    if problems:
        raise ContentError(problems)

    cited = {s for c in cases for _, s in c.cited_sources()}
    cited |= {s for entries, _ in shared for item in entries.items for s in item.source_ids()}
    warnings = tuple(
        f"source '{s.id}' is cited by nothing in the corpus"
        for s in sources.items
        if s.id not in cited and s.id not in TAXONOMY_SOURCES.values()
    )
    if not seeds.is_dir() and any(s.file for s in sources.items):
        warnings += (
            f"the seed documents were not found at {display_path(seeds)}, so the sources "
            "that name a seed file were not checked against them; set CASEBOOK_SEEDS to "
            "their folder to check them",
        )
    return Corpus(
        tuple(cases),
        {s.id: s for s in sources.items},
        tuple(perspectives.items),
        tuple(quotes.items),
        tuple(claims.items),
        taxonomy,
        warnings,
    )


# Sources the taxonomy rests on; the data package cites them from its lookup tables.
TAXONOMY_SOURCES = {
    "leverage_points": "meadows-1999",
    "characteristics": "abson-2017",
    "world_regions": "world-bank-country-groups",
}


@dataclass
class _Entries:
    """The valid entries of a YAML list file, where each came from, and every declared id."""

    items: list = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    doc: YamlDocument | None = None

    def line(self, n: int, *loc) -> int | None:
        return self.doc.line_of((self.indices[n], *loc)) if self.doc else None


def _load_list(path, model, context, problems, required=True) -> _Entries:
    """Load a YAML list of ``model`` entries, adding any problems to ``problems``."""
    file = display_path(path)
    entries = _Entries()
    if not path.exists():
        if required:
            problems.append(
                Problem(
                    file,
                    "",
                    "the file is missing",
                    f"create {path.name} (see casestudies/README.md)",
                )
            )
        return entries
    doc, found = read_yaml_file(path, file)
    problems += found
    if doc is None:
        return entries
    if not isinstance(doc.data, list):
        problems.append(
            Problem(file, "", "expected a list of entries", "start each entry with '- '", 1)
        )
        return entries
    entries.doc = doc
    for index, raw in enumerate(doc.data):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            # Declared even if invalid, so references to it do not cascade into more errors.
            entries.declared.add(raw["id"])
        try:
            entries.items.append(model.model_validate(raw, context=context))
            entries.indices.append(index)
        except ValidationError as err:
            label = raw.get("id", index) if isinstance(raw, dict) else index
            problems += problems_from(
                err, file, doc, model, prefix=(index,), label=label, context=context
            )
    for item_id, n in Counter(item.id for item in entries.items).items():
        if n > 1:
            problems.append(
                Problem(
                    file,
                    "id",
                    f"the id '{item_id}' is used {n} times",
                    "give each entry its own id",
                )
            )
    return entries


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
    from markdown_it import MarkdownIt

    lines = body.splitlines()
    # Only the block structure is needed to find the headings; skipping inline parsing halves
    # the time this takes over the corpus.
    tokens = MarkdownIt("commonmark").disable("inline").parse(body)
    heads = [
        (t.map[0], tokens[i + 1].content.strip())
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
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
