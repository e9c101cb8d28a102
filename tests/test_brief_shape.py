"""What a brief shows on the hand-made corpus: which cases, in what order, what changed,
and a selection with no case refused before anything runs."""

from __future__ import annotations

import html
import re

import pytest
from conftest import make_theme

from casebook.brief.sections import Brief, EmptySelection
from casebook.cli import main
from casebook.content.themes import apply_where

theme = make_theme


def text(section) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", section.html))


def test_examples_lead_case_first_then_the_annex(fixture_corpus):
    brief = Brief(theme(examples=1), fixture_corpus)
    assert brief.ordered_ids() == ["alpha", "beta"]
    examples = brief.examples().html
    full, annex = examples.split('<table class="annex">')
    assert "<h3>Alpha sets a new goal</h3>" in full and "Beta" not in full
    assert "Beta&#39;s communities define a purpose" in annex


def test_what_changed_reads_as_a_sentence_and_says_disputed(fixture_corpus, corpus_dir):
    from casebook.content.corpus import load_corpus

    # without a kind of measure, the outcome is told in its own words
    examples = " ".join(text(Brief(theme(), fixture_corpus).examples()).split())
    assert "What changed: Reading rose (disputed)" in examples
    # with one, the template for its kind says it
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "    indicator: share of grade 2 pupils reading fluently\n",
            "    indicator: share of grade 2 pupils reading fluently\n    kind: share\n"
            "    measure: the share of grade 2 pupils reading fluently\n",
        ),
        encoding="utf-8",
    )
    examples = " ".join(text(Brief(theme(), load_corpus(corpus_dir)).examples()).split())
    assert (
        "What changed: The share of grade 2 pupils reading fluently rose from 40% in 2010 to "
        "55.5% in 2015 (disputed)" in examples
    )


def test_the_order_without_the_lead_case_is_by_evidence(fixture_corpus):
    # beta is anecdotal and alpha moderate: alpha first once beta is the lead no longer
    assert Brief(theme(lead_case="beta"), fixture_corpus).ordered_ids() == ["beta", "alpha"]
    narrowed = apply_where(theme(), ["approach=bottom-up"], fixture_corpus)
    assert Brief(narrowed, fixture_corpus).ordered_ids() == ["beta"]


def test_the_story_comes_from_the_selection(fixture_corpus):
    assert Brief(theme(), fixture_corpus).story_case().id == "alpha"
    narrowed = apply_where(theme(), ["approach=bottom-up"], fixture_corpus)
    brief = Brief(narrowed, fixture_corpus)
    assert brief.story_case().id == "beta"
    assert "<h3>Beta&#39;s communities define a purpose</h3>" in brief.story().html
    assert "looks only at the cases that match" in brief.introduction().html


def test_comparing_approaches_groups_examples_and_sets_two_side_by_side(fixture_corpus):
    examples = Brief(theme(compare_approaches=True), fixture_corpus).examples().html
    groups = re.findall(r'<h3 class="group">(.*?)</h3>', examples)
    assert groups == ["Top-down", "Bottom-up"]
    pair = examples.split('<table class="pair">')[1].split("</table>")[0]
    assert re.findall(r'<th scope="col">(.*?)</th>', pair)[1:] == [
        "Alpha sets a new goal",
        "Beta&#39;s communities define a purpose",
    ]


def test_the_appendix_holds_the_auditors_discussion(fixture_corpus):
    about = " ".join(text(Brief(theme(), fixture_corpus).about_evidence()).split())
    assert "Moderate. National statistics over time, no comparison group." in about
    assert "Disputed: Reading rose. The report is the primary source." in about


def test_a_selection_with_no_case_is_refused(fixture_corpus):
    empty = apply_where(theme(), ["approach=bottom-up", "level=national"], fixture_corpus)
    with pytest.raises(EmptySelection, match="approach=bottom-up, level=national"):
        Brief(empty, fixture_corpus)


