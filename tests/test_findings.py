"""The Insights' findings on hand-made tables whose answers can be counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from casebook.brief import findings as F

POINTS = {
    p: c
    for c, ps in (
        ("parameters", range(10, 13)),
        ("feedbacks", range(7, 10)),
        ("design", range(4, 7)),
        ("intent", range(1, 4)),
    )
    for p in ps
}


def tables(cases: list[tuple], interventions: list[tuple], outcomes: list[tuple]) -> dict:
    """cases: (id, approach, grade); interventions: (case, point); outcomes: (case, domain,
    direction)."""
    return {
        "cases": pd.DataFrame(cases, columns=["id", "approach", "evidence_grade"]),
        "interventions": pd.DataFrame(
            [
                {
                    "id": f"{c}-{n}",
                    "case_id": c,
                    "leverage_point": p,
                    "characteristic_id": POINTS[p],
                }
                for n, (c, p) in enumerate(interventions)
            ]
        ),
        "outcomes": pd.DataFrame(outcomes, columns=["case_id", "domain", "direction"]),
        "approaches": pd.DataFrame(
            {
                "id": ["top-down", "mixed", "bottom-up"],
                "name": ["Top-down", "Mixed", "Bottom-up"],
                "order": [1, 2, 3],
            }
        ),
        "evidence_grades": pd.DataFrame(
            {
                "id": ["strong", "moderate", "limited", "anecdotal"],
                "name": ["Strong", "Moderate", "Limited", "Anecdotal"],
                "rank": [4, 3, 2, 1],
                "thin": [False, False, True, True],
            }
        ),
        "characteristics": pd.DataFrame(
            {"id": ["parameters", "feedbacks", "design", "intent"], "order": [1, 2, 3, 4]}
        ),
        "leverage_points": pd.DataFrame(
            {
                "id": list(range(1, 13)),
                "name": [f"Point {p} (long name)" for p in range(1, 13)],
                "characteristic_id": [POINTS[p] for p in range(1, 13)],
            }
        ),
    }


@pytest.fixture
def three():
    # two top-down cases (one strong, one limited), one bottom-up case (anecdotal)
    return tables(
        [
            ("a", "top-down", "strong"),
            ("b", "top-down", "limited"),
            ("c", "bottom-up", "anecdotal"),
        ],
        [("a", 12), ("a", 3), ("b", 12), ("c", 2), ("c", 6)],
        [("a", "learning", "improved"), ("c", "wellbeing", "improved")],
    )


def test_evidence_by_approach_counts_the_firm_grades(three):
    finding = F.evidence_by_approach(three, three["cases"])
    assert finding.sentence == (
        "Top-down cases rest on the firmest evidence: 1 of 2 graded strong or moderate, "
        "against 0 of 1 bottom-up."
    )


def test_improved_learning_by_approach_counts_learning_only(three):
    finding = F.improved_learning_by_approach(three, three["cases"])
    assert finding.sentence.startswith("Top-down cases more often record improved learning: 1 of 2")
    assert finding.sentence.endswith("against 0 of 1 bottom-up.")


def test_depth_by_approach_by_hand(three):
    # a: (0 + 9/11) / 2 = 0.41; b: 0; top-down mean 0.20. c: (10/11 + 6/11) / 2 = 0.73
    finding = F.depth_by_approach(three, three["cases"])
    assert finding.sentence == (
        "Bottom-up cases work deepest in the system: their interventions average 0.73 on "
        "the depth scale, against 0.20 for top-down; but the one case behind the figure rests on "
        "thin evidence (graded limited or anecdotal), so take it as a lead, not a result."
    )


def test_thin_evidence_and_points_not_pulled(three):
    assert F.thin_evidence(three, three["cases"]).sentence.startswith(
        "2 of 3 cases rest on thin evidence, graded limited or anecdotal"
    )
    missing = F.points_not_pulled(three, three["cases"]).sentence
    assert missing.startswith("No case here pulled leverage points 11 (point 11), 10 (point 10)")
    assert "12 (" not in missing and " 3 (" not in missing and " 2 (" not in missing


def test_thin_evidence_is_said_loudest_when_every_case_is_thin(three):
    thin_only = three["cases"][three["cases"]["evidence_grade"] != "strong"]
    sentence = F.thin_evidence(three, thin_only).sentence
    assert sentence.startswith("Every one of the 2 cases here rests on thin evidence")
    assert "no finding in this brief is firm" in sentence
    one = F.thin_evidence(three, three["cases"][three["cases"]["id"] == "b"]).sentence
    assert one.startswith("The one case here rests on thin evidence")


def test_a_comparison_without_contrast_is_left_out(three):
    top_down = three["cases"][three["cases"]["approach"] == "top-down"]
    # one approach only: nothing to compare by approach
    assert F.evidence_by_approach(three, top_down) is None
    assert F.improved_learning_by_approach(three, top_down) is None
    assert F.depth_by_approach(three, top_down) is None
    # no selected case thin: nothing to warn of
    assert F.thin_evidence(three, three["cases"][three["cases"]["id"] == "a"]) is None
    # groups alike: same share graded firm in both approaches
    alike = tables(
        [("a", "top-down", "strong"), ("c", "bottom-up", "moderate")],
        [("a", 3), ("c", 3)],
        [],
    )
    assert F.evidence_by_approach(alike, alike["cases"]) is None
    assert F.depth_by_approach(alike, alike["cases"]) is None
    # every point pulled: nothing missing to report
    every = tables([("a", "top-down", "strong")], [("a", p) for p in range(1, 13)], [])
    assert F.points_not_pulled(every, every["cases"]) is None


def test_at_most_five_findings_in_a_fixed_order(three):
    found = F.findings(three, three["cases"])
    assert 3 <= len(found) <= F.MAX_FINDINGS
    assert found[0].sentence.startswith("Top-down cases rest on the firmest evidence")
    assert all(f.how for f in found)
