"""A theme's authored answers: one per framing question, takeaways for three audiences,
case links the build checks, and paragraphs a filtered brief leaves out with their cases."""

from __future__ import annotations

import html
import re

import pytest
from conftest import FIXTURE_THEME

from casebook import paths
from casebook.brief.sections import Brief
from casebook.content.themes import AUDIENCES, apply_where, available_themes, load_theme
from casebook.errors import ContentError

ANSWERS = """
## Insights

### Which cases changed their goals?

[Alpha](#alpha) declared literacy its goal [@report-2020].

[Beta](#beta)'s communities wrote their own purpose.

## Takeaways

### For system leaders

Ask first, as [Beta](#beta) did.

### For organisations

Measure from the start.

### For practitioners

Listen [@report-2020].

## What's next

### What next?

Which goal would [Alpha](#alpha) set today?
"""


def write(tmp_path, monkeypatch, text: str) -> str:
    themes = tmp_path / "themes"
    themes.mkdir(exist_ok=True)
    (themes / "fixture.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "THEMES", themes)
    return "fixture"


def words(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_answers_takeaways_and_next_steps_are_read(tmp_path, monkeypatch, fixture_corpus):
    theme = load_theme(write(tmp_path, monkeypatch, FIXTURE_THEME + ANSWERS), fixture_corpus)
    assert [p.heading for p in theme.answers] == ["Which cases changed their goals?"]
    assert [b.cases for b in theme.answers[0].blocks] == [["alpha"], ["beta"]]
    assert [p.heading for p in theme.takeaways] == list(AUDIENCES)
    brief = Brief(theme, fixture_corpus)
    insights = words(brief.insights()[0].html)
    # the reader sees the case's name, not the link
    assert "Alpha declared literacy its goal" in insights and "(#alpha)" not in insights
    assert "Ask first, as Beta did." in words(brief.takeaways().html)
    assert "Which goal would Alpha set today?" in words(brief.questions().html)


def test_a_filtered_brief_leaves_out_paragraphs_naming_cases_it_left_out(
    tmp_path, monkeypatch, fixture_corpus
):
    theme = load_theme(write(tmp_path, monkeypatch, FIXTURE_THEME + ANSWERS), fixture_corpus)
    brief = Brief(apply_where(theme, ["approach=bottom-up"], fixture_corpus), fixture_corpus)
    text = words(brief.insights()[0].html) + words(brief.questions().html)
    assert "Alpha" not in text
    assert "Beta's communities wrote their own purpose." in text
    only_alpha = apply_where(theme, ["approach=top-down"], fixture_corpus)
    takeaways = words(Brief(only_alpha, fixture_corpus).takeaways().html)
    assert "Beta" not in takeaways and "Measure from the start." in takeaways
    # a question whose every paragraph is left out says so instead of going silent
    lone = ANSWERS.replace("\n[Beta](#beta)'s communities wrote their own purpose.\n", "")
    theme = load_theme(write(tmp_path, monkeypatch, FIXTURE_THEME + lone), fixture_corpus)
    brief = Brief(apply_where(theme, ["approach=bottom-up"], fixture_corpus), fixture_corpus)
    assert "No case in this edition speaks to this question." in words(brief.insights()[0].html)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("### Which cases changed their goals?", "### Another question?"), "is not expected"),
        (("[Alpha](#alpha)", "[Gamma](#gamma)"), "the link '(#gamma)' names no case"),
        (("## Insights\n", "## Insights\n\nStray words.\n"), "text before the first '### '"),
        (
            ("### For organisations\n\nMeasure from the start.\n", ""),
            "nothing answers 'For organisations'",
        ),
        (("@report-2020]", "@nowhere]"), "no source has id 'nowhere'"),
    ],
)
def test_the_build_checks_the_answers(tmp_path, monkeypatch, fixture_corpus, change, message):
    text = FIXTURE_THEME + ANSWERS.replace(*change)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_theme(write(tmp_path, monkeypatch, text), fixture_corpus)


def test_a_case_outside_the_selection_is_refused_with_its_line(
    tmp_path, monkeypatch, fixture_corpus
):
    text = (FIXTURE_THEME + ANSWERS).replace(
        "lead_case: alpha\n", "lead_case: alpha\nselection:\n  approaches: [top-down]\n"
    )
    text = text.replace("[Beta](#beta) did", "Beta did")
    with pytest.raises(ContentError) as raised:
        load_theme(write(tmp_path, monkeypatch, text), fixture_corpus)
    problem = next(p for p in raised.value.problems if "beta" in p.message)
    assert "not in the theme's selection" in problem.message
    line = text.split("\n")[problem.line - 1]
    assert line.startswith("[Beta](#beta)'s communities")


@pytest.mark.parametrize("theme_id", ["shared-purpose", "top-down-vs-bottom-up"])
def test_the_comparison_themes_answer_every_question(real_corpus, theme_id):
    theme = load_theme(theme_id, real_corpus)
    assert [p.heading for p in theme.answers] == theme.framing_questions
    assert [p.heading for p in theme.takeaways] == list(AUDIENCES)
    assert all(any(b.cases for b in p.blocks) for p in theme.answers[:1])
    assert theme_id in available_themes()
