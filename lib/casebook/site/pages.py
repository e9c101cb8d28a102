"""The site's pages, each rendered from ``templates/site/`` through the one Jinja2
environment (autoescaping on), so the site follows the same escaping rule as every view.

Each function returns a page as text; :mod:`casebook.site.write` decides where it goes.
A page names its way back to the site's top folder (``root``), so the folder can be opened
from a disk, an e-mail or any static host, under any address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from casebook import __version__, paths
from casebook.content.selection import select_cases
from casebook.explorer.card import case_context
from casebook.render.markup import Citations, reference_html, render
from casebook.site.content import TIMELINE_CASES

if TYPE_CHECKING:
    import pandas as pd

    from casebook.content.corpus import Corpus
    from casebook.content.themes import Theme

STATIC = paths.TEMPLATES / "site"


@dataclass(frozen=True)
class Download:
    """A file offered on a page: where it is, what a reader calls it, and what it holds."""

    href: str
    label: str
    about: str
    size: str
    title: str = ""
    rows: int = 0
    file: str = ""


def size_text(path: Path) -> str:
    """A file's size as a reader reads it: '12 KB', '3.4 MB'."""
    size = path.stat().st_size
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def static_text(name: str) -> Markup:
    """One of the site's own files (site.js, site.css), to copy or to inline."""
    return Markup((STATIC / name).read_text(encoding="utf-8"))


def _page(template: str, title: str, root: str, here: str, **context) -> str:
    """A page of the site: ``root`` leads back to the top folder, ``here`` marks the
    navigation's current entry."""
    context.setdefault("inline", None)
    return render(
        f"site/{template}", version=__version__, title=title, root=root, here=here, **context
    )


def map_page(data: dict, themes: list[Theme], inline: dict | None = None) -> str:
    """The evidence map; ``inline`` (css, js, plotly, the world's outline, the charts' data
    and the search index) makes it one self-contained file."""
    return _page(
        "map.html.j2",
        "Evidence map",
        "",
        "map",
        total=len(data["cases"]),
        fields=data["fields"],
        data=data,
        themes=themes,
        timeline_cases=TIMELINE_CASES,
        inline=inline,
    )


def case_html(corpus: Corpus, case_id: str) -> str:
    """A case's page, citations numbered in order of first use (as the explorer's card)."""
    context = case_context(corpus, case_id)
    case, tax = context["case"], corpus.taxonomy
    return _page(
        "case.html.j2",
        case.title,
        "../",
        "case",
        grade=tax.evidence_grades[case.evidence.grade].name,
        # what the grade means, in the taxonomy's words: the reader's line; the case file's
        # own reasons (the auditor's) stay one click away
        grade_criteria=tax.evidence_grades[case.evidence.grade].criteria,
        approach_definition=tax.approaches[case.approach.type].definition,
        points=sorted({i.leverage_point for i in case.interventions}),
        **context,
    )


def theme_html(
    corpus: Corpus, tables: dict[str, pd.DataFrame], theme: Theme, briefs: list[Download]
) -> str:
    """A theme's page: its questions, introduction, cases (by the theme's own selection) and
    briefs; the link to the map carries the selection in the address."""
    citations = Citations()
    chosen = select_cases(tables, theme.selection)
    query = "&".join(_quoted(theme.selection.where()))
    return _page(
        "theme.html.j2",
        theme.title,
        "../",
        "themes",
        theme=theme,
        cases=[{"id": i, "title": t} for i, t in zip(chosen["id"], chosen["title"], strict=True)],
        query=query,
        briefs=briefs,
        cite=citations,
        references=lambda: [reference_html(corpus.sources[s]) for s in citations.order],
    )


def _quoted(where: list[str]) -> list[str]:
    """``FIELD=VALUE`` pairs as an address's query parts (a country name may hold a space)."""
    from urllib.parse import quote

    return [f"{quote(f)}={quote(v)}" for f, _, v in (w.partition("=") for w in where)]


def themes_html(themes: list[Theme], tables: dict[str, pd.DataFrame]) -> str:
    cases = tables["cases"].sort_values("title")
    return _page(
        "themes.html.j2",
        "Themes and briefs",
        "../",
        "themes",
        themes=themes,
        cases=[{"id": i, "title": t} for i, t in zip(cases["id"], cases["title"], strict=True)],
    )


def data_html(
    whole: list[Download], bibliography: list[Download], tables: list[Download], citation: str
) -> str:
    return _page(
        "data.html.j2",
        "Data",
        "",
        "data",
        whole=whole,
        bibliography=bibliography,
        tables=tables,
        citation=citation,
    )
