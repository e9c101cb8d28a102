"""Themes: what a brief is about, written by network staff in ``themes/<id>.md``.

A theme file has YAML front matter (title, framing questions, the selection of cases, the
lead story case, the evidence claims and quotations to show, closing questions) and an
``## Introduction`` section in Markdown. ``themes/README.md`` is the guide to writing one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import Field, ValidationError

from casebook import paths
from casebook.content.answers import Part, split_parts
from casebook.content.citations import citation_line, cited_ids
from casebook.content.corpus import Corpus, split_sections
from casebook.content.fields import Slug, Strict, Text
from casebook.content.headings import h2_headings
from casebook.content.selection import Selection, case_matches, parse_where, where_values
from casebook.content.validation import problems_from
from casebook.content.yamlfile import read_front_matter
from casebook.errors import ContentError, Problem, UsageError, display_path


class Theme(Strict):
    id: Slug
    title: Text
    subtitle: Text | None = None
    framing_questions: list[Text] = Field(min_length=1)
    lead_case: Slug
    selection: Selection = Selection()
    claims: list[Slug] = Field(default_factory=list)  # evidence claims to show; empty = all
    quotes: list[Slug] = Field(default_factory=list)  # quotations beyond the told cases' own
    # Filters from the command line or the explorer (``--where``); they must hold as well as
    # ``selection``. Not read from theme files.
    filters: Selection = Selection()
    closing_questions: list[Text] = Field(min_length=1)
    # how many cases the Examples show in full (lead case first, then the best evidenced);
    # the rest of the selection goes into the annex table
    examples: int = Field(default=8, ge=1, le=50)
    # cases the theme's questions bring forward: told in full after the lead case, in this
    # order, before the rule fills the rest (a featured case outside the selection is skipped)
    featured: list[Slug] = Field(default_factory=list)
    # group the Examples by approach and set a top-down case beside a bottom-up one
    compare_approaches: bool = False
    introduction: str = ""
    # the theme's own words beyond the Introduction, as ### parts (casebook.content.answers):
    # an answer per framing question (## Insights), takeaways per audience (## Takeaways),
    # and the closing questions opened up (## What's next)
    answers: list[Part] = Field(default_factory=list)
    takeaways: list[Part] = Field(default_factory=list)
    next_steps: list[Part] = Field(default_factory=list)


# ## Takeaways speaks to these readers, each under its own ### heading, in this order
AUDIENCES = ("For system leaders", "For organisations", "For practitioners")
# body section -> the Theme field holding its ### parts
PART_SECTIONS = {"Insights": "answers", "Takeaways": "takeaways", "What's next": "next_steps"}


def available_themes(directory: Path | None = None) -> list[str]:
    return paths.named_in(directory or paths.THEMES, ".md")


def vocabularies(corpus: Corpus) -> dict[str, list]:
    """The values each selection field accepts."""
    tax = corpus.taxonomy
    return {
        "leverage_points": list(tax.leverage_points),
        "characteristics": list(tax.characteristics),
        "approaches": list(tax.approaches),
        "levels": list(tax.levels),
        "regions": list(tax.world_regions),
        "countries": sorted({c.place.country for c in corpus.cases}),
        "grades": list(tax.evidence_grades),
        "cases": [c.id for c in corpus.cases],
    }


def load_theme(theme_id: str, corpus: Corpus, directory: Path | None = None) -> Theme:
    """Load ``themes/<theme_id>.md`` and check it against the corpus and taxonomy.

    Raises
    ------
    UsageError
        When no such theme exists (the message lists the themes that do).
    ContentError
        When the theme file does not validate.
    """
    directory = directory or paths.THEMES
    available = available_themes(directory)
    if theme_id not in available:  # a name, never a path: it stays inside the folder
        raise UsageError(
            f"no theme '{theme_id}' in {display_path(directory)}; available: "
            f"{', '.join(available) or 'none'} (a theme's file name there without .md)"
        )
    path = directory / f"{theme_id}.md"
    file = display_path(path)
    parsed, fence = read_front_matter(path, file)
    if parsed is None:
        raise ContentError(fence)
    sections, section_problems = split_sections(
        parsed.body,
        parsed.body_line,
        file,
        allowed=("Introduction", *PART_SECTIONS),
        required=("Introduction",),
    )
    starts = {name: parsed.body_line + line + 1 for line, name in h2_headings(parsed.body)}
    parts = {}
    for name, field in PART_SECTIONS.items():
        text = sections.get(name, "")
        # the section's text starts after its heading line, past any blank lines
        offset = starts.get(name, parsed.body_line) + _leading_blank_lines(parsed.body, name)
        found, stray = split_parts(text)
        parts[field] = [
            part.model_copy(
                update={
                    "line": part.line + offset,
                    "blocks": [b.model_copy(update={"line": b.line + offset}) for b in part.blocks],
                }
            )
            for part in found
        ]
        section_problems += [
            Problem(
                file,
                f"## {name}",
                "text before the first '### ' heading",
                f"put it under a '### ' heading ({_part_hint(name)})",
                offset + line,
            )
            for line in stray
        ]
    try:
        theme = Theme.model_validate(
            {**parsed.meta.data, "introduction": sections.get("Introduction", ""), **parts}
        )
    except ValidationError as err:
        raise ContentError(
            fence + section_problems + problems_from(err, file, parsed.meta, Theme)
        ) from None
    intro_line = partial(citation_line, parsed.body, parsed.body_line, "Introduction")
    problems = fence + section_problems
    problems += _check_theme(theme, corpus, file, parsed.meta.line_of, intro_line)
    if problems:
        raise ContentError(problems)
    return theme


def apply_where(theme: Theme, where: list[str], corpus: Corpus, replace: bool = False) -> Theme:
    """Narrow the theme's selection with ``FIELD=VALUE`` filters from the command line.

    Values are ids or names in any case (:func:`casebook.content.selection.parse_where`); every field
    given must hold as well as the theme's own selection. A case named with ``case=`` that
    the theme's selection leaves out is refused, never dropped in silence. With ``replace``
    the theme's selection is dropped and the filters alone choose the cases (the explorer's
    "brief from this selection").

    Raises
    ------
    UsageError
        Naming the unknown field or value and listing the valid ones, or the named cases the
        theme does not cover.
    """
    filters = parse_where(where, where_values(corpus.taxonomy, corpus.cases))
    if not replace:
        outside = [
            corpus.case(c)
            for c in filters.cases
            if not case_matches(corpus.case(c), theme.selection, corpus.taxonomy)
        ]
        if outside:
            names = ", ".join(f"{c.id} ({c.title})" for c in outside)
            raise UsageError(
                f"--where case=: the theme '{theme.id}' does not cover {names}; its selection is "
                f"{', '.join(theme.selection.where())}. No brief was written. Name only cases "
                "the theme covers, or choose a theme whose selection holds them."
            )
    update: dict = {"filters": filters}
    if replace:
        update["selection"] = Selection()
    return theme.model_copy(update=update)


def _check_theme(theme: Theme, corpus: Corpus, file: str, line_of, intro_line) -> list[Problem]:
    problems = []
    if theme.id != Path(file).stem:
        problems.append(
            Problem(
                file,
                "id",
                f"the id '{theme.id}' differs from the file name",
                f"set id: {Path(file).stem}",
                line_of(("id",)),
            )
        )
    case_ids = [c.id for c in corpus.cases]
    if theme.lead_case not in case_ids:
        problems.append(
            Problem(
                file,
                "lead_case",
                f"no case has id '{theme.lead_case}'",
                f"use one of: {', '.join(case_ids)}",
                line_of(("lead_case",)),
            )
        )
    for k, featured in enumerate(theme.featured):
        if featured not in case_ids:
            problems.append(
                Problem(
                    file,
                    f"featured[{k}]",
                    f"no case has id '{featured}'",
                    f"use one of: {', '.join(case_ids)}",
                    line_of(("featured", k)),
                )
            )
    for name, allowed in vocabularies(corpus).items():
        for k, value in enumerate(getattr(theme.selection, name)):
            if value not in allowed:
                problems.append(
                    Problem(
                        file,
                        f"selection.{name}[{k}]",
                        f"'{value}' is not a known value",
                        f"use one of: {', '.join(map(str, allowed))}",
                        line_of(("selection", name, k)),
                    )
                )
    for field, known in (
        ("claims", {c.id for c in corpus.claims}),
        ("quotes", {q.id for q in corpus.quotes}),
    ):
        for k, item in enumerate(getattr(theme, field)):
            if item not in known:
                problems.append(
                    Problem(
                        file,
                        f"{field}[{k}]",
                        f"no {field[:-1]} has id '{item}'",
                        f"use an id from casestudies/{field}.yml",
                        line_of((field, k)),
                    )
                )
    for source_id in cited_ids(theme.introduction):
        if source_id not in corpus.sources:
            problems.append(
                _unknown_source(file, "## Introduction", source_id, intro_line(source_id))
            )
    return problems + _check_parts(theme, corpus, file)


def _unknown_source(file: str, field: str, source_id: str, line: int | None) -> Problem:
    return Problem(
        file,
        field,
        f"no source has id '{source_id}'",
        "cite a source from casestudies/sources.yml",
        line,
    )


def _part_hint(section: str) -> str:
    return {
        "Insights": "one per framing question, its text as written under framing_questions",
        "Takeaways": ", ".join(AUDIENCES),
        "What's next": "one per closing question, its text as written under closing_questions",
    }[section]


def _check_parts(theme: Theme, corpus: Corpus, file: str) -> list[Problem]:
    """The authored parts: headings that are the theme's questions (every framing question
    answered once there are answers) or the three audiences, sources that exist, and case
    links that name cases the theme's selection holds."""
    problems = []
    expected = {
        "Insights": theme.framing_questions,
        "Takeaways": list(AUDIENCES),
        "What's next": theme.closing_questions,
    }
    for section, field in PART_SECTIONS.items():
        parts = getattr(theme, field)
        headings = [p.heading for p in parts]
        for part in parts:
            if part.heading not in expected[section] or headings.count(part.heading) > 1:
                problems.append(
                    Problem(
                        file,
                        f"## {section}",
                        f"the heading '### {part.heading}' "
                        + (
                            "appears twice"
                            if part.heading in expected[section]
                            else "is not expected"
                        ),
                        f"use each of these once: {_part_hint(section)}",
                        part.line,
                    )
                )
            if not part.blocks:
                problems.append(
                    Problem(
                        file,
                        f"## {section}",
                        f"'### {part.heading}' has no text",
                        "write a short paragraph under it, or remove the heading",
                        part.line,
                    )
                )
        if parts and section != "What's next":
            for missing in [q for q in expected[section] if q not in headings]:
                problems.append(
                    Problem(
                        file,
                        f"## {section}",
                        f"nothing answers '{missing}'",
                        f"add '### {missing}' with a short paragraph",
                        parts[-1].line,
                    )
                )
        for part in parts:
            for block in part.blocks:
                problems += _check_block(theme, corpus, file, f"## {section}", block)
    return problems


