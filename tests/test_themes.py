"""Theme files: checked against the corpus, every problem naming the file, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.content.themes import load_theme
from casebook.errors import ContentError

THEME = """\
---
id: fixture
title: Fixture theme
framing_questions: ["Why?"]
lead_case: alpha
selection:
  approaches: [top-down]
  levels: [national]
claims: [goals-matter]
quotes: [quote-one]
closing_questions: ["What next?"]
---

## Introduction

A test theme [@report-2020].
"""


def write_theme(folder: Path, text: str = THEME) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "fixture.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_theme_file_loads(fixture_corpus, tmp_path):
    write_theme(tmp_path / "themes")
    theme = load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    assert (theme.id, theme.title, theme.lead_case) == ("fixture", "Fixture theme", "alpha")
    assert theme.selection.approaches == ["top-down"]
    assert theme.selection.levels == ["national"]
    assert (theme.claims, theme.quotes) == (["goals-matter"], ["quote-one"])
    assert theme.introduction == "A test theme [@report-2020]."


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        (
            "quotes: [quote-one]",
            "qoutes: [quote-one]",
            10,
            "qoutes",
            "unknown field 'qoutes'; did you mean 'quotes'?",
        ),
        (
            "  approaches: [top-down]",
            "  aproaches: [top-down]",
            7,
            "selection.aproaches",
            "unknown field 'aproaches'; did you mean 'approaches'?",
        ),
        ("id: fixture", "id: other", 2, "id", "the id 'other' differs from the file name"),
        ("lead_case: alpha", "lead_case: omega", 5, "lead_case", "no case has id 'omega'"),
        (
            "claims: [goals-matter]",
            "claims: [goals-matter, no-such-claim]",
            9,
            "claims[1]",
            "no claim has id 'no-such-claim'",
        ),
        (
            "quotes: [quote-one]",
            "quotes: [quote-two]",
            10,
            "quotes[0]",
            "no quote has id 'quote-two'",
        ),
        (
            "  levels: [national]",
            "  levels: [national, planetary]",
            8,
            "selection.levels[1]",
            "'planetary' is not a known value",
        ),
    ],
)
def test_a_bad_theme_file_names_the_file_field_and_line(
    fixture_corpus, tmp_path, old, new, line, field, message
):
    assert THEME.count(old) == 1, old
    path = write_theme(tmp_path / "themes", THEME.replace(old, new))
    with pytest.raises(ContentError) as err:
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    [problem] = err.value.problems
    assert Path(problem.file).resolve() == path.resolve()
    assert (problem.line, problem.field, problem.message) == (line, field, message)
    assert f"fixture.md:{line}: {field}: {message}" in str(err.value)


def test_the_fix_lists_the_values_a_theme_may_use(fixture_corpus, tmp_path):
    write_theme(tmp_path / "themes", THEME.replace("lead_case: alpha", "lead_case: omega"))
    with pytest.raises(ContentError, match="fix: use one of: alpha, beta"):
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    write_theme(tmp_path / "themes", THEME.replace("[national]", "[planetary]"))
    with pytest.raises(
        ContentError, match="fix: use one of: national, regional, municipal, school, network"
    ):
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")


def test_an_unknown_source_in_the_introduction_is_reported(fixture_corpus, tmp_path):
    write_theme(tmp_path / "themes", THEME.replace("[@report-2020]", "[@nowhere-2020]"))
    with pytest.raises(ContentError) as err:
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    [problem] = err.value.problems
    assert (Path(problem.file).name, problem.line, problem.field, problem.message) == (
        "fixture.md",
        THEME.splitlines().index("A test theme [@report-2020].") + 1,
        "## Introduction",
        "no source has id 'nowhere-2020'",
    )


def test_a_theme_without_an_introduction_is_reported(fixture_corpus, tmp_path):
    write_theme(tmp_path / "themes", THEME.split("## Introduction")[0])
    with pytest.raises(ContentError) as err:
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    assert "fixture.md:13: ## Introduction: the section is missing or empty" in str(err.value)


def test_a_theme_without_its_closing_fence_in_windows_dress_reports_every_problem(
    fixture_corpus, tmp_path
):
    text = THEME.replace("---\n\n## Introduction", "\n## Introduction").replace(
        "lead_case: alpha", "lead_case: omega"
    )
    path = write_theme(tmp_path / "themes", "")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(ContentError) as err:
        load_theme("fixture", fixture_corpus, directory=tmp_path / "themes")
    report = str(err.value)
    assert "fixture.md:13: the front matter has no closing '---' line" in report
    assert "omega" in report  # the file's other mistake, in the same run


@pytest.mark.parametrize("name", ["../README", "../casestudies/alpha", "/etc/passwd", "_template"])
def test_a_theme_name_never_reaches_outside_the_themes_folder(fixture_corpus, name):
    from casebook.content.themes import available_themes, load_theme
    from casebook.errors import UsageError

    with pytest.raises(UsageError) as err:
        load_theme(name, fixture_corpus)
    assert f"no theme '{name}'" in str(err.value)
    assert ", ".join(available_themes()) in str(err.value)
