"""The loader on good and bad files: every error names the file, line, field and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.content.corpus import load_corpus
from casebook.errors import ContentError


def load(corpus_dir: Path):
    return load_corpus(corpus_dir)


def problems(corpus_dir: Path) -> str:
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    return str(err.value)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_corpus_loads(corpus_dir):
    corpus = load(corpus_dir)
    assert [c.id for c in corpus.cases] == ["alpha", "beta"]
    alpha = corpus.case("alpha")
    assert alpha.leverage_points == [3, 6, 12]
    assert alpha.place.region == "North" and alpha.period.end == 2015
    assert alpha.timeline[1].date == "2010"  # an unquoted year is read as a date string
    assert alpha.outcomes[0].result.value == 55.5
    assert alpha.sections["Story"].startswith("Alpha announced a goal")
    assert set(alpha.sections) == {"Story", "Open questions"}
    assert corpus.sources["blog-undated"].undated is True
    assert corpus.perspectives[0].cases == ["alpha"]
    assert ("## Story", "blog-undated") in alpha.cited_sources()


def test_a_misspelt_required_field_is_one_problem_with_the_field_it_means(corpus_dir):
    edit(corpus_dir / "alpha.md", "    leverage_point: 6\n", "    leverage_piont: 6\n")
    report = problems(corpus_dir)
    assert report.startswith("1 problem in 1 file:")  # not also "leverage_point: Field required"
    assert (
        "alpha.md:29: interventions[1].leverage_piont: unknown field 'leverage_piont'; "
        "did you mean 'leverage_point'?\n    fix: rename it to 'leverage_point'"
    ) in report


def test_unknown_field_names_file_line_and_allowed_fields(corpus_dir):
    edit(corpus_dir / "alpha.md", "    start: 2011\n", "    started_on: 2011\n")
    report = problems(corpus_dir)
    assert "alpha.md:31: interventions[1].started_on: unknown field 'started_on'\n" in report
    assert (
        "fields allowed here: id, what, leverage_point, rationale, alternatives, start, end, sources"
        in report
    )


def test_leverage_point_outside_the_taxonomy(corpus_dir):
    edit(corpus_dir / "alpha.md", "    leverage_point: 12\n", "    leverage_point: 13\n")
    report = problems(corpus_dir)
    assert (
        "alpha.md:35: interventions[2].leverage_point: '13' is not a number from 1 to 12" in report
    )
    assert "fix: write the point's number, from 12" in report


def test_every_problem_in_every_file_is_reported_at_once(corpus_dir):
    edit(corpus_dir / "alpha.md", "level: national", "level: planetary")
    edit(corpus_dir / "alpha.md", "  type: top-down", "  type: sideways")
    edit(corpus_dir / "beta.md", "  grade: anecdotal", "  grade: excellent")
    report = problems(corpus_dir)
    assert report.startswith("3 problems in 2 files:")
    assert (
        "alpha.md:5: level: 'planetary' is not in the taxonomy's levels; allowed: national, regional"
        in report
    )
    assert (
        "alpha.md:12: approach.type: 'sideways' is not in the taxonomy's approaches; allowed: top-down, mixed, bottom-up"
        in report
    )
    assert (
        "beta.md:14: evidence.grade: 'excellent' is not in the taxonomy's evidence grades" in report
    )


def test_yaml_syntax_error_names_the_line(corpus_dir):
    edit(
        corpus_dir / "beta.md",
        "  initiated_by: a community network",
        "  initiated_by: [a community network",
    )
    report = problems(corpus_dir)
    assert (
        "beta.md:11: approach: the YAML does not parse: while parsing a flow sequence (begun on "
        "line 10)" in report
    )
    assert "fix: check indentation, colons and quotes on this line" in report


def test_a_flow_mapping_with_an_unquoted_comma_is_caught(corpus_dir):
    edit(
        corpus_dir / "alpha.md",
        "unit: percent, year: 2015}",
        "unit: percent of 1,000 pupils, year: 2015}",
    )
    report = problems(corpus_dir)
    assert "alpha.md:45: outcomes[0].result.000 pupils: unknown field '000 pupils'" in report


def test_missing_front_matter(corpus_dir):
    (corpus_dir / "gamma.md").write_text("## Story\n\nNo front matter.\n", encoding="utf-8")
    report = problems(corpus_dir)
    assert "gamma.md:1: the file does not start with YAML front matter" in report


def test_front_matter_that_never_closes_still_has_its_other_mistakes_reported(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    head, fence, body = text.partition("\n---\n\n## Story")
    assert fence, "the fixture's closing fence was not found"
    head = head.replace("level: national", "level: planetary")
    head = head.replace("leverage_point: 3", "leverage_point: 13")
    alpha.write_text(head + "\n\n## Story" + body, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    report = str(err.value)
    story = (head + "\n\n## Story").count("\n") + 1
    assert f"alpha.md:{story}: the front matter has no closing '---' line" in report
    assert f"fix: add a line '---' after the last YAML field (before line {story})" in report
    # one run lists the file's other mistakes too
    assert "level" in report and "planetary" in report
    assert "leverage_point" in report and "13" in report
    assert len(err.value.problems) == 3


def test_id_must_match_the_file_name(corpus_dir):
    (corpus_dir / "beta.md").rename(corpus_dir / "gamma.md")
    edit(corpus_dir / "alpha.md", "related: [beta]", "related: []")
    report = problems(corpus_dir)
    assert "gamma.md:2: id: the id 'beta' differs from the file name 'gamma'" in report
    assert "fix: rename the file to beta.md or set id: gamma" in report


def test_unknown_source_references_are_reported_with_their_field(corpus_dir):
    edit(
        corpus_dir / "alpha.md",
        "    sources: [report-2020, blog-undated]",
        "    sources: [report-2020, blog-missing]",
    )
    edit(
        corpus_dir / "alpha.md",
        "published results [@report-2020; @blog-undated]",
        "published results [@nowhere]",
    )
    report = problems(corpus_dir)
    assert "alpha.md:32: interventions[1].sources[1]: no source has id 'blog-missing'" in report
    assert "alpha.md:74: ## Story: no source has id 'nowhere'" in report  # its line
    assert "fix: add it to casestudies/sources.yml or correct the id" in report


def test_a_citation_without_at_sign_in_front_matter(corpus_dir):
    edit(
        corpus_dir / "beta.md",
        "  rationale: Communities started and led it.",
        "  rationale: Communities started and led it [seed-003].",
    )
    report = problems(corpus_dir)
    assert "beta.md:11: approach.rationale: a citation is written without '@'" in report


def test_disputed_needs_a_disagreement(corpus_dir):
    path = corpus_dir / "alpha.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("    disagreements:")
    end = text.index("timeline:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    report = problems(corpus_dir)
    assert "outcomes[0]: certainty is 'disputed' but no disagreements are recorded" in report


def test_sections_are_checked(corpus_dir):
    edit(corpus_dir / "beta.md", "## Story\n", "## Storry\n")
    report = problems(corpus_dir)
    assert "beta.md:37: ## Storry: unknown section heading" in report
    assert "fix: use one of: Story, Purpose, Approach, Evidence, Open questions, Notes" in report
    assert "## Story: the section is missing or empty" in report


def test_ids_are_unique_across_cases(corpus_dir):
    edit(corpus_dir / "beta.md", "  - id: beta-network", "  - id: alpha-goal")
    report = problems(corpus_dir)
    assert "interventions[1].id: the id 'alpha-goal' is also used in" in report


def test_related_cases_must_exist(corpus_dir):
    edit(corpus_dir / "beta.md", "related: [alpha]", "related: [alpha, omega, beta]")
    report = problems(corpus_dir)
    assert "beta.md:28: related[1]: no case has id 'omega'" in report
    assert "beta.md:28: related[2]: a case cannot be related to itself" in report


def test_a_public_source_needs_year_and_address(corpus_dir):
    path = corpus_dir / "sources.yml"
    edit(
        path,
        "  year: 2020\n  type: evaluation\n  language: en\n  url: https://example.org/report\n",
        "  type: evaluation\n  language: en\n",
    )
    report = problems(corpus_dir)
    assert "sources.yml:8: report-2020.url: a public source needs year and url" in report
    assert "as archive_url" in report and "'undated: true'" in report


def test_slugs_and_dates_are_checked(corpus_dir):
    edit(corpus_dir / "alpha.md", "  - id: alpha-funding", "  - id: Alpha_Funding")
    edit(corpus_dir / "alpha.md", '  - date: "2011-03"', '  - date: "March 2011"')
    report = problems(corpus_dir)
    assert "interventions[2].id: String should match pattern" in report
    assert "fix: use lowercase letters, digits and single hyphens" in report
    assert (
        "timeline[0].date: 'March 2011' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        in report
    )


def test_perspective_and_quote_references(corpus_dir):
    edit(corpus_dir / "perspectives.yml", "  cases: [alpha]", "  cases: [nobody]")
    edit(corpus_dir / "quotes.yml", "  source: seed-003", "  source: seed-999")
    report = problems(corpus_dir)
    assert "perspectives.yml:8: speaker-one.cases[0]: no case has id 'nobody'" in report
    assert "quotes.yml:5: quote-one.source: no source has id 'seed-999'" in report


def test_seed_sources_must_name_a_seed_file(corpus_dir, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "003_1a9bc7431defb954.txt").write_text("a seed\n", encoding="utf-8")
    edit(corpus_dir / "sources.yml", "file: 003_1a9bc7431defb954.txt", "file: 003_missing.txt")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir, seeds=seeds)
    assert "seed-003.file: no seed document is named '003_missing.txt'" in str(err.value)


def test_without_the_seed_documents_the_build_says_what_it_could_not_check(corpus_dir, tmp_path):
    corpus = load_corpus(corpus_dir, seeds=tmp_path / "nowhere")
    [warning] = [w for w in corpus.warnings if "seed documents" in w]
    assert "not found" in warning and "CASEBOOK_SEEDS" in warning


def test_templates_and_readme_are_not_cases(corpus_dir):
    (corpus_dir / "_template.md").write_text("---\nid: nonsense\n---\n", encoding="utf-8")
    (corpus_dir / "README.md").write_text("# Guide\n", encoding="utf-8")
    assert [c.id for c in load(corpus_dir).cases] == ["alpha", "beta"]


def test_the_contributor_template_is_a_valid_case(corpus_dir):
    from casebook import paths

    template = (paths.CASESTUDIES / "_template.md").read_text(encoding="utf-8")
    (corpus_dir / "template.md").write_text(template, encoding="utf-8")
    case = load(corpus_dir).case("template")
    assert case.leverage_points == [3, 6]
    assert ("approach.rationale", "seed-003") in case.cited_sources()


def test_claims_are_loaded_and_their_sources_checked(corpus_dir):
    claim = load(corpus_dir).claims[0]
    assert claim.id == "goals-matter" and claim.sources == ["meadows-1999", "report-2020"]
    edit(
        corpus_dir / "claims.yml",
        "sources: [meadows-1999, report-2020]",
        "sources: [meadows-1999, nowhere-2020]",
    )
    edit(corpus_dir / "claims.yml", "cases: [alpha]", "cases: [zeta]")
    report = problems(corpus_dir)
    assert "claims.yml:3: goals-matter.sources: no source has id 'nowhere-2020'" in report
    assert "claims.yml:4: goals-matter.cases[0]: no case has id 'zeta'" in report


def test_a_repeated_key_is_reported(corpus_dir):
    edit(corpus_dir / "beta.md", "level: municipal\n", "level: municipal\nlevel: school\n")
    report = problems(corpus_dir)
    assert "beta.md:6: level: a key appears twice" in report and "keep one of them" in report


@pytest.mark.parametrize(
    "authors, message",
    [
        (
            "  author: Test Organisation\n",
            "sources.yml:8: report-2020: 'author' is now 'authors', a list: people as "
            "{family: ..., given: ...}, organisations as {name: ...}",
        ),
        (
            "  authors: [{family: Writer, name: Test Organisation}]\n",
            "sources.yml:10: report-2020.authors[0]: an author is a person ({family: ..., "
            "given: ...}) or an organisation ({name: ...}): give family or name, not both",
        ),
        (
            "  authors: [{name: Test Organisation, given: Ann}]\n",
            "report-2020.authors[0]: an organisation has no given name",
        ),
        (
            "  authors: Test Organisation\n",
            "report-2020.authors: authors written as text ('Test Organisation')",
        ),
        ("  authors: [{surname: Writer}]\n", "report-2020.authors[0].surname"),
    ],
)
def test_authors_are_people_or_organisations_in_a_list(corpus_dir, authors, message):
    edit(corpus_dir / "sources.yml", "  authors: [{name: Test Organisation}]\n", authors)
    assert message in problems(corpus_dir)


def test_a_source_language_must_be_in_the_taxonomy(corpus_dir):
    edit(
        corpus_dir / "sources.yml",
        "  type: evaluation\n  language: en\n",
        "  type: evaluation\n  language: english\n",
    )
    report = problems(corpus_dir)
    assert (
        "report-2020.language: 'english' is not in the taxonomy's languages; allowed: en, es, fr, pt"
        in report
    )
