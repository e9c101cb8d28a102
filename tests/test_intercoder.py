"""A second coding: its table, and agreement figures checked by hand and by scikit-learn."""

from __future__ import annotations

import pandas as pd
import pytest
from codingfiles import header
from sklearn.metrics import cohen_kappa_score

from casebook.cli import main
from casebook.package.intercoder import POINTS, agreement, cohen_kappa, krippendorff_alpha


def codings(first: list[int], second: list[int]) -> pd.DataFrame:
    rows = []
    for n, (a, b) in enumerate(zip(first, second, strict=True)):
        rows += [
            {"intervention_id": f"i{n}", "coder": "coder-1", "leverage_point": a},
            {"intervention_id": f"i{n}", "coder": "coder-2", "leverage_point": b},
        ]
    return pd.DataFrame(rows)


def test_kappa_and_alpha_on_a_coding_computed_by_hand():
    first, second = [1, 1, 2, 2], [1, 2, 2, 2]
    # p_o = 3/4; p_e = 1/2 * 1/4 + 1/2 * 3/4 = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2)
    assert cohen_kappa(first, second) == pytest.approx(0.5)
    # coincidences: o11 = 2, o12 = o21 = 1, o22 = 4; n1 = 3, n2 = 5, n = 8;
    # alpha = 1 - (2 / 8) / (2 * 3 * 5 / (8 * 7)) = 8 / 15
    assert krippendorff_alpha(first, second, "nominal") == pytest.approx(8 / 15)


@pytest.mark.parametrize(
    "first, second",
    [
        ([3, 3, 5, 6, 12, 4, 4], [3, 2, 5, 6, 11, 4, 5]),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [12, 11, 3, 4, 5, 6, 7, 8, 9, 10, 2, 1]),
        ([5, 5, 5, 4], [5, 5, 4, 4]),
    ],
)
def test_kappa_agrees_with_scikit_learn(first, second):
    assert cohen_kappa(first, second) == pytest.approx(
        cohen_kappa_score(first, second, labels=POINTS)
    )
    # linear weights by the distance between the points themselves (all twelve labels)
    assert cohen_kappa(first, second, weighted=True) == pytest.approx(
        cohen_kappa_score(first, second, labels=POINTS, weights="linear")
    )


def test_a_near_miss_counts_more_in_the_ordinal_figures():
    near = agreement(codings([3, 5, 6, 12], [2, 4, 7, 11]), lambda p: "any")
    far = agreement(codings([3, 5, 6, 12], [12, 11, 1, 2]), lambda p: "any")
    assert near.percent == far.percent == 0
    assert near.kappa_linear > far.kappa_linear
    assert near.alpha_ordinal > far.alpha_ordinal


def test_agreement_by_characteristic_and_the_confusion_matrix():
    result = agreement(
        codings([3, 3, 12, 11], [3, 2, 11, 11]),
        lambda p: "intent" if p <= 3 else "parameters",
    )
    by = result.by_characteristic.set_index("characteristic")
    assert by.loc["intent", "items"] == 2 and by.loc["intent", "same_point"] == 0.5
    assert by.loc["parameters", "same_characteristic"] == 1.0
    assert result.confusion.shape == (12, 12)
    assert result.confusion.loc[12, 11] == 1 and result.confusion.to_numpy().sum() == 4


