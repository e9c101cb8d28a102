"""Pandoc-style citations in content text: ``[@id]``, ``[@id, p. 4]``, ``[@a; @b]``.

Case files, themes and the evidence base cite sources inside their prose. Finding those
citations is needed at every layer (the model lists what a case cites, the loader checks
that each resolves, the renderer numbers them, the lesson drops them), so the parsing lives
here, below all of them.
"""

from __future__ import annotations

import re

from casebook.content.headings import h2_headings

CITATION_GROUP = re.compile(r"\[(@[^\[\]]+)\]")
CITATION_KEY = re.compile(r"^@([A-Za-z0-9_-]+)")


def group_ids(group: str) -> list[str]:
    """The source ids in the inside of one ``[...]`` group (``@a, p. 4; @b`` -> a, b)."""
    return [m.group(1) for part in group.split(";") if (m := CITATION_KEY.match(part.strip()))]


def cited_ids(text: str) -> list[str]:
    """Source ids cited in Markdown text, in order of appearance."""
    if "[@" not in text:  # most text cites nothing; this test is far cheaper than the search
        return []
    return [source_id for group in CITATION_GROUP.findall(text) for source_id in group_ids(group)]


def without_citations(text: str) -> str:
    """Text with its citations removed and its spacing tidied (for places with no reference list)."""
    return " ".join(CITATION_GROUP.sub("", text).split())


def strings_in(node, at: tuple = ()):
    """Every string in a parsed YAML tree or a dumped model, with its location as a tuple of
    keys and list positions: where the checks look for citations."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_in(value, (*at, index))
    elif isinstance(node, str):
        yield at, node


def citation_line(body: str, body_line: int, section: str, source_id: str) -> int:
    """The file's line of the first citation of ``source_id`` in the ``## section`` of a
    Markdown ``body`` that starts on line ``body_line`` (its heading's line if the citation
    spans lines). Asked only for a citation that fails, so a valid body is never scanned."""
    heads = h2_headings(body)
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [start for start, name in heads if name == section]
    for start in starts:
        end = min((s for s, _ in heads if s > start), default=len(lines))
        for index in range(start + 1, end):
            if source_id in cited_ids(lines[index]):
                return body_line + index
    return body_line + (starts[0] if starts else 0)
