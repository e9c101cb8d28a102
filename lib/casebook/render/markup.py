"""Markup for every page casebook shows: Jinja2 templates, and Markdown made safe.

All HTML comes from the templates in ``casebook/templates/`` through one Jinja2 environment
with autoescaping on, so there is a single escaping rule: a value is escaped unless it is
:class:`~markupsafe.Markup` made here. The only Markup made from content is Markdown, which
is rendered by markdown-it-py with raw HTML off and cleaned by nh3 with a short allow-list of
tags and URL schemes, so no script, event handler or ``javascript:`` link from a case file
reaches a page.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from markupsafe import Markup

from casebook import paths
from casebook.content.citations import CITATION_GROUP, group_ids

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
def environment():
    """The one Jinja2 environment: templates from the package, autoescaping everywhere."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(paths.TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,  # a misspelt variable is a bug, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["markdown"] = lambda text, citations=None: markdown_html(text, citations)
    env.filters["markdown_inline"] = lambda text, citations=None: markdown_inline(text, citations)
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """Text for inside a double-quoted CSS string: every character that could end the
    string, the rule or the style element written as a CSS escape."""
    return Markup(
        "".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n\r' or ord(ch) < 32 else ch for ch in text)
    )


def render(template: str, **context: Any) -> Markup:
    """Render a whole template file to safe HTML."""
    return Markup(environment().get_template(template).render(**context).strip())


def macro(template: str, name: str, **arguments: Any) -> Markup:
    """Call one macro of a template file: the small pieces (a feedback line, a card) live as
    macros beside each other in one file per view, instead of one file each."""
    return Markup(str(getattr(_module(template), name)(**arguments)).strip())


@cache
def _module(template: str):
    """A template's macros, made once: a brief calls the citation macro hundreds of times."""
    return environment().get_template(template).module


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def sanitise(fragment: str) -> Markup:
    """Clean an HTML fragment down to the allow-list (nh3 strips ``javascript:`` URLs)."""
    import nh3

    return Markup(
        nh3.clean(
            fragment,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            # a link opens beside the app or the brief, never in its place
            set_tag_attribute_values={"a": {"target": "_blank"}},
        )
    )


@dataclass
class Citations:
    """Numbers sources in order of first citation across a whole document."""

    order: list[str] = field(default_factory=list)

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def marker(self, source_ids: list[str]) -> Markup:
        """A superscript ``[1, 2]`` linking to the reference list, its numbers in order (they
        are given in order of first citation, so a later group may hold [4, 8]); empty for no
        sources."""
        numbers = sorted(self.number(s) for s in dict.fromkeys(source_ids))
        return macro("common.html.j2", "cite", numbers=numbers) if numbers else Markup("")

    def __call__(self, *source_ids: str) -> Markup:
        """``citations('a', 'b')`` in a template: the marker for those sources."""
        return self.marker([s for s in source_ids if s])


SPACED_CITATION = re.compile(r"(?:(?<=[^\s\-*+>])[ \t]*\n?[ \t]*)?" + CITATION_GROUP.pattern)


def markdown_html(text: str, citations: Citations | None = None, inline: bool = False) -> Markup:
    """Render Markdown to sanitised HTML, turning ``[@id]`` citations into numbered links.

    Without ``citations`` the citations are dropped (a place with no reference list).
    ``inline`` renders the text as the inside of one paragraph, to embed in a sentence.
    """
    placeholders: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        ids = group_ids(match.group(1))
        if not ids or citations is None:
            return ""
        key = f"CITE{len(placeholders)}X"
        placeholders[key] = citations.marker(ids)
        return key

    # A citation takes the space before it along, whether it becomes a marker or is dropped,
    # so no space is left before the punctuation that follows ("learning, the"), nor before
    # a marker. One line break at most (a blank line opens a paragraph), and never after a
    # list or quote marker.
    text = SPACED_CITATION.sub(replace, text or "")
    markdown = _markdown()
    rendered = str(sanitise(markdown.renderInline(text) if inline else markdown.render(text)))
    for key, marker in placeholders.items():
        rendered = rendered.replace(key, marker)
    return Markup(rendered)


def markdown_inline(text: str, citations: Citations | None = None) -> Markup:
    """Render one paragraph of Markdown without its paragraph wrapper."""
    return markdown_html(text, citations, inline=True)


def reference_html(source) -> Markup:
    """One entry of a reference list: author, organisation (year). Title. Where it was
    published. Address: the DOI's where there is one, since it outlives a publisher's page."""
    return macro(
        "common.html.j2", "reference", source=source, who=byline(source), where=published_in(source)
    )


def published_in(source) -> str:
    """Where a publication appears, as a reference list prints it: "Ambio 46(1), 30-39.
    Springer", "Curriculum Making in Europe, 77-98. Emerald Publishing"; "" when nothing
    is recorded apart from the organisation."""
    numbers = source.volume or ""
    if source.issue:
        numbers += f"({source.issue})" if source.volume else f"no. {source.issue}"
    container = " ".join(p for p in (source.container, numbers) if p)
    if source.pages:
        container = f"{container}, {source.pages}" if container else f"pp. {source.pages}"
    return ". ".join(p for p in (container, source.publisher) if p)


def byline(source) -> str:
    """Who a reference names, as a reader writes it: "A and B", "A, B and C", "A et al."
    for four or more, followed by the organisation unless it repeats a name; the
    organisation alone when no author is named; "Unattributed" when neither is."""
    names = [a.display for a in source.authors]
    people = (
        f"{names[0]} et al."
        if len(names) > 3
        else " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    )
    organisation = source.organisation or ""
    repeated = any(
        n.lower() in organisation.lower() or organisation.lower() in n.lower() for n in names
    )
    parts = [p for p in (people, "" if repeated else organisation) if p]
    return ", ".join(parts) or "Unattributed"


def download_link(data: bytes, filename: str, mime: str, label: str) -> Markup:
    """A link that downloads ``data`` from the page itself (works offline, no server)."""
    encoded = base64.b64encode(data).decode("ascii")
    return macro(
        "common.html.j2",
        "download_link",
        filename=filename,
        href=f"data:{mime};base64,{encoded}",
        label=label,
    )


def table_html(frame, caption: str = "", labels: dict[str, str] | None = None) -> Markup:
    """A DataFrame as a plain table, with readable column headings and empty cells for
    missing values (pandas' own ``to_html`` would show ``NaN`` and raw column names)."""
    labels = labels or {}
    columns = list(frame.columns)
    rows = [
        ["" if _missing(value) else value for value in row]
        for row in frame.itertuples(index=False, name=None)
    ]
    return macro(
        "common.html.j2",
        "table",
        headings=[labels.get(c, str(c).replace("_", " ")) for c in columns],
        rows=rows,
        caption=caption,
    )


def _missing(value) -> bool:
    try:
        return bool(value is None or value != value)  # NaN is the one value unequal to itself
    except (TypeError, ValueError):  # pandas.NA refuses comparison
        return True