def test_the_command_refuses_an_empty_selection_before_any_kernel(
    no_kernel, corpus_dir, fixture_theme, tmp_path, capsys
):
    out = tmp_path / "briefs"
    status = main(
        [
            "brief",
            "fixture",
            "--source",
            str(corpus_dir),
            "--out",
            str(out),
            "--where",
            "approach=bottom-up",
            "--where",
            "level=national",
        ]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "no case matches the theme 'fixture' with approach=bottom-up, level=national" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert no_kernel.started == 1  # started, as always, but no notebook ran


def test_a_comparing_brief_shows_every_approach_even_when_one_ranks_low(fixture_corpus):
    from casebook.brief.examples import balanced

    ordered = ["lead", "t1", "t2", "t3", "m1", "b1"]
    approach = {
        "lead": "top-down",
        "t1": "top-down",
        "t2": "top-down",
        "t3": "top-down",
        "m1": "mixed",
        "b1": "bottom-up",
    }
    order = ["top-down", "mixed", "bottom-up"]
    assert balanced(ordered, approach, order, 4) == ["lead", "t1", "m1", "b1"]
    assert balanced(ordered, approach, order, 6) == ["lead", "t1", "m1", "b1", "t2", "t3"]
    # with two cases in full, comparing shows one of each approach the selection holds
    brief = Brief(theme(compare_approaches=True, examples=2), fixture_corpus)
    assert brief.full_examples() == ["alpha", "beta"]


def test_who_led_reads_mid_sentence():
    from casebook.brief.examples import in_sentence

    assert in_sentence("The Ceará state government") == "the Ceará state government"
    assert in_sentence("A local planning team") == "a local planning team"
    assert in_sentence("UNICEF and the ministry") == "UNICEF and the ministry"
    assert in_sentence("Teach For Nepal") == "Teach For Nepal"


def test_the_appendix_says_how_far_two_codings_agree(real_corpus):
    from casebook.content.themes import load_theme

    brief = Brief(load_theme("shared-purpose", real_corpus), real_corpus)
    about = " ".join(text(brief.about_evidence()).split())
    assert "coded twice, both times by an automated reader (a large language model)" in about
    # the headline is the nominal alpha, read in Krippendorff's bands, never the ordinal one
    assert (
        "same point for 80% of the 121 interventions: Krippendorff's alpha 0.77, enough "
        "for tentative conclusions only" in about
    )
    assert "0.90" not in about
    assert "a consistency check, not a measure of how far independent people would agree" in about


def test_without_a_second_coding_the_appendix_says_nothing_of_one(fixture_corpus):
    about = text(Brief(theme(), fixture_corpus).about_evidence())
    assert "coded twice" not in about


def test_the_appendix_says_a_further_coder_reexamined_the_settlements(real_corpus):
    from casebook.content.themes import load_theme

    brief = Brief(load_theme("shared-purpose", real_corpus), real_corpus)
    about = " ".join(text(brief.about_evidence()).split())
    assert (
        "Where the two differed (24 interventions), a third coder, an automated reader (a large "
        "language model), shown both readings without knowing whose they were, settled each."
    ) in about
    assert (
        "a further coder, an automated reader (a large language model), re-examined 20 of the "
        "settled disagreements against the coding protocol's written decision rules, knowing "
        "which reading came first: it revised 2 and let 18 stand. As they now stand: 5 kept "
        "as first coded, 19 changed."
    ) in about
    assert "coder-4" not in about and "person" not in about.replace("not by a person", "")


def test_who_a_coder_was_is_said_as_the_coders_table_says_it():
    import pandas as pd

    from casebook.package.intercoder import who

    coders = pd.DataFrame({"id": ["a", "b", "c"], "kind": ["automated", "person", "person"]})
    assert who({"a"}, coders) == "an automated reader (a large language model)"
    assert who({"b"}, coders) == "a person"
    assert who({"b", "c"}, coders) == "people"
    assert who({"a", "b"}, coders) is None
    assert who({"z"}, coders) is None
    assert who({"a"}, None) is None


def test_featured_cases_follow_the_lead_case(fixture_corpus):
    # beta has weaker evidence than alpha, yet a theme that features it tells it first
    brief = Brief(theme(lead_case="missing", featured=["beta"]), fixture_corpus)
    assert brief.ordered_ids() == ["beta", "alpha"]
    brief = Brief(theme(examples=1, featured=["beta"]), fixture_corpus)
    assert brief.full_examples() == ["alpha"]
    note = " ".join(
        text(Brief(theme(examples=1, featured=["beta"]), fixture_corpus).examples()).split()
    )
    assert "the lead case first, then those with the strongest evidence" in note
    note = " ".join(
        text(
            Brief(
                theme(lead_case="missing", examples=1, featured=["beta"]), fixture_corpus
            ).examples()
        ).split()
    )
    assert "then those this brief's questions bring forward, then" in note


def test_a_featured_case_that_does_not_exist_is_reported(corpus_dir, capsys):
    from casebook.content.corpus import load_corpus
    from casebook.content.themes import load_theme
    from casebook.errors import ContentError

    folder = corpus_dir.parent / "themes"
    folder.mkdir(exist_ok=True)
    (folder / "t.md").write_text(
        "---\nid: t\ntitle: T\nframing_questions:\n  - Which one?\nlead_case: alpha\n"
        "featured: [alpha, nowhere]\nclosing_questions:\n  - What next?\n---\n\n"
        "## Introduction\n\nText.\n"
    )
    with pytest.raises(ContentError) as error:
        load_theme("t", load_corpus(corpus_dir), folder)
    assert "featured[1]" in str(error.value) and "no case has id 'nowhere'" in str(error.value)


def test_an_example_tells_what_the_case_did_at_the_themes_characteristics(fixture_corpus):
    shown = " ".join(
        text(
            Brief(theme(selection={"characteristics": ["design"]}), fixture_corpus).examples()
        ).split()
    )
    # alpha's design intervention (6) stands in for its summary; its goal (3, intent) does not
    assert "What was done: Published every school's reading results." in shown
    assert "Declared literacy the goal" not in shown
    assert "The ministry of a small country decided" not in shown
    # without characteristics in the selection, the summary is told
    shown = " ".join(text(Brief(theme(), fixture_corpus).examples()).split())
    assert "The ministry of a small country decided" in shown
    assert "What was done" not in shown


def test_quotations_follow_the_cases_the_brief_tells(fixture_corpus):
    # the quotation is linked to beta: shown when beta is told in full, not when it is
    # only a row of the annex, unless the theme names it
    told = text(Brief(theme(featured=["beta"], examples=2), fixture_corpus).perspectives())
    assert "Only the hood can save the hood." in told
    annexed = text(Brief(theme(examples=1), fixture_corpus).perspectives())
    assert "Only the hood can save the hood." not in annexed
    named = text(Brief(theme(examples=1, quotes=["quote-one"]), fixture_corpus).perspectives())
    assert "Only the hood can save the hood." in named


def test_the_leverage_chart_fades_what_the_theme_is_not_about():
    import pandas as pd

    from casebook.render.figures import leverage_bars

    counts = pd.DataFrame(
        {
            "leverage_point": [3, 6],
            "characteristic_id": ["intent", "design"],
            "interventions": [2, 1],
            "name": ["goals", "information flows"],
        }
    )
    characteristics = pd.DataFrame(
        {"id": ["intent", "design"], "order": [1, 2], "colour": ["#123", "#456"]}
    )
    from casebook.render.palette import FAINT

    colour = {
        t.name: t.marker.color for t in leverage_bars(counts, characteristics, ["design"]).data
    }
    assert colour == {"intent": FAINT, "design": "#456"}
    every = leverage_bars(counts, characteristics).data
    assert [t.marker.color for t in every] == ["#123", "#456"]


def test_perspectives_follow_the_cases_the_brief_tells(fixture_corpus):
    # the perspective is linked to alpha: shown when alpha is told, not when it is only a
    # row of the annex
    told = text(Brief(theme(examples=1), fixture_corpus).perspectives())
    assert "A test summary in our own words." in told
    annexed = text(Brief(theme(lead_case="beta", examples=1), fixture_corpus).perspectives())
    assert "A test summary in our own words." not in annexed
