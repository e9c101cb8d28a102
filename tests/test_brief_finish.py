"""The finish of every shipped theme's brief, as a reader meets it: no space before
punctuation where a citation was removed, no "?." after a title that asks, no internal
words (file names, the auditor's terms), and leverage-point labels that stay apart in Word."""

from __future__ import annotations

import html
import re

import pytest

from casebook.brief.sections import Brief, Section
from casebook.content.themes import available_themes, load_theme

THEMES = available_themes()
# words of the casebook's workshop, not of a reader's brief
INTERNAL = re.compile(
    r"README|rubric|slug|front matter|case file|\.md\b|\.yml\b|casestudies/|data/taxonomy|"
    r"\bseed-\d{3}\b|\[@",
    re.IGNORECASE,
)


def brief_html(theme_id: str, corpus) -> str:
    brief = Brief(load_theme(theme_id, corpus), corpus)
    parts = [
        brief.header(),
        brief.introduction(),
        brief.story(),
        brief.perspectives(),
        brief.evidence(),
        brief.examples(),
        *[p for p in brief.insights() if isinstance(p, Section)],
        brief.questions(),
        brief.links(),
        brief.about_evidence(),
    ]
    return "".join(p.html for p in parts)


def reader_text(markup: str) -> str:
    """What a reader sees: citation markers and tags dropped, entities decoded."""
    markup = re.sub(r"<sup\b.*?</sup>", "", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture(scope="module", params=THEMES)
def shipped(request, real_corpus):
    return request.param, brief_html(request.param, real_corpus)


def test_no_space_before_punctuation(shipped):
    theme, markup = shipped
    text = reader_text(markup)
    stray = [
        text[max(0, m.start() - 40) : m.end() + 10] for m in re.finditer(r" [,.;:](?!\d)", text)
    ]
    assert not stray, f"{theme}: {stray[:5]}"


def test_no_full_stop_after_a_question_or_exclamation(shipped):
    theme, markup = shipped
    text = reader_text(markup)
    doubled = [text[max(0, m.start() - 40) : m.end() + 5] for m in re.finditer(r"[?!]\.", text)]
    assert not doubled, f"{theme}: {doubled[:5]}"


def test_no_internal_words_reach_the_reader(shipped):
    theme, markup = shipped
    text = reader_text(markup)
    found = [text[max(0, m.start() - 40) : m.end() + 20] for m in INTERNAL.finditer(text)]
    assert not found, f"{theme}: {found[:5]}"


def test_leverage_point_labels_stay_apart_in_word(shipped, tmp_path):
    import docx
    import pypandoc

    theme, markup = shipped
    target = tmp_path / "brief.docx"
    pypandoc.convert_text(markup, "docx", format="html", outputfile=str(target))
    labels = [
        p.text
        for p in docx.Document(str(target)).paragraphs
        if p.text.startswith("Leverage points:")
    ]
    assert labels, theme
    for label in labels:
        # "... of the system4 · The power ..." is two labels run together
        assert not re.search(r"[^\W\d]\d{1,2} · ", label), label


def test_a_dropped_citation_takes_its_space_along():
    from casebook.render.markup import markdown_inline

    assert str(markdown_inline("learning [@a], the end [@b; @c].")) == "learning, the end."
    assert str(markdown_inline("one\n[@a] two")) == "one two"


def test_about_the_evidence_reads_in_a_page_with_the_rest_one_click_away(real_corpus):
    for theme_id in THEMES:
        about = Brief(load_theme(theme_id, real_corpus), real_corpus).about_evidence().html
        shown, annex = about.split('<details class="annex">')
        assert len(reader_text(shown).split()) <= 1000, theme_id
        assert "<summary>" in annex and '<div class="about">' in annex, theme_id


def test_the_annex_reaches_word(real_corpus, tmp_path):
    import docx
    import pypandoc

    brief = Brief(load_theme("shared-purpose", real_corpus), real_corpus)
    target = tmp_path / "about.docx"
    pypandoc.convert_text(
        brief.about_evidence().html, "docx", format="html", outputfile=str(target)
    )
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    case = brief.corpus.case(brief.full_examples()[0])
    assert case.title in text and "The full account" in text
    assert reader_text(case.evidence.reason)[:40] in " ".join(text.split())