def _check_block(theme: Theme, corpus: Corpus, file: str, field: str, block) -> list[Problem]:
    problems = [
        _unknown_source(file, field, s, block.line)
        for s in cited_ids(block.text)
        if s not in corpus.sources
    ]
    known = {c.id for c in corpus.cases}
    for case_id in block.cases:
        if case_id not in known:
            problems.append(
                Problem(
                    file,
                    field,
                    f"the link '(#{case_id})' names no case",
                    f"link a case by its id: {', '.join(sorted(known))}",
                    block.line,
                )
            )
        elif not case_matches(corpus.case(case_id), theme.selection, corpus.taxonomy):
            problems.append(
                Problem(
                    file,
                    field,
                    f"the case '{case_id}' is not in the theme's selection",
                    "speak only of the cases the selection holds, or widen the selection",
                    block.line,
                )
            )
    return problems


def _leading_blank_lines(body: str, section: str) -> int:
    """Blank lines between a ``## `` heading and its section's first text (split_sections
    strips them, so part lines count from the first text)."""
    lines = body.replace("\r\n", "\n").split("\n")
    for k, line in enumerate(lines):
        if line.strip() == f"## {section}":
            rest = lines[k + 1 :]
            return next((n for n, text in enumerate(rest) if text.strip()), 0)
    return 0