def test_every_intervention_is_coded_twice_and_the_table_joins(real_corpus):
    from casebook.package.tables import corpus_tables

    tables = corpus_tables(real_corpus, ("codings", "interventions", "resolutions"))
    codings = tables["codings"]
    per_intervention = codings.groupby("intervention_id")["coder"].apply(set)
    assert set(per_intervention.index) == set(tables["interventions"]["id"])
    # the first coding covers every intervention; one the second coder has not reached yet
    # (a case added since) is named by the build's warnings, not a failure
    assert all("coder-1" in coders for coders in per_intervention)
    awaiting = {i for i, coders in per_intervention.items() if coders == {"coder-1"}}
    warned = " ".join(real_corpus.warnings)
    assert all(i in warned for i in awaiting)
    assert codings.query("coder == 'coder-2'")["blind"].all()
    point = codings.pivot(index="intervention_id", columns="coder", values="leverage_point")
    tags = tables["interventions"].set_index("id")["leverage_point"]
    resolutions = tables["resolutions"].set_index("intervention_id")
    # every disagreement of the independent codings is settled, and only those
    assert set(point.index[point["coder-1"] != point["coder-2"]]) == set(resolutions.index)
    # the first coding stays as it was coded: a changed tag keeps its first point
    changed = resolutions.index[resolutions["decision"] == "changed"]
    assert (
        len(changed)
        and (point.loc[changed, "coder-1"] == resolutions.loc[changed, "first_point"]).all()
    )
    assert (tags[changed] == resolutions.loc[changed, "settled_point"]).all()
    assert (point["coder-1"].drop(changed) == tags.drop(changed)).all()


def test_the_command_prints_the_figures(capsys, real_corpus):
    assert main(["agreement"]) == 0
    out = capsys.readouterr().out
    coded = {c.intervention for c in real_corpus.codings[0].codings}
    assert f"{len(coded)} interventions coded by both" in out
    # both coders are automated readers: a consistency check, headlined by the nominal alpha
    assert "coder-1 (an automated reader) and coder-2 (an automated reader)" in out
    assert "this is a consistency check, not inter-coder reliability" in out
    assert out.index("alpha, nominal") < out.index("percent agreement")
    for figure in ("Cohen's kappa", "linear", "alpha, nominal", "alpha, ordinal", "confusion"):
        assert figure in out


def write_codings(corpus_dir, entries: str, coder: str = "coder-2") -> None:
    (corpus_dir / "codings").mkdir()
    (corpus_dir / "codings" / "coder-2.yml").write_text(
        header().replace("coder-2", coder, 1) + f"codings:\n{entries}"
    )


