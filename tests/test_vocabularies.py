"""Vocabularies come from the taxonomy: a term added there shows in every count and chart.

The fixture taxonomy adds a fifth evidence grade and a fourth approach; one fixture case
takes each. Nothing in the analysis, the figures or the brief names the terms, so if any
of them read a hard-coded list, the new terms would silently go missing here.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import make_theme

from casebook import paths
from casebook.analysis import crosscase as analysis
from casebook.brief.sections import Brief, Section
from casebook.content.corpus import load_corpus
from casebook.content.taxonomy import load_taxonomy
from casebook.package.tables import corpus_tables
from casebook.render import figures

NEW_GRADE = """
- id: systematic
  colour: "#00441b"
  name: Systematic
  rank: 5
  criteria: >-
    A systematic review or meta-analysis of several independent evaluations.
"""
NEW_APPROACH = """
- id: co-designed
  colour: "#444444"
  name: Co-designed
  definition: >-
    Designed from the start by the authority and the people it serves together, as equals.
"""


@pytest.fixture
def extended(tmp_path, corpus_dir):
    taxonomy = tmp_path / "taxonomy"
    shutil.copytree(paths.TAXONOMY, taxonomy)
    for name, entry in (("evidence_grades.yml", NEW_GRADE), ("approaches.yml", NEW_APPROACH)):
        with (taxonomy / name).open("a", encoding="utf-8") as handle:
            handle.write(entry)
    beta = corpus_dir / "beta.md"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(
        text.replace("  type: bottom-up", "  type: co-designed").replace(
            "  grade: anecdotal", "  grade: systematic"
        ),
        encoding="utf-8",
    )
    corpus = load_corpus(corpus_dir, taxonomy=load_taxonomy(taxonomy))
    return corpus, corpus_tables(corpus)


def test_the_new_terms_reach_the_tables(extended):
    _, tables = extended
    assert analysis.approaches_order(tables) == ["top-down", "mixed", "bottom-up", "co-designed"]
    assert analysis.grades_order(tables)[0] == "systematic"
    assert tables["cases"].set_index("id").loc["beta", "approach"] == "co-designed"


def test_the_gap_map_has_a_column_for_the_new_approach_and_colours_the_new_grade(extended):
    _, tables = extended
    gap = analysis.gap_map(tables["cases"], tables["interventions"], tables)
    assert set(gap["approach"]) == {"top-down", "mixed", "bottom-up", "co-designed"}
    beta_cells = gap[gap["case_ids"] == "beta"]
    assert len(beta_cells) > 0 and set(beta_cells["grade"]) == {"systematic"}
    assert gap["grade_systematic"].sum() == len(beta_cells)
    drawn = figures.gap_map_figure(gap, tables["evidence_grades"])
    systematic = [t for t in drawn.data if t.name == "systematic"]
    assert len(systematic) == 1 and systematic[0].marker.color == "#00441b"


def test_the_approach_comparison_has_a_row_for_the_new_approach(extended):
    _, tables = extended
    comparison = analysis.approach_comparison(tables).set_index("approach")
    assert list(comparison.index) == ["top-down", "mixed", "bottom-up", "co-designed"]
    assert comparison.loc["co-designed", "cases"] == 1
    assert comparison.loc["co-designed", "grade_systematic"] == 1
    drawn = figures.case_map(tables["cases"], tables["approaches"])
    assert "co-designed" in [t.name for t in drawn.data]


def test_the_brief_counts_the_new_grade_and_approach(extended):
    corpus, _ = extended
    theme = make_theme()
    text = "".join(p.html for p in Brief(theme, corpus).insights() if isinstance(p, Section))
    # beta, co-designed, graded systematic; alpha, top-down, graded moderate: both firm, and
    # only alpha records improved learning
    assert (
        "Top-down cases more often record improved learning: 1 of 1 with improved learning "
        "on record, against 0 of 1 co-designed." in text
    )
    charts = [p for p in Brief(theme, corpus).insights() if hasattr(p, "figure")]
    gap = next(c.figure for c in charts if "gap map" in c.caption)
    assert "systematic" in {t.name for t in gap.data}
    assert "co-designed" in {x for t in gap.data for x in t.x}
