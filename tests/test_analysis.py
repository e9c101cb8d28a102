"""Analysis and QCA on a hand-made corpus whose answers can be counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from casebook.analysis import crosscase as a
from casebook.analysis import qca

CHAR = {
    12: "parameters",
    11: "parameters",
    10: "parameters",
    9: "feedbacks",
    8: "feedbacks",
    7: "feedbacks",
    6: "design",
    5: "design",
    4: "design",
    3: "intent",
    2: "intent",
    1: "intent",
}


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    cases = pd.DataFrame(
        [
            {
                "id": "c1",
                "title": "One",
                "approach": "top-down",
                "evidence_grade": "moderate",
                "level": "national",
                "world_region": "south-asia",
                "actors": "government;teachers",
                "period_start": 2000,
                "period_end": 2003,
                "lat": 10.0,
                "lon": 20.0,
            },
            {
                "id": "c2",
                "title": "Two",
                "approach": "bottom-up",
                "evidence_grade": "limited",
                "level": "school",
                "world_region": "sub-saharan-africa",
                "actors": "community",
                "period_start": 2008,
                "period_end": None,
                "lat": -5.0,
                "lon": 30.0,
            },
            {
                "id": "c3",
                "title": "Three",
                "approach": "mixed",
                "evidence_grade": "strong",
                "level": "national",
                "world_region": "south-asia",
                "actors": "government;ngo",
                "period_start": 2015,
                "period_end": 2024,
                "lat": 0.0,
                "lon": 0.0,
            },
        ]
    )
    rows = [
        ("c1-a", "c1", 12, 2000),
        ("c1-b", "c1", 3, 2003),
        ("c2-a", "c2", 6, 2010),
        ("c2-b", "c2", 2, 2008),
        ("c2-c", "c2", 2, 2012),
        ("c3-a", "c3", 5, None),
    ]
    interventions = pd.DataFrame(
        [
            {
                "id": i,
                "case_id": c,
                "leverage_point": p,
                "characteristic_id": CHAR[p],
                "start": s,
                "end": None,
                "what": f"did {i}",
            }
            for i, c, p, s in rows
        ]
    )
    interventions["start"] = interventions["start"].astype("Int64")
    outcomes = pd.DataFrame(
        [
            {"id": "o1", "case_id": "c1", "domain": "learning", "direction": "improved"},
            {"id": "o2", "case_id": "c2", "domain": "learning", "direction": "improved"},
            {"id": "o3", "case_id": "c3", "domain": "wellbeing", "direction": "improved"},
        ]
    )
    return {
        "cases": cases,
        "interventions": interventions,
        "outcomes": outcomes,
        "characteristics": pd.DataFrame(
            {"id": ["parameters", "feedbacks", "design", "intent"], "order": [1, 2, 3, 4]}
        ),
        "approaches": pd.DataFrame({"id": ["top-down", "bottom-up", "mixed"], "order": [1, 3, 2]}),
        "leverage_points": pd.DataFrame(
            {"id": list(CHAR), "characteristic_id": list(CHAR.values())}
        ),
        "evidence_grades": pd.DataFrame(
            {
                "id": ["strong", "moderate", "limited", "anecdotal"],
                "rank": [4, 3, 2, 1],
                "thin": [False, False, True, True],
            }
        ),
    }


def test_leverage_matrix_counts_by_hand(tables):
    matrix = a.leverage_matrix(tables["interventions"], ["c1", "c2", "c3", "c4"])
    assert list(matrix.columns) == list(range(12, 0, -1))
    assert matrix.loc["c1"].to_dict() == {**dict.fromkeys(range(1, 13), 0), 12: 1, 3: 1}
    assert matrix.loc["c2", 2] == 2 and matrix.loc["c2", 6] == 1
    assert matrix.loc["c4"].sum() == 0  # a case without interventions is a row of zeros
    assert matrix.to_numpy().sum() == 6


def test_leverage_profile_and_depth_score(tables):
    profile = a.leverage_profile(tables["interventions"], tables["characteristics"])
    assert profile.loc["c1", "deepest_point"] == 3
    assert profile.loc["c1", "depth_score"] == pytest.approx((0 + 9 / 11) / 2, abs=1e-4)
    assert profile.loc["c2", "depth_score"] == pytest.approx((6 / 11 + 2 * 10 / 11) / 3, abs=1e-4)
    assert profile.loc["c3", "depth_score"] == pytest.approx(7 / 11, abs=1e-4)
    assert profile.loc["c2", "share_intent"] == pytest.approx(2 / 3)
    assert profile.loc["c2", "share_design"] == pytest.approx(1 / 3)
    shares = profile[[c for c in profile.columns if c.startswith("share_")]].sum(axis=1)
    assert shares.tolist() == pytest.approx([1, 1, 1])


def test_gap_map_shows_every_cell_and_the_gaps(tables):
    gap = a.gap_map(tables["cases"], tables["interventions"], tables)
    assert len(gap) == 4 * 3
    cell = gap.set_index(["characteristic_id", "approach"])
    assert (
        cell.loc[("intent", "top-down"), "cases"] == 1
        and cell.loc[("intent", "top-down"), "grade"] == "moderate"
    )
    assert cell.loc[("intent", "bottom-up"), "case_ids"] == "c2"
    assert cell.loc[("design", "mixed"), "grade"] == "strong"
    assert cell.xs("feedbacks")["cases"].tolist() == [0, 0, 0]  # a gap across all approaches
    assert cell["cases"].sum() == 5  # c1 x2, c2 x2 (design, intent), c3 x1


def test_gap_map_follows_a_filter(tables):
    national = tables["cases"][tables["cases"]["level"] == "national"]
    gap = a.gap_map(national, tables["interventions"], tables, rows="leverage_point")
    assert len(gap) == 12 * 3
    assert set(gap.loc[gap["cases"] > 0, "case_ids"]) == {"c1", "c3"}


def test_gap_map_grade_is_the_lower_median(tables):
    cases = tables["cases"].assign(approach="mixed")
    gap = a.gap_map(cases, tables["interventions"], tables)
    # intent x mixed holds c1 (moderate) and c2 (limited): the lower median is limited
    assert (
        gap.set_index(["characteristic_id", "approach"]).loc[("intent", "mixed"), "grade"]
        == "limited"
    )


def test_approach_comparison(tables):
    table = a.approach_comparison(tables).set_index("approach")
    assert table.loc["top-down", "cases"] == 1 and table.loc["top-down", "interventions"] == 2
    assert table.loc["bottom-up", "share_intent"] == pytest.approx(2 / 3, abs=1e-4)
    assert table.loc["mixed", "cases_reaching_deepest"] == 0
    assert table.loc["bottom-up", "grade_limited"] == 1
    assert table["outcomes"].sum() == 3


def test_sequence_and_timeline(tables):
    seq = a.sequence_summary(tables["interventions"]).set_index("case_id")
    assert seq.loc["c1", "order"] == "shallow first" and seq.loc["c1", "first_deep"] == 2003
    assert seq.loc["c2", "order"] == "only deep"
    assert "c3" not in seq.index  # no dated interventions
    timeline = a.intervention_timeline(tables["interventions"], tables["cases"])
    assert list(timeline["id"]) == ["c1-a", "c1-b", "c2-b", "c2-a", "c2-c"]


def test_similar_cases_by_hand(tables):
    matrix = a.leverage_matrix(tables["interventions"])
    near = a.similar_cases(matrix, tables["cases"], "c1", k=2)
    assert list(near["case_id"]) == ["c2", "c3"]
    assert near.loc[0, "profile_distance"] == pytest.approx(
        (0.25 + 0.25 + 1 / 9 + 4 / 9) ** 0.5, abs=1e-4
    )
    assert near.loc[0, "distance"] == pytest.approx(
        near.loc[0, "profile_distance"] + 0.25, abs=1e-4
    )


def test_qca_calibration_and_truth_table_on_paper(tables):
    calibrated = qca.calibrate(tables, qca.load_calibration())
    assert calibrated.to_dict("index") == {
        # INTENT (a quarter of interventions at points 3-1: c1 1/2, c2 2/3, c3 0/1),
        # COCREATION, GOVERNMENT, LONG (>= 13 years to the corpus's latest year),
        # MEASURED (moderate or strong grade: c1, c3), IMPROVED (reported, whatever the
        # grade: c2's limited evidence no longer hides its reported gain)
        "c1": {
            "INTENT": 1,
            "COCREATION": 0,
            "GOVERNMENT": 1,
            "LONG": 0,
            "MEASURED": 1,
            "IMPROVED": 1,
        },
        "c2": {
            "INTENT": 1,
            "COCREATION": 1,
            "GOVERNMENT": 0,
            "LONG": 1,
            "MEASURED": 0,
            "IMPROVED": 1,
        },
        "c3": {
            "INTENT": 0,
            "COCREATION": 1,
            "GOVERNMENT": 1,
            "LONG": 0,
            "MEASURED": 1,
            "IMPROVED": 0,
        },
    }
    table = qca.truth_table(calibrated, "IMPROVED")
    assert table["n"].sum() == 3 and len(table) == 3
    top = table.iloc[0]
    assert top["consistency"] == 1.0 and top["coverage"] == 0.5
    suff = qca.sufficiency(calibrated, "IMPROVED").set_index("condition")
    assert suff.loc["INTENT", "consistency"] == 1.0 and suff.loc["INTENT", "coverage"] == 1.0
    assert suff.loc["~LONG", "consistency"] == 0.5 and suff.loc["LONG", "coverage"] == 0.5


def test_intervention_share_counts_each_cases_interventions(tables, tmp_path):
    path = tmp_path / "qca.yml"
    path.write_text(
        "as_of: 2025\nconditions:\n  - id: DEEP\n    label: deep\n"
        "    rule: {kind: intervention_share, field: leverage_point, in: [2, 3], at_least: 0.6}\n"
        "    reason: most of its work is deep\n"
        "outcome:\n  id: Y\n  label: y\n  rule: {kind: duration, at_least: 10}\n  reason: r\n"
    )
    calibrated = qca.calibrate(tables, qca.load_calibration(path))
    # c1: one of two at points 3-2 (0.5); c2: two of three (0.67); c3: none
    assert calibrated["DEEP"].tolist() == [0, 1, 0]


def test_a_constant_condition_or_outcome_is_named_in_a_warning(tables):
    with pytest.warns(qca.QCAWarning) as caught:
        calibrated = qca.calibrate(tables, qca.load_calibration(), cases=["c1", "c3"])
    assert list(calibrated.index) == ["c1", "c3"]
    messages = sorted(str(w.message) for w in caught)
    assert messages == [
        "condition GOVERNMENT is 1 for all 2 cases analysed, so the truth table can say "
        "nothing about it; recalibrate it in the QCA calibration or analyse other cases",
        "condition LONG is 0 for all 2 cases analysed, so the truth table can say nothing "
        "about it; recalibrate it in the QCA calibration or analyse other cases",
        "condition MEASURED is 1 for all 2 cases analysed, so the truth table can say "
        "nothing about it; recalibrate it in the QCA calibration or analyse other cases",
    ]
    assert qca.constant_columns(calibrated) == {"GOVERNMENT": 1, "LONG": 0, "MEASURED": 1}
    with pytest.raises(ValueError, match=r"^no case has id 'c9'$"):
        qca.calibrate(tables, qca.load_calibration(), cases=["c1", "c9"])


def test_no_consistency_is_reported_for_a_configuration_without_cases(tables):
    calibrated = qca.calibrate(tables, qca.load_calibration())
    table = qca.truth_table(calibrated, "IMPROVED", remainders=True)
    assert len(table) == 32 and table["n"].tolist()[:3] == [1, 1, 1]
    remainders = table[table["n"] == 0]
    assert len(remainders) == 29 and set(remainders["cases"]) == {""}
    assert remainders["consistency"].isna().all() and remainders["coverage"].isna().all()
    assert len(qca.truth_table(calibrated, "IMPROVED")) == 3
    present = {"INTENT": 1, "COCREATION": 0, "GOVERNMENT": 1, "LONG": 0}
    assert qca.consistency(calibrated, "IMPROVED", present) == 1.0
    with pytest.raises(ValueError, match=r"^no case analysed has INTENT=0, LONG=1: "):
        qca.consistency(calibrated, "IMPROVED", {"INTENT": 0, "LONG": 1})
    with pytest.raises(ValueError, match=r"^not a condition: IMPROVED, SIZE$"):
        qca.consistency(calibrated, "IMPROVED", {"SIZE": 1, "IMPROVED": 1})


def test_without_outcome_cases_coverage_is_empty_not_zero(tables):
    calibrated = qca.calibrate(tables, qca.load_calibration()).assign(IMPROVED=0)
    assert qca.truth_table(calibrated, "IMPROVED")["coverage"].isna().all()


def test_the_shipped_calibration_gives_every_condition_contrast():
    from casebook.content.corpus import load_corpus
    from casebook.package.tables import corpus_tables

    calibration = qca.load_calibration()
    calibrated = qca.calibrate(corpus_tables(load_corpus()), calibration)
    assert qca.constant_columns(calibrated) == {}
    # every case analysed falls in or out of each set, and each set has cases on both sides,
    # counted from the data so that a new case changes the figures, not the test
    table = qca.calibration_table(calibration, calibrated).set_index("id")
    for condition, row in table.iterrows():
        assert row["in"] == int(calibrated[condition].sum()) and row["in"] > 0
        assert row["in"] + row["out"] == len(calibrated) and row["out"] > 0


def test_qca_rules_are_data(tables, tmp_path):
    path = tmp_path / "qca.yml"
    path.write_text(
        "as_of: 2010\nconditions:\n  - id: LONG\n    label: long\n    rule: {kind: duration, at_least: 3}\n"
        "    reason: three years\n"
        "outcome:\n  id: ANY\n  label: any learning outcome\n"
        "  rule: {kind: outcome, field: direction, in: [improved], domains: [learning], min_grade: limited}\n"
        "  reason: any\n"
    )
    calibrated = qca.calibrate(tables, qca.load_calibration(path))
    assert calibrated["LONG"].tolist() == [1, 0, 1] and calibrated["ANY"].tolist() == [1, 1, 0]


def test_a_bad_calibration_names_the_field(tmp_path):
    from casebook.errors import ContentError

    path = tmp_path / "qca.yml"
    path.write_text(
        "as_of: 2010\nconditions:\n  - id: LONG\n    label: x\n    rule: {kind: length, at_least: 3}\n"
        "outcome:\n  id: Y\n  label: y\n  rule: {kind: duration, at_least: 1}\n"
    )
    with pytest.raises(ContentError, match=r"qca.yml:5: conditions\[0\].rule"):
        qca.load_calibration(path)


def test_a_threshold_without_its_reason_is_refused(tmp_path):
    from casebook.errors import ContentError

    path = tmp_path / "qca.yml"
    path.write_text(
        "as_of: 2010\nconditions:\n  - id: LONG\n    label: x\n    rule: {kind: duration, at_least: 3}\n"
        "outcome:\n  id: Y\n  label: y\n  rule: {kind: duration, at_least: 1}\n  reason: y\n"
    )
    with pytest.raises(ContentError) as err:
        qca.load_calibration(path)
    assert (
        "qca.yml:3: conditions[0].reason: Field required\n    fix: add the field 'reason'"
        in str(err.value)
    )


def test_a_calibration_naming_an_unknown_field_or_grade_is_reported(tables, tmp_path):
    from casebook.errors import ContentError

    path = tmp_path / "qca.yml"
    path.write_text(
        "as_of: 2010\nconditions:\n  - id: X\n    label: x\n    rule: {kind: case, field: aproach, in: [mixed]}\n"
        "    reason: x\noutcome:\n  id: Y\n  label: y\n  reason: y\n"
        "  rule: {kind: outcome, field: direction, in: [improved], domains: [learning], min_grade: good}\n"
    )
    with pytest.raises(ContentError) as err:
        qca.calibrate(tables, qca.load_calibration(path), "qca.yml")
    report = str(err.value)
    assert "qca.yml: conditions[0].rule.field: 'aproach' is not a column of cases" in report
    assert "qca.yml: outcome.rule.min_grade: 'good' is not an evidence grade" in report


def test_the_evidence_grade_never_decides_the_outcome_unseen(tables, tmp_path):
    # an outcome that needs a moderate grade is named as measuring the evidence base
    path = tmp_path / "qca.yml"
    path.write_text(
        "conditions:\n  - id: LONG\n    label: long\n    rule: {kind: duration, at_least: 10}\n"
        "    reason: ten years\n"
        "outcome:\n  id: GAIN\n  label: gain\n"
        "  rule: {kind: outcome, field: direction, in: [improved], domains: [learning], min_grade: moderate}\n"
        "  reason: gains\n"
    )
    with pytest.warns(qca.QCAWarning) as caught:
        qca.calibrate(tables, qca.load_calibration(path))
    messages = " ".join(str(w.message) for w in caught)
    assert "the outcome GAIN needs evidence graded moderate or stronger, so the 1 of 3" in messages


def test_a_condition_that_follows_the_evidence_grade_is_named(tables):
    calibrated = qca.calibrate(tables, qca.load_calibration())
    grades = qca.evidence_confounds(
        calibrated.assign(GOVERNMENT=calibrated["MEASURED"]), tables, qca.load_calibration()
    )
    assert any(m.startswith("GOVERNMENT sorts 100% of the 3 cases analysed") for m in grades)
    assert not any(m.startswith("MEASURED") for m in grades)  # the grade itself, by design


def test_ongoing_efforts_run_to_the_corpus_s_latest_year(tables):
    assert qca.load_calibration().as_of is None
    latest = qca.latest_year(tables)
    assert latest == max(
        int(tables[t][c].max())
        for t, c in (
            ("cases", "period_start"),
            ("cases", "period_end"),
            ("outcomes", "result_year"),
        )
        if t in tables and c in tables[t] and tables[t][c].notna().any()
    )
