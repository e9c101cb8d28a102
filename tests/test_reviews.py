"""Disagreements between two codings, settled in the case files: kept, changed or a rival
reading; the resolutions and agreement tables; and how the views show them."""

from __future__ import annotations

import csv

import pytest
from codingfiles import header

from casebook.cli import main
from casebook.content.corpus import load_corpus
from casebook.package.tables import corpus_tables

SECOND = (
    header() + "codings:\n"
    "  - intervention: alpha-goal\n    leverage_point: 2\n    rationale: It shifts beliefs.\n"
    "  - intervention: alpha-tests\n    leverage_point: 8\n    rationale: A loop.\n"
)
GOAL = "    sources: [report-2020]\n  - id: alpha-tests"


def second_coding(corpus_dir, text: str = SECOND) -> None:
    (corpus_dir / "codings").mkdir(exist_ok=True)
    (corpus_dir / "codings" / "coder-2.yml").write_text(text)


def review(corpus_dir, block: str, after: str = GOAL) -> None:
    """Put a review block at the end of alpha-goal (``after`` names the place)."""
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text()
    assert after in text
    head, tail = after.split("\n", 1)
    alpha.write_text(text.replace(after, f"{head}\n{block}{tail}", 1))


RIVAL = (
    "    review:\n      second_coder: coder-2\n      second_point: 2\n      decision: rival\n"
    "      settled_by: coder-3\n      reason: The text supports both.\n"
    "      rival_point: 2\n      rival_rationale: it also changes what people believe school is for.\n"
)
CHANGED = (
    "    review:\n      second_coder: coder-2\n      second_point: 8\n      decision: changed\n"
    "      settled_by: coder-3\n      reason: The results drive a correction.\n"
    "      first_point: 6\n      first_rationale: It gives parents information.\n"
)
TESTS_END = "    rationale: It gives parents information they did not have.\n    start: 2011\n"


def settle_both(corpus_dir) -> None:
    second_coding(corpus_dir)
    review(corpus_dir, RIVAL)
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text().replace(
        "    leverage_point: 6\n    rationale: It gives parents information they did not have.",
        "    leverage_point: 8\n    rationale: The results are used to correct course.\n"
        "    alternatives: [6]",
    )
    alpha.write_text(text.replace("    start: 2011\n", "    start: 2011\n" + CHANGED, 1))


def build(corpus_dir, capsys) -> tuple[int, str]:
    code = main(["build", "--source", str(corpus_dir), "--out", str(corpus_dir.parent / "o")])
    return code, capsys.readouterr().err


