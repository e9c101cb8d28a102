"""Markdown from case and theme files to safe HTML, with numbered citations.

Case files are written by many hands, so their Markdown is treated as untrusted: raw HTML is
escaped by markdown-it-py (``html=False``) and the result is cleaned by nh3 with a short
allow-list of tags and of URL schemes, so no script, event handler or ``javascript:`` link
survives into a brief.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .corpus import CITATION_GROUP, CITATION_KEY

ALLOWED_TAGS = {
    "a",
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "br",
    "hr",
    "sup",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class", "id"},
    "sup": {"class"},
    "span": {"class"},
    "th": {"scope"},
    "li": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def sanitise(fragment: str) -> str:
    """Clean an HTML fragment down to the allow-list (nh3 strips ``javascript:`` URLs)."""
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@dataclass
class Citations:
    """Numbers sources in order of first citation across a whole document."""

    order: list[str] = field(default_factory=list)

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def marker(self, source_ids: list[str]) -> str:
        links = ", ".join(
            f'<a href="#ref-{self.number(s)}">{self.number(s)}</a>' for s in source_ids
        )
        return f'<sup class="cite">[{links}]</sup>'


def markdown_html(text: str, citations: Citations | None = None) -> str:
    """Render Markdown to sanitised HTML, turning ``[@id]`` citations into numbered links."""
    placeholders: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        ids = [
            m.group(1)
            for part in match.group(1).split(";")
            if (m := CITATION_KEY.match(part.strip()))
        ]
        if not ids or citations is None:
            return ""
        key = f"CITE{len(placeholders)}X"
        placeholders[key] = citations.marker(ids)
        return key

    text = CITATION_GROUP.sub(replace, text)
    # Tidy the space left before a citation marker that ended a sentence.
    # Spaces only (a newline may open a paragraph), and not after a list or quote marker.
    text = re.sub(r"(?<=[^\s\-*+>])[ \t]+(CITE\d+X)", r"\1", text)
    rendered = sanitise(_markdown().render(text))
    for key, marker in placeholders.items():
        rendered = rendered.replace(key, marker)
    return rendered


def markdown_inline(text: str, citations: Citations | None = None) -> str:
    """Render one paragraph of Markdown without its ``<p>`` wrapper, to embed in a sentence."""
    rendered = markdown_html(text, citations).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def reference_html(source) -> str:
    """One entry of a reference list: author, organisation (year). Title. Address."""
    where = (
        f'<a href="{escape(source.url)}">{escape(source.url)}</a>'
        if source.url
        else f"seed document {escape(source.file)}"
    )
    year = source.year or ("n.d." if source.undated else "")
    org = (
        f", {escape(source.organisation)}"
        if source.organisation and source.organisation != source.author
        else ""
    )
    return f"{escape(source.author)}{org}{f' ({year})' if year else ''}. <em>{escape(source.title)}</em>. {where}"


def escape(text: object) -> str:
    return html.escape("" if text is None else str(text))
