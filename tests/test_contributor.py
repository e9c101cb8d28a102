"""A new contributor's first case, with the mistakes first cases have, as a whole.

``fixtures/contributor/`` holds a case file and a bibliography entry written as a newcomer
writes them, with ten mistakes. One ``casebook build`` has to name every one of them, each
once, with its file, line, field and a fix, and without a traceback; fixing what that one
run names has to give a build that passes, so that no mistake waited behind another.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casebook.cli import main

CONTRIBUTOR = Path(__file__).parent / "fixtures" / "contributor"
CASE = "escuela-nueva.md"

# Each mistake: the file, the text with the mistake, the field named, words the message and
# the fix must hold, and the text that fixes it (what the fix proposes).
MISTAKES = {
    "colon in a title": (
        CASE,
        "title: Escuela Nueva: rural schools that teach themselves",
        "title",
        ("does not parse",),
        ("quote text that contains ': '",),
        'title: "Escuela Nueva: rural schools that teach themselves"',
    ),
    "a level misspelt": (
        CASE,
        "level: nationl",
        "level",
        ("did you mean 'national'?",),
        ("use one of the allowed values",),
        "level: national",
    ),
    "a year in words": (
        CASE,
        "period: {start: late 1970s}",
        "period.start",
        ("'late 1970s' is not a year",),
        ("Approximate dates",),
        "period: {start: 1976}",
    ),
    "an actor misspelt": (
        CASE,
        "actors: [goverment, teachers]",
        "actors[0]",  # the misspelt item itself
        ("did you mean 'government'?",),
        ("data/taxonomy/actors.yml",),
        "actors: [government, teachers]",
    ),
    "a key misspelt": (
        CASE,
        "    leverage_piont: 5",
        "interventions[0].leverage_piont",
        ("unknown field 'leverage_piont'", "did you mean 'leverage_point'?"),
        ("rename it to 'leverage_point'",),
        "    leverage_point: 5",
    ),
    "a direction misspelt": (
        CASE,
        "    direction: improve",
        "outcomes[0].direction",
        ("did you mean 'improved'?",),
        ("use one of the values listed",),
        "    direction: improved",
    ),
    "an unknown citation in a section": (
        CASE,
        "[@colbert-1999; @psacharopoulos-1993]",
        "## Evidence",
        ("no source has id 'psacharopoulos-1993'",),
        ("add it to casestudies/sources.yml or correct the id",),
        "[@colbert-1999]",
    ),
    "authors written as text": (
        "sources.yml",
        "  authors: [Colbert, V., Chiappe, C.]",
        "colbert-1999.authors",
        ("authors written as text", "{family: ..., given: ...}"),
        ("- {family: Colbert, given: V.}", "- {family: Chiappe, given: C.}"),
        "  authors: [{family: Colbert, given: V.}, {family: Chiappe, given: C.}]",
    ),
    "a source key misspelt": (
        "sources.yml",
        "  orgnisation: Fundación Escuela Nueva",
        "colbert-1999.orgnisation",
        ("did you mean 'organisation'?",),
        ("fields allowed here",),
        "  organisation: Fundación Escuela Nueva",
    ),
    "a source without an address": (
        "sources.yml",
        "- id: colbert-1999",
        "colbert-1999.url",
        ("a public source needs url",),
        ("archive_url", "library catalogue"),
        "- id: colbert-1999\n  url: https://example.org/escuela-nueva",
    ),
}


@pytest.fixture
def contributed(corpus_dir) -> Path:
    """The fixture corpus with the contributor's case and source added."""
    shutil.copy(CONTRIBUTOR / CASE, corpus_dir / CASE)
    sources = corpus_dir / "sources.yml"
    added = (CONTRIBUTOR / "sources.yml").read_text(encoding="utf-8")
    sources.write_text(sources.read_text(encoding="utf-8") + added, encoding="utf-8")
    return corpus_dir


def build(source: Path, capsys) -> tuple[int, str]:
    status = main(["build", "--source", str(source), "--out", str(source.parent / "data")])
    return status, capsys.readouterr().err


def problems_of(report: str) -> list[tuple[str, int, str, str, str]]:
    """(file name, line, field, message, fix) of each problem in a build's report."""
    found = []
    pattern = r"^  (\S+?):(\d+): (## [^:]+|\S+?): (.+)\n    fix: (.+(?:\n {9}.+)*)"
    for file, line, field, message, fix in re.findall(pattern, report, re.M):
        found.append((Path(file).name, int(line), field, message, fix))
    return found


def line_of(folder: Path, name: str, text: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text.split("\n")[0] in line)


def test_one_build_names_every_mistake_once_with_file_line_field_and_fix(contributed, capsys):
    status, report = build(contributed, capsys)
    assert status == 1
    assert "Traceback" not in report
    found = problems_of(report)
    assert report.startswith(f"{len(MISTAKES)} problems in 2 files:")
    assert len(found) == len(MISTAKES), report  # each problem has a line and a fix
    for name, (file, text, field, says, fixes) in ((k, v[:5]) for k, v in MISTAKES.items()):
        line = line_of(contributed, file, text)
        named = [p for p in found if p[:3] == (file, line, field)]
        assert len(named) == 1, f"{name}: {(file, line, field)} not named once in\n{report}"
        _, _, _, message, fix = named[0]
        assert all(words in message for words in says), f"{name}: {message}"
        assert all(words in fix for words in fixes), f"{name}: {fix}"


def test_fixing_what_the_first_build_names_gives_a_build_that_passes(contributed, capsys):
    build(contributed, capsys)
    for file, text, *_, fixed in MISTAKES.values():
        path = contributed / file
        content = path.read_text(encoding="utf-8")
        assert content.count(text) == 1, text
        path.write_text(content.replace(text, fixed), encoding="utf-8")
    status, report = build(contributed, capsys)
    assert (status, report) == (0, "")
