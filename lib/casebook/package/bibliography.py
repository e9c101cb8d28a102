"""The bibliography for reference managers: CSL-JSON, BibTeX and RIS.

``casestudies/sources.yml`` holds each source's authors already split (people by family and
given names, organisations whole) and its language, so the writers here only translate:

- CSL-JSON (Zotero, Pandoc's citeproc, citeproc-js): people as ``family``/``given`` with a
  leading particle ("da", "von") as ``non-dropping-particle``; organisations as ``literal``;
  ``language`` so that only English titles are put in title case; no ``issued`` date for an
  undated source, which CSL styles render as "n.d.".
- BibTeX (JabRef, biber, pybtex): organisations double-braced so that "The Globe and Mail"
  stays one name; titles braced so that styles keep their case; ``langid``; ``year = {n.d.}``
  for an undated source, since the standard styles refuse an entry without a year. An entry
  type whose required fields the source cannot fill (a report with no publisher) is written
  as ``@misc`` rather than with an invented field.
- RIS (EndNote, Mendeley, EPPI-Reviewer), written with ``rispy``.

Where a publication appears (``container``, ``volume``, ``issue``, ``pages``, ``doi``,
``publisher``) goes into each format's own fields: the journal as BibTeX's ``journal`` (a
book as ``booktitle``), CSL's ``container-title`` and RIS's ``JO`` (``T2`` for a book).
The ``organisation`` is never a journal: it is the institution of a report, the school of a
thesis, the publisher of a book with none recorded, or the outlet of a news item or a blog.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from casebook.content.corpus import Corpus
    from casebook.content.evidence import Author, Source


# Source type -> (BibTeX entry type, CSL type, RIS type)
ENTRY_TYPES = {
    "seed": ("misc", "document", "GEN"),
    "evaluation": ("techreport", "report", "RPRT"),
    "academic": ("article", "article-journal", "JOUR"),
    "government": ("techreport", "report", "RPRT"),
    "organisation-report": ("techreport", "report", "RPRT"),
    "policy": ("techreport", "report", "RPRT"),
    "news": ("article", "article-newspaper", "NEWS"),
    "recording": ("misc", "speech", "ADVS"),
    "book": ("book", "book", "BOOK"),
    "dataset": ("misc", "dataset", "DATA"),
    "blog": ("misc", "post-weblog", "BLOG"),
    "webpage": ("misc", "webpage", "ELEC"),
    "chapter": ("incollection", "chapter", "CHAP"),
    "thesis": ("phdthesis", "thesis", "THES"),
}
# What the organisation is to each BibTeX entry type (elsewhere: "organization"), and the
# fields each type requires in the standard styles (plain, alpha, unsrt): without them an
# entry is written as @misc.
BIBTEX_ORGANISATION = {
    "techreport": "institution",
    "book": "publisher",
    "phdthesis": "school",
}
BIBTEX_REQUIRED = {
    "article": ("author", "journal"),
    "techreport": ("author", "institution"),
    "book": ("author", "publisher"),
    "incollection": ("author", "booktitle", "publisher"),
    "phdthesis": ("author", "school"),
}
# Source types whose organisation is the outlet they appear in (a newspaper, a blog's site):
# it stands as the container when none is given
OUTLETS = {"news", "blog"}
# ISO 639-1 -> the language names biblatex's langid takes (babel and polyglossia names)
LANGID = {"en": "english", "pt": "portuguese", "es": "spanish", "fr": "french"}


def particle_split(family: str) -> tuple[str, str]:
    """("da Silva Moura") -> ("da", "Silva Moura"): the lower-case words a family name
    starts with, which CSL calls its non-dropping particle."""
    words = family.split()
    n = 0
    while n < len(words) - 1 and words[n][:1].islower():
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def csl_name(author: Author) -> dict[str, str]:
    if author.name is not None:
        return {"literal": author.name}
    particle, family = particle_split(cast(str, author.family))  # a person has one
    name = {"family": family}
    if author.given:
        name["given"] = author.given
    if particle:
        name["non-dropping-particle"] = particle
    return name


def notes(source: Source) -> str:
    parts = [
        source.note,
        f"Seed document {source.file}" if source.file else None,
        # with no publisher's page the copy is the address itself: not said twice
        f"Copy read: {source.archive_url}" if source.url and source.archive_url else None,
        "Undated" if source.undated else None,
    ]
    return ". ".join(p.rstrip(". ") for p in parts if p)


def address(source: Source) -> str | None:
    """Where to find it: the publisher's page, or else the copy that was read."""
    return source.url or source.archive_url


def container(s: Source) -> str | None:
    """The journal, book, paper or site it appears in: the recorded container, else the
    outlet a news item or a blog post names as its organisation."""
    if s.container:
        return s.container
    return s.organisation if s.type in OUTLETS else None


def publisher(s: Source) -> str | None:
    """The recorded publisher, else the organisation when it is not the outlet."""
    if s.publisher:
        return s.publisher
    return s.organisation if s.type not in OUTLETS else None


def page_range(pages: str) -> tuple[str, str | None]:
    """("30-39") -> ("30", "39"); ("102434") -> ("102434", None)."""
    first, _, last = pages.partition("-")
    return first, last or None


