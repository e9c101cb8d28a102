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
