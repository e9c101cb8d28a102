"""Themes: what a brief is about, written by network staff in ``themes/<id>.md``.

A theme file has YAML front matter (title, framing questions, the selection of cases, the
lead story case, the evidence claims and quotations to show, closing questions) and an
``## Introduction`` section in Markdown. ``themes/README.md`` is the guide to writing one.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from . import paths
from .citations import cited_ids
from .corpus import Corpus, split_sections
from .errors import ContentError, Problem, UsageError, display_path
from .fields import Slug, Strict, Text
from .selection import Selection, case_matches, parse_where, where_values
from .validation import problems_from
from .yamlfile import read_front_matter


class Theme(Strict):
    id: Slug
    title: Text
    subtitle: Text | None = None
    framing_questions: list[Text] = Field(min_length=1)
    lead_case: Slug
    selection: Selection = Selection()
    claims: list[Slug] = Field(default_factory=list)  # evidence claims to show; empty = all
    quotes: list[Slug] = Field(default_factory=list)  # quotations beyond the selected cases' own
    # Filters from the command line or the explorer (``--where``); they must hold as well as
    # ``selection``. Not read from theme files.
    filters: Selection = Selection()
    closing_questions: list[Text] = Field(min_length=1)
    # how many cases the Examples show in full (lead case first, then the best evidenced);
    # the rest of the selection goes into the annex table
    examples: int = Field(default=8, ge=1, le=50)
    # group the Examples by approach and set a top-down case beside a bottom-up one
    compare_approaches: bool = False
    introduction: str = ""
    insights: str = ""  # the theme's own answers to its questions (## Insights), cited


def available_themes(directory: Path | None = None) -> list[str]:
    directory = directory or paths.THEMES
    return sorted(
        p.stem
        for p in directory.glob("*.md")
        if not p.name.startswith("_") and p.name != "README.md"
    )


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
    path = directory / f"{theme_id}.md"
    if not path.exists():
        raise UsageError(
            f"no theme '{theme_id}' in {display_path(directory)}; "
            f"available: {', '.join(available_themes(directory)) or 'none'}"
        )
    file = display_path(path)
    parsed, fence = read_front_matter(path, file)
    if parsed is None:
        raise ContentError(fence)
    sections, section_problems = split_sections(
        parsed.body,
        parsed.body_line,
        file,
        allowed=("Introduction", "Insights"),
        required=("Introduction",),
    )
    try:
        theme = Theme.model_validate(
            {
                **parsed.meta.data,
                "introduction": sections.get("Introduction", ""),
                "insights": sections.get("Insights", ""),
            }
        )
    except ValidationError as err:
        raise ContentError(
            fence + section_problems + problems_from(err, file, parsed.meta, Theme)
        ) from None
    problems = fence + section_problems + _check_theme(theme, corpus, file, parsed.meta.line_of)
    if problems:
        raise ContentError(problems)
    return theme


def apply_where(theme: Theme, where: list[str], corpus: Corpus, replace: bool = False) -> Theme:
    """Narrow the theme's selection with ``FIELD=VALUE`` filters from the command line.

    Values are ids or names in any case (:func:`casebook.selection.parse_where`); every field
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


def _check_theme(theme: Theme, corpus: Corpus, file: str, line_of) -> list[Problem]:
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
    for name, text in (("Introduction", theme.introduction), ("Insights", theme.insights)):
        for source_id in cited_ids(text):
            if source_id not in corpus.sources:
                problems.append(
                    Problem(
                        file,
                        f"## {name}",
                        f"no source has id '{source_id}'",
                        "cite a source from casestudies/sources.yml",
                    )
                )
    return problems
