"""One selection, honoured everywhere: ``--where`` takes ids and names in any case, a case
the theme leaves out is refused rather than dropped, and every section of a filtered brief
speaks only of the cases the filter keeps."""

from __future__ import annotations

import html
import re

import pytest
from conftest import make_theme

from casebook.analysis import crosscase as analysis
from casebook.brief.sections import Brief
from casebook.cli import main
from casebook.content.selection import Selection, let_through, parse_where, where_values
from casebook.content.themes import apply_where
from casebook.errors import UsageError


def values(corpus):
    return where_values(corpus.taxonomy, corpus.cases)


@pytest.mark.parametrize(
    ("given", "field", "stored"),
    [
        ("country=peru", "countries", "Peru"),
        ("country=Peru", "countries", "Peru"),
        ("COUNTRY=PERU", "countries", "Peru"),
        ("approach=Bottom-up", "approaches", "bottom-up"),
        ("approach=BOTTOM-UP", "approaches", "bottom-up"),
        ("grade=Moderate", "grades", "moderate"),
        ("level=national", "levels", "national"),
        ("characteristic=Intent", "characteristics", "intent"),
        ("leverage_point=3", "leverage_points", 3),
        ("leverage_point=the Goals of the System", "leverage_points", 3),
        ("case=Alpha sets a new goal", "cases", "alpha"),
        ("case=ALPHA", "cases", "alpha"),
    ],
)
def test_every_field_takes_ids_and_names_in_any_case(fixture_corpus, given, field, stored):
    assert getattr(parse_where([given], values(fixture_corpus)), field) == [stored]


def test_an_unknown_value_lists_the_ids(fixture_corpus):
    with pytest.raises(UsageError, match=r"unknown country; valid values: Nepal, Peru"):
        parse_where(["country=Atlantis"], values(fixture_corpus))


def test_a_case_the_theme_leaves_out_is_refused(fixture_corpus):
    theme = make_theme(selection={"approaches": ["top-down"]})
    assert apply_where(theme, ["case=alpha"], fixture_corpus).filters.cases == ["alpha"]
    with pytest.raises(UsageError, match=r"does not cover beta \(Beta's communities"):
        apply_where(theme, ["case=alpha", "case=beta"], fixture_corpus)
    # the explorer's "brief from this selection" replaces the theme's selection: no refusal
    replaced = apply_where(theme, ["case=beta"], fixture_corpus, replace=True)
    assert replaced.filters.cases == ["beta"] and replaced.selection.is_empty()


def test_the_command_says_so_and_exits_1(no_kernel, corpus_dir, tmp_path, capsys, monkeypatch):
    from casebook import paths

    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "td.md").write_text(
        "---\nid: td\ntitle: T\nframing_questions:\n  - Which?\nlead_case: alpha\n"
        "selection:\n  approaches: [top-down]\nclosing_questions:\n  - What next?\n---\n\n"
        "## Introduction\n\nText [@report-2020].\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "THEMES", themes)
    out = tmp_path / "briefs"
    status = main(
        ["brief", "td", "--source", str(corpus_dir), "--out", str(out), "--where", "case=beta"]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "does not cover beta" in err and "Traceback" not in err
    assert not out.exists()


def test_let_through_keeps_a_vocabulary_in_its_order():
    chosen = [Selection(approaches=["bottom-up", "mixed"]), Selection()]
    assert let_through(chosen, "approaches", ["top-down", "mixed", "bottom-up"]) == [
        "mixed",
        "bottom-up",
    ]
    assert let_through([Selection()], "approaches", ["a", "b"]) == ["a", "b"]


def words(section) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section.html)).split())


def test_every_section_of_a_filtered_brief_speaks_only_of_its_cases(fixture_corpus):
    brief = Brief(apply_where(make_theme(), ["approach=bottom-up"], fixture_corpus), fixture_corpus)
    assert brief.selected_ids == {"beta"}
    sections = {
        "story": brief.story(),
        "perspectives": brief.perspectives(),
        "evidence": brief.evidence(),
        "examples": brief.examples(),
        "about": brief.about_evidence(),
    }
    for name, section in sections.items():
        assert "Alpha" not in words(section), name
    # the perspective and the claim linked only to alpha are left out; beta's quotation stays
    assert "Speaker One" not in words(sections["perspectives"])
    assert "Only the hood can save the hood" in words(sections["perspectives"])
    assert "Changing a system's goals" not in words(sections["evidence"])
    # the unfiltered brief has them
    whole = Brief(make_theme(), fixture_corpus)
    assert "Speaker One" in words(whole.perspectives())
    assert "Changing a system's goals" in words(whole.evidence())


def test_the_gap_map_leaves_filtered_out_categories_out(fixture_corpus, fixture_tables):
    brief = Brief(
        apply_where(make_theme(), ["approach=bottom-up", "characteristic=intent"], fixture_corpus),
        fixture_corpus,
    )
    charts = [part for part in brief.insights() if hasattr(part, "figure")]
    gap = next(c.figure for c in charts if "gap" in c.caption.lower())
    drawn = {x for trace in gap.data for x in (trace.x or ())}
    rows = {y for trace in gap.data for y in (trace.y or ())}
    assert drawn == {"bottom-up"}
    assert rows == {"intent"}
    # the analysis keeps every category when asked for all
    full = analysis.gap_map(brief.selected, fixture_tables["interventions"], fixture_tables)
    assert set(full["approach"]) == {"top-down", "mixed", "bottom-up"}
