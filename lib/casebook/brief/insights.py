"""The brief's Insights: what the selected cases add up to, computed from the tables.

Every vocabulary (characteristics and their order, approaches, evidence grades and their
ranks) comes from the data package's tables, so a term added to the taxonomy shows up here
without a change to this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import analysis
from .sections import section

if TYPE_CHECKING:
    from .sections import Brief


def _names(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' with ``last="or"``)."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def _name_of(table) -> dict[str, str]:
    return dict(zip(table["id"], table["name"], strict=True))


def insight_sections(brief: Brief) -> list:
    from ..figures import Chart, case_map, gap_map_figure, leverage_bars

    if brief.selected.empty:
        return [section("insights_empty")]
    t = brief.tables
    selected = brief.selected
    chosen = t["interventions"][t["interventions"]["case_id"].isin(brief.selected_ids)]
    characteristic_names = _name_of(t["characteristics"])
    approach_names = _name_of(t["approaches"])
    grade_names = _name_of(t["evidence_grades"])
    deepest = analysis.characteristics_order(t)[-1]
    deepest_points = analysis.deepest_points(t)

    profile = analysis.leverage_profile(chosen, t["characteristics"])
    by_characteristic = chosen["characteristic_id"].value_counts()
    profile_facts = {
        "cases": len(selected),
        "interventions": len(chosen),
        "by_characteristic": [
            (characteristic_names[c], int(by_characteristic.get(c, 0)))
            for c in analysis.characteristics_order(t)
        ],
        "reaching_deepest": int(profile["deepest_point"].isin(deepest_points).sum()),
        "deepest_name": characteristic_names[deepest],
        "deepest_points": "points "
        + _names([str(p) for p in sorted(deepest_points, reverse=True)]),
        "mean_depth": float(profile["depth_score"].mean()),
    }

    grades = analysis.grade_counts(selected, t["evidence_grades"])
    thin = analysis.thin_grades(t)
    strong = [g for g in analysis.grades_order(t) if g not in thin]
    comparison = analysis.approach_comparison(t, selected)
    approach_rows = [
        {
            "name": approach_names[r["approach"]],
            "cases": r["cases"],
            "interventions": r["interventions"],
            "mean_depth": r["mean_depth_score"],
            "share_deepest": r[f"share_{deepest}"],
            "strong": sum(int(r[f"grade_{g}"]) for g in strong),
            "with_outcomes": r["cases_with_outcomes"],
        }
        for r in comparison.to_dict("records")
    ]

    gap = analysis.gap_map(selected, chosen, t)
    weakest = thin[-1] if thin else None
    thinnest = sorted(selected.loc[selected["evidence_grade"] == weakest, "title"])
    thin_facts = {
        "grades": [(r.name, r.cases) for r in grades.itertuples()],
        "thin": int(selected["evidence_grade"].isin(thin).sum()),
        "thin_names": _names([grade_names[g].lower() for g in thin], "or") or "none",
        "thinnest": _names(thinnest) if thinnest else "",
        "thinnest_grade": grade_names.get(weakest, ""),
        "gaps": [
            f"{characteristic_names[r.characteristic_id].lower()} × {approach_names[r.approach].lower()}"
            for r in gap[gap["cases"] == 0].itertuples()
        ],
    }
    return [
        section("insights_profile", p=profile_facts),
        Chart(
            leverage_bars(
                analysis.leverage_counts(chosen, t["leverage_points"]), t["characteristics"]
            ),
            "Interventions per leverage point, from shallow (12) to deep (1), "
            "coloured by system characteristic.",
            standalone=False,
        ),
        section(
            "insights_approaches",
            rows=approach_rows,
            deepest_name=characteristic_names[deepest],
            strong_names=_names([grade_names[g].lower() for g in strong], "or"),
        ),
        section("insights_thin", t=thin_facts),
        Chart(
            gap_map_figure(gap, t["evidence_grades"]),
            "Evidence gap map: system characteristic by approach. Bubble size is "
            "the number of cases, colour their typical evidence grade; open circles are gaps.",
            standalone=False,
        ),
        Chart(
            case_map(selected, t["approaches"]),
            "Where the cases are, by approach.",
            standalone=False,
        ),
        section("insights_note"),
    ]
