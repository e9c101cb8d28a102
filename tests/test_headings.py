"""casebook.content.headings gives markdown-it's ``## `` headings for every body, and the fast scanner
takes every real case body."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook import paths
from casebook.content.headings import _markdown_it, _scan, h2_headings
from casebook.content.yamlfile import read_front_matter

# a conformance table against markdown-it: in `make test`, not in `make test-fast`
pytestmark = pytest.mark.slow


def real_bodies() -> list[tuple[str, str]]:
    bodies = []
    for path in sorted(paths.CASESTUDIES.glob("*.md")):
        parsed, _ = read_front_matter(path, path.name)
        if parsed is not None:  # README.md has no front matter
            bodies.append((path.name, parsed.body))
    return bodies


def test_real_bodies_take_the_fast_path():
    bodies = real_bodies()
    assert len(bodies) >= 20
    for name, body in bodies:
        fast = _scan(body)
        assert fast is not None, f"{name} needs markdown-it"
        assert fast == _markdown_it(body), name
        assert h2_headings(body)[0][1] == "Story", name


# Lines whose effect on the headings around them the scanner must get right or defer on.
TRICKY = [
    "## Story", "##", "## ", "##x", "## #", "## ##", "## Story ##", "## Story ##  ", "## C#",
    "## a \\##", "## a #b", "## a\u00a0##", "### Three", "# One", "####### Seven", "#\u00a0x",
    "   ## Three spaces", "    ## Four spaces", "  ##  Padded  ##  ",
    "---", "-", "- ", "--", "- - -", " ---", "---  ", "===", "=", "***", "* * *", "___", "_ _ _",
    "+++", "**bold** text", "*em* text", "_em_ text", "-x", "=x",
    "```", "```python", "~~~", "``two`` ticks", "`code` text", "~x~ text", "    code",
    "<div>", "</div>", "<!-- comment -->", "<https://example.org>",
    "> ## Quoted", "> text", ">", ">## Tight",
    "- item", "- ## Listed", "-  ## Listed", "-     ## Coded", "* item", "+ item", "1. item",
    "1. ## Listed", "1) item", "2. item", "1.", "1.5 million", "2009. A year",
    "  - nested", "   continuation", "- > ## Deep", "- - ## Deeper",
    "[ref]: /url", "[ref]: /url 'title", "[@cite] text", "\\## Escaped", "#hashtag",
    "\t## Tab", "## Tab\t##", "##\tTab", "- \titem", "text\twith tab",
    "text\r", "## CR\r", "\r", "   ", "      ", "\x0c## Form feed", "## NUL\0", "\ufeff## BOM",
    "## Line\u2028separator", "## Trailing\x1c", "text # with hash",
]  # fmt: skip
PLACEMENTS = [
    "{}",
    "{}\n## Next\n",
    "Text\n{}\n## Next\n",
    "Text\n\n{}\n\n## Next\ntext",
    "- item\n{}\n## Next",
    "## Before\n{}\n---\n",
]


@pytest.mark.parametrize("line", TRICKY)
@pytest.mark.parametrize("placement", PLACEMENTS)
def test_tricky_bodies_match_markdown_it(line, placement):
    body = placement.format(line)
    assert h2_headings(body) == _markdown_it(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text\n---\n", [(0, "Text")]),  # a setext heading
        ("---\n## Story\n", [(1, "Story")]),  # a thematic break
        ("> ## Quoted\n", [(0, "Quoted")]),  # headings inside block quotes count
        ("- ## Listed\n", [(0, "Listed")]),  # and inside list items
        ("```\n## Code\n```\n", []),
        ("## Story ##\n##\n## C#\n", [(0, "Story"), (1, ""), (2, "C#")]),
        ("a\r\n## CR\n", [(1, "CR")]),  # markdown-it reads \r\n as one line break
        ("Text\n- \n", [(0, "Text")]),  # '- ' is an underline, not an empty list item
        ("Text\n1.\n---\n", [(0, "Text\n1.")]),  # a heading over two lines
        ("Text\n    ## x\n", []),  # indented under a paragraph: its continuation
        ("- a\n\n    ## x\n", [(2, "x")]),  # 4 spaces, but 2 inside the list item
        ("## Trailing\x1c\n", [(0, "Trailing")]),  # kept by markdown-it, cut by str.strip
    ],
)
def test_known_answers(body, expected):
    assert h2_headings(body) == expected == _markdown_it(body)


@pytest.mark.parametrize(
    "body", ["Text\n---\n", "> x\n", "```\n", "    x\n", "- ## x\n", "<div>\n", "a\tb\n"]
)
def test_the_scanner_defers_on_what_it_cannot_decide(body):
    assert _scan(body) is None


def line_shapes(indents, containers, markers, gaps, texts):
    return st.builds(
        "{}{}{}{}{}".format,
        *(st.sampled_from(part) for part in (indents, containers, markers, gaps, texts)),
    )


# Lines the scanner reads itself: headings of levels 1-3 with closing hashes and leading
# spaces, list items, paragraph text containing '#', blank lines, spaces only.
INDENTS = ["", " ", "  ", "   "]
PLAIN_LINES = (
    line_shapes(
        INDENTS,
        ["#", "##", "##", "###", ""],
        ["", " ", "  "],
        ["", "Story", "a # b", "x ##", "x#", "#", "## ", "x \\#", "C# #", "  ", "x\u00a0##"],
        ["", " ", ".", "  #", "\u00a0x", " *em* ##", "`c`"],
    )
    | line_shapes(
        INDENTS,
        ["- ", "* ", "+ ", "1. ", "12) ", "-  "],
        ["Item", "*em*", "`code`", "[@ref]", "2009", "\\#"],
        ["", " ", "  "],
        ["", "a # b", "x ##", "#"],
    )
    | st.sampled_from(["", "   ", "Text"])
)
# Anything at all: setext underlines, thematic breaks, fences, indented code, quotes, HTML,
# tabs, carriage returns, and the table above.
LINES = (
    st.sampled_from(TRICKY)
    | PLAIN_LINES
    | line_shapes(
        ["", "  ", "   ", "    ", "\t"],
        ["", "- ", "1. ", "> ", ">"],
        ["#", "##", "###", "", "-", "---", "=", "===", "***", "_ _ _", "```", "~~~", "<div>"],
        ["", " ", "\t", "\r"],
        ["", "Story", "a # b", "x ##", "---", "  "],
    )
)


@settings(max_examples=2500, deadline=None)
@given(st.lists(PLAIN_LINES, max_size=12), st.sampled_from(["", "\n"]))
def test_plain_bodies_match_markdown_it(lines, end):
    body = "\n".join(lines) + end
    assert h2_headings(body) == _markdown_it(body)


@settings(max_examples=2500, deadline=None)
@given(st.lists(LINES, max_size=12), st.sampled_from(["", "\n"]))
def test_any_body_of_tricky_lines_matches_markdown_it(lines, end):
    body = "\n".join(lines) + end
    assert h2_headings(body) == _markdown_it(body)


@settings(max_examples=2500, deadline=None)
@given(st.text(alphabet="#-=*_>`~< \t\n\r1.)+xa\\[]:", max_size=60))
def test_any_text_matches_markdown_it(body):
    assert h2_headings(body) == _markdown_it(body)


def test_split_sections_counts_lines_as_markdown_does():
    """A form feed is no line break to markdown-it: the section's text starts after its
    heading, not one line early."""
    from casebook.content.corpus import split_sections

    sections, problems = split_sections("Intro\x0cmore\n## Story\nThe story.", 10, "f.md")
    assert sections == {"Story": "The story."}
    assert [(p.message, p.line) for p in problems] == [
        ("text before the first '## ' section heading", 10)
    ]
