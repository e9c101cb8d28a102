"""Files in any dress: UTF-8 as Windows editors save it is read; anything else is refused
with the file's name, the line and how to save it, and never a traceback."""

from __future__ import annotations

import codecs

import pytest

from casebook.content.corpus import load_corpus
from casebook.content.yamlfile import MAX_BYTES, read_text
from casebook.errors import ContentError


def refused(corpus_dir) -> ContentError:
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    return err.value


def test_utf8_with_a_byte_order_mark_and_windows_line_endings_is_read(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    corpus = load_corpus(corpus_dir)
    case = next(c for c in corpus.cases if c.id == "alpha")
    assert case.title == "Alpha sets a new goal"
    assert "\r" not in case.sections["Story"]


@pytest.mark.parametrize(
    ("content", "says", "line"),
    [
        ("utf-16", "the file is not text (UTF-16 text)", 1),
        ("latin-1", "the file is not UTF-8 text (byte 0xe9 on this line", 4),
        ("binary", "the file is not text (binary)", 3),
    ],
)
def test_a_file_in_another_encoding_is_refused_by_name(corpus_dir, content, says, line):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    if content == "utf-16":
        alpha.write_bytes(text.encode("utf-16"))
    elif content == "latin-1":
        alpha.write_bytes(text.replace("North", "Région", 1).encode("latin-1"))
    else:
        alpha.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = refused(corpus_dir)
    [problem] = [p for p in error.problems if p.file.endswith("alpha.md")]
    assert says in problem.message
    assert problem.line == line
    assert "save it as UTF-8" in problem.fix


def test_a_shared_file_with_nul_bytes_is_refused_by_name(corpus_dir):
    sources = corpus_dir / "sources.yml"
    sources.write_bytes(sources.read_bytes() + b"\x00")
    error = refused(corpus_dir)
    assert any(p.file.endswith("sources.yml") and "not text" in p.message for p in error.problems)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    text, problems = read_text(big, "big.md")
    assert text is None
    [problem] = problems
    assert "MB" in problem.message and problem.file == "big.md"


def test_an_invisible_control_character_is_named_with_its_line(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace("level: national", "level: nat\x80ional", 1), encoding="utf-8")
    error = refused(corpus_dir)
    [problem] = error.problems
    assert problem.message == "the text holds a control character (U+0080) that YAML does not allow"
    assert problem.line == 5
    assert "delete it" in problem.fix


@pytest.mark.parametrize("value", ["2020-13-45", "0x_", "-_"])
def test_a_value_that_looks_like_a_date_or_number_but_is_not_is_named_with_its_line(
    corpus_dir, value
):
    alpha = corpus_dir / "alpha.md"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace("level: national", f"level: {value}", 1), encoding="utf-8")
    [problem] = refused(corpus_dir).problems
    assert problem.file.endswith("alpha.md") and problem.line == 5
    assert problem.message.startswith("a value looks like a date or a number but is not one")
    assert "put it in quotes" in problem.fix
