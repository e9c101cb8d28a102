"""The sections of one brief, in the provocation paper's order, as display objects.

``notebooks/brief.ipynb`` calls one :class:`Brief` method per cell, so the notebook reads like
the paper's outline and holds no logic. Each section is a :class:`Section` that shows itself
as HTML in JupyterLab, in Voila and in the exported page; its markup is a macro of
``templates/brief/sections.html.j2``. Nothing is invented at generation time: prose comes from
case and theme files, numbers from :mod:`casebook.analysis.crosscase` on the corpus' tables.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from casebook import __version__, paths
from casebook.brief.examples import balanced, example, order_cases, side_by_side
from casebook.brief.insights import insight_sections
from casebook.brief.section import Section, section
from casebook.content.answers import unlinked
from casebook.content.corpus import load_corpus
from casebook.content.selection import let_through, select_cases
from casebook.content.themes import AUDIENCES, apply_where, load_theme
from casebook.errors import UsageError
from casebook.package.intercoder import headline, who
from casebook.package.tables import corpus_tables
from casebook.render.markup import Citations, reference_html

if TYPE_CHECKING:
    from casebook.content.corpus import Corpus
    from casebook.content.model import Case
    from casebook.content.themes import Theme


_CORPORA: dict = {}


def cached_corpus(source: Path) -> Corpus:
    """Load the corpus, reusing the last one while no file under it has changed.

    ``casebook briefs --all`` runs the brief notebook once per theme in the same kernel; the
    corpus is read once instead of once per theme.
    """
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


def theme_cases(tables: dict, theme: Theme):
    """The cases a theme covers: its selection, narrowed by any ``--where`` filters."""
    selected = select_cases(tables, theme.selection)
    if not theme.filters.is_empty():
        narrowed = select_cases(tables, theme.filters)["id"]
        selected = selected[selected["id"].isin(narrowed)].reset_index(drop=True)
    return selected


class EmptySelection(UsageError):
    """No case matches a theme and its filters: there is nothing to write a brief about."""

    def __init__(self, theme: Theme):
        chosen = [*theme.selection.where(), *theme.filters.where()]
        super().__init__(
            f"no case matches the theme '{theme.id}' with {', '.join(chosen) or 'no filters'}; "
            "no brief was written. Drop a filter or choose other values."
        )


class Brief:
    """The sections of one brief on one theme, numbering citations as they appear."""

    def __init__(self, theme: Theme, corpus: Corpus):
        self.theme = theme
        self.corpus = corpus
        self.tables = corpus_tables(corpus)
        self.selected = theme_cases(self.tables, theme)
        if self.selected.empty:
            raise EmptySelection(theme)
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
            date=f"{date.today().day} {date.today():%B %Y}",  # no %-d: not portable
        )

    def _filter_notes(self) -> list[str]:
        notes = []
        for selection in (self.theme.selection, self.theme.filters):
            chosen = {k: v for k, v in selection.model_dump().items() if v}
            notes += [f"{k.replace('_', ' ')}: {', '.join(map(str, v))}" for k, v in chosen.items()]
        return notes

    def introduction(self) -> Section:
        return section(
            "introduction", theme=self.theme, cite=self.citations, filters=self._filter_notes()
        )

    def story_case(self) -> Case:
        """The lead case when the selection holds it; otherwise the best-evidenced selected
        case (the Examples' order), so a filtered brief tells one of its own cases' story."""
        if self.theme.lead_case in self.selected_ids:
            return self.corpus.case(self.theme.lead_case)
        return self.corpus.case(self.ordered_ids()[0])

    def story(self) -> Section:
        return section("story", case=self.story_case(), cite=self.citations)

    def perspectives(self) -> Section:
        """The who / when / what table and the quotations that bear on the selection.

        Perspectives linked to a case the brief tells (its Story and Examples) are shown, as
        are perspectives linked to no case (they speak to the whole theme); quotations are
        those the theme names and those linked to a case the brief tells, so each brief
        quotes the cases its own questions brought forward.
        """
        told = {self.story_case().id, *self.full_examples()}
        chosen = [
            p
            for p in self.corpus.perspectives
            if self.bears_on_selection(p.cases) and (not p.cases or told & set(p.cases))
        ]
        quotes = [
            q
            for q in self.corpus.quotes
            if self.bears_on_selection(q.cases)
            and (q.id in self.theme.quotes or told & set(q.cases))
        ]
        return section("perspectives", perspectives=chosen, quotes=quotes, cite=self.citations)

    def bears_on_selection(self, cases: list[str]) -> bool:
        """Whether a perspective, quotation or claim linked to ``cases`` belongs in this brief:
        it speaks to no case in particular, or only to selected cases. One linked to a case
        left out stays out, so a filtered brief never speaks of a case it excludes."""
        return set(cases) <= self.selected_ids

    def claims(self) -> list:
        wanted = self.theme.claims
        claims = [
            c
            for c in self.corpus.claims
            if (not wanted or c.id in wanted) and self.bears_on_selection(c.cases)
        ]
        if wanted:
            claims.sort(key=lambda c: wanted.index(c.id))
        return claims

    def evidence(self) -> Section:
        """The evidence base: each claim in casebook's words, with the sources behind it (how
        far the sources support it is said in the closing appendix)."""
        return section("evidence", claims=self.claims(), cite=self.citations)

    def focus(self) -> list[str]:
        """The system characteristics the theme (and any ``--where``) asks about, in the
        taxonomy's order; empty when the theme covers every characteristic."""
        if not (self.theme.selection.characteristics or self.theme.filters.characteristics):
            return []
        order = list(self.corpus.taxonomy.characteristics)
        return let_through((self.theme.selection, self.theme.filters), "characteristics", order)

    @cached_property
    def _order(self) -> tuple[str, ...]:
        return tuple(
            order_cases(
                self.selected,
                self.tables,
                self.theme.lead_case,
                self.focus(),
                self.theme.featured,
            )
        )

    def ordered_ids(self) -> list[str]:
        """The selected cases in the Examples' order: the lead case first when selected, then
        the featured cases, then the best evidenced (grade rank, then the number of
        interventions at the theme's characteristics, then of measured results), then by
        title."""
        return list(self._order)

    def full_examples(self) -> list[str]:
        """The cases told in full: the first ``examples`` in order, or, when the theme
        compares approaches, the best of each approach in turn."""
        ordered = self.ordered_ids()
        if not self.theme.compare_approaches:
            return ordered[: self.theme.examples]
        approach_of = dict(zip(self.selected["id"], self.selected["approach"], strict=True))
        order = list(self.tables["approaches"].sort_values("order")["id"])
        return balanced(ordered, approach_of, order, self.theme.examples)

    def examples(self) -> Section:
        ordered = self.ordered_ids()
        full = self.full_examples()
        rest = [c for c in ordered if c not in full]
        names = self.corpus.taxonomy.approaches
        groups = [("", full)]
        pair: list | None = None  # the two ends of the approach scale
        if self.theme.compare_approaches:
            order = list(self.tables["approaches"].sort_values("order")["id"])
            approach = {c: self.corpus.case(c).approach.type for c in full}
            groups = [
                (names[a].name, [c for c in full if approach[c] == a])
                for a in order
                if any(approach[c] == a for c in full)
            ]
            ends = side_by_side(self.corpus, full, order)
            pair = ends and [example(self.corpus, c, self.citations, brief=True) for c in ends]
        return section(
            "examples",
            groups=[
                (title, [example(self.corpus, c, self.citations, False, self.focus()) for c in ids])
                for title, ids in groups
            ],
            annex=[example(self.corpus, c, self.citations, brief=True) for c in rest],
            shown=len(full),
            total=len(ordered),
            pair=pair,
            cite=self.citations,
            featured=bool(set(self.theme.featured) & set(full)),
        )

    def insights(self) -> list:
        """Findings from computed comparisons, the theme's own answers, and the charts."""
        return insight_sections(self)

    def authored(self, parts: list, headings: list[str]) -> list[tuple[str, list[str]]]:
        """A theme's authored parts as this brief shows them, in the order of ``headings``:
        each heading with its blocks, case links turned into names. A block that names a
        case this brief does not cover is left out (a ``--where`` filter narrowed the
        theme's selection), so the brief speaks only of its own cases."""
        by_heading = {p.heading: p for p in parts}
        return [
            (
                heading,
                [
                    unlinked(b.text)
                    for b in by_heading[heading].blocks
                    if set(b.cases) <= self.selected_ids
                ],
            )
            for heading in headings
            if heading in by_heading
        ]

    def takeaways(self) -> Section:
        return section(
            "takeaways",
            takeaways=self.authored(self.theme.takeaways, list(AUDIENCES)),
            cite=self.citations,
        )

    def questions(self) -> Section:
        opened = dict(self.authored(self.theme.next_steps, self.theme.closing_questions))
        return section(
            "questions",
            questions=[(q, opened.get(q, [])) for q in self.theme.closing_questions],
            cite=self.citations,
        )

    def links(self) -> Section:
        references = [reference_html(self.corpus.sources[s]) for s in self.citations.order]
        return section("links", references=references)

    def about_evidence(self) -> Section:
        """The closing appendix: how strong each example's evidence is and why, the figures
        sources disagree on, and how far the sources support each claim of the evidence base."""
        full = self.full_examples()
        grades = self.corpus.taxonomy.evidence_grades
        cases = [
            {
                "case": (case := self.corpus.case(c)),
                "grade": grades[case.evidence.grade].name,
                # the figures a reader meets in the Examples, where sources disagree on them
                "disputed": [
                    o for o in case.outcomes if o.id in case.headline and o.certainty != "reported"
                ],
            }
            for c in full
        ]
        return section(
            "about_evidence",
            cases=cases,
            claims=self.claims(),
            coding=self.coding_agreement(),
            settled=self.settled(),
        )

    def settled(self) -> dict:
        """How the disagreements between the codings were settled (kept, changed, rival, as
        they now stand), who settled them, and how many settlements a further coder
        re-examined and revised; each coder as ``coders.yml`` describes them."""
        table = self.tables["resolutions"]
        decisions = table["decision"].value_counts()
        counts = {d: int(decisions.get(d, 0)) for d in ("kept", "changed", "rival")}
        again = table[table["reexamined_by"].fillna("") != ""]
        # a revised settlement is the re-examiner's own: it is then settled_by that coder
        revised = again[again["settled_by"] == again["reexamined_by"]]
        first_settlers = table.loc[table["settled_by"] != table["reexamined_by"], "settled_by"]
        coders = self.tables.get("coders")
        return {
            **counts,
            "total": sum(counts.values()),
            "settler": who(set(first_settlers), coders),
            "reexamined": len(again),
            "reexaminer": who(set(again["reexamined_by"]), coders),
            "revised": len(revised),
        }

    def coding_agreement(self) -> dict | None:
        """How far a blind second coding of the leverage points agrees with the first (the
        ``agreement`` table's figures over all interventions), or None when there is no
        single second coder."""
        return headline(self.tables["agreement"], self.tables.get("coders"))
