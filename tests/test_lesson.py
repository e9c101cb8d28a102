"""The lesson: exercises from a small corpus, scoring and kappa by hand, answer files, the app."""

from __future__ import annotations

import pytest
from browser import make_hostile, offline_page

from casebook.lesson import agreement, exercises
from casebook.lesson import answers as answer_files
from casebook.lesson.app import Lesson
from casebook.package.intercoder import cohen_kappa


@pytest.fixture
def tables(fixture_tables):
    return fixture_tables


def test_exercise_sets_come_from_the_corpus_and_repeat_with_the_seed(tables):
    one, again = (
        exercises.exercise_set(tables, seed=7, size=4),
        exercises.exercise_set(tables, seed=7, size=4),
    )
    assert exercises.as_dict(one) == exercises.as_dict(again)
    # four of the fixture's five interventions, none twice; set 7 is the same set everywhere
    assert [e.intervention_id for e in one.where] == [
        "alpha-tests",
        "alpha-goal",
        "beta-dialogues",
        "alpha-funding",
    ]
    goal = next(
        e
        for e in exercises.exercise_set(tables, seed=1, size=5).where
        if e.intervention_id == "alpha-goal"
    )
    assert (goal.expected, goal.alternatives, goal.rationale) == (
        3,
        (2,),
        "It changes what the system is for.",
    )
    assert (
        exercises.exercise_set(tables, seed=1, size=5).where
        != exercises.exercise_set(tables, seed=2, size=5).where
    )
    [sort] = one.sort
    # the five interventions sit at five different points, so the sort takes all five
    assert sorted(sort.items) == sorted(
        zip(
            tables["interventions"]["id"],
            tables["interventions"]["what"],
            tables["interventions"]["leverage_point"],
            strict=True,
        )
    )
    assert sort.expected == [
        "alpha-funding",
        "alpha-tests",
        "beta-network",
        "alpha-goal",
        "beta-dialogues",
    ]
    # alpha's funding (12) is its one shallow move, and alpha went deeper (6 and 3)
    [deeper] = exercises.exercise_set(tables, seed=3, size=2).deeper
    assert deeper.intervention_id == "alpha-funding"
    assert [p for _, p in deeper.case_did] == [3, 6]


def test_scoring_where_and_sort():
    ex = exercises.WhereExercise(
        "w", "i", "Case", "did", expected=3, alternatives=(2,), rationale="why"
    )
    assert (
        exercises.score_where(3, ex),
        exercises.score_where(2, ex),
        exercises.score_where(12, ex),
    ) == (1.0, 0.5, 0.0)
    assert exercises.where_feedback(2, ex, {3: "goals", 2: "paradigm"}).startswith(
        "You chose 2 (paradigm). Partly right"
    )
    sort = exercises.SortExercise("s", (("a", "x", 3), ("b", "y", 12), ("c", "z", 6)))
    assert sort.expected == ["b", "c", "a"]
    assert exercises.score_sort(["b", "c", "a"], sort) == 1.0
    assert exercises.score_sort(["a", "c", "b"], sort) == 0.0
    assert exercises.score_sort(["c", "b", "a"], sort) == pytest.approx(2 / 3)


def test_cohen_kappa_against_hand_computed_values():
    # 10 items: agree on 7. Learner 3:5 9:5; expert 3:6 9:4 -> p_o=.7, p_e=.5*.6+.5*.4=.5, kappa=.4
    learner = [3] * 5 + [9] * 5
    expert = [3, 3, 3, 3, 9, 3, 9, 9, 9, 3]
    assert sum(a == b for a, b in zip(learner, expert, strict=True)) == 7
    assert cohen_kappa(learner, expert) == pytest.approx(0.4)
    assert cohen_kappa([1, 2, 3], [1, 2, 3]) == 1.0
    assert cohen_kappa([1, 2], [2, 1]) == pytest.approx(-1.0)
    assert cohen_kappa([], []) is None
    assert agreement.kappa_in_words(0.4).startswith("fair agreement")
    assert agreement.kappa_in_words(0.0).startswith(
        "slight agreement"
    )  # Landis and Koch: 0 to 0.20
    assert agreement.kappa_in_words(0.85).startswith("almost perfect agreement")
    assert agreement.kappa_in_words(-0.2).startswith("less than chance")


