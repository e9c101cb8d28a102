"""What the workshop shows beside its steps: the group's ratings, the alignment of the
team's initiatives, and examples from the corpus. Plain functions the app, the canvas and
the tests share; no widgets."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.content.citations import without_citations
from casebook.workshop.model import Workshop
from casebook.workshop.prompts import LEVELS, SERVES, STATEMENTS


@dataclass(frozen=True)
class StatementView:
    id: str
    text: str
    counts: dict[int, int]  # level -> participants
    mean: float | None
    spread: int  # highest level given minus lowest: how far the team is apart
    evidence: list[tuple[str, str]]  # (participant, evidence)


def group_ratings(workshop: Workshop) -> list[StatementView]:
    """Each statement with its ratings, in the statements' order."""
    views = []
    for statement, text in STATEMENTS.items():
        given = [
            (p.participant, r)
            for p in workshop.where_we_stand.participants
            for r in p.ratings
            if r.statement == statement
        ]
        levels = [r.level for _, r in given]
        views.append(
            StatementView(
                statement,
                text,
                {level: levels.count(level) for level in LEVELS},
                round(sum(levels) / len(levels), 2) if levels else None,
                max(levels) - min(levels) if levels else 0,
                [(who, r.evidence) for who, r in given if r.evidence],
            )
        )
    return views


def most_disagreed(workshop: Workshop) -> StatementView | None:
    """The statement the team is furthest apart on (the first such, None when no one is
    apart)."""
    widest = max(group_ratings(workshop), key=lambda v: v.spread)
    return widest if widest.spread > 0 else None


def purpose_check_share(workshop: Workshop) -> float | None:
    check = workshop.where_we_stand.purpose_check
    return round(check.could_say / check.asked, 2) if check and check.asked else None


def alignment_table(workshop: Workshop, taxonomy) -> list[dict]:
    """Initiatives per system characteristic (shallow to deep), split by whether they serve
    the purpose: how deep the portfolio reaches and what is off purpose."""
    characteristics = sorted(taxonomy.characteristics.values(), key=lambda c: c.order)
    rows = []
    for c in characteristics:
        chosen = [
            i
            for i in workshop.alignment
            if taxonomy.leverage_points[i.leverage_point].characteristic == c.id
        ]
        rows.append(
            {
                "characteristic": c.id,
                "name": c.name,
                "colour": c.colour,
                "points": f"{max(c.points)} to {min(c.points)}",
                "counts": {s: sum(1 for i in chosen if i.serves == s) for s in SERVES},
                "initiatives": [i.name for i in chosen],
            }
        )
    return rows


def off_purpose(workshop: Workshop) -> list[str]:
    return [i.name for i in workshop.alignment if i.serves == "no"]


@dataclass(frozen=True)
class Example:
    case_title: str
    statement: str
    values: tuple[str, ...]
    source_title: str
    quotes: tuple[tuple[str, str], ...]  # (text, speaker)


# the cases the conversation step puts first (the source documents' own examples)
LEAD_CASES = ("lindsay-unified", "chugach", "rsu2-mt-ararat")


def purpose_examples(corpus) -> list[Example]:
    """Every case's purpose statement, with the values it names and the quotations about
    that case, read from the corpus (never typed again here); the lead cases first."""
    cases = [c for c in corpus.cases if c.purpose]
    cases.sort(
        key=lambda c: (
            c.id not in LEAD_CASES,
            LEAD_CASES.index(c.id) if c.id in LEAD_CASES else 0,
            c.title,
        )
    )
    return [
        Example(
            c.title,
            without_citations(c.purpose.statement),
            tuple(c.purpose.values),
            corpus.sources[c.purpose.source].title,
            tuple((q.text, q.speaker) for q in corpus.quotes if c.id in q.cases),
        )
        for c in cases
    ]


def point_choices(taxonomy) -> list[tuple[str, int]]:
    """The twelve points for a dropdown, shallow to deep, with their short names."""
    return [(f"{n} · {taxonomy.leverage_points[n].short_name}", n) for n in range(12, 0, -1)]
