"""The brief: a real kernel, a standalone page with every section, offline, safe, atomic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import offline_page

from casebook.brief import Brief, make_brief
from casebook.cli import main
from casebook.corpus import load_corpus
from casebook.errors import ContentError, UsageError
from casebook.themes import Theme

SECTIONS = (
    "Introduction",
    "Story",
    "Perspectives",
    "Examples",
    "Insights",
    "Questions / What's next",
    "Useful links",
)


@pytest.fixture(scope="module")
def brief_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefs")
    [path] = make_brief("shared-purpose", out=out)
    assert path == out / "shared-purpose.html"
    return path


def test_the_brief_has_every_section_in_order(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert [h.replace("&#x27;", "'") for h in headings] == list(SECTIONS)
    assert "<h1>Shared purpose</h1>" in html


def test_the_brief_has_no_code_and_loads_nothing_from_the_network(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    assert "Brief.load" not in html and "jp-InputArea" not in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=[\"']https?:", html)
    # (plotly.js itself is inline; it names CDNs in strings it never fetches here, which the
    # browser test below checks by blocking every request.)


def test_every_citation_points_at_a_listed_source(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    cited = {int(n) for n in re.findall(r'href="#ref-(\d+)"', html)}
    listed = {int(n) for n in re.findall(r'<li id="ref-(\d+)"', html)}
    assert cited and cited == listed == set(range(1, len(listed) + 1))


def test_the_brief_draws_offline_in_a_real_browser(brief_html, tmp_path):
    with offline_page() as page:
        page.goto(brief_html.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
        bars = page.locator(".js-plotly-plot .bars path").count()
        page.screenshot(path=str(tmp_path / "brief.png"))
        assert page.errors == []
        assert page.blocked == []  # the page asked for nothing beyond itself
    assert bars > 0


def test_unknown_theme_lists_the_available_ones(capsys):
    with pytest.raises(UsageError, match=r"no theme 'nope' in themes; available: .*shared-purpose"):
        make_brief("nope")
    assert main(["brief", "nope"]) == 1
    assert "available:" in capsys.readouterr().err


def test_unknown_format_lists_the_available_ones():
    with pytest.raises(UsageError, match="unknown format docx; available: html"):
        make_brief("shared-purpose", formats=["docx"])


def test_a_failed_brief_leaves_the_previous_one(corpus_dir, tmp_path):
    out = tmp_path / "briefs"
    out.mkdir()
    previous = out / "shared-purpose.html"
    previous.write_text("the previous brief")
    broken = corpus_dir / "alpha.md"
    broken.write_text(broken.read_text().replace("level: national", "level: nowhere"))
    with pytest.raises(ContentError):
        make_brief("shared-purpose", source=corpus_dir, out=out)
    assert previous.read_text() == "the previous brief"
    assert [p.name for p in out.iterdir()] == ["shared-purpose.html"]


def test_hostile_text_in_a_case_file_stays_inert(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace(
            "Alpha announced a goal [@report-2020]",
            'Alpha <script>alert("x")</script> announced <a href="javascript:alert(1)">a goal</a> '
            "[bad](javascript:alert(2)) [@report-2020]",
        )
    )
    corpus = load_corpus(corpus_dir)
    theme = Theme(
        id="t",
        title="T",
        framing_questions=["Q?"],
        lead_case="alpha",
        closing_questions=["Q?"],
        introduction="<iframe src=x></iframe> Intro.",
    )
    brief = Brief(theme, corpus)
    html = brief.story().html + brief.introduction().html
    assert "<script" not in html and "<iframe" not in html
    assert '<a href="javascript' not in html  # shown as escaped text, never a live link
    assert "&lt;script&gt;" in html


def test_examples_and_insights_follow_the_selection(corpus_dir):
    corpus = load_corpus(corpus_dir)
    theme = Theme.model_validate(
        {
            "id": "t",
            "title": "T",
            "framing_questions": ["Q?"],
            "lead_case": "alpha",
            "closing_questions": ["Q?"],
            "selection": {"approaches": ["bottom-up"]},
        }
    )
    brief = Brief(theme, corpus)
    assert list(brief.selected["id"]) == ["beta"]
    examples = brief.examples().html
    assert "Beta&#x27;s communities define a purpose" in examples and "Alpha" not in examples
    text = brief.insights()[0].html
    assert "This brief covers 1 case with 2 interventions, 1 of them at the deepest" in text
    assert "1 bottom-up" in text and "1 anecdotal" in text
