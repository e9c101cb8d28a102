"""The brief's Insights: the theme's answer to each of its questions, the findings from
computed comparisons, the charts (the leverage profile, the evidence gap map, the map), and
the theme's takeaways for system leaders, organisations and practitioners.

Every vocabulary (characteristics and their order, approaches, evidence grades and their
ranks) comes from the data package's tables, so a term added to the taxonomy shows up here
without a change to this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.analysis import crosscase as analysis
from casebook.brief.findings import findings
from casebook.brief.section import section
from casebook.content.selection import let_through
from casebook.render.figures import Chart, case_map, gap_map_figure, leverage_bars

if TYPE_CHECKING:
    from casebook.brief.sections import Brief


def insight_sections(brief: Brief) -> list:
    t = brief.tables
    selected = brief.selected
    chosen = t["interventions"][t["interventions"]["case_id"].isin(brief.selected_ids)]
    selections = (brief.theme.selection, brief.theme.filters)
    # the map numbers the cases in the Examples' order
    mapped = selected.set_index("id").loc[brief.ordered_ids()].reset_index()
    gap = analysis.gap_map(
        selected,
        chosen,
        t,
        row_values=let_through(selections, "characteristics", analysis.characteristics_order(t)),
        approaches=let_through(selections, "approaches", analysis.approaches_order(t)),
    )
    return [
        section(
            "findings",
            answers=brief.authored(brief.theme.answers, brief.theme.framing_questions),
            findings=findings(t, selected),
            cite=brief.citations,
        ),
        Chart(
            leverage_bars(
                analysis.leverage_counts(chosen, t["leverage_points"]),
                t["characteristics"],
                brief.focus(),
            ),
            "Interventions per leverage point, from shallow (12) to deep (1), "
            "coloured by system characteristic"
            + (
                f"; those at {' and '.join(brief.focus())}, this brief's subject, in colour, "
                "the others in grey for context."
                if brief.focus()
                else "."
            ),
            standalone=False,
            export=True,
        ),
        Chart(
            gap_map_figure(gap, t["evidence_grades"]),
            "Evidence gap map: system characteristic by approach. Bubble size is "
            "the number of cases, colour their typical evidence grade; open circles are gaps.",
            standalone=False,
            export=True,
        ),
        Chart(
            case_map(mapped, t["approaches"], t["countries"], numbered=True),
            "Where the cases are, by approach: each number is a case, named below; points "
            "close together are set slightly apart.",
            standalone=False,
            export=True,
        ),
        section("map_legend", cases=[brief.corpus.case(c) for c in mapped["id"]]),
        section("insights_note"),
        brief.takeaways(),
    ]
