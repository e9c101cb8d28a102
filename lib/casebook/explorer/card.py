"""A case card: one case as a page section, with numbered references.

Story, purpose, interventions with their rationales (and, where two coders disagreed, how
that was settled or the rival reading beside the tag), outcomes with their sources,
quotations and related cases; the markup is ``templates/explorer.html.j2``'s ``case_card``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.render.markup import Citations, macro, reference_html

if TYPE_CHECKING:
    from markupsafe import Markup

    from casebook.content.corpus import Corpus


def case_context(corpus: Corpus, case_id: str) -> dict:
    """What a case's card or page shows besides the case itself: its place, vocabulary names,
    related cases, quotations, and citations numbered in order of first use with the
    reference list they lead to (call ``references`` after the body has cited)."""
    case = corpus.case(case_id)
    tax = corpus.taxonomy
    citations = Citations()
    place = ", ".join(x for x in (case.place.locality, case.place.region, case.place.country) if x)
    return dict(
        case=case,
        place=place,
        level=tax.levels[case.level].name,
        approach=tax.approaches[case.approach.type].name,
        related=[corpus.case(r) for r in corpus.related(case.id)],
        cite=citations,
        quotes=[q for q in corpus.quotes if case.id in q.cases],
        names={n: p.short_name for n, p in tax.leverage_points.items()},
        references=lambda: [reference_html(corpus.sources[s]) for s in citations.order],
    )


def case_card(corpus: Corpus, case_id: str) -> Markup:
    """The case ``case_id`` as HTML, citations numbered in order of first use."""
    context = case_context(corpus, case_id)
    context["related"] = [r.title for r in context["related"]]
    return macro("explorer.html.j2", "case_card", **context)
