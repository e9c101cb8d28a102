"""The first-timer's mistakes get messages that say what is accepted."""

from __future__ import annotations

import pytest

from casebook.content.corpus import load_corpus
from casebook.errors import ContentError


def report_after(corpus_dir, old: str, new: str, file: str = "alpha.md") -> ContentError:
    path = corpus_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    return err.value


def test_a_leverage_point_named_instead_of_numbered(corpus_dir):
    error = report_after(corpus_dir, "leverage_point: 3", "leverage_point: goals")
    [problem] = error.problems
    assert problem.field == "interventions[0].leverage_point"
    assert problem.message == (
        "'goals' is not a number from 1 to 12; did you mean 3 (The goals of the system)?"
    )
    assert "add" not in problem.fix  # the twelve points are not added to


def test_a_leverage_point_out_of_range_is_not_offered_to_the_taxonomy(corpus_dir):
    error = report_after(corpus_dir, "leverage_point: 3", "leverage_point: 13")
    [problem] = error.problems
    assert problem.message.startswith("'13' is not a number from 1 to 12")
    assert "add" not in problem.fix


def test_a_year_in_words_points_to_how_approximate_dates_are_recorded(corpus_dir):
    error = report_after(corpus_dir, "period: {start: 2010", "period: {start: late 2000s")
    [problem] = error.problems
    assert problem.field == "period.start"
    assert problem.message == "'late 2000s' is not a year"
    assert "Approximate dates" in problem.fix and "casestudies/README.md" in problem.fix


def test_a_source_cited_by_its_title_is_pointed_to_its_id(corpus_dir):
    report = load_corpus(corpus_dir).sources["report-2020"]
    error = report_after(corpus_dir, "source: report-2020", f"source: {report.title}")
    [problem] = error.problems
    assert problem.message == f"'{report.title}' is not a source id"
    assert "by its id in sources.yml" in problem.fix
    assert "'report-2020'" in problem.fix


def test_taxonomy_advice_only_where_a_term_may_be_added(corpus_dir):
    error = report_after(corpus_dir, "level: national", "level: planetary")
    [problem] = error.problems
    assert "add it to data/taxonomy/levels.yml" in problem.fix
    error = report_after(corpus_dir, "type: top-down", "type: government")
    approach = [p for p in error.problems if p.field == "approach.type"]
    assert approach and all("data/taxonomy" not in p.fix for p in approach)


def test_a_country_not_in_the_taxonomy_names_the_file_to_add_it_to(corpus_dir):
    error = report_after(corpus_dir, "country: Peru", "country: Atlantis")
    [problem] = error.problems
    assert problem.field == "place.country"
    assert "'Atlantis' is not in the taxonomy's countries" in problem.message
    assert problem.fix.endswith("add it to data/taxonomy/countries.yml")


def test_a_tab_in_the_bibliography_is_one_problem_and_the_rest_is_still_checked(corpus_dir):
    sources = corpus_dir / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    tabbed = text.replace("  title: A Test Report", "\ttitle: A Test Report")
    sources.write_text(tabbed.replace("year: 1999", "year: nineteen"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    tab, year = err.value.problems
    assert tab.line == tabbed.splitlines().index("\ttitle: A Test Report") + 1
    assert "tab" in tab.message and tab.fix.startswith("replace the tab with spaces")
    assert year.field.endswith("year")  # the entries past the broken one are still checked
    assert err.value.follow_ons == []  # report-2020 is still declared: its citers are fine


def test_a_bibliography_that_cannot_be_read_is_named_first_and_its_follow_ons_counted(
    corpus_dir,
):
    (corpus_dir / "sources.yml").write_text("sources:\n  - id: report-2020\n", encoding="utf-8")
    (corpus_dir / "alpha.md").write_text(
        (corpus_dir / "alpha.md").read_text(encoding="utf-8").replace("level: national", "level: 7")
    )
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    first, *rest = err.value.problems
    assert (first.file.endswith("sources.yml"), first.message) == (
        True,
        "expected a list of entries",
    )
    assert [p.field for p in rest] == ["level"]  # a problem of its own is still listed
    assert err.value.follow_ons and all(p.follows == "sources.yml" for p in err.value.follow_ons)
    files = len({p.file for p in err.value.follow_ons})
    assert str(err.value).splitlines()[-1] == (
        f"  and {len(err.value.follow_ons)} follow-on problems in {files} files: fix these first"
    )


def test_a_case_file_with_several_yaml_errors_reports_each_and_checks_its_other_fields(
    corpus_dir,
):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace("title: Alpha sets a new goal", "title: Alpha: sets: a goal")
    text = text.replace("level: national", "level: 'national")
    text = text.replace("period: {start: 2010", "period: {start: late 2000s")
    alpha.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    lines = text.splitlines()
    reported = [(p.line, p.field) for p in err.value.problems]
    assert (lines.index("title: Alpha: sets: a goal") + 1, "title") in reported  # its field
    assert any(line == lines.index("level: 'national") + 1 for line, _ in reported)
    assert "period.start" in {f for _, f in reported}  # checked past the two YAML errors
    missing = [p.field for p in err.value.problems if p.message == "Field required"]
    assert not {"title", "level"} & set(missing)  # not also "missing"