def test_answers_round_trip_and_group_summary():
    ana, ben = answer_files.Answers("Ana", 1), answer_files.Answers("Ben", 1)
    for answers, picks in ((ana, [3, 6]), (ben, [2, 12])):
        answers.record("where", "where-1", "alpha-goal", picks[0], 3, 1.0 if picks[0] == 3 else 0.5)
        answers.record(
            "where", "where-2", "alpha-tests", picks[1], 6, 1.0 if picks[1] == 6 else 0.0
        )
    ana.record("where", "where-2", "alpha-tests", 6, 6, 1.0)  # a second try replaces the first
    frame = answer_files.read_answers(ana.csv().encode(), "ana.csv")
    assert list(frame.columns) == answer_files.ANSWER_COLUMNS
    assert list(zip(frame["exercise"], frame["answer"], strict=True)) == [
        ("where-1", 3),
        ("where-2", 6),
    ]
    group, problems = answer_files.load_group(
        {
            "ana.csv": ana.csv().encode(),
            "ben.csv": ben.csv().encode(),
            "notes.csv": b"name,comment\nx,y\n",
            "photo.csv": b"\x89PNG\x00\x01",
        }
    )
    assert len(group) == 4
    assert problems[0].startswith(
        "notes.csv: not a lesson answer file; missing column(s) learner, seed"
    )
    assert problems[1].startswith("photo.csv:")
    summary = answer_files.group_summary(group)
    learners = summary["learners"].set_index("learner")
    assert (learners.loc["Ana", "kappa"], learners.loc["Ana", "score"]) == (1.0, 2.0)
    exercises = summary["exercises"].set_index("exercise")
    assert exercises.loc["where-1", "mean_score"] == 0.75
    # Ana (the coding's answer) and Ben (another) split on both exercises: ties, reported
    # as ties rather than as agreement
    disagreements = summary["disagreements"]
    assert list(zip(disagreements["exercise"], disagreements["verdict"], strict=True)) == [
        ("where-1", "tied"),
        ("where-2", "tied"),
    ]
    cal = answer_files.Answers("Cal", 1)
    cal.record("where", "where-1", "alpha-goal", 2, 3, 0.5)
    files = {
        "ana.csv": ana.csv().encode(),
        "ben.csv": ben.csv().encode(),
        "cal.csv": cal.csv().encode(),
    }
    disagreements = answer_files.group_summary(answer_files.load_group(files)[0])["disagreements"]
    # Cal sides with Ben on where-1: the group now disagrees with the coding there
    assert list(zip(disagreements["exercise"], disagreements["verdict"], strict=True)) == [
        ("where-1", "disagreed"),
        ("where-2", "tied"),
    ]
    assert disagreements.loc[0, "most_common"] == "2"


