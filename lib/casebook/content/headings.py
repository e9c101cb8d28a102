"""Find a case body's ``## `` headings quickly, with markdown-it's answer as the contract.

Parsing a body with markdown-it costs about a millisecond, too slow for a corpus of 100,000
cases, yet case bodies are almost always plain: ``## Story``, paragraphs, sometimes lists.
:func:`h2_headings` reads such bodies with two regular expressions and hands anything else to
markdown-it, so its answer is markdown-it's for every input.

The scanner accepts a body only when every line is one of these:

- blank (spaces only);
- a line starting, after at most 3 spaces, with ``#``: an ATX heading, or paragraph text
  such as ``##x`` or ``#######``;
- paragraph text whose start opens no block (a letter, ``[``, ``@``, inline code,
  ``*emphasis*``, a number that is not a list marker...);
- a ``-``, ``+``, ``*``, ``1.`` or ``1)`` list item whose text starts the same way.

An ATX heading interrupts any paragraph, list or link reference definition, so in such a
body every ``## `` line (up to 3 spaces in) is a heading and no other line is. Whatever could change that makes
the scanner defer: a line that could be a setext underline or a thematic break (``---``,
``===``, ``***``, ``- `` alone), a fence, an HTML block, a block quote, a heading or other
block inside a list item, 4 or more spaces of indent (code), tabs (which expand to
columns), and ``\\r`` or NUL, which markdown-it rewrites before parsing.
"""

from __future__ import annotations

import re
from typing import cast

# The start of text that opens no block: a number that is no list marker, one or two
# backticks or tildes (inline code, not a fence), emphasis (not a thematic break), or a
# character no block starts with.
_PLAIN = r"(?:[^\s#`~<>=_+*\-\d]|\d+(?!\d|[.)](?:[ \n]|\Z))|`{1,2}(?!`)|~{1,2}(?!~)|[*_]+[^\s*_])"
# A blank line, a line starting with '#', a list item or paragraph line starting plainly.
_LINE = rf"(?: *(?![^\n])| {{0,3}}(?:#|(?:[-+*]|\d{{1,9}}[.)]) +{_PLAIN}|{_PLAIN}))"
# Both are searched in "\n" + body: re finds a pattern that starts with a literal by a fast
# scan for it, where '^' with MULTILINE is tried at every character (ten times slower).
_UNSAFE = re.compile(rf"\n(?!{_LINE})")
_H2 = re.compile(r"\n {0,3}##( [^\n]*+)?(?![^\n])")


def h2_headings(body: str) -> list[tuple[int, str]]:
    """(0-based line index, heading text) of every level-2 heading, exactly as
    markdown-it-py's commonmark block parser reports them (the list split_sections builds
    today)."""
    found = _scan(body)
    return _markdown_it(body) if found is None else found


def _scan(body: str) -> list[tuple[int, str]] | None:
    """The headings of a plain body, or None when the body needs markdown-it."""
    text = "\n" + body
    if "\r" in body or "\t" in body or "\0" in body or _UNSAFE.search(text):
        return None
    heads = []
    line = start = 0
    for match in _H2.finditer(text):
        line += text.count("\n", start, match.start())
        start = match.start()
        heads.append((line, _heading_text(match[1] or "")))
    return heads


def _heading_text(rest: str) -> str:
    """The text after ``##``, less a closing run of ``#`` that follows a space, as
    markdown-it's heading rule cuts it (``## Story ##`` is "Story", ``## C#`` is "C#")."""
    rest = rest.rstrip(" ")
    bare = rest.rstrip("#")
    if bare.endswith(" "):
        rest = bare
    return rest.strip()


def _markdown_it(body: str) -> list[tuple[int, str]]:
    """markdown-it's answer: what split_sections computed before this module existed."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").disable("inline").parse(body)
    return [
        (cast(list[int], t.map)[0], tokens[i + 1].content.strip())  # a block token has a map
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
