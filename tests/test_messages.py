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


AUTHORS = "  authors: [{name: Test Organisation}]"


@pytest.mark.parametrize(
    ("written", "proposed"),
    [
        ('"Colbert, V."', ["{family: Colbert, given: V.}"]),
        ("[Colbert, V.]", ["{family: Colbert, given: V.}"]),
        (
            "[Colbert, V., Chiappe, C.]",
            ["{family: Colbert, given: V.}", "{family: Chiappe, given: C.}"],
        ),
        (
            "Colbert, V. and Chiappe, C.",
            ["{family: Colbert, given: V.}", "{family: Chiappe, given: C.}"],
        ),
        (
            "[Vicky Colbert, Clemencia Chiappe]",
            ["{family: Colbert, given: Vicky}", "{family: Chiappe, given: Clemencia}"],
        ),
        ("[Henrik von Wehrden]", ["{family: von Wehrden, given: Henrik}"]),
        ("[World Bank, UNESCO]", ["{name: World Bank}", "{name: UNESCO}"]),
        ("The Globe and Mail", ["{name: The Globe and Mail}"]),
        ('"Ministry of Education, Colombia"', ['{name: "Ministry of Education, Colombia"}']),
    ],
)
def test_authors_written_as_text_get_one_problem_proposing_the_structured_form(
    corpus_dir, written, proposed
):
    error = report_after(corpus_dir, AUTHORS, f"  authors: {written}", "sources.yml")
    [problem] = error.problems  # one for the list, however many items YAML made of it
    assert (problem.field, problem.line) == ("report-2020.authors", 10)
    assert problem.message.startswith("authors written as text")
    assert "{family: ..., given: ...}" in problem.message and "{name: ...}" in problem.message
    assert problem.fix.splitlines()[1:] == ["authors:", *(f"  - {a}" for a in proposed)]
    # the proposal, pasted in as it is shown, is a valid bibliography entry
    sources = corpus_dir / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    block = "\n".join("  " + line for line in problem.fix.splitlines()[1:])
    sources.write_text(text.replace(f"  authors: {written}", block), encoding="utf-8")
    assert load_corpus(corpus_dir).sources["report-2020"].authors


def test_an_author_with_another_tools_keys_is_pointed_to_ours(corpus_dir):
    error = report_after(
        corpus_dir, AUTHORS, "  authors: [{surname: Writer, first_name: Ann}]", "sources.yml"
    )
    messages = {p.field: p.message for p in error.problems}
    assert messages["report-2020.authors[0].surname"].endswith("did you mean 'family'?")
    assert messages["report-2020.authors[0].first_name"].endswith("did you mean 'given'?")


def test_a_misspelt_key_in_a_source_gets_the_closest_keys_and_the_keys_allowed(corpus_dir):
    error = report_after(
        corpus_dir, "  organisation: Test Organisation", "  orgnisation: Test", "sources.yml"
    )
    [problem] = error.problems
    assert problem.message == "unknown field 'orgnisation'; did you mean 'organisation'?"
    assert "fields allowed here: id, title, authors, organisation" in problem.fix


def test_an_unknown_key_like_nothing_allowed_lists_what_is_allowed(corpus_dir):
    error = report_after(corpus_dir, "  grade: moderate", "  grade: moderate\n  colour: red")
    [problem] = error.problems
    assert problem.message == "unknown field 'colour'"
    assert problem.fix == "correct its spelling or remove it; fields allowed here: grade, reason"


def test_a_misspelt_case_key_is_one_problem_not_also_a_missing_field(corpus_dir):
    error = report_after(corpus_dir, "\nlevel: national", "\nlevle: national")
    [problem] = error.problems
    assert (problem.field, problem.line) == ("levle", 5)
    assert problem.message == "unknown field 'levle'; did you mean 'level'?"
    assert problem.fix.startswith("rename it to 'level'")


@pytest.mark.parametrize(
    ("old", "new", "field", "meant"),
    [
        ("level: national", "level: nationl", "level", "national"),
        (
            "actors: [government, teachers]",
            "actors: [goverment, teachers]",
            "actors[0]",
            "government",
        ),
        ("domain: learning", "domain: lerning", "outcomes[0].domain", "learning"),
        ("direction: improved", "direction: improve", "outcomes[0].direction", "improved"),
        ("certainty: disputed", "certainty: dispute", "outcomes[0].certainty", "disputed"),
    ],
)
def test_a_misspelt_value_gets_the_closest_allowed_value(corpus_dir, old, new, field, meant):
    error = report_after(corpus_dir, old, new)
    [problem] = [p for p in error.problems if p.field == field]
    assert f"did you mean '{meant}'?" in problem.message


def test_a_value_like_nothing_allowed_gets_no_guess(corpus_dir):
    error = report_after(corpus_dir, "level: national", "level: planetary")
    [problem] = error.problems
    assert "did you mean" not in problem.message


def test_a_source_without_an_address_is_told_of_archive_url_in_the_same_run_as_its_other_faults(
    corpus_dir,
):
    error = report_after(
        corpus_dir,
        "  url: https://example.org/report\n",
        "  colour: red\n",
        "sources.yml",
    )
    found = {p.field: p for p in error.problems}
    assert set(found) == {"report-2020.colour", "report-2020.url"}
    address = found["report-2020.url"]
    assert address.message.startswith("a public source needs url")
    assert "as archive_url" in address.fix and "library catalogue" in address.fix
    assert address.line == 8  # the entry's first line: the field is not there to point at


@pytest.mark.parametrize("section", ["Story", "Open questions"])
def test_an_unknown_citation_in_any_section_is_named_with_its_line(corpus_dir, section):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        text.replace(f"## {section}\n\n", f"## {section}\n\nFirst.\n\nSecond [@nowhere-2099].\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    [problem] = err.value.problems
    lines = alpha.read_text(encoding="utf-8").splitlines()
    assert (problem.field, problem.line) == (
        f"## {section}",
        lines.index("Second [@nowhere-2099].") + 1,
    )


def test_an_unknown_citation_is_named_when_the_front_matter_fails_too(corpus_dir):
    error = report_after(
        corpus_dir, "published results [@report-2020; @blog-undated]", "results [@nowhere]"
    )
    assert [p.field for p in error.problems] == ["## Story"]
    error = report_after(corpus_dir, "level: national", "level: 7")
    assert sorted(p.field for p in error.problems) == ["## Story", "level"]


def test_a_source_named_by_its_title_is_one_problem_not_also_an_unknown_source(corpus_dir):
    error = report_after(corpus_dir, "  source: report-2020", "  source: A Test Report")
    assert [p.field for p in error.problems] == ["purpose.source"]


def test_a_proposal_keeps_its_lines_in_the_report_and_on_one_line(corpus_dir):
    error = report_after(corpus_dir, AUTHORS, '  authors: "Colbert, V."', "sources.yml")
    [problem] = error.problems
    assert "\n         authors:\n           - {family: Colbert, given: V.}" in str(problem)
    assert "\n" not in problem.one_line()
    assert problem.one_line().endswith("publication: authors: - {family: Colbert, given: V.})")