def build_errors(corpus_dir, capsys) -> str:
    assert main(["build", "--source", str(corpus_dir), "--out", str(corpus_dir.parent / "o")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_codings_of_an_unknown_intervention_or_twice_the_same_are_refused_by_line(
    corpus_dir, capsys
):
    write_codings(
        corpus_dir,
        "  - intervention: alpha-goal\n    leverage_point: 3\n    rationale: A goal.\n"
        "  - intervention: nowhere\n    leverage_point: 4\n    rationale: Unknown.\n"
        "  - intervention: alpha-goal\n    leverage_point: 2\n    rationale: Again.\n",
    )
    err = build_errors(corpus_dir, capsys)
    assert "coder-2.yml:11: codings[1].intervention: no intervention has id 'nowhere'" in err
    assert "coder-2.yml:14: codings[2].intervention: 'alpha-goal' is coded twice by coder-2" in err


def test_a_coding_outside_the_twelve_points_or_under_another_name_is_refused(corpus_dir, capsys):
    write_codings(
        corpus_dir,
        "  - intervention: alpha-goal\n    leverage_point: 13\n    rationale: Off the list.\n",
        coder="someone-else",
    )
    err = build_errors(corpus_dir, capsys)
    assert "coder-2.yml:9: codings[0].leverage_point" in err
    write = corpus_dir / "codings" / "coder-2.yml"
    write.write_text(write.read_text().replace("leverage_point: 13", "leverage_point: 3"))
    err = build_errors(corpus_dir, capsys)
    assert "coder-2.yml:1: coder: the coder 'someone-else' differs from the file name" in err


@pytest.mark.parametrize(
    "coder, message",
    [
        ("coder-1", "coder-1 is the first coding (the case files' tags)"),
        ("nobody", "no codings by nobody; the coders are: coder-2"),
    ],
)
def test_every_coder_value_works_or_is_refused_with_a_message(coder, message, capsys):
    assert main(["agreement", "--coder", coder]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert main(["agreement", "--coder", "coder-2"]) == 0


def test_a_partial_coding_is_compared_where_both_coded_and_names_the_rest(corpus_dir, capsys):
    (corpus_dir / "codings").mkdir()
    (corpus_dir / "codings" / "pilot.yml").write_text(
        header("pilot", kind="person")
        + "codings:\n  - intervention: alpha-goal\n    leverage_point: 3\n    rationale: A goal.\n"
    )
    assert main(["build", "--source", str(corpus_dir), "--out", str(corpus_dir.parent / "o")]) == 0
    err = capsys.readouterr().err
    assert (
        "alpha.md: 2 interventions have no second coding: alpha-tests, alpha-funding; "
        "have them coded blind (casebook coding-sheet" in err
    )
    assert "beta.md: 2 interventions have no second coding: beta-dialogues, beta-network" in err
    assert main(["agreement", "--source", str(corpus_dir)]) == 0
    out = capsys.readouterr().out
    assert "coder-1 (a person) and pilot (a person), 1 interventions coded by both" in out
    assert "this is inter-coder reliability" in out
    assert "not coded by pilot (4), so not in these figures:\n  alpha-funding\n" in out


@pytest.mark.parametrize(
    "change, message",
    [
        ("kind: automated\n", "kind: Field required"),
        ("kind: automated\n|kind: person\n", "a person who codes has a role"),
        ("date: 2026-12-01\n|date: last week\n", "date: String should match pattern"),
    ],
)
def test_a_coding_file_says_who_coded(corpus_dir, capsys, change, message):
    old, _, new = change.partition("|")
    write_codings(
        corpus_dir,
        "  - intervention: alpha-goal\n    leverage_point: 3\n    rationale: A goal.\n",
    )
    path = corpus_dir / "codings" / "coder-2.yml"
    path.write_text(path.read_text().replace(old, new))
    assert message in build_errors(corpus_dir, capsys)


def test_the_coders_table_says_who_made_each_judgement(real_corpus):
    from casebook.package.tables import corpus_tables

    tables = corpus_tables(real_corpus, ("coders", "codings", "resolutions"))
    coders = tables["coders"].set_index("id")
    named = set(tables["codings"]["coder"]) | set(tables["resolutions"]["settled_by"])
    named |= set(tables["resolutions"]["reexamined_by"].dropna())
    assert named <= set(coders.index)
    assert set(coders["kind"]) <= {"person", "automated"}
    assert coders.loc["coder-2", "produced"] == "the codings in casestudies/codings/coder-2.yml"


def test_a_settlement_by_an_undescribed_coder_is_refused(corpus_dir, capsys):
    write_codings(
        corpus_dir,
        "  - intervention: alpha-goal\n    leverage_point: 2\n    rationale: Beliefs.\n",
    )
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text()
    anchor = "    sources: [report-2020]\n  - id: alpha-tests"
    assert anchor in text
    alpha.write_text(
        text.replace(
            anchor,
            "    sources: [report-2020]\n    review:\n      second_coder: coder-2\n"
            "      second_point: 2\n      decision: kept\n      settled_by: someone\n"
            "      reason: The goal is what changed.\n  - id: alpha-tests",
            1,
        )
    )
    err = build_errors(corpus_dir, capsys)
    assert "interventions[0].review.settled_by: the coder 'someone' is not described" in err
    assert "fix: describe 'someone' (kind, instructions, saw, date) in coders.yml" in err


def test_the_explorer_headlines_the_nominal_alpha_its_band_and_the_kind_of_coders(real_corpus):
    from casebook.explorer.parts import piece
    from casebook.package.intercoder import headline
    from casebook.package.tables import corpus_tables

    tables = corpus_tables(real_corpus, ("agreement", "coders"))
    coding = headline(tables["agreement"], tables["coders"])
    assert coding["band"] == "tentative" and coding["automated"]
    note = piece("coding_note", coding=coding)
    assert "by automated readers (large language models), not by people" in note
    assert "alpha 0.77, enough for tentative conclusions only" in note
    assert "a consistency check, not inter-coder reliability" in note
    people = tables["coders"].assign(kind="person")
    assert "inter-coder reliability between people" in piece(
        "coding_note", coding=headline(tables["agreement"], people)
    )