def csl_item(s: Source) -> dict:
    item: dict = {"id": s.id, "type": ENTRY_TYPES[s.type][1], "title": s.title}
    if s.authors:
        item["author"] = [csl_name(a) for a in s.authors]
    if s.year:
        item["issued"] = {"date-parts": [[s.year]]}
    optional = {
        "container-title": container(s),
        "volume": s.volume,
        "issue": s.issue,
        "page": s.pages,
        "publisher": publisher(s),
        "DOI": s.doi,
    }
    item.update({key: value for key, value in optional.items() if value})
    item["language"] = s.language
    if address(s):
        item["URL"] = address(s)
    if notes(s):
        item["note"] = notes(s)
    return item


def csl_json(corpus: Corpus) -> str:
    """The bibliography as CSL-JSON (an array of items)."""
    items = [csl_item(s) for s in corpus.sources.values()]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


# Characters TeX reads as commands. A brace is written as a command, not as "\{": BibTeX
# still counts an escaped brace, so one unmatched brace would break every entry after it.
_BIBTEX_SPECIAL = str.maketrans(
    {c: f"\\{c}" for c in "&%$#_"}
    | {
        "{": "\\textbraceleft{}",
        "}": "\\textbraceright{}",
        "\\": "\\textbackslash{}",
        "~": "\\textasciitilde{}",
        "^": "\\textasciicircum{}",
    }
)


def _bib(value: object) -> str:
    return str(value).translate(_BIBTEX_SPECIAL)


def _name_part(part: str) -> str:
    """A family or given name, braced when BibTeX would split it ("Anderson and Co",
    "John, Jr.")."""
    text = _bib(part)
    return "{" + text + "}" if "," in part or " and " in f" {part} " else text


def bibtex_name(author: Author) -> str:
    if author.name is not None:
        return "{" + _bib(author.name) + "}"
    family = _name_part(cast(str, author.family))  # a person has one
    return f"{family}, {_name_part(author.given)}" if author.given else family


def bibtex_entry(s: Source) -> str:
    entry_type = ENTRY_TYPES[s.type][0]
    fields = {"title": "{" + _bib(s.title) + "}"}
    if s.authors:
        fields["author"] = " and ".join(bibtex_name(a) for a in s.authors)
    elif s.organisation:  # no author named: the organisation stands as the author
        fields["author"] = "{" + _bib(s.organisation) + "}"
    fields["year"] = str(s.year) if s.year else "n.d."
    fields.update(_bibtex_where(s, entry_type))
    if any(name not in fields for name in BIBTEX_REQUIRED.get(entry_type, ())):
        entry_type = "misc"
        where = container(s) or s.organisation or publisher(s)
        fields = {k: v for k, v in fields.items() if k not in _BIBTEX_ROLES}
        if where:
            fields["howpublished"] = _bib(where)
    fields["langid"] = LANGID.get(s.language, s.language)
    if url := address(s):
        fields["url"] = url
    if notes(s):
        fields["note"] = _bib(notes(s))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@{entry_type}{{{s.id},\n{body}\n}}"


# the fields that say where an entry appears, which a @misc says in howpublished
_BIBTEX_ROLES = {"journal", "booktitle", "institution", "school", "organization"}


def _bibtex_where(s: Source, entry_type: str) -> dict[str, str]:
    """Container, volume, number, pages, publisher, DOI and organisation, each in the field
    the entry type reads (pages with BibTeX's en dash, "30--39")."""
    fields = {}
    if container(s):
        fields["journal" if entry_type == "article" else "booktitle"] = _bib(container(s))
    if s.organisation and s.type not in OUTLETS:
        role = BIBTEX_ORGANISATION.get(entry_type, "organization")
        if role == "publisher" and s.publisher:  # a book's publisher, recorded apart
            role = "organization"
        fields[role] = _bib(s.organisation)
    optional = {
        "volume": s.volume,
        "number": s.issue,
        "pages": s.pages.replace("-", "--") if s.pages else None,
        "publisher": s.publisher,
    }
    fields.update({key: _bib(value) for key, value in optional.items() if value})
    if s.doi:  # verbatim, as biblatex reads it (a DOI has no braces or backslashes)
        fields["doi"] = s.doi
    return fields


def bibtex(corpus: Corpus) -> str:
    """The bibliography as BibTeX, keyed by source id (UTF-8; biber and Zotero read it)."""
    return "\n\n".join(bibtex_entry(s) for s in corpus.sources.values()) + "\n"


def ris_record(s: Source) -> dict:
    ris_type = ENTRY_TYPES[s.type][2]
    record: dict = {"type_of_reference": ris_type, "id": s.id, "title": s.title}
    if s.authors:
        record["authors"] = [
            a.name if a.name is not None else f"{a.family}, {a.given}" if a.given else a.family
            for a in s.authors
        ]
    if s.year:
        record["year"] = str(s.year)
    first, last = page_range(s.pages) if s.pages else (None, None)
    optional = {
        # JO, the journal, for articles and news; T2, the secondary title, for a book
        "journal_name" if ris_type in ("JOUR", "NEWS") else "secondary_title": container(s),
        "volume": s.volume,
        "number": s.issue,
        "start_page": first,
        "end_page": last,
        "publisher": publisher(s),
        "doi": s.doi,
    }
    record.update({key: value for key, value in optional.items() if value})
    record["language"] = s.language
    if address(s):
        record["urls"] = [address(s)]
    if notes(s):
        record["notes"] = [notes(s)]
    return record


def ris(corpus: Corpus) -> str:
    """The bibliography as RIS, one record per source (EndNote, Mendeley, EPPI-Reviewer)."""
    import rispy

    return rispy.dumps([ris_record(s) for s in corpus.sources.values()])
