"""A theme's authored answers: ``### `` parts of a Markdown section, their paragraphs, and
the cases each paragraph names.

A theme answers each framing question under ``## Insights``, gives its takeaways under
``## Takeaways`` and opens its closing questions under ``## What's next``, one ``### ``
heading per question or audience. A paragraph names a case as a link to the case's id,
``[Sobral](#sobral)``: the reader sees the name, the build checks that the theme's selection
holds the case, and a brief narrowed with ``--where`` leaves out every paragraph that names a
case it does not cover, so a filtered brief never speaks of a case it left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casebook.content.fields import Strict

CASE_LINK = re.compile(r"\[([^\[\]]+)\]\(#([a-z0-9][a-z0-9-]*)\)")


class Block(Strict):
    """One paragraph or list of a part, as written, with the cases it names."""

    text: str
    cases: list[str]
    line: int  # 0-based, within the section's text


class Part(Strict):
    """One ``### `` heading and the blocks under it."""

    heading: str
    blocks: list[Block]
    line: int


def named_cases(text: str) -> list[str]:
    """The case ids a text links to, in order, each once."""
    return list(dict.fromkeys(m.group(2) for m in CASE_LINK.finditer(text)))


def unlinked(text: str) -> str:
    """The text with its case links turned into their plain names (what a reader sees)."""
    return CASE_LINK.sub(r"\1", text)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def split_parts(text: str) -> tuple[list[Part], list[int]]:
    """The ``### `` parts of a section, and the lines (0-based) of any text standing before
    the first heading, which belongs to no part. Blocks are the section's top-level
    paragraphs, lists and quotations, as markdown-it reads them."""
    lines = text.split("\n")
    parts: list[Part] = []
    stray: list[int] = []
    tokens = _parser().parse(text)
    for k, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        if token.type == "heading_open" and token.tag == "h3":
            parts.append(Part(heading=tokens[k + 1].content.strip(), blocks=[], line=start))
        elif token.type == "heading_open":
            stray.append(start)
        elif parts:
            block = "\n".join(lines[start:end]).strip()
            parts[-1].blocks.append(Block(text=block, cases=named_cases(block), line=start))
        else:
            stray.append(start)
    return parts, stray
