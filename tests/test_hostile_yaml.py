"""Aliases and merge keys are refused by every reader, quickly, with the file and the line.

Nested aliases ("billion laughs") make a few lines expand into billions of values, so a
reader that expands them hangs and fills memory. Each reader here runs in its own process
with a time limit, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casebook import paths
from casebook.content.yamlfile import parse_yaml

# hostile files run against a time limit by every reader: in `make test`, not in
# `make test-fast`
pytestmark = pytest.mark.slow

LIMIT = 60  # seconds; the refusal itself takes milliseconds, the rest is starting Python

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
MERGE = "base: &base {x: 1}\nother:\n  <<: *base\n  y: 2\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run in a fresh process that is killed (and the test failed) after LIMIT seconds."""
    return subprocess.run(args, capture_output=True, text=True, timeout=LIMIT, cwd=cwd, check=False)


def casebook(*args: str) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "casebook", *args)


def test_nested_aliases_are_refused_at_the_first_alias_with_its_anchor():
    doc, [problem] = parse_yaml(LAUGHS, "x.yml")
    assert doc is None
    assert problem.line == 2
    assert problem.message == "an alias '*a' repeats a value written elsewhere, anchored on line 1"
    assert "write the value out in full" in problem.fix


def test_a_merge_key_is_refused_on_its_line_with_or_without_an_alias():
    assert parse_yaml(MERGE, "x.yml")[1][0].line == 3
    _, [problem] = parse_yaml("other:\n  <<: {x: 1}\n", "x.yml", line_offset=1)
    assert problem.line == 3 and "merge key '<<'" in problem.message


def test_an_anchor_alone_and_a_quoted_merge_sign_still_read():
    assert parse_yaml("a: &keep 1\nb: '<<'\n'<<': 2\n", "x.yml")[0].data == {
        "a": 1,
        "b": "<<",
        "<<": 2,
    }


def front_matter_with_laughs(text: str) -> str:
    """A case file's text with the aliases added at the end of its front matter."""
    head, rest = text.split("\n---\n", 1)
    return head + "\n" + LAUGHS.replace("a:", "zz_a:") + "---\n" + rest


@pytest.mark.parametrize("file", ["alpha.md", "sources.yml", "quotes.yml"])
def test_the_build_refuses_aliases_in_a_case_or_a_shared_file(corpus_dir, tmp_path, file):
    path = corpus_dir / file
    text = path.read_text(encoding="utf-8")
    if file.endswith(".md"):
        text = front_matter_with_laughs(text)
        expected = text.splitlines().index(LAUGHS.splitlines()[1]) + 1
    else:  # a list of records: the laughs go in one more record
        text += "- id: laughs\n" + textwrap.indent(LAUGHS, "  ")
        expected = len(text.splitlines()) - 7
    path.write_text(text, encoding="utf-8")
    done = casebook("build", "--source", str(corpus_dir), "--out", str(tmp_path / "data"))
    assert done.returncode != 0
    assert f"{file}:{expected}" in done.stderr + done.stdout
    assert "alias '*a'" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


@pytest.fixture
def hostile_workshop(tmp_path) -> Path:
    path = tmp_path / "team.yml"
    text = (paths.ROOT / "workshops" / "riverside-sample.yml").read_text(encoding="utf-8")
    path.write_text(text + "notes:\n" + textwrap.indent(LAUGHS, "  "), encoding="utf-8")
    return path


def test_canvas_refuses_a_workshop_file_of_aliases(hostile_workshop):
    done = casebook("canvas", str(hostile_workshop))
    assert done.returncode != 0
    assert "team.yml:" in done.stderr and "alias '*a'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(hostile_workshop.parent.glob("*.html"))


def test_the_workshop_apps_upload_refuses_a_ratings_file_of_aliases(tmp_path):
    team = Path(shutil.copy(paths.ROOT / "workshops" / "riverside-sample.yml", tmp_path / "t.yml"))
    script = textwrap.dedent(
        f"""
        import datetime, json, pathlib
        from casebook.workshop.app import WorkshopApp
        app = WorkshopApp(pathlib.Path({str(team)!r}))
        content = memoryview({LAUGHS!r}.encode())
        app.w_upload.value = ({{"name": "ratings-eve.yml", "type": "text/yaml", "size": 1,
                                "last_modified": datetime.datetime.now(), "content": content}},)
        app.merge_uploads()
        print(json.dumps(app.w_status.value))
        """
    )
    done = run(sys.executable, "-c", script)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout.strip().splitlines()[-1])
    assert "Merged 0 ratings files" in status
    assert "ratings-eve.yml" in status and "alias" in status and "line 2" in status