def read(corpus_dir, table: str) -> list[dict]:
    with open(corpus_dir.parent / "o" / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_an_unsettled_disagreement_is_a_warning_naming_the_intervention(corpus_dir, capsys):
    second_coding(corpus_dir)
    code, err = build(corpus_dir, capsys)
    assert code == 0
    assert (
        "alpha.md: interventions[0] 'alpha-goal' is coded 3 in the case file and 2 by coder-2; "
        "settle it with a review (keep, change or rival reading; README: Coding protocol)"
    ) in err
    assert "'alpha-tests' is coded 6 in the case file and 8 by coder-2" in err


def test_settled_disagreements_reach_the_resolutions_and_codings_tables(corpus_dir, capsys):
    settle_both(corpus_dir)
    code, err = build(corpus_dir, capsys)
    assert code == 0 and "settle it" not in err
    resolutions = {r["intervention_id"]: r for r in read(corpus_dir, "resolutions")}
    assert resolutions["alpha-goal"]["decision"] == "rival"
    assert resolutions["alpha-goal"]["rival_point"] == "2"
    assert resolutions["alpha-goal"]["settled_point"] == "3"
    changed = resolutions["alpha-tests"]
    assert (changed["first_point"], changed["second_point"], changed["settled_point"]) == (
        "6",
        "8",
        "8",
    )
    assert changed["rival_point"] == "" and changed["settled_by"] == "coder-3"
    # the first coding stays as coded, so the agreement is that of the independent codings
    first = {
        r["intervention_id"]: r for r in read(corpus_dir, "codings") if r["coder"] == "coder-1"
    }
    assert first["alpha-tests"]["leverage_point"] == "6"
    assert first["alpha-tests"]["rationale"] == "It gives parents information."
    agreement = {
        r["measure"]: r for r in read(corpus_dir, "agreement") if not r["characteristic_id"]
    }
    assert agreement["percent_agreement"]["value"] == "0.0"
    assert agreement["percent_agreement"]["items"] == "2"


def test_the_agreement_table_is_what_casebook_agreement_reports(tmp_path):
    from casebook.package.datapackage import build as build_package
    from casebook.package.intercoder import agreement

    corpus = load_corpus()
    tables = corpus_tables(corpus)
    result = agreement(tables["codings"], corpus.taxonomy.characteristic_of)
    build_package(out=tmp_path / "data")
    with open(tmp_path / "data" / "agreement.csv", encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert float(rows["coder-1:coder-2:cohen_kappa"]["value"]) == round(result.kappa, 4)
    assert float(rows["coder-1:coder-2:krippendorff_alpha_ordinal"]["value"]) == round(
        result.alpha_ordinal, 4
    )
    assert rows["coder-1:coder-2:percent_agreement"]["items"] == "121"
    by = result.by_characteristic.set_index("characteristic")
    assert float(rows["coder-1:coder-2:parameters:same_point"]["value"]) == round(
        by.loc["parameters", "same_point"], 4
    )
    # the in-memory tables give the same rows as the build
    memory = tables["agreement"].set_index("id")
    assert memory.loc["coder-1:coder-2:cohen_kappa", "value"] == float(
        rows["coder-1:coder-2:cohen_kappa"]["value"]
    )


@pytest.mark.parametrize(
    "block, message",
    [
        (
            RIVAL.replace("      rival_point: 2\n", ""),
            "interventions[0].review: a 'rival' review needs rival_point",
        ),
        (
            RIVAL.replace("decision: rival", "decision: kept"),
            "interventions[0].review: a 'kept' review has no rival_point or rival_rationale; "
            "remove them or change the decision",
        ),
        (
            RIVAL.replace("second_point: 2", "second_point: 3"),
            "interventions[0]: the review is of a disagreement, but both coders chose 3; remove it",
        ),
        (
            RIVAL.replace("rival_point: 2", "rival_point: 3"),
            "interventions[0]: the rival reading repeats the tag; give the other point",
        ),
        (
            RIVAL.replace("decision: rival", "decision: sometimes"),
            "interventions[0].review.decision",
        ),
    ],
)
def test_a_review_that_does_not_fit_its_decision_is_refused(corpus_dir, capsys, block, message):
    second_coding(corpus_dir)
    review(corpus_dir, block)
    code, err = build(corpus_dir, capsys)
    assert code == 1 and "Traceback" not in err
    assert message in err


def test_a_changed_tag_must_differ_from_the_first_point(corpus_dir, capsys):
    second_coding(corpus_dir)
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("    start: 2011\n", "    start: 2011\n" + CHANGED, 1)
    )
    code, err = build(corpus_dir, capsys)
    assert code == 1
    assert (
        "interventions[1]: the review says the tag changed, but it is still 6; set "
        "leverage_point to the settled point or make the decision 'kept'"
    ) in err


def test_a_review_must_name_the_second_coders_real_reading(corpus_dir, capsys):
    second_coding(corpus_dir)
    review(corpus_dir, RIVAL.replace("second_point: 2", "second_point: 4"))
    code, err = build(corpus_dir, capsys)
    assert code == 1
    line = next(
        n
        for n, text in enumerate((corpus_dir / "alpha.md").read_text().splitlines(), start=1)
        if "second_point: 4" in text
    )
    assert (
        f"alpha.md:{line}: interventions[0].review.second_point: coder-2 coded 'alpha-goal' as "
        "2, not 4\n    fix: set second_point to 2"
    ) in err
    review_of_nobody = RIVAL.replace("second_coder: coder-2", "second_coder: coder-9")
    (corpus_dir / "alpha.md").write_text(
        (corpus_dir / "alpha.md")
        .read_text()
        .replace(RIVAL.replace("second_point: 2", "second_point: 4"), review_of_nobody)
    )
    code, err = build(corpus_dir, capsys)
    assert code == 1
    assert "interventions[0].review.second_coder: no codings by 'coder-9' in" in err
    assert "fix: name a coder with a file in" in err and ": coder-2" in err


def test_the_case_card_and_the_brief_show_a_rival_reading_as_such(corpus_dir):
    from casebook.brief.examples import example
    from casebook.explorer.card import case_card
    from casebook.render.markup import Citations

    settle_both(corpus_dir)
    corpus = load_corpus(corpus_dir)
    card = str(case_card(corpus, "alpha"))
    assert "a second reading: 2, " in card and "it also changes what people believe" in card
    assert "Two coders disagreed (6 or 8); a third coder settled on 8:" in card
    shown = example(corpus, "alpha", Citations())
    assert shown["rivals"] == [
        {
            "what": "Declared literacy the goal of primary school.",
            "point": 3,
            "name": "the goals of the system",
            "rival_point": 2,
            "rival_name": corpus.taxonomy.leverage_points[2].name.split(" (")[0].lower(),
            "because": "it also changes what people believe school is for.",
        }
    ]


def test_the_lesson_accepts_either_reading_of_a_rival_and_says_why(corpus_dir):
    from casebook.lesson.exercises import discussion, exercise_set, score_where, where_feedback

    settle_both(corpus_dir)
    tables = corpus_tables(load_corpus(corpus_dir))
    exercises = exercise_set(tables, seed=1, size=10)
    by_id = {e.intervention_id: e for e in exercises.where}
    goal, tests = by_id["alpha-goal"], by_id["alpha-tests"]
    names = {n: f"name {n}" for n in range(1, 13)}
    assert score_where(3, goal) == score_where(2, goal) == 1.0
    feedback = where_feedback(2, goal, names)
    assert "Right: this is one of two readings the text supports." in feedback
    assert (
        "Two coders disagreed here: one read it as 3 (name 3), the other as 2 (name 2)." in feedback
    )
    # a settled disagreement: the reading set aside is partly right, and the note says why
    assert score_where(8, tests) == 1.0 and score_where(6, tests) == 0.5
    feedback = where_feedback(6, tests, names)
    assert "Partly right: one of the two coders read it this way too." in feedback
    assert "A third coder settled it: The results drive a correction." in feedback
    items = discussion(tables)
    assert [i["intervention_id"] for i in items] == ["alpha-goal", "alpha-tests"]
    assert items[1]["readings"][0][0] == 6 and items[1]["readings"][1][0] == 8


def test_every_real_disagreement_is_a_discussion_item():
    from casebook.lesson.exercises import discussion

    tables = corpus_tables(load_corpus())
    items = discussion(tables)
    assert len(items) == len(tables["resolutions"]) == 24
    assert all(i["outcome"].startswith("Two coders disagreed here") for i in items)


def test_the_brief_says_how_disagreements_were_settled_and_shows_the_rival(corpus_dir):
    import html
    import re

    from conftest import make_theme

    from casebook.brief.sections import Brief

    settle_both(corpus_dir)
    brief = Brief(make_theme(), load_corpus(corpus_dir))
    about = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", brief.about_evidence().html)).split())
    assert (
        "Where the two differed (2 interventions), a third coder, an automated reader (a large "
        "language model), shown both readings without "
        "knowing whose they were, settled each: 0 kept as first coded, 1 changed, and 1 shown "
        "with both readings, which the text supports equally."
    ) in about
    examples = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", brief.examples().html)).split())
    assert (
        "Read two ways. Declared literacy the goal of primary school. Coded 3, the goals of the "
        "system; a second reading: 2,"
    ) in examples
    assert "because it also changes what people believe school is for." in examples


def test_a_third_coder_is_compared_with_the_tag_as_settled(corpus_dir, capsys):
    settle_both(corpus_dir)  # alpha-tests: first coded 6, changed to 8
    (corpus_dir / "codings" / "coder-4.yml").write_text(
        header("coder-4") + "codings:\n"
        "  - intervention: alpha-tests\n    leverage_point: 8\n    rationale: A loop.\n"
        "  - intervention: alpha-goal\n    leverage_point: 5\n    rationale: A rule.\n"
    )
    code, err = build(corpus_dir, capsys)
    assert code == 0
    assert "'alpha-tests'" not in err  # agrees with the tag as it is now
    assert (
        "interventions[0] 'alpha-goal' is coded 3 in the case file and 5 by coder-4; settle it"
    ) in err
    (corpus_dir / "codings" / "coder-4.yml").write_text(
        header("coder-4") + "codings:\n"
        "  - intervention: alpha-tests\n    leverage_point: 9\n    rationale: A delay.\n"
    )
    code, err = build(corpus_dir, capsys)
    assert "'alpha-tests' is coded 8 in the case file (first coded 6) and 9 by coder-4" in err


def test_a_changed_tag_lists_the_rejected_first_reading_among_its_alternatives(corpus_dir, capsys):
    settle_both(corpus_dir)
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("    alternatives: [6]\n", "    alternatives: [9]\n")
    )
    code, err = build(corpus_dir, capsys)
    assert code == 1
    assert "the review changed the tag from 6, but alternatives does not list it" in err
    assert "add 6 to alternatives" in err and "Traceback" not in err
    alpha.write_text(
        alpha.read_text().replace("    alternatives: [9]\n", "    alternatives: [8]\n")
    )
    code, err = build(corpus_dir, capsys)
    assert code == 1 and "leverage point 8 is listed as its own alternative" in err


def test_every_real_changed_tag_keeps_its_first_reading_as_an_alternative(real_corpus):
    changed = [
        i
        for case in real_corpus.cases
        for i in case.interventions
        if i.review is not None and i.review.decision == "changed"
    ]
    assert changed
    for i in changed:
        assert i.review.first_point in i.alternatives and i.leverage_point not in i.alternatives
        # each settlement that changed a tag was looked at again, by a described coder
        assert i.review.reexamined_by in {c.coder for c in real_corpus.coders}
