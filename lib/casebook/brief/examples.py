"""What the Examples show of a case: which cases come first, and what changed in each.

The order is a stated rule (lead case first when selected, then the cases the theme
features, then the best evidenced: grade rank, then the number of interventions at the
theme's characteristics, then the number of measured results, then title), so a reader can
tell why a case is shown in full. "What changed" comes from the case's headline outcomes, each as a sentence
(:mod:`.results`), with the words "disputed" or "uncertain" where the data says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.brief.results import sentence

if TYPE_CHECKING:
    import pandas as pd

    from casebook.content.corpus import Corpus
    from casebook.content.model import Outcome
    from casebook.render.markup import Citations


def _measured(outcome: Outcome) -> bool:
    return outcome.baseline is not None and outcome.result is not None


def order_cases(
    selected: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    lead: str,
    characteristics: list[str] | None = None,
    featured: list[str] | None = None,
) -> list[str]:
    """The selected case ids in the Examples' order: the lead case, then the ``featured``
    ones in their order, then the best evidenced. With ``characteristics`` (the theme's
    focus), a case with more interventions there comes first among cases of one grade."""
    featured = list(featured or [])
    rank = dict(
        zip(tables["evidence_grades"]["id"], tables["evidence_grades"]["rank"], strict=True)
    )
    interventions = tables["interventions"]
    focus = (
        interventions[interventions["characteristic_id"].isin(characteristics)]
        .groupby("case_id")
        .size()
        if characteristics
        else {}
    )
    outcomes = tables["outcomes"]
    measured = (
        outcomes[outcomes["baseline_value"].notna() & outcomes["result_value"].notna()]
        .groupby("case_id")
        .size()
        if "baseline_value" in outcomes
        else {}
    )
    return [
        case_id
        for *_, case_id in sorted(
            (
                case_id != lead,
                featured.index(case_id) if case_id in featured else len(featured),
                -rank.get(grade, 0),
                -int(focus.get(case_id, 0)),
                -int(measured.get(case_id, 0)),
                title,
                case_id,
            )
            for case_id, grade, title in zip(
                selected["id"], selected["evidence_grade"], selected["title"], strict=True
            )
        )
    ]


def balanced(
    ordered: list[str], approach_of: dict[str, str], approaches: list[str], n: int
) -> list[str]:
    """``n`` cases taking turns across the approaches (each in the Examples' order), so a
    comparing brief shows every approach it holds: the lead case first, then the best of
    each approach in the taxonomy's order, then the second best of each, and so on."""
    chosen = ordered[:1]
    queues = {a: [c for c in ordered[1:] if approach_of[c] == a] for a in approaches}
    while len(chosen) < n and any(queues.values()):
        for approach in approaches:
            if queues[approach] and len(chosen) < n:
                chosen.append(queues[approach].pop(0))
    return chosen


def what_changed(outcome: Outcome) -> dict:
    """One headline outcome, ready for the template."""
    return {
        "outcome": outcome,
        "sentence": sentence(outcome),
        "certainty": outcome.certainty if outcome.certainty != "reported" else None,
    }


def headline_changes(case, brief: bool = False) -> list[dict]:
    """What changed, from the headline outcomes: every measured one (baseline and result);
    an unmeasured one in its own words only when none is measured. ``brief`` (the annex):
    the first measured one, or nothing."""
    outcomes = {o.id: o for o in case.outcomes}
    headlines = [outcomes[h] for h in case.headline]
    measured = [what_changed(o) for o in headlines if _measured(o)]
    if brief:
        return measured[:1]
    return measured or [what_changed(o) for o in headlines[:1]]


def in_sentence(text: str) -> str:
    """Text that opens with 'The', 'A' or 'An', made to read mid-sentence ('led by the
    state government'); names and acronyms keep their capitals."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else text


def place(case) -> str:
    return ", ".join(x for x in (case.place.locality, case.place.region, case.place.country) if x)


DONE = 2  # interventions an example shows at the theme's focus


def done_there(case, tax, characteristics: list[str] | None) -> list:
    """What the case did at the theme's characteristics, deepest leverage point first (at
    most ``DONE``), so an example tells the part of the case its theme asks about; nothing
    without a focus, and the case's summary is told instead."""
    if not characteristics:
        return []
    there = [
        i for i in case.interventions if tax.characteristic_of(i.leverage_point) in characteristics
    ]
    return sorted(there, key=lambda i: i.leverage_point)[:DONE]


def example(
    corpus: Corpus,
    case_id: str,
    citations: Citations,
    brief: bool = False,
    characteristics: list[str] | None = None,
) -> dict:
    """A case as the Examples show it (``brief``: the annex table's one row). With
    ``characteristics``, what the case did there stands in for its general summary."""
    case = corpus.case(case_id)
    tax = corpus.taxonomy
    changed = headline_changes(case, brief)
    return {
        "case": case,
        "done": [] if brief else done_there(case, tax, characteristics),
        "place": place(case),
        "level": tax.levels[case.level].name,
        "approach": tax.approaches[case.approach.type].name,
        "grade": tax.evidence_grades[case.evidence.grade].name,
        "period": f"{case.period.start}–{case.period.end or 'ongoing'}",
        "led_by": in_sentence(case.approach.initiated_by),
        "changed": changed,
        "points": [(p, tax.leverage_points[p].short_name) for p in case.leverage_points],
        "rivals": rival_readings(case, tax),
    }


def rival_readings(case, tax) -> list[dict]:
    """The case's interventions that two coders read two ways, both kept: what was done,
    the tag, and the second reading with its reason."""

    def name(point: int) -> str:
        return tax.leverage_points[point].short_name.lower()

    return [
        {
            "what": i.what,
            "point": i.leverage_point,
            "name": name(i.leverage_point),
            "rival_point": i.review.rival_point,
            "rival_name": name(i.review.rival_point),
            "because": i.review.rival_rationale,
        }
        for i in case.interventions
        if i.review is not None and i.review.decision == "rival"
    ]


def side_by_side(corpus: Corpus, shown: list[str], approaches: list[str]) -> list[str] | None:
    """The first top-down and the first bottom-up case shown (the two ends of the approach
    scale, in the taxonomy's order), to set beside each other; None without both."""
    chosen = []
    for approach in (approaches[0], approaches[-1]):
        match = next((c for c in shown if corpus.case(c).approach.type == approach), None)
        if match is None:
            return None
        chosen.append(match)
    return chosen
