"""Markup comes from templates only, with one escaping rule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from casebook import paths
from casebook.render.markup import Citations, macro, markdown_inline, render, table_html

PACKAGE = Path(paths.__file__).parent
HTML_TAG = re.compile(
    r"</?(a|b|i|p|br|hr|em|strong|div|span|sup|h[1-6]|table|thead|tbody|tr|td|th|ul|ol|li|"
    r"blockquote|figure|figcaption|script|style|html|head|body|meta|title|main|img|code|pre)"
    r"(\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _hover_templates(tree: ast.AST) -> set[int]:
    """Strings inside ``hovertemplate=...``: plotly's own label format, not page markup."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "hovertemplate":
            found |= {id(n) for n in ast.walk(node.value)}
    return found


def html_in_python(source: str) -> list[tuple[int, str]]:
    """Every string constant in ``source`` holding an HTML tag (docstrings excepted)."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _hover_templates(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and HTML_TAG.search(node.value)
    ]


def test_the_scan_finds_html_built_in_python():
    assert [line for line, _ in html_in_python('x = f"<p>{name}</p>"')] == [1, 1]
    assert html_in_python('label = "<b>Filters</b>"') == [(1, "<b>Filters</b>")]
    assert html_in_python('def f():\n    """Returns <p> text."""\n') == []
    assert html_in_python('dict(hovertemplate="%{x}<br>%{y}<extra></extra>")') == []


def test_no_module_builds_html_in_python():
    found = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := html_in_python(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"these modules build HTML in Python; use a template: {found}"


def test_no_module_escapes_by_hand():
    """One escaping rule: Jinja2's autoescaping (no html.escape, no markupsafe.escape)."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert "html" not in [a.name for a in node.names], path
            if isinstance(node, ast.ImportFrom):
                assert node.module != "html", path
                assert "escape" not in [a.name for a in node.names], path


HOSTILE = '<script>alert("x")</script>'


def test_templates_escape_what_they_are_given():
    assert "<script>" not in macro("lesson.html.j2", "no_folder", folder=HOSTILE)
    assert "&lt;script&gt;" in macro("lesson.html.j2", "no_folder", folder=HOSTILE)
    table = table_html(__import__("pandas").DataFrame({"learner": [HOSTILE], "kappa": [None]}))
    assert "<script>" not in table and '<th scope="col">learner</th>' in table
    assert "<td></td>" in table  # a missing value shows as an empty cell, not NaN or <NA>


def test_markdown_is_the_one_thing_that_stays_markup():
    cited = markdown_inline("a *b* c [@src]", Citations())
    assert cited == 'a <em>b</em> c<sup class="cite">[<a href="#ref-1">1</a>]</sup>'
    assert "<script" not in markdown_inline(HOSTILE)


def test_a_misspelt_template_variable_fails_loudly():
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        render("brief/page.html.j2", title="t")


def test_a_group_of_citations_lists_its_numbers_in_order():
    citations = Citations()
    citations.marker(["a", "b", "c"])  # a=1, b=2, c=3
    text = str(citations.marker(["c", "a"]))
    assert text.index(">1</a>") < text.index(">3</a>")