def test_the_lesson_widgets(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    exercise = app.set.where[0]
    app.w_where_answer.value = exercise.expected
    app.check_where()
    assert "Right." in app.w_where_feedback.value
    assert exercise.rationale.replace("'", "&#39;") in app.w_where_feedback.value
    assert "Cohen's kappa" in app.w_summary.value
    app.w_name.value = "Ana"
    app.save()
    assert 'download="answers-ana.csv"' in app.w_saved.value


@pytest.mark.kernel
def test_the_lesson_notebook_runs_with_parameters(corpus_dir, run_notebook):
    executed = run_notebook("lesson.ipynb", source=str(corpus_dir), seed=5, size=3)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


@pytest.mark.browser
@pytest.mark.kernel
def test_the_lesson_works_in_a_real_browser(voila_app, corpus_dir, tmp_path):
    from test_reviews import settle_both

    make_hostile(corpus_dir)  # markup in an intervention stays text in the exercises
    settle_both(corpus_dir)  # two contested interventions, one with a rival reading
    url = voila_app("lesson.ipynb")
    with offline_page(1200, 1000) as page:
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector("table.ladder", timeout=120000)
        page.get_by_role("tab", name="Practise", exact=True).click()
        page.wait_for_selector("p.exercise", timeout=30000)
        assert page.locator(".feedback").count() == 0
        # nothing is chosen in advance: Check without a choice asks for one
        page.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_selector("p.hint", timeout=30000)
        assert page.inner_text("p.hint") == "Choose a point first."
        point = page.locator(".widget-dropdown:has(label:text-is('Point')) select")
        options = point.locator("option").all_inner_texts()
        assert options[0].replace("\xa0", " ") == "choose a point"
        point.select_option(label=options[1])
        page.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_selector("p.feedback", timeout=30000)
        first = page.inner_text("p.feedback")
        assert first.startswith("You chose 12 (")
        point.select_option(label=options[-1])
        page.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_function(
            f"document.querySelector('p.feedback').innerText !== {first!r}", timeout=30000
        )
        # the contested interventions, for the group: the outcome hidden until asked for
        page.get_by_role("tab", name="Discuss", exact=True).click()
        page.wait_for_selector("div.contested", timeout=30000)
        assert page.locator("div.contested").count() == 2
        outcome = page.locator("div.contested details").first
        assert not outcome.locator("p").is_visible()
        outcome.locator("summary").click()
        assert "Both readings stand." in outcome.inner_text()
        page.get_by_role("tab", name="Reflect", exact=True).click()
        page.wait_for_selector("text=Agreement with the expert coding", timeout=30000)
        page.screenshot(path=str(tmp_path / "lesson.png"), full_page=True)
        assert page.evaluate("window.pwned") is None
        assert page.locator("img[src=x]").count() == 0
        assert page.errors == []
        assert page.blocked == []


def test_go_deeper_records_the_exercise_on_screen(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    shown = app.set.deeper[app.deeper_index]
    app.w_deeper_point.value = 2
    app.check_deeper()
    app.check_deeper()  # a second try on the same screen replaces the first
    assert [r["exercise"] for r in app.answers.rows if r["kind"] == "deeper"] == [shown.id]
    assert shown.case_title in app.w_deeper_text.value


def test_two_files_under_one_name_are_two_learners():
    one, two = answer_files.Answers("learner", 1), answer_files.Answers("learner", 1)
    one.record("where", "where-1", "alpha-goal", 3, 3, 1.0)
    two.record("where", "where-1", "alpha-goal", 2, 3, 0.5)
    group, problems = answer_files.load_group(
        {"a.csv": one.csv().encode(), "b.csv": two.csv().encode()}
    )
    assert problems == []
    assert sorted(set(group["learner"])) == ["learner (a.csv)", "learner (b.csv)"]


def test_every_sort_exercise_of_a_set_can_be_reached(corpus_dir):
    app = Lesson(corpus_dir, seed=1, size=8)
    assert len(app.set.sort) == 2
    app.next_sort()
    for rank, dropdown in enumerate(app.sort_ranks, start=1):
        dropdown.value = rank
    app.check_sort()
    assert [r["exercise"] for r in app.answers.rows if r["kind"] == "sort"] == ["sort-2"]
    app.next_sort()  # past the last one: a finished screen, not a wrap to the first
    assert "That was the last of the 2 sort-by-depth exercises" in app.w_sort_feedback.value
    assert app.sort_index == 1


def test_a_file_with_a_bad_value_is_named_and_skipped_and_the_good_ones_still_show():
    good = answer_files.Answers("Ana", 1)
    good.record("where", "where-1", "alpha-goal", 3, 3, 1.0)
    bad = good.csv().replace(",3,3,1.0", ",three,3,1.0").replace("Ana", "Ben")
    out_of_range = good.csv().replace(",3,3,1.0", ",3,3,7").replace("Ana", "Cal")
    group, problems = answer_files.load_group(
        {"ana.csv": good.csv().encode(), "ben.csv": bad.encode(), "cal.csv": out_of_range.encode()}
    )
    assert list(group["learner"]) == ["Ana"]
    assert problems == [
        "ben.csv: row 2: answer is 'three', not a leverage point from 1 to 12; the file is skipped",
        "cal.csv: row 2: score is '7', not a number from 0 to 1; the file is skipped",
    ]
    assert answer_files.group_summary(group)["learners"].loc[0, "score"] == 1.0


def test_no_answer_is_preset_and_none_is_counted_until_given(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    assert app.w_where_answer.value is None
    app.check_where()
    assert "Choose a point first." in app.w_where_feedback.value
    assert app.answers.rows == []
    assert all(r.value is None for r in app.sort_ranks)
    app.check_sort()
    assert "Give every intervention a rank first." in app.w_sort_feedback.value
    for dropdown in app.sort_ranks:
        dropdown.value = 1  # every item at rank 1 is not an order
    app.check_sort()
    assert "Give each intervention a different rank" in app.w_sort_feedback.value
    assert app.answers.rows == []


def test_sort_items_name_their_case_and_scores_show_their_maximum(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    exercise = app.set.sort[0]
    labels = [box.children[1].value for box in app.w_sort_box.children]
    assert all(
        label.endswith(f"({case})") for label, case in zip(labels, exercise.cases, strict=True)
    )
    maximum = len(app.set.where) + len(app.set.sort) + len(app.set.deeper)
    assert f"score 0.0 of {maximum}." in app.w_summary.value


def test_the_last_exercise_ends_with_a_finished_screen(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    for _ in range(len(app.set.where) - 1):
        app.next_where()
    last = app.where_index
    app.next_where()
    assert app.where_index == last
    assert "That was the last of the 4 where-is-it exercises" in app.w_where_feedback.value


def test_a_new_set_asks_before_it_discards_answers(corpus_dir):
    app = Lesson(corpus_dir, seed=3, size=4)
    app.w_where_answer.value = 3
    app.check_where()
    app.w_new.click()
    assert len(app.answers.rows) == 1  # kept: the first press only warns
    assert "discards your 1 answer (save" in app.w_new_note.value
    app.w_new.click()
    assert app.answers.rows == []
    assert app.w_new_note.value == ""


def test_the_group_view_reads_as_text_not_ids(corpus_dir, tmp_path):
    app = Lesson(corpus_dir, seed=3, size=4)
    where = app.set.where[0]
    sort = app.set.sort[0]
    for name, point in (("ana", where.expected), ("ben", 12 if where.expected != 12 else 11)):
        answers = answer_files.Answers(name, 3)
        answers.record("where", where.id, where.intervention_id, point, where.expected, 1.0)
        order = ";".join(i for i, _, _ in sort.items)
        answers.record("sort", sort.id, order, order, ";".join(sort.expected), 0.5)
        (tmp_path / f"{name}.csv").write_text(answers.csv(), encoding="utf-8")
    app.w_folder.value = str(tmp_path)
    app.load_group()
    view = app.w_group.value
    assert where.case_title in view and where.intervention_id not in view
    assert " → ".join(sort.cases) in view.replace("&#39;", "'")  # an order as the cases in order
    assert "tied" in view  # Ana and Ben split on the where-is-it exercise


def test_a_link_names_the_exercise_set_every_learner_gets(corpus_dir):
    app = Lesson(corpus_dir, seed=1, size=4)
    app.open_link({"seed": ["7"], "size": ["3"]})
    same = Lesson(corpus_dir, seed=7, size=3)
    assert (app.set.seed, len(app.set.where)) == (7, 3)
    assert [e.intervention_id for e in app.set.where] == [e.intervention_id for e in same.set.where]
    app.open_link({"seed": ["many"], "size": ["500"]})  # ignored, not a crash
    assert (app.set.seed, len(app.set.where)) == (7, 3)
