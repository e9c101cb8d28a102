"""The sections of one brief, in the provocation paper's order, as display objects.

``notebooks/brief.ipynb`` calls one :class:`Brief` method per cell, so the notebook reads like
the paper's outline and holds no logic. Each section is a :class:`Section` that shows itself
as HTML in JupyterLab, in Voila and in the exported page; its markup is a macro of
``templates/brief/sections.html.j2``. Nothing is invented at generation time: prose comes from
case and theme files, numbers from :mod:`casebook.analysis` on the corpus' tables.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, paths
from ..render import Citations, macro, reference_html
from ..selection import select_cases

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..themes import Theme


@dataclass
class Section:
    """A piece of the brief that shows itself as HTML in a notebook and in the export."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def section(name: str, **arguments) -> Section:
    return Section(str(macro("brief/sections.html.j2", name, **arguments)))


_CORPORA: dict = {}


def cached_corpus(source: Path) -> Corpus:
    """Load the corpus, reusing the last one while no file under it has changed.

    ``casebook briefs --all`` runs the brief notebook once per theme in the same kernel; the
    corpus is read once instead of once per theme.
    """
    from ..corpus import load_corpus

    files = sorted(
        p for folder in (source, paths.TAXONOMY) for p in folder.iterdir() if p.is_file()
    )
    key = (
        str(source.resolve()),
        tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files),
    )
    if key not in _CORPORA:
        _CORPORA.clear()
        _CORPORA[key] = load_corpus(source)
    return _CORPORA[key]


def preload(source: str) -> None:
    """Load the corpus into the cache while a kernel boots (``casebook brief`` asks for it),
    quietly: a problem is left for the notebook to meet and report in its own words."""
    with suppress(Exception):
        cached_corpus(Path(source))


class Brief:
    """The sections of one brief on one theme, numbering citations as they appear."""

    def __init__(self, theme: Theme, corpus: Corpus):
        from ..tables import corpus_tables

        self.theme = theme
        self.corpus = corpus
        self.tables = corpus_tables(corpus)
        self.selected = select_cases(self.tables, theme.selection)
        if not theme.filters.is_empty():
            narrowed = select_cases(self.tables, theme.filters)["id"]
            self.selected = self.selected[self.selected["id"].isin(narrowed)].reset_index(drop=True)
        self.selected_ids = set(self.selected["id"])
        self.citations = Citations()

    @classmethod
    def load(
        cls,
        theme: str,
        source: str | Path | None = None,
        where: list[str] | None = None,
        replace_selection: bool = False,
    ) -> Brief:
        """Load and validate the corpus and the theme, then apply ``--where`` filters."""
        from ..themes import apply_where, load_theme

        corpus = cached_corpus(Path(source) if source else paths.CASESTUDIES)
        chosen = apply_where(
            load_theme(theme, corpus), list(where or []), corpus, replace_selection
        )
        return cls(chosen, corpus)

    # --- the paper's sections, in order ------------------------------------------------------

    def header(self) -> Section:
        return section(
            "header",
            theme=self.theme,
            shown=len(self.selected),
            total=len(self.corpus.cases),
            filters=self._filter_notes(),
            version=__version__,
        )

    def _filter_notes(self) -> list[str]:
        notes = []
        for selection in (self.theme.selection, self.theme.filters):
            chosen = {k: v for k, v in selection.model_dump().items() if v}
            notes += [f"{k.replace('_', ' ')}: {', '.join(map(str, v))}" for k, v in chosen.items()]
        return notes

    def introduction(self) -> Section:
        return section("introduction", theme=self.theme, cite=self.citations)

    def story(self) -> Section:
        return section("story", case=self.corpus.case(self.theme.lead_case), cite=self.citations)

    def perspectives(self) -> Section:
        """The who / when / what table and the quotations that bear on the selection.

        Perspectives and quotations linked to a selected case are shown, as are perspectives
        linked to no case (they speak to the whole theme) and the quotations the theme names.
        """
        chosen = [
            p for p in self.corpus.perspectives if not p.cases or self.selected_ids & set(p.cases)
        ]
        quotes = [
            q
            for q in self.corpus.quotes
            if q.id in self.theme.quotes or self.selected_ids & set(q.cases)
        ]
        return section("perspectives", perspectives=chosen, quotes=quotes, cite=self.citations)

    def evidence(self) -> Section:
        """The evidence base: each claim in casebook's words, with the sources behind it."""
        wanted = self.theme.claims
        claims = [c for c in self.corpus.claims if not wanted or c.id in wanted]
        if wanted:
            claims.sort(key=lambda c: wanted.index(c.id))
        return section("evidence", claims=claims, cite=self.citations)

    def examples(self) -> Section:
        tax = self.corpus.taxonomy
        examples = []
        for case_id in self.selected["id"]:
            case = self.corpus.case(case_id)
            examples.append(
                {
                    "case": case,
                    "place": ", ".join(
                        x for x in (case.place.locality, case.place.region, case.place.country) if x
                    ),
                    "level": tax.levels[case.level].name,
                    "approach": tax.approaches[case.approach.type].name,
                    "grade": tax.evidence_grades[case.evidence.grade].name,
                    "points": [
                        (p, tax.leverage_points[p].name.split(" (")[0])
                        for p in case.leverage_points
                    ],
                }
            )
        return section("examples", examples=examples, cite=self.citations)

    def insights(self) -> list:
        """Counts, the leverage profile, the approach comparison and where evidence is thin."""
        from .insights import insight_sections

        return insight_sections(self)

    def questions(self) -> Section:
        return section("questions", theme=self.theme)

    def links(self) -> Section:
        references = [reference_html(self.corpus.sources[s]) for s in self.citations.order]
        return section("links", references=references)
